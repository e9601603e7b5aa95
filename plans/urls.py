from django.urls import path

from plans import report_views, views

app_name = "plans"
urlpatterns = [
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("priorities/<int:pk>/", views.priority_detail, name="priority"),
    path("<int:pk>/edit/", views.edit_plan, name="edit"),
    path("<int:pk>/export.docx", report_views.export_docx, name="export_docx"),
    path("<int:pk>/export.xlsx", report_views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/export.csv", report_views.export_csv, name="export_csv"),
]
