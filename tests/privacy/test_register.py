"""The personal-data register covers every field of every model that can hold people's data."""

from django.apps import apps

from people.privacy_register import (
    Category,
    counts_by_category,
    declarations,
    evidence_columns,
    personal_fields,
)

#: Our apps: every model. Third-party apps: the models that store people's data.
OUR_APPS = ("cms", "people", "courses", "dialogue_sessions", "surveys", "api")
THIRD_PARTY = (
    "auth.Group", "auth.Permission", "sessions.Session", "wagtailcore.ModelLogEntry", "wagtailcore.PageLogEntry",
    "wagtailcore.Revision", "wagtailcore.Comment", "wagtailcore.CommentReply", "wagtailforms.FormSubmission",
    "wagtailsearch.IndexEntry", "wagtailadmin.FormState", "wagtailadmin.EditingSession", "wagtailusers.UserProfile",
    "axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog", "axes.AccessAttemptExpiration",
    "otp_totp.TOTPDevice", "otp_static.StaticDevice", "otp_static.StaticToken",
)


def _models():
    for label in OUR_APPS:
        yield from apps.get_app_config(label).get_models()
    for label in THIRD_PARTY:
        yield apps.get_model(label)


def _fields(model) -> set[str]:
    """The model's own columns and many-to-many tables (a page's Wagtail fields are Wagtail's)."""
    return {f.name for f in model._meta.local_concrete_fields if not f.primary_key} | {
        f.name for f in model._meta.local_many_to_many
    }


def test_every_field_of_every_model_is_declared():
    declared = {d.model: d for d in declarations()}
    missing = []
    for model in _models():
        declaration = declared.get(model._meta.label)
        if declaration is None:
            missing.append(f"{model._meta.label} (model)")
            continue
        missing += [f"{model._meta.label}.{name}" for name in sorted(_fields(model) - declaration.field_names())]
    assert missing == [], "Declare these in the app's privacy.py: " + ", ".join(missing)


def test_declarations_name_real_fields_and_say_everything():
    for declaration in declarations():
        model = apps.get_model(declaration.model)
        if declaration.model != "wagtailsearch.IndexEntry":  # its columns depend on the database
            assert declaration.field_names() <= _fields(model), declaration.model
        assert not {f.name for f in declaration.fields} & set(declaration.other), declaration.model
        for personal in declaration.fields:
            assert personal.purpose.text and personal.purpose.legal_basis and personal.retention.text


def test_every_category_is_used_and_evidence_is_the_funders():
    counts = counts_by_category()
    assert all(counts[c.value] > 0 for c in Category)
    assert sum(counts.values()) == len(personal_fields())
    evidence = evidence_columns()
    assert ("dialogue_sessions.Attendance", "minutes") in evidence
    assert ("people.Employee", "last_name") in evidence
    assert ("people.Employee", "email") not in evidence
    assert ("cms.OutboxMessage", "body_text") not in evidence
