"""Before/after surveys: answering by signed link, results, exports, rounds and QR codes."""

from django.urls import path

from . import views_answer

app_name = "surveys"

urlpatterns = [
    path("svar/<str:token>/", views_answer.answer, name="answer"),
    path("svar/<str:token>/utkast/", views_answer.answer_draft, name="answer_draft"),
    path("tack/", views_answer.thanks, name="thanks"),
]
