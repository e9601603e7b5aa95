"""Run a reader that trusts its input in a child process, with a memory cap and a deadline.

    text = run_guarded(read, data, source=name, seconds=20, memory=768 * 2**20, what="...")

The child is forked (so it starts at once, with everything already imported), limits its own
address space, runs `function(*args)` and sends back the result or the DocumentError's
message through a pipe; it never touches the parent's database connection or files. Past
the deadline it is killed. Every way it can end becomes a result or a DocumentError naming
`source`. Where fork is not available the function runs here, with no caps but its own.
"""

import contextlib
import faulthandler
import os
import pickle
import resource
import select
import signal
import time

from .limits import TOO_LARGE
from .structure import DocumentError

_MB = 1024 * 1024


def run_guarded(function, *args, source: str, seconds: float, memory: int, what: str):
    if not hasattr(os, "fork"):
        return _outcome(_call(function, args), source, memory, what)
    try:
        reader, writer = os.pipe()
        pid = os.fork()
    except OSError as error:  # out of processes or memory: a refusal, not a server error
        raise DocumentError(
            f"{what} could not start ({error.strerror}); try again", source
        ) from None
    if pid == 0:  # the child: whatever happens, it ends here
        try:
            os.close(reader)
            faulthandler.disable()  # a reader that runs out of memory may abort: no dump
            _limit_memory(memory)
            _send(writer, _call(function, args))
        finally:
            os._exit(0)
    os.close(writer)
    try:
        payload = _receive(reader, pid, seconds)
    finally:
        os.close(reader)
        _reap(pid)
    if payload is None:
        raise DocumentError(f"{TOO_LARGE}: {what} took longer than {seconds:.1f} seconds", source)
    try:
        result = pickle.loads(payload)
    except Exception:  # nothing, or cut short: the child died while answering
        raise DocumentError(
            f"{what} stopped without an answer (it may need more than {memory // _MB} MB of "
            "memory); the file may be damaged",
            source,
        ) from None
    return _outcome(result, source, memory, what)


def _call(function, args) -> tuple:
    try:
        return ("done", function(*args))
    except DocumentError as error:
        return ("refused", error.message)
    except MemoryError:
        return ("memory", None)
    except RecursionError:
        return ("failed", "it is nested too deeply")
    except Exception as error:  # the reader's own failure on a file it cannot read
        return ("failed", f"{type(error).__name__}: {error}")


def _outcome(result: tuple, source: str, memory: int, what: str):
    kind, value = result
    if kind == "done":
        return value
    if kind == "refused":
        raise DocumentError(value, source)
    if kind == "memory":
        raise DocumentError(
            f"{TOO_LARGE}: {what} needed more than {memory // _MB} MB of memory", source
        )
    raise DocumentError(f"this file could not be read ({value})", source)


def _limit_memory(memory: int) -> None:
    # The cap is on what the child adds to the address space it was forked with.
    try:
        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (current + memory, resource.RLIM_INFINITY))
    except (OSError, ValueError):
        pass  # no /proc, or a hard limit already lower: the deadline still holds


def _send(writer: int, result: tuple) -> None:
    try:
        payload = pickle.dumps(result)
    except Exception as error:  # pragma: no cover - results are plain strings
        payload = pickle.dumps(("failed", f"unsendable result ({error})"))
    with os.fdopen(writer, "wb") as pipe:
        pipe.write(payload)


def _receive(reader: int, pid: int, seconds: float) -> bytes | None:
    """All the child wrote, or None if it had not finished by the deadline."""
    end = time.monotonic() + seconds
    chunks = []
    while True:
        left = end - time.monotonic()
        if left <= 0 or not select.select([reader], [], [], left)[0]:
            os.kill(pid, signal.SIGKILL)
            return None
        chunk = os.read(reader, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
