# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The agreement to paid work gets a consent state and a moment.

18.0.1.3.0 records the customer's consent to paid work as a state (asked,
accepted, refused) with the moment of the answer (``support_consent_date``,
a datetime), and counts billable time from that moment.  An agreement
recorded before kept only its day: it is accepted, and its moment is the
start of that day (UTC), so that every line of its day stays billable as it
was.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE helpdesk_ticket
           SET support_consent_state = 'accepted',
               support_consent_kind = 'paid_work',
               support_consent_date = support_agreement_date::timestamp
         WHERE support_agreement_date IS NOT NULL
           AND support_consent_date IS NULL
        """
    )
