from .banks import MenteeEntry, MentorEntry, MentoringForm, PsychologistNote, Tag
from .consents import Consent, DataDestruction
from .core import (
    AcademicYear,
    Invitation,
    Membership,
    Organisation,
    Person,
    Role,
    StaffImport,
    Subject,
    User,
    UserManager,
)
from .pairs import MatchDecision, MentoringPair, MentoringType, Preference, RoleModel

__all__ = [
    "AcademicYear",
    "Consent",
    "DataDestruction",
    "Invitation",
    "MatchDecision",
    "Membership",
    "MenteeEntry",
    "MentorEntry",
    "MentoringForm",
    "MentoringPair",
    "MentoringType",
    "Preference",
    "RoleModel",
    "Organisation",
    "Person",
    "PsychologistNote",
    "Role",
    "StaffImport",
    "Subject",
    "Tag",
    "User",
    "UserManager",
]
