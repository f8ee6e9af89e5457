"""Signals the domain sends.

``case_transitioned`` is sent once after every action a case service takes (state changes
and same-state actions such as acknowledge, extend, pause, appoint, and the records for the
annual report such as add_theme), inside the action's database transaction, with::

    sender=Complaint, case=<Complaint>, action="respond", from_state="stage1",
    to_state="stage1_responded", user=<User or None>, event=<CaseEvent>

Receivers that write to the database join the transaction; receivers that send anything
(mail, Notify, a Django-Q2 task) must wrap it in ``transaction.on_commit`` so nothing is
sent for an action that is rolled back.
"""

from django.dispatch import Signal

case_transitioned = Signal()
