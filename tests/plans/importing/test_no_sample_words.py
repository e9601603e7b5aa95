"""The importer reads layouts; it must not know the sample documents' own words."""

import re
from pathlib import Path

import plans.importing

# The same words the repository's pre-stop hook looks for in application code.
SAMPLE_WORDS = re.compile(
    r"halloween|crucial crew|onside|op scorpion|street pastors|hazard alley|twilight session"
    r"|chelsea",
    re.IGNORECASE,
)


def test_the_importer_names_nothing_from_the_sample_documents():
    package = Path(plans.importing.__file__).parent
    hits = [
        f"{path.relative_to(package)}:{number}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if SAMPLE_WORDS.search(line)
    ]
    assert hits == []
