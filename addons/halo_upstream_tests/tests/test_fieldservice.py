# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""fieldservice's own tests, rerun once our addons are loaded (see common.py)."""

from odoo.addons.fieldservice.tests import (
    test_fsm_category,
    test_fsm_equipment,
    test_fsm_location,
    test_fsm_order,
    test_fsm_order_template_onchange,
    test_fsm_person,
    test_fsm_team,
    test_fsm_wizard,
    test_res_partner,
)

from .common import rerun


@rerun(test_fsm_category.TestFsmCategory)
class TestFsmCategory(test_fsm_category.TestFsmCategory):
    """Reruns the OCA class unchanged."""


@rerun(test_fsm_equipment.FSMEquipment)
class FSMEquipment(test_fsm_equipment.FSMEquipment):
    """Reruns the OCA class unchanged."""


@rerun(test_fsm_location.FSMLocation)
class FSMLocation(test_fsm_location.FSMLocation):
    """Reruns the OCA class unchanged."""


@rerun(test_fsm_order.TestFSMOrder)
class TestFSMOrder(test_fsm_order.TestFSMOrder):
    def test_fsm_order_default_team(self):
        # The OCA test deletes every field-service team, which PostgreSQL
        # refuses while an order refers to one (fsm_order_team_id_fkey); it
        # fails so on any database with an order, with or without our addons.
        # Our demo data plans an onsite visit (an order): it goes first, in
        # the test's own transaction, and the OCA test then runs unchanged.
        self.env["fsm.order"].search([("id", "!=", self.order.id)]).unlink()
        return super().test_fsm_order_default_team()


@rerun(test_fsm_order_template_onchange.TestTemplateOnchange)
class TestTemplateOnchange(test_fsm_order_template_onchange.TestTemplateOnchange):
    """Reruns the OCA class unchanged."""


@rerun(test_fsm_person.FSMPerson)
class FSMPerson(test_fsm_person.FSMPerson):
    """Reruns the OCA class unchanged."""


@rerun(test_fsm_team.FSMTeam)
class FSMTeam(test_fsm_team.FSMTeam):
    """Reruns the OCA class unchanged."""


@rerun(test_fsm_wizard.FSMWizard)
class FSMWizard(test_fsm_wizard.FSMWizard):
    """Reruns the OCA class unchanged."""


@rerun(test_res_partner.FSMResPartner)
class FSMResPartner(test_res_partner.FSMResPartner):
    """Reruns the OCA class unchanged."""
