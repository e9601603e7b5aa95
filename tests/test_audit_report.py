"""How CI judges a pip-audit run (scripts/audit_report.py): a known vulnerability fails it;
a vulnerability service out of reach, or answering for nothing, skips it with the reason."""

import importlib.util
import json
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "audit_report.py"
spec = importlib.util.spec_from_file_location("audit_report", SCRIPT)
audit_report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit_report)


def report(*dependencies) -> str:
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


CLEAN = {"name": "whitenoise", "version": "6.12.0", "vulns": []}
VULNERABLE = {
    "name": "django",
    "version": "5.2.1",
    "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.2"], "aliases": []}],
}
NOT_FOUND = {"name": "rules", "skip_reason": "Dependency not found on PyPI: rules (3.5)"}


def test_it_fails_on_a_known_vulnerability_naming_the_package_and_the_fix():
    code, message = audit_report.verdict(report(CLEAN, VULNERABLE), "")
    assert code == 1
    assert "django 5.2.1: PYSEC-2025-1 (fixed in 5.2.2)" in message


def test_it_passes_a_clean_audit_and_names_what_it_could_not_audit():
    code, message = audit_report.verdict(report(CLEAN, NOT_FOUND), "")
    assert code == 0
    assert "no known vulnerabilities in 1 pinned packages; not audited: rules" in message


def test_it_skips_when_the_service_answered_for_no_package():
    code, message = audit_report.verdict(report(NOT_FOUND, NOT_FOUND), "")
    assert code == 0
    assert message.startswith("pip-audit skipped: the vulnerability service answered for none")


def test_it_skips_when_the_service_cannot_be_reached():
    stderr = "requests.exceptions.ConnectionError: Max retries exceeded with url: /v1/querybatch"
    code, message = audit_report.verdict("", stderr)
    assert (code, message) == (
        0,
        "pip-audit skipped: its vulnerability service could not be reached.",
    )


def test_it_fails_when_pip_audit_breaks_for_another_reason():
    code, message = audit_report.verdict("", "pip_audit: error: unrecognized arguments: --bad")
    assert code == 1
    assert "unrecognized arguments" in message
