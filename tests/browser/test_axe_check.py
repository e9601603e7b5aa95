"""The accessibility check itself: axe, as the browser tests run it, reports what it should,
so "no violations" elsewhere means something."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

FAULTY_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Faulty</title></head>
<body><main><h1>Faulty</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<form><input type="text" name="unlabelled"></form>
<p style="color: #bbb; background: #fff">Pale text</p>
</main></body></html>"""


def test_axe_reports_a_missing_alt_text_a_missing_label_and_low_contrast(browser_page):
    browser_page.set_content(FAULTY_PAGE)
    found = {violation["id"] for violation in axe_violations(browser_page)}
    assert {"image-alt", "label", "color-contrast"} <= found


def test_a_second_check_of_the_same_page_reports_the_same(browser_page):
    browser_page.set_content(FAULTY_PAGE)
    first = [violation["id"] for violation in axe_violations(browser_page)]
    assert first == [violation["id"] for violation in axe_violations(browser_page)]
