"""The child process a reader runs in: every way it can end is a result or a DocumentError."""

import os
import time

import pytest

from plans.importing.sandbox import run_guarded
from plans.importing.structure import DocumentError

MB = 1024 * 1024


def guarded(function, *args, seconds: float = 10, memory: int = 256 * MB):
    return run_guarded(
        function, *args, source="plan.pdf", seconds=seconds, memory=memory, what="reading it"
    )


def refusal(function, *args, **caps) -> str:
    with pytest.raises(DocumentError) as caught:
        guarded(function, *args, **caps)
    return str(caught.value)


def test_it_returns_what_the_function_returns_from_another_process():
    assert (
        guarded(lambda text: f"{text} from {os.getpid()}", "hello") != f"hello from {os.getpid()}"
    )
    assert guarded(str.upper, "hello") == "HELLO"


def test_a_refusal_in_the_child_is_the_same_refusal_here():
    def refuse():
        raise DocumentError("this is not a readable PDF (bad xref)")

    assert refusal(refuse) == "plan.pdf: this is not a readable PDF (bad xref)"


def test_any_other_failure_is_a_refusal_naming_it():
    assert refusal(lambda: 1 / 0) == (
        "plan.pdf: this file could not be read (ZeroDivisionError: division by zero)"
    )


def test_a_child_past_its_deadline_is_stopped_and_refused():
    started = time.monotonic()
    message = refusal(time.sleep, 30, seconds=0.5)
    assert time.monotonic() - started < 5
    assert message == (
        "plan.pdf: the document is too large to import here: reading it took longer than "
        "0.5 seconds"
    )


def test_a_child_that_needs_more_memory_than_its_cap_is_refused():
    message = refusal(lambda: len(bytearray(512 * MB)), memory=64 * MB)
    assert message == (
        "plan.pdf: the document is too large to import here: reading it needed more than 64 MB "
        "of memory"
    )


def test_a_child_that_dies_without_answering_is_refused():
    message = refusal(os._exit, 3)
    assert "reading it stopped without an answer" in message
