from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mentoring"
    verbose_name = _("Наставничество")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from core.audit import register_choices
        from core.badges import register as register_badges

        from . import models
        from .badges import MENTEE_CLASSES, MENTOR_CLASSES, PAIR_CLASSES, STAFF_IMPORT_CLASSES

        # Personal data and access rights: every change is kept in the audit log.
        auditlog.register(models.Person, m2m_fields={"subjects"})
        auditlog.register(models.Membership)
        auditlog.register(models.User, exclude_fields=["password", "last_login"])
        auditlog.register(models.Organisation)
        auditlog.register(models.Consent, exclude_fields=["text_sha256"])
        auditlog.register(models.DataDestruction)
        auditlog.register(models.MenteeEntry, m2m_fields={"requests", "preferred_forms"})
        auditlog.register(models.MentorEntry, m2m_fields={"competences", "preferred_forms"})
        auditlog.register(models.PsychologistNote)
        auditlog.register(models.MentoringPair, m2m_fields={"mentees"})
        auditlog.register(models.Preference)
        auditlog.register(models.Programme)
        auditlog.register(models.ProgrammeItem)
        auditlog.register(models.Meeting)
        auditlog.register(models.MatchingWeights)
        # The history shows the codes its lists of choices hold by their labels.
        register_choices(models.MenteeEntry, "categories", models.MenteeEntry.Category.choices)
        register_choices(models.MenteeEntry, "request_sources", models.MenteeEntry.Source.choices)
        register_choices(models.MentorEntry, "grounds", models.MentorEntry.Ground.choices)
        register_choices(models.Person, "duties", models.Duty.choices)
        register_choices(models.Consent, "published_categories", models.Consent.Category.choices)

        # How statuses look, the same on every page.
        register_badges(models.MentoringPair, PAIR_CLASSES)
        register_badges(models.MenteeEntry, MENTEE_CLASSES)
        register_badges(models.MentorEntry, MENTOR_CLASSES)
        register_badges(models.StaffImport, STAFF_IMPORT_CLASSES)
