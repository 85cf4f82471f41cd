from django.urls import path

from . import views

app_name = "courses"

urlpatterns: list = [
    path("", views.my_programme, name="my_programme"),
    path("sok/", views.search, name="search"),
]
