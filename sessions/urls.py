"""Scheduled dialogue sessions, invitations, attendance and the hours ledger."""

from django.urls import path

from . import views

app_name = "sessions"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("arbetsplats/<int:workplace_id>/planering/", views.planner, name="planner"),
    path("arbetsplats/<int:workplace_id>/nytt/", views.session_create, name="create"),
    path("preparand/nytt/", views.session_create, name="create_open"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/andra/", views.session_edit, name="edit"),
    path("<int:pk>/stall-in/", views.session_cancel, name="cancel"),
    path("<int:pk>/leda/", views.facilitate, name="facilitate"),
    path("<int:pk>/avsluta/", views.session_close, name="close"),
    path("<int:pk>/narvarolista/", views.attendance_list, name="attendance_list"),
    path("<int:pk>/korrigera/", views.correction_create, name="correct"),
    path("<int:pk>/anmal/", views.sign_up, name="sign_up"),
    path("inbjudan/<int:pk>/avboka/", views.invitation_cancel, name="invitation_cancel"),
    path("mina/", views.my_sessions, name="my_sessions"),
    path("mina-timmar/", views.my_hours, name="my_hours"),
    path("intyg/<int:employee_id>/<str:month>/", views.certificate, name="certificate"),
    path("medfinansiering/", views.cofinancing, name="cofinancing"),
]
