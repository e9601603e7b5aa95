from django.urls import path

from partnerships import audit_views, views

app_name = "partnerships"
urlpatterns = [
    path("<slug:slug>/", views.partnership_detail, name="detail"),
    path("<slug:slug>/people/", views.people, name="people"),
    path("<slug:slug>/people/add/", views.add_role, name="add_role"),
    path("<slug:slug>/people/invite/", views.invite, name="invite"),
    path("<slug:slug>/join/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("<slug:slug>/people/<int:pk>/remove/", views.remove_role, name="remove_role"),
    path("<slug:slug>/settings/", views.partnership_settings, name="settings"),
    path("<slug:slug>/changes/", audit_views.audit_page, name="audit"),
    path("<slug:slug>/changes.csv", audit_views.audit_csv, name="audit_csv"),
]
