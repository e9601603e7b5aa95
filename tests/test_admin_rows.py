"""The admin's row checkbox (csp.admin_rows) is the very markup Django's widget renders."""

import pytest
from django.contrib import admin

from actions.models import Action, ProgressUpdate
from csp.admin_rows import PlainActionCheckbox
from tests.factories import ActionFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("title", ["Patrols", 'Fish & "chips" <b>now</b>', "Café's"])
def test_the_checkbox_is_djangos_markup(title):
    action = ActionFactory(title=title)
    update = ProgressUpdateFactory(action=action)
    for model, obj in [(Action, action), (ProgressUpdate, update)]:
        model_admin = admin.site._registry[model]
        assert isinstance(model_admin, PlainActionCheckbox)
        djangos = admin.ModelAdmin.action_checkbox(model_admin, obj)
        assert model_admin.action_checkbox(obj) == djangos
