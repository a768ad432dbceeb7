"""How statuses look on every page: a badge colour for each status of pairs, bank entries
and staff imports (the rest of an import's statuses are grey)."""

from .models import MenteeEntry, MentorEntry, MentoringPair, StaffImport

PAIR_CLASSES = {
    MentoringPair.Status.DRAFT: "text-bg-secondary",
    MentoringPair.Status.AWAITING_ORDER: "text-bg-warning",
    MentoringPair.Status.ACTIVE: "text-bg-success",
    MentoringPair.Status.COMPLETED: "text-bg-info",
    MentoringPair.Status.DISSOLVED: "text-bg-dark",
}
MENTEE_CLASSES = {
    MenteeEntry.Status.CANDIDATE: "text-bg-secondary",
    MenteeEntry.Status.IN_BANK: "text-bg-primary",
    MenteeEntry.Status.PAIRED: "text-bg-success",
    MenteeEntry.Status.FINISHED: "text-bg-info",
    MenteeEntry.Status.WITHDRAWN: "text-bg-dark",
}
MENTOR_CLASSES = {
    MentorEntry.Status.CANDIDATE: "text-bg-secondary",
    MentorEntry.Status.INTERVIEWED: "text-bg-info",
    MentorEntry.Status.TRAINED: "text-bg-info",
    MentorEntry.Status.IN_BANK: "text-bg-primary",
    MentorEntry.Status.ARCHIVED: "text-bg-dark",
}
STAFF_IMPORT_CLASSES = {
    StaffImport.Status.PARSING: "text-bg-info",
    StaffImport.Status.APPLIED: "text-bg-success",
    StaffImport.Status.FAILED: "text-bg-danger",
}
