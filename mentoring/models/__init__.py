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

__all__ = [
    "AcademicYear",
    "Consent",
    "DataDestruction",
    "Invitation",
    "Membership",
    "MenteeEntry",
    "MentorEntry",
    "MentoringForm",
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
