from django.urls import path

from actions import choice_views, views

app_name = "actions"
urlpatterns = [
    path("", views.action_list, name="list"),
    path("mine/", views.my_actions, name="mine"),
    path("choices/<slug:kind>/", choice_views.choices, name="choices"),
    path("<int:pk>/", views.action_detail, name="detail"),
    path("<int:pk>/update/", views.add_update, name="add_update"),
    path("<int:pk>/edit/", views.edit_action, name="edit"),
    path("new/in-plan/<int:plan_pk>/", views.add_action, name="add"),
    path("updates/<int:pk>/publication/", views.update_publication, name="update_publication"),
    path("publication-requests/", views.publication_requests, name="publication_requests"),
]
