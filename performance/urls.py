from django.urls import path

from performance import views

app_name = "performance"
urlpatterns = [
    path("", views.index, name="index"),
    path("partnerships/<slug:slug>/", views.dashboard, name="dashboard"),
    path("county/<slug:county_slug>/", views.county, name="county"),
    path("public/<slug:slug>/", views.public_summary, name="public_summary"),
]
