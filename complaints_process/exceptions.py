"""Errors the case services raise.

Every message is written for the officer who sees it and names no person: a case is
identified by its reference, never by who complained or what about.  Surfaces show
``str(error)``; the worker logs the class name and the message.
"""


class CaseError(Exception):
    """Base class: an action on a case could not be done, and nothing was changed."""


class IllegalTransition(CaseError):
    """The action is not allowed in the case's current state (or its procedure)."""

    def __init__(self, action: str, state: str, detail: str = ""):
        self.action = action
        self.state = state
        message = f"'{action}' is not allowed while the case is '{state}'"
        super().__init__(f"{message}: {detail}" if detail else f"{message}.")


class NotPermitted(CaseError):
    """The user may not take this action on this case (wrong authority or role)."""


class ConflictError(CaseError):
    """Someone else changed the case while this action was being taken."""

    def __init__(self, message: str = ""):
        super().__init__(message or "Someone else changed this case while you were working on it. Reload the case and try again.")


class InvalidAction(CaseError):
    """The action is allowed, but what was asked is not (a missing reason, a date out of range)."""
