# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A vendor's commercial rules on a customer's requests, as pure functions.

The one place these rules are decided: repeated questions on similar topics
(a warning, then paid), the account manager's offer after paid service or a
warning, the priority-1 terms of a contract's functional blocks, and the
configuration work reserved to Cloud deployments. The ORM gathers the facts
(``helpdesk.ticket``, ``support.contract``); support_billing and support_sla
read the verdicts, they do not decide them again.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

REPEAT_NONE = "none"
REPEAT_WARNED = "warned"
REPEAT_PAID = "paid"
REPEAT_STATES = (REPEAT_NONE, REPEAT_WARNED, REPEAT_PAID)


@dataclass(frozen=True)
class Request:
    """A customer's request, in plain values: its key (a database id), the
    day it was received, its similarity key (:func:`similarity_key`) and its
    repetition state."""

    key: int
    day: date
    topic: tuple
    repeat_state: str = REPEAT_NONE


def similarity_key(kind, family):
    """What makes two requests "on a similar topic": the same kind of
    request and the same product family (None when the request names no
    product: two requests without a product compare by their kind)."""
    return (kind or None, family or None)


def repetition_verdict(request, earlier, window_days, count):
    """The repetition state of ``request`` among the customer's ``earlier``
    requests (:class:`Request`).

    The similar requests received within ``window_days`` days before it (the
    day itself included) count; ``count`` is the number of similar requests
    that makes a repetition: the request that reaches it is ``warned`` (the
    customer is told further ones are paid), and every similar one after a
    warning within the window is ``paid``. ``window_days`` or ``count`` 0: the
    rule is off.
    """
    if window_days <= 0 or count <= 0:
        return REPEAT_NONE
    since = request.day - timedelta(days=window_days)
    similar = [
        r
        for r in earlier
        if r.key != request.key
        and r.topic == request.topic
        and since <= r.day <= request.day
    ]
    if any(r.repeat_state in (REPEAT_WARNED, REPEAT_PAID) for r in similar):
        return REPEAT_PAID
    if len(similar) + 1 >= count:
        return REPEAT_WARNED
    return REPEAT_NONE


def offer_due(day, paid_days, paid_count, months, last_offer=None, warned=False):
    """True when the account manager should offer an SLA package (and a
    training) to the customer on ``day``.

    ``paid_days`` are the days of the customer's requests that used paid
    service; more than ``paid_count`` of them within ``months`` months
    before ``day``, or a warning for repeated questions (``warned``), make
    the offer due, at most once per ``months`` months (``last_offer``: the
    day of the previous offer). ``months`` 0: the rule is off.
    """
    if months <= 0:
        return False
    since = day - relativedelta(months=months)
    if last_offer and last_offer > since:
        return False
    if warned:
        return True
    recent = [d for d in paid_days if since < d <= day]
    return paid_count > 0 and len(recent) > paid_count


def sla_priority(priority, critical, high, block, critical_blocks, limited):
    """The priority whose SLA terms run for a request.

    ``priority`` is the request's; ``critical`` and ``high`` are the keys of
    the critical and high priorities. Under a plan whose priority-1 terms are
    ``limited`` to the base functions and the contract's chosen blocks, a
    critical request about another functional ``block`` runs on the high
    terms; a request naming no block is about the base functions.
    """
    if limited and priority == critical and block and block not in critical_blocks:
        return high
    return priority


def configuration_refused(cloud_only, is_configuration, deployment):
    """True when configuration work is not included: the plan reserves it to
    Cloud customers and the contract's deployment is not Cloud (an unknown
    deployment included)."""
    return bool(cloud_only and is_configuration and deployment != "cloud")
