# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pure arithmetic of a wallet's append-only ledger (no Odoo import).

A wallet holds whole base units: minutes for minute-credit and hour wallets
(a credit is a minute; an hour wallet shows minutes / 60), one unit
per request for request quotas.  Every movement is an entry with a signed
amount; the balance is their sum.

* ``grant``       > 0  included period time, a pack, a manual grant;
* ``consumption`` < 0  time or a request taken from the wallet;
* ``refund``      > 0  gives back (part of) an earlier consumption;
* ``expiry``      < 0  the unused rest of a lot that expired;
* ``adjustment``  != 0 manual correction, always with a reason;
* ``reopen``      > 0  gives back part of an expiry (``ref``: the expired
  lot), so that work dated while the lot was valid, logged after it
  expired, still draws on it.

Positive entries open *lots* (with an optional expiry date); negative
entries draw from the open lots that expire first (FIFO by expiry), so that
period grants that do not roll over are used before packs that do.
"""

import datetime
from dataclasses import dataclass

from .pricing import PricingError

KINDS = ("grant", "consumption", "refund", "expiry", "adjustment", "reopen")
POSITIVE = frozenset({"grant", "refund", "reopen"})
NEGATIVE = frozenset({"consumption", "expiry"})
FAR_FUTURE = datetime.date.max


@dataclass(frozen=True)
class Entry:
    """One ledger entry as the arithmetic sees it.

    ``ref`` ties consumptions and refunds to what they were for (a timesheet
    line, a ticket), and an expiry to the lot (``key`` of the positive entry)
    it closes.
    """

    key: object
    kind: str
    amount: int
    date: datetime.date
    expires: datetime.date | None = None
    ref: object = None
    reason: str = ""


def validate_entry(kind, amount, reason=""):
    """Raise :class:`PricingError` unless ``amount`` fits ``kind``."""
    if kind not in KINDS:
        raise PricingError("bad_kind", "Unknown ledger entry kind %(k)r.", k=kind)
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise PricingError(
            "bad_amount", "A ledger amount is a whole number (got %(a)r).", a=amount
        )
    if amount == 0:
        raise PricingError("zero_amount", "A ledger entry cannot be zero.")
    if kind in POSITIVE and amount < 0:
        raise PricingError(
            "bad_sign",
            "A %(kind)s adds to the wallet: its amount must be positive.",
            kind=kind,
        )
    if kind in NEGATIVE and amount > 0:
        raise PricingError(
            "bad_sign",
            "A %(kind)s takes from the wallet: its amount must be negative.",
            kind=kind,
        )
    if kind == "adjustment" and not (reason or "").strip():
        raise PricingError("no_reason", "A manual adjustment needs a reason.")


def balance(entries):
    """The wallet's balance: the sum of its entries."""
    return sum(entry.amount for entry in entries)


def net_consumed(entries, ref):
    """What is still consumed for ``ref``: its consumptions minus refunds."""
    return -sum(
        entry.amount
        for entry in entries
        if entry.ref == ref and entry.kind in ("consumption", "refund")
    )


def check_refund(entries, ref, amount):
    """A refund of ``amount`` for ``ref`` must not exceed what it consumed."""
    if amount <= 0:
        raise PricingError("zero_amount", "A refund must be positive.")
    consumed = net_consumed(entries, ref)
    if amount > consumed:
        raise PricingError(
            "refund_too_large",
            "Cannot refund %(amount)s: only %(consumed)s were consumed for it.",
            amount=amount,
            consumed=consumed,
        )


def consumable(balance_now, quantity, allow_partial=False):
    """How much of ``quantity`` a wallet holding ``balance_now`` can give.

    ``balance_now`` is what the wallet can give for the work: its balance,
    or what :func:`plan_consumption` found in the lots of the work's day.

    A non-positive quantity is bad input.  Without ``allow_partial`` a
    short wallet is an error (nothing is taken); with it, the wallet gives
    what it has and the caller bills the rest as overage.
    """
    if quantity <= 0:
        raise PricingError(
            "bad_quantity",
            "A consumption must be positive (got %(q)s).",
            q=quantity,
        )
    available = max(balance_now, 0)
    if quantity <= available:
        return quantity
    if not allow_partial:
        raise PricingError(
            "insufficient",
            "The wallet holds %(available)s, %(quantity)s are needed.",
            available=available,
            quantity=quantity,
        )
    return available


def _order(entries):
    return sorted(entries, key=lambda e: (e.date, _kind_rank(e.kind), str(e.key)))


def _kind_rank(kind):
    # On one day, grants come before what draws on them, expiries last.
    return {
        "grant": 0,
        "refund": 1,
        "adjustment": 2,
        "consumption": 3,
        "expiry": 4,
        "reopen": 5,
    }[kind]


