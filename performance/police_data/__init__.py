"""data.police.uk street-level crime files -> monthly counts per partnership and crime type.

Reading (`tally_files`, reading.py) touches no table but partnerships; saving (`save_tally`,
saving.py) replaces the months it read, force by force, in one transaction; a folder
(`import_police_folder`, folder.py) is read whole, then saved. The names callers use are
imported from here.
"""

from performance.police_data.folder import import_police_folder
from performance.police_data.reading import (
    ALL_CRIME,
    ANTI_SOCIAL_BEHAVIOUR,
    CRIME_TYPES,
    SOURCE,
    PoliceDataError,
    Tally,
    tally_files,
    tally_paths,
)
from performance.police_data.saving import police_indicators, save_tally

__all__ = [
    "ALL_CRIME",
    "ANTI_SOCIAL_BEHAVIOUR",
    "CRIME_TYPES",
    "SOURCE",
    "PoliceDataError",
    "Tally",
    "import_police_folder",
    "police_indicators",
    "save_tally",
    "tally_files",
    "tally_paths",
]
