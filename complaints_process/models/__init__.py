from .authorities import Authority, AuthorityTeam, TeamRole
from .case_records import Appointment, AppointmentRole, Attachment, CaseEvent, Outcome, PointOfComplaint, PointOutcome
from .cases import ChildConsent, ClosureReason, ComplainantRelationship, Complaint, ReferenceSequence, RefusalGround
from .config_versions import ProcessConfigVersion
from .deadlines import ClockPause, Deadline, DeadlineStatus, PauseReason
from .pages import GuidancePage
from .states import FINAL_STATES, OPEN_STATES, CaseState

__all__ = [
    "Appointment",
    "AppointmentRole",
    "Attachment",
    "Authority",
    "AuthorityTeam",
    "CaseEvent",
    "CaseState",
    "ChildConsent",
    "ClockPause",
    "ClosureReason",
    "ComplainantRelationship",
    "Complaint",
    "Deadline",
    "DeadlineStatus",
    "FINAL_STATES",
    "GuidancePage",
    "OPEN_STATES",
    "Outcome",
    "PauseReason",
    "PointOfComplaint",
    "PointOutcome",
    "ProcessConfigVersion",
    "ReferenceSequence",
    "RefusalGround",
    "TeamRole",
]
