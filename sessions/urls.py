"""Scheduled dialogue sessions, invitations, attendance and the hours ledger."""

from django.urls import path, register_converter

from . import views


class BigIntConverter:
    """A primary key: at most 18 digits, so a longer number is a 404 rather than a database error."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(BigIntConverter, "bigint")

app_name = "sessions"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("arbetsplats/<bigint:workplace_id>/planering/", views.planner, name="planner"),
    path("arbetsplats/<bigint:workplace_id>/nytt/", views.session_create, name="create"),
    path("preparand/nytt/", views.session_create, name="create_open"),
    path("<bigint:pk>/", views.session_detail, name="detail"),
    path("<bigint:pk>/andra/", views.session_edit, name="edit"),
    path("<bigint:pk>/stall-in/", views.session_cancel, name="cancel"),
    path("<bigint:pk>/leda/", views.facilitate, name="facilitate"),
    path("<bigint:pk>/leda/narvaro/", views.roll_call_mark, name="roll_call_mark"),
    path("<bigint:pk>/avsluta/", views.session_close, name="close"),
    path("<bigint:pk>/oppna-igen/", views.session_reopen, name="reopen"),
    path("<bigint:pk>/narvarolista/", views.attendance_list, name="attendance_list"),
    path("<bigint:pk>/korrigera/", views.correction_create, name="correct"),
    path("<bigint:pk>/anmal/", views.sign_up, name="sign_up"),
    path("inbjudan/<bigint:pk>/avboka/", views.invitation_cancel, name="invitation_cancel"),
    path("mina/", views.my_sessions, name="my_sessions"),
    path("mina-timmar/", views.my_hours, name="my_hours"),
    path("intyg/<bigint:employee_id>/<str:month>/", views.certificate, name="certificate"),
    path("medfinansiering/", views.cofinancing, name="cofinancing"),
    path("intyg/arbetsplats/<bigint:workplace_id>/<str:month>/", views.workplace_certificates, name="workplace_certificates"),
]
