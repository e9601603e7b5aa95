"""Importing folders of police.uk files, as its archive unpacks (a folder a month, a file a
force and a kind): find the street-level files, read them all, then save them."""

import time
from pathlib import Path

from performance.police_data.reading import PoliceDataError, Tally, tally_paths
from performance.police_data.saving import save_tally

STREET_FILE_END = "-street.csv"
OTHER_KINDS = {
    "-outcomes.csv": "an outcomes file, not street-level crime",
    "-stop-and-search.csv": "a stop and search file, not street-level crime",
}
PROGRESS_SECONDS = 2.0


def import_police_folder(paths, *, dry_run=False, progress=None) -> Tally:
    """Read every street-level file in `paths` (files, and folders searched through for
    *-street.csv), then, unless `dry_run`, save them all in one transaction. A bad file
    raises PoliceDataError naming it and its line, before anything is saved.

    `progress(done, total, message)`, if given, is called as the work starts, as each phase
    begins and ends, and while reading at most every PROGRESS_SECONDS, with files read
    out of files to read."""
    files, skipped = find_street_files(paths)
    report = _Progress(progress, len(files))
    report.say(f"Reading {len(files):,} street-level file(s); {len(skipped):,} skipped.")
    tally = tally_paths(files, on_file=report.file_read)
    tally.skipped = skipped
    if not dry_run:
        report.say(f"Saving the counts of {tally.rows:,} rows.")
        save_tally(tally)
    report.say(tally.summary(dry_run))
    return tally


def find_street_files(paths) -> tuple[list[Path], list[dict]]:
    """The files to read, each once, and the files skipped in the folders, with why. A file
    named itself is read whatever its name; one in a folder only if it is *-street.csv."""
    missing = [str(path) for path in paths if not Path(path).exists()]
    if missing:
        raise PoliceDataError(f"No such file or folder: {', '.join(missing)}")
    files, skipped, seen = [], [], set()
    for path in map(Path, paths):
        for found in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if found.resolve() in seen or found.is_dir():
                continue
            seen.add(found.resolve())
            reason = _skip_reason(found) if found != path else None
            if reason:
                skipped.append({"file": str(found), "reason": reason})
            else:
                files.append(found)
    if not files:
        raise PoliceDataError(
            f"No street-level file (*{STREET_FILE_END}) in {', '.join(map(str, paths))}."
        )
    return files, skipped


def _skip_reason(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(STREET_FILE_END):
        return None
    for end, reason in OTHER_KINDS.items():
        if name.endswith(end):
            return reason
    return f"not a street-level file (its name does not end {STREET_FILE_END})"


class _Progress:
    """Passes progress on to a callback, at most every PROGRESS_SECONDS while reading."""

    def __init__(self, callback, total):
        self.callback, self.total, self.done, self.last = callback, total, 0, 0.0

    def say(self, message):
        if self.callback is not None:
            self.last = time.monotonic()
            self.callback(self.done, self.total, message)

    def file_read(self, tally):
        self.done += 1
        if time.monotonic() - self.last >= PROGRESS_SECONDS:
            self.say(f"Read {self.done:,} of {self.total:,} files, {tally.rows:,} rows.")
