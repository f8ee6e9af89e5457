from .authorities import Authority, AuthorityTeam, TeamRole
from .case_records import Appointment, AppointmentRole, Attachment, CaseEvent, Outcome, PointOfComplaint, PointOutcome
from .cases import ChildConsent, ClosureReason, ComplainantRelationship, Complaint, PreferredContact, ReferenceSequence, RefusalGround
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
    "PreferredContact",
    "ProcessConfigVersion",
    "ReferenceSequence",
    "RefusalGround",
    "TeamRole",
]
from .notifications import Notification, NotificationKind, NotificationStatus, RecipientRole  # noqa: E402

__all__ += ["Notification", "NotificationKind", "NotificationStatus", "RecipientRole"]
from .intake import Feedback, FeedbackKind, Submission  # noqa: E402

__all__ += ["Feedback", "FeedbackKind", "Submission"]
from .learning import CaseTheme, LearningAction, OmbudsmanDecision, OmbudsmanReferral  # noqa: E402

__all__ += ["CaseTheme", "LearningAction", "OmbudsmanDecision", "OmbudsmanReferral"]
from .access import AccessKind, CaseAccess  # noqa: E402

__all__ += ["AccessKind", "CaseAccess"]
