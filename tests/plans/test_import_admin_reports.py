"""The admin import of a figure report and a monitoring report: preview, confirm, the batch's
page and undo, with no plan for the figure report and never a server error."""

import pytest
from django.urls import reverse

from performance.models import Observation
from plans.models import ImportBatch, Plan
from tests.plans.test_import_admin import CONFIRM, importer, upload  # noqa: F401
from tests.plans.test_import_reports import FIGURE_REPORT, MONITORING_REPORT

pytestmark = pytest.mark.django_db


def test_a_figure_report_previews_each_figure_with_its_partnership(client, importer):  # noqa: F811
    response = upload(client, "csf-indicators.txt", FIGURE_REPORT.encode())
    assert response.status_code == 200
    assert "Confirm and import" in response.text
    assert "Brookford: Domestic burglary" in response.text
    assert not Observation.objects.exists()


def test_a_confirmed_figure_report_has_a_batch_page_and_can_be_undone(client, importer):  # noqa: F811
    sha256 = upload(client, "csf-indicators.txt", FIGURE_REPORT.encode()).context["sha256"]
    assert client.post(CONFIRM, {"sha256": sha256}).status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.plan is None and not Plan.objects.exists()
    change = reverse("admin:plans_importbatch_change", args=[batch.pk])
    assert client.get(change).status_code == 200
    undo = reverse("admin:plans_importbatch_undo", args=[batch.pk])
    assert client.get(undo).status_code == 200
    client.post(undo)
    assert not Observation.objects.exists()


def test_a_monitoring_report_previews_its_targets_and_comments(client, importer):  # noqa: F811
    response = upload(client, "ashvale-monitoring.txt", MONITORING_REPORT.encode())
    assert response.status_code == 200
    assert "Reducing vehicle crime" in response.text
    assert not Plan.objects.exists()
