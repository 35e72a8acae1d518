# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""helpdesk.ticket.entitlement_reason is no longer stored.

It was prose in the language of whoever triggered the last verdict; the
verdict's reason is now stored as a code and its parameters
(``entitlement_reason_code``, ``entitlement_reason_params``, new stored
computed fields that the update computes for every ticket) and rendered
when read, in the reader's language. The old column would only go stale:
it is dropped.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE helpdesk_ticket DROP COLUMN IF EXISTS entitlement_reason")
