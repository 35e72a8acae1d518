# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reason of a timesheet line's verdict is no longer stored as text.

18.0.1.2.0 stores a code and its parameters (``support_verdict_code``,
``support_verdict_params``) and renders ``support_verdict_reason`` when it
is read, in the reader's language.  The text stored before cannot be turned
back into a code: each line keeps it as the ``legacy`` reason (shown as it
was written) until the line is judged again, and the old column goes.
"""

from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not version or not column_exists(
        cr, "account_analytic_line", "support_verdict_reason"
    ):
        return
    cr.execute(
        """
        UPDATE account_analytic_line
           SET support_verdict_code = 'legacy',
               support_verdict_params = jsonb_build_object(
                   'text', support_verdict_reason
               )
         WHERE support_verdict_reason IS NOT NULL
           AND support_verdict_code IS NULL
        """
    )
    cr.execute("ALTER TABLE account_analytic_line DROP COLUMN support_verdict_reason")
