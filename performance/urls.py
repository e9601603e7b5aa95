from django.urls import path

from performance import export_views, pack_views, views

app_name = "performance"
urlpatterns = [
    path("", views.index, name="index"),
    path("partnerships/<slug:slug>/", views.dashboard, name="dashboard"),
    path("county/<slug:county_slug>/", views.county, name="county"),
    path("county/<slug:county_slug>/export/", export_views.county_export, name="county_export"),
    path(
        "exports/all-partnerships/",
        export_views.all_partnerships_export,
        name="all_partnerships_export",
    ),
    path("exports/<uuid:pk>/", export_views.export_status, name="export_status"),
    path("exports/<uuid:pk>/download/", export_views.export_download, name="export_download"),
    path("public/<slug:slug>/", views.public_summary, name="public_summary"),
    path("plans/<int:pk>/meeting-pack/", pack_views.meeting_pack, name="meeting_pack"),
    path(
        "plans/<int:pk>/meeting-pack/docx/", pack_views.meeting_pack_docx, name="meeting_pack_docx"
    ),
    path(
        "plans/<int:pk>/meeting-pack/issue/",
        pack_views.issue_meeting_pack,
        name="issue_meeting_pack",
    ),
    path("meeting-packs/<int:pk>/", pack_views.issued_pack, name="issued_pack"),
    path("meeting-packs/<int:pk>/docx/", pack_views.issued_pack_docx, name="issued_pack_docx"),
]
