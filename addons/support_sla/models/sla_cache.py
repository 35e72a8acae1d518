# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Caches of the SLA engines that check their own key.

The engine of a calendar (its windows and global time off, loaded for a few
years) and the index of the SLA targets are expensive to build and read on
every ticket.  They live in the registry's ormcache under a key that holds a
*version* of what they were built from, read in one query: per table, the
number of rows and the sum of their ``write_date``.  An edit moves one row's
``write_date`` to the editing transaction's time and so changes the sum
(even when that transaction started before the latest one, which the
greatest ``write_date`` would miss); a creation or a deletion changes the
count.  A change thus invalidates only the entries built from it, in every
worker, and nothing clears the registry's cache.

Within one transaction (PostgreSQL's repeatable read, as Odoo runs it) the
data cannot change but by the transaction itself, so:

- the version, and the engine found with it, are read once per transaction
  (:func:`memo`: forgotten at every flush, commit, rollback and savepoint
  rollback, and by :func:`touched`);
- a transaction that changed what an engine reads (:func:`touched`, called
  by the models' ``create``/``write``/``unlink``) builds its engines for
  itself (:func:`is_dirty`) and never stores them in the shared cache: two
  edits of one row in one transaction have the same ``write_date``, and the
  transaction may still roll back.
"""

from functools import partial

from odoo.tools import SQL

# Keys in the cursor's dictionaries (``{module}.{feature}``, as Odoo asks).
DIRTY = "support_sla.cache_dirty"
MEMO = "support_sla.cache_memo"


def touched(env):
    """This transaction changed data an SLA cache is built from."""
    cr = env.cr
    cr.precommit.data.pop(MEMO, None)
    if not cr.cache.get(DIRTY):
        cr.cache[DIRTY] = True
        # The next transaction of the cursor starts clean again (the
        # dictionary itself is bound: a closing cursor has dropped it).
        forget = partial(cr.cache.pop, DIRTY, None)
        cr.postcommit.add(forget)
        cr.postrollback.add(forget)


def is_dirty(env):
    """Whether this transaction changed data an SLA cache is built from."""
    return bool(env.cr.cache.get(DIRTY))


def memo(env):
    """The transaction's own dictionary of SLA versions and engines."""
    return env.cr.precommit.data.setdefault(MEMO, {})


def table_stamp(table, where=None):
    """SQL of the (row count, sum of write_date) of ``table``."""
    return SQL(
        # As text: the exact numeric sum, not a rounded float.
        "SELECT count(*), sum(extract(epoch FROM write_date))::text FROM %s%s",
        SQL.identifier(table),
        SQL(" WHERE %s", where) if where else SQL(),
    )
