"""Judge a pip-audit run (scripts/audit_requirements): fail on a known vulnerability; skip,
saying why, when the vulnerability service could not be reached or answered for nothing.

    audit_report.py REPORT.json STDERR.txt    (exit 0: clean or skipped; 1: vulnerable)
"""

import json
import sys
from pathlib import Path

# What pip-audit's errors say when the service is out of reach (no network, no DNS).
NETWORK_WORDS = (
    "ConnectionError",
    "NameResolutionError",
    "Max retries exceeded",
    "Temporary failure in name resolution",
    "timed out",
)


def fixed_in(vulnerability: dict) -> str:
    return ", ".join(vulnerability.get("fix_versions") or []) or "no release yet"


def verdict(report_text: str, stderr: str) -> tuple[int, str]:
    try:
        dependencies = json.loads(report_text)["dependencies"]
    except (ValueError, KeyError, TypeError):
        if any(word in stderr for word in NETWORK_WORDS):
            return 0, "pip-audit skipped: its vulnerability service could not be reached."
        return 1, f"pip-audit failed without a report:\n{stderr.strip()[-2000:]}"
    vulnerable = [d for d in dependencies if d.get("vulns")]
    if vulnerable:
        lines = [
            f"  {d['name']} {d['version']}: {v['id']} (fixed in {fixed_in(v)})"
            for d in vulnerable
            for v in d["vulns"]
        ]
        return 1, "pip-audit found known vulnerabilities; upgrade the pins:\n" + "\n".join(lines)
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    if dependencies and not audited:
        return 0, (
            f"pip-audit skipped: the vulnerability service answered for none of the "
            f"{len(dependencies)} pinned packages (first: {skipped[0]['skip_reason']})."
        )
    note = f"; not audited: {', '.join(d['name'] for d in skipped)}" if skipped else ""
    return 0, f"pip-audit: no known vulnerabilities in {audited} pinned packages{note}."


if __name__ == "__main__":
    report, stderr = (Path(p).read_text() if Path(p).exists() else "" for p in sys.argv[1:3])
    code, message = verdict(report, stderr)
    print(message)
    sys.exit(code)
