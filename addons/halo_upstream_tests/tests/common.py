# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How this module reruns an OCA test class.

Each ``test_<oca addon>.py`` imports the OCA test *modules* (never their
classes: Odoo's loader collects every test class found in a test module's
namespace, and would run an imported OCA class a second time, at install)
and declares one subclass per OCA test class, decorated with ``rerun``.
"""

from odoo.tests import tagged

UPSTREAM_ADDONS = (
    "helpdesk_mgmt",
    "helpdesk_type",
    "helpdesk_mgmt_timesheet",
    "helpdesk_mgmt_fieldservice",
    "fieldservice",
    "contract",
    "rma",
)


def own_tests(upstream):
    """The test methods ``upstream`` defines in its own body.

    Odoo's loader (``odoo.tests.loader.get_module_test_cases``) runs those of
    a class, not the ones it inherits: its base classes' tests run under
    their own class.  A rerun takes the same set.
    """
    return {
        name: member
        for name, member in vars(upstream).items()
        if name.startswith("test") and callable(member)
    }


def rerun(upstream):
    """Class decorator: the class runs ``upstream``'s own tests post_install.

    The subclass inherits the OCA class's setup and helpers; the decorator
    copies the OCA test methods into the subclass's body (where Odoo's
    loader looks for them), leaving alone any the subclass overrides, and
    tags the class ``post_install`` so that it runs once every module of
    the database, ours included, is loaded.
    """

    def decorate(cls):
        for name, member in own_tests(upstream).items():
            if name not in vars(cls):
                setattr(cls, name, member)
        cls.upstream_class = upstream
        return tagged("post_install", "-at_install", "halo_upstream")(cls)

    return decorate
