"""The benchmark's baseline page, beside every page of the service (their links resolve).

Used only by performance.benchmark, through override_settings(ROOT_URLCONF=...): a bare
paginated list of 50 actions, the least a list page of the service can cost.
"""

from django.urls import path
from django.views.generic import ListView

from actions.models import Action
from csp.urls import urlpatterns as service

baseline = ListView.as_view(
    queryset=Action.objects.select_related("plan__partnership").order_by("pk"),
    paginate_by=50,
    template_name="performance/benchmark_baseline.html",
)

urlpatterns = [path("benchmark/baseline/", baseline, name="benchmark_baseline"), *service]
