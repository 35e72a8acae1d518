# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""contract's own tests, rerun once our addons are loaded (see common.py)."""

from odoo.addons.contract.tests import (
    test_contract,
    test_contract_manually_create_invoice,
    test_multicompany,
    test_portal,
)

from .common import rerun


@rerun(test_contract.TestContract)
class TestContract(test_contract.TestContract):
    """Reruns the OCA class unchanged."""


@rerun(test_contract_manually_create_invoice.TestContractManuallyCreateInvoice)
class TestContractManuallyCreateInvoice(
    test_contract_manually_create_invoice.TestContractManuallyCreateInvoice
):
    """Reruns the OCA class unchanged."""


@rerun(test_multicompany.ContractMulticompanyCase)
class ContractMulticompanyCase(test_multicompany.ContractMulticompanyCase):
    """Reruns the OCA class unchanged."""


@rerun(test_portal.TestContractPortal)
class TestContractPortal(test_portal.TestContractPortal):
    """Reruns the OCA class unchanged."""
