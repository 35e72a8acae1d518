# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Drop the unique indexes of 18.0.1.0.0 that were renamed.

Their successors (``account_move_support_period_open_uniq``: a cancelled or
fully credited invoice leaves room for its replacement;
``support_wallet_open_allowance_uniq``: one open wallet per allowance) are
created by the models' ``init()`` with ``CREATE UNIQUE INDEX IF NOT EXISTS``,
which knows nothing of former names.  Left in place, an old index would keep
enforcing its former rule beside the new one, so it goes before the models
are loaded again.
"""

from odoo.tools.sql import drop_index

RENAMED_INDEXES = [
    # (former name, table)
    ("account_move_support_period_uniq", "account_move"),
    ("support_wallet_open_unit_uniq", "support_wallet"),
]


def migrate(cr, version):
    if not version:
        return
    for name, table in RENAMED_INDEXES:
        drop_index(cr, name, table)
