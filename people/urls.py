"""The site's pages about one's own login: two-factor sign-in, and one's own language."""

from django.urls import path

from . import language_views, two_factor_views

app_name = "people"

urlpatterns = [
    path("logga-in/kod/", two_factor_views.verify, name="two_factor_verify"),
    path("tvastegsverifiering/", two_factor_views.overview, name="two_factor"),
    path("tvastegsverifiering/app/", two_factor_views.setup, name="two_factor_setup"),
    path("tvastegsverifiering/reservkoder/", two_factor_views.backup_codes, name="two_factor_backup_codes"),
    path("mitt-sprak/", language_views.my_language, name="my_language"),
    path("tvastegsverifiering/stang-av/", two_factor_views.disable, name="two_factor_disable"),
]
