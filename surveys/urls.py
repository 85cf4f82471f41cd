"""Before/after surveys: answering by signed link, results, exports, rounds and QR codes."""

from django.urls import path

from . import views_answer, views_results, views_rounds

app_name = "surveys"

urlpatterns = [
    path("svar/<str:token>/", views_answer.answer, name="answer"),
    path("svar/<str:token>/utkast/", views_answer.answer_draft, name="answer_draft"),
    path("tack/", views_answer.thanks, name="thanks"),
    path("delta/", views_answer.participate, name="participate"),
    path("delta/svar/<int:invitation_id>/", views_answer.answer_here, name="answer_here"),
    path("delta/svar/<int:invitation_id>/utkast/", views_answer.answer_here_draft, name="answer_here_draft"),
    path("resultat/", views_results.results_index, name="results_index"),
    path("resultat/<int:programme_id>/", views_results.results_detail, name="results"),
    path("resultat/<int:programme_id>/export.<str:fmt>", views_results.export, name="export"),
    path("resultat/<int:programme_id>/kodbok.csv", views_results.codebook, name="codebook"),
    path("omgangar/", views_rounds.rounds, name="rounds"),
    path("omgangar/<int:round_id>/bjud-in/", views_rounds.round_invite, name="round_invite"),
    path("omgangar/<int:round_id>/qr/<int:workplace_id>/", views_rounds.round_qr, name="round_qr"),
    path("omgangar/<int:round_id>/brev/", views_rounds.round_letters, name="round_letters"),
]
