from django.urls import path

from . import views, views_personal_data

app_name = "courses"

urlpatterns: list = [
    path("", views.my_programme, name="my_programme"),
    path("sok/", views.search, name="search"),
    path("mina-uppgifter/", views_personal_data.my_data, name="my_data"),
]
