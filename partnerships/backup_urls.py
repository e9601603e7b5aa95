from django.urls import path

from partnerships import backup_views

urlpatterns = [
    path("", backup_views.backups, name="backups"),
    path("make/", backup_views.make_backup, name="make_backup"),
    path("<str:file_name>", backup_views.download_backup, name="download_backup"),
]
