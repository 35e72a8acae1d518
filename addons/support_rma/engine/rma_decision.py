# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The RMA decision on a failure analysis, as a pure function.

Nothing here imports Odoo; the model gathers the facts and stores the
decision and its reason code, rendered in the reader's language.
"""

from dataclasses import dataclass

AUTHORISED = "authorised"
REFUSED = "refused"

RESULT_CONFIRMED = "confirmed"
RESULT_NOT_CONFIRMED = "not_confirmed"
RESULTS = (RESULT_CONFIRMED, RESULT_NOT_CONFIRMED)

CAUSE_PRODUCT = "product_fault"
CAUSE_MISUSE = "misuse"
CAUSES = (CAUSE_PRODUCT, CAUSE_MISUSE)

# Reason codes of each decision, in the order the checks run.
REASONS = {
    REFUSED: ("not_confirmed", "misuse", "no_warranty", "out_of_warranty"),
    AUTHORISED: ("authorised",),
}


@dataclass(frozen=True)
class Decision:
    decision: str
    code: str


def decide(result, cause, warranty_end, report_date):
    """The :class:`Decision` on a finished analysis.

    An RMA is authorised only when the defect is confirmed, its cause is a
    fault of the product (the unit was used within its terms) and the unit
    is under warranty on the day the defect was reported: the warranty's
    last day still counts. An unknown warranty end is no warranty.
    """
    if result not in RESULTS:
        raise ValueError(f"unknown analysis result {result!r}")
    if result == RESULT_NOT_CONFIRMED:
        return Decision(REFUSED, "not_confirmed")
    if cause not in CAUSES:
        raise ValueError(f"unknown cause {cause!r}")
    if cause == CAUSE_MISUSE:
        return Decision(REFUSED, "misuse")
    if not warranty_end:
        return Decision(REFUSED, "no_warranty")
    if report_date > warranty_end:
        return Decision(REFUSED, "out_of_warranty")
    return Decision(AUTHORISED, "authorised")