def _replay(entries, soft_expiry=False, closed_for=None, closed=()):
    """Replay the ledger: ``(lots, shortfalls)``.

    ``lots`` is ``{lot_key: [remaining, expires]}``.  A reopen is netted
    against the expiries of its lot.  With ``soft_expiry``, an expiry that
    finds less left in its lot than it took records the difference in
    ``shortfalls`` (``{lot_key: amount}``: what must be reopened) instead of
    raising.  The entry whose key is ``closed_for`` does not draw on the lots
    in ``closed``.
    """
    reopened = {}
    for entry in entries:
        if entry.kind == "reopen":
            reopened[entry.ref] = reopened.get(entry.ref, 0) + entry.amount
    open_lots = {}
    rank = {}
    shortfalls = {}
    for entry in _order(entries):
        if entry.kind == "reopen":
            continue
        if entry.amount > 0:
            open_lots[entry.key] = [entry.amount, entry.expires]
            rank[entry.key] = len(rank)
            continue
        if entry.kind == "expiry":
            _close_lot(entry, open_lots, reopened, shortfalls, soft_expiry)
            continue
        skip = closed if entry.key == closed_for else ()
        need = _draw(entry, open_lots, rank, skip)
        if need:
            raise PricingError(
                "overdrawn",
                "Entry %(key)s draws %(need)s more than the wallet holds.",
                key=entry.key,
                need=need,
            )
    return open_lots, shortfalls


def _close_lot(expiry, open_lots, reopened, shortfalls, soft_expiry):
    """Apply ``expiry`` to its lot, net of what was reopened of it; with
    ``soft_expiry`` a lot holding less than the expiry takes records the
    difference in ``shortfalls`` instead of raising."""
    lot = open_lots.get(expiry.ref)
    back = min(reopened.get(expiry.ref, 0), -expiry.amount)
    reopened[expiry.ref] = reopened.get(expiry.ref, 0) - back
    amount = -expiry.amount - back
    if lot is None or lot[0] < amount:
        if not soft_expiry or lot is None:
            raise PricingError(
                "bad_expiry",
                "Expiry %(key)s exceeds the rest of lot %(lot)s.",
                key=expiry.key,
                lot=expiry.ref,
            )
        shortfalls[expiry.ref] = shortfalls.get(expiry.ref, 0) + (amount - lot[0])
        amount = lot[0]
    lot[0] -= amount


def _draw(entry, open_lots, rank, skip=()):
    """Draw negative ``entry`` from the lots valid on its date, earliest
    expiry first (``skip``: lots it may not draw on); return what is left
    to draw."""
    need = -entry.amount
    candidates = sorted(
        (k for k, lot in open_lots.items() if lot[0] > 0),
        key=lambda k: (open_lots[k][1] or FAR_FUTURE, rank[k]),
    )
    for key in candidates:
        if not need:
            break
        lot = open_lots[key]
        if lot[1] is not None and lot[1] < entry.date:
            continue
        if key in skip:
            continue
        take = min(lot[0], need)
        lot[0] -= take
        need -= take
    return need


def lots(entries):
    """Remaining amount of every lot after replaying the ledger.

    Returns ``{lot_key: (remaining, expires)}``.  Negative entries draw from
    the lots still valid on their date, earliest expiry first; an expiry
    closes its own lot (``ref``), net of what was reopened of it.  A ledger
    that draws more than its lots hold is inconsistent and raises.
    """
    open_lots = _replay(entries)[0]
    return {key: (lot[0], lot[1]) for key, lot in open_lots.items()}


def plan_consumption(entries, day, quantity, reopen=True, key="new"):
    """What a consumption of ``quantity`` dated ``day`` can take.

    Returns ``(take, reopens)``: ``take`` <= ``quantity``, and ``reopens``
    ``{lot_key: amount}`` -- the expired rests of lots valid on ``day`` that
    the consumption needs reopened.  Time belongs to the period of its date:
    the consumption draws on the lots the wallet held on ``day`` (a month
    granted later never pays for earlier work), earliest expiry first, and
    every later entry must still be paid by what it leaves.  Without
    ``reopen`` (the period is invoiced), a lot already expired is not drawn.
    """
    if quantity <= 0:
        raise PricingError(
            "bad_quantity",
            "A consumption must be positive (got %(q)s).",
            q=quantity,
        )
    entries = list(entries)
    closed = (
        set() if reopen else {entry.ref for entry in entries if entry.kind == "expiry"}
    )

    def attempt(amount):
        trial = [*entries, Entry(key=key, kind="consumption", amount=-amount, date=day)]
        try:
            shortfalls = _replay(
                trial, soft_expiry=reopen, closed_for=key, closed=closed
            )[1]
        except PricingError:
            return None
        return shortfalls

    found = attempt(quantity)
    if found is not None:
        return quantity, found
    # The most that fits: the replay fails for every larger amount.
    low, high, best = 0, quantity, {}
    while high - low > 1:
        middle = (low + high) // 2
        found = attempt(middle)
        if found is None:
            high = middle
        else:
            low, best = middle, found
    return low, best


def to_expire(entries, as_of):
    """Lots whose expiry date is before ``as_of`` with something left:
    ``[(lot_key, remaining)]`` -- the expiry entries to post."""
    return [
        (key, remaining)
        for key, (remaining, expires) in lots(entries).items()
        if remaining > 0 and expires is not None and expires < as_of
    ]


def month_period(day):
    """First and last day of the month of ``day`` (period grants)."""
    start = day.replace(day=1)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, following - datetime.timedelta(days=1)
