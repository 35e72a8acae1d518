# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which targets of a plan apply to a ticket: one per metric, most specific.

A target names a metric, optionally request categories and a priority; an
empty set of categories or no priority matches any.  Per metric, the target
that names the priority beats one that does not, then the one that names
categories, then the lower sequence: "critical: 4 business hours; others:
next business day" is two targets, the critical one and a catch-all.
"""

from typing import NamedTuple


class TargetSpec(NamedTuple):
    """A target as plain values: what selection reads (the first six), then
    what a clock started from it copies.  The models cache these per plan
    (``support.sla.target._sla_target_index``), so that creating a ticket
    does not query the targets.
    """

    id: int
    metric: str
    categories: frozenset
    priority: str | None
    sequence: int = 10
    start_event: str = "ticket_created"
    stop_event: str = "stage"
    stop_stage_ids: frozenset = frozenset()
    stop_on_downgrade: bool = False
    pause_stage_ids: frozenset = frozenset()
    amount: float = 1.0
    unit: str = "business_hours"
    calendar_id: int = 0
    tz: str = "UTC"
    warn_share: float = 0.75
    policy_id: int = 0
    plan_id: int = 0


def matches(target, category, priority):
    return (not target.categories or category in target.categories) and (
        not target.priority or target.priority == priority
    )


def specificity(target):
    return (2 if target.priority else 0) + (1 if target.categories else 0)


def select_targets(targets, category, priority, events=None):
    """The applicable targets, one per metric, ordered by metric then id.

    ``events`` (one event, or a collection of the events that happened)
    keeps only the targets started by one of them.
    """
    if isinstance(events, str):
        events = {events}
    best = {}
    for target in targets:
        if events and target.start_event not in events:
            continue
        if not matches(target, category, priority):
            continue
        rank = (-specificity(target), target.sequence, target.id)
        current = best.get(target.metric)
        if current is None or rank < current[0]:
            best[target.metric] = (rank, target)
    return [best[metric][1] for metric in sorted(best)]
