"""Any corrections, sensible or not, still leave an import whole or not at all."""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plans.importing.corrections import COLUMN_ROLES, PLAN_KINDS, Corrections
from plans.importing.service import import_document
from plans.importing.structure import DocumentError
from tests.plans.conftest import DOCUMENTS
from tests.plans.test_import_atomicity import Discard, row_counts

pytestmark = pytest.mark.django_db

SEEDS = ["st-albans-action-plan-2019-20.txt", "dacorum-update-2011-12.txt"]
HEADERS = ["Action", "Lead agency", "Progress", "Aim/priority", "Timescale", "Update", "Target"]

periods = st.one_of(
    st.just((None, None)),
    st.tuples(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.dates(date(1900, 1, 1))),
    st.tuples(st.none(), st.dates()),
)
corrections = st.builds(
    lambda partnership, kind, period, columns: Corrections(
        partnership=partnership,
        kind=kind,
        period_start=period[0],
        period_end=period[1],
        columns=columns,
    ),
    partnership=st.one_of(st.just(""), st.text(max_size=220)),
    kind=st.sampled_from(["", *PLAN_KINDS, "minutes"]),
    period=periods,
    columns=st.dictionaries(
        st.one_of(st.sampled_from(HEADERS), st.text(max_size=20)),
        st.sampled_from([*COLUMN_ROLES, "headline"]),
        max_size=4,
    ),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=st.sampled_from(SEEDS), given_corrections=corrections)
# Found by this test on PostgreSQL, which stores no NUL character in JSON: always tried.
@example(name=SEEDS[0], given_corrections=Corrections(columns={"\x00": "title"}))
def test_any_corrections_give_a_whole_import_or_a_message_and_nothing(name, given_corrections):
    before = row_counts()
    try:
        with transaction.atomic():
            try:
                report = import_document(DOCUMENTS / name, corrections=given_corrections)
            except DocumentError as error:
                assert error.message
                assert row_counts() == before
                raise Discard from None
            plan = report.batch.plan
            assert plan is not None, "a plan document corrected into a report of figures alone"
            assert plan.actions.count() == len(report.parsed.actions)
            assert plan.priorities.count() == len(report.parsed.priorities)
            assert report.batch.created.count() == sum(report.created.values())
            assert report.batch.corrections == given_corrections.to_json()
            if given_corrections.partnership:
                assert plan.partnership.name == given_corrections.partnership
            raise Discard
    except Discard:
        pass


def test_a_column_header_holding_a_nul_is_refused_naming_it_and_nothing_is_saved():
    before = row_counts()
    with pytest.raises(DocumentError, match=r"column '\\x00Lead': the header holds a character"):
        corrections = Corrections(columns={"\x00Lead": "leads"})
        import_document(DOCUMENTS / SEEDS[0], corrections=corrections)
    assert row_counts() == before
