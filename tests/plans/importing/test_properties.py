"""Mutated seeds: the importer either imports them or raises its own error, nothing else."""

import json
import random
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.importing import DocumentError, ParsedDocument, parse_document

from .conftest import SEEDS, docx_from_text, seed_text
from .pdfs import text_pdf

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]
FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


MUTATIONS = ["drop", "repeat", "swap", "cut", "tab", "blank", "chop"]


@st.composite
def mutated_lines(draw):
    """(seed name, lines) with lines dropped, repeated, swapped, cut, given tabs or blanks."""
    name = draw(st.sampled_from(SEEDS))
    return name, mutate(seed_text(name).split("\n"), lambda low, high: draw(st.integers(low, high)))


def mutate(lines: list[str], pick) -> list[str]:
    """The lines with one to six mutations; pick(low, high) chooses a number in that range."""
    for _ in range(pick(1, 6)):
        if not lines:
            break
        index = pick(0, len(lines) - 1)
        mutation = MUTATIONS[pick(0, len(MUTATIONS) - 1)]
        if mutation == "drop":
            del lines[index]
        elif mutation == "repeat":
            lines.insert(index, lines[index])
        elif mutation == "swap":
            other = pick(0, len(lines) - 1)
            lines[index], lines[other] = lines[other], lines[index]
        elif mutation == "cut":
            lines = lines[:index]
        elif mutation == "tab":
            at = pick(0, len(lines[index]))
            lines[index] = lines[index][:at] + "\t" + lines[index][at:]
        elif mutation == "blank":
            lines[index:index] = [""] * pick(1, 3)
        else:
            lines[index] = lines[index][: pick(0, len(lines[index]))]
    return lines


def imports_or_refuses(data: bytes, filename: str) -> bool:
    """Whether it imported; a refusal must be the importer's own error, naming the file."""
    try:
        document = parse_document(data, filename)
    except DocumentError as error:
        assert not error.unexpected, f"an unforeseen failure: {error.__cause__!r}"
        assert str(error).startswith(filename)
        return False
    assert_consistent(document)
    return True


def assert_consistent(document: ParsedDocument) -> None:
    json.dumps(document.to_json())
    codes = document.priority_codes()
    assert document.plan.start <= document.plan.end
    for action in document.actions:
        assert action.title
        assert set(action.priority_codes) <= codes | {""}
        if action.start and action.due:
            assert action.start <= action.due
    for figure in document.figures:
        assert figure.period_start <= figure.period_end
    assert all(w.line is None or isinstance(w.line, int) for w in document.warnings)


# What each seed holds, read as it is: a parser that refused everything would pass the
# properties below, so these say the documents do import, in every encoding and as Word.
SEED_COUNTS = {
    "dacorum-update-2011-12.txt": {"priorities": 6, "actions": 31, "figures": 24},
    "north-herts-plan-2008-11.txt": {
        "members": 6,
        "priorities": 7,
        "actions": 54,
        "success_criteria": 23,
    },
    "st-albans-action-plan-2019-20.txt": {"priorities": 10, "actions": 24},
    "st-albans-strategy-2011-12.txt": {
        "members": 15,
        "priorities": 5,
        "figures": 14,
        "targets": 1,
    },
    "st-albans-strategy-2024-27.txt": {"members": 18, "priorities": 3, "actions": 24},
}
COUNTED = ["members", "priorities", "actions", "success_criteria", "figures", "targets"]


def counts_of(document: ParsedDocument) -> dict[str, int]:
    return {name: count for name, count in document.counts().items() if name in COUNTED and count}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("name", SEEDS)
def test_each_seed_imports_with_what_it_holds_in_every_encoding(name, encoding):
    document = parse_document(seed_text(name).encode(encoding, errors="replace"), name)
    assert_consistent(document)
    assert counts_of(document) == SEED_COUNTS[name]


@pytest.mark.parametrize("name", SEEDS)
def test_each_seed_imports_with_what_it_holds_as_a_word_document(name):
    document = parse_document(seed_docx(name), name.replace(".txt", ".docx"))
    assert counts_of(document) == SEED_COUNTS[name]


def test_most_mutated_seeds_still_import():
    # The same 100 mutations each run (a fixed seed): 74 import today. A floor, not the
    # count, so the parser may get better; a parser refusing most documents fails it.
    rng = random.Random(2026)
    imported = dict.fromkeys(SEEDS, 0)
    for number in range(100):
        name = SEEDS[number % len(SEEDS)]
        lines = mutate(seed_text(name).split("\n"), rng.randint)
        imported[name] += imports_or_refuses("\n".join(lines).encode(), name)
    assert sum(imported.values()) >= 65
    assert min(imported.values()) >= 10, imported


@FAST
@given(mutated_lines(), st.sampled_from(ENCODINGS))
def test_mutated_text_imports_or_raises_its_own_error(mutated, encoding):
    name, lines = mutated
    imports_or_refuses("\n".join(lines).encode(encoding, errors="replace"), name)


@FAST
@given(st.sampled_from(SEEDS), st.data())
def test_a_cut_file_imports_or_raises_its_own_error(name, data):
    raw = seed_text(name).encode("utf-8")
    cut = data.draw(st.integers(0, len(raw)))
    imports_or_refuses(raw[:cut], name)


@FAST
@given(st.sampled_from(SEEDS), st.data(), st.binary(min_size=1, max_size=64))
def test_stray_bytes_import_or_raise_its_own_error(name, data, stray):
    raw = seed_text(name).encode("utf-8")
    at = data.draw(st.integers(0, len(raw)))
    imports_or_refuses(raw[:at] + stray + raw[at:], name)


@cache
def seed_docx(name: str) -> bytes:
    return docx_from_text(seed_text(name))


# Building a Word document takes a while: fewer examples.
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_lines())
def test_mutated_word_documents_import_or_raise_its_own_error(mutated):
    name, lines = mutated
    imports_or_refuses(docx_from_text("\n".join(lines)), name.replace(".txt", ".docx"))


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(SEEDS), st.data())
def test_damaged_word_documents_import_or_raise_its_own_error(name, data):
    raw = bytearray(seed_docx(name))
    for _ in range(data.draw(st.integers(1, 4))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    imports_or_refuses(bytes(raw), name.replace(".txt", ".docx"))


@cache
def seed_pdf(name: str) -> bytes:
    return text_pdf(seed_text(name))


# Each PDF is read in a child process of its own: fewer examples.
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS), st.data())
def test_damaged_pdfs_import_or_raise_its_own_error(name, data):
    raw = bytearray(seed_pdf(name))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        mutation = data.draw(st.sampled_from(["flip", "cut", "insert", "drop"]))
        if mutation == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif mutation == "cut":
            raw = raw[: max(at, 8)]
        elif mutation == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=32))
        else:
            del raw[at : at + data.draw(st.integers(1, 64))]
    imports_or_refuses(bytes(raw), name.replace(".txt", ".pdf"))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_lines())
def test_pdfs_of_mutated_seeds_import_or_raise_its_own_error(mutated):
    name, lines = mutated
    imports_or_refuses(text_pdf("\n".join(lines)), name.replace(".txt", ".pdf"))
