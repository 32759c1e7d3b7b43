"""Write files so that a reader never sees half of one and concurrent runs never collide.

Every file the project writes goes first to a temporary file with a unique name in the target's
own folder (so the final rename stays on one file system and is atomic), then replaces the
target in one step. The temporary name starts with a dot and carries the writer's process id:
globs for charts or pages never match it, and ``remove_stale`` deletes only those whose writer
is gone (a killed run), never a concurrent run's file in progress.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

PREFIX = ".oir-tmp-"


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a unique temporary path beside ``target``; rename it onto ``target`` on success.

    On any error the temporary file is removed and the target is left as it was. A failed file
    operation (a read-only folder, a full disk) is raised as an ``OSError`` naming ``target``,
    not the temporary name the user never chose; a failing cleanup never hides it.
    """
    try:
        handle, name = tempfile.mkstemp(
            prefix=f"{PREFIX}{os.getpid()}-{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise _naming(error, target) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    except OSError as error:
        raise _naming(error, target) from None
    finally:
        with suppress(OSError):  # a leftover is named as temporary and removed by a later run
            temporary.unlink(missing_ok=True)


def _naming(error: OSError, target: Path) -> OSError:
    """The same error (same class and errno), about ``target``."""
    return type(error)(error.errno, error.strerror or str(error), str(target))


def write_text(target: Path, text: str) -> Path:
    """Write UTF-8 text to ``target`` atomically; return ``target``."""
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return target


def is_temporary(path: Path) -> bool:
    """Whether a path is one of our temporary files (never to be read as a result)."""
    return path.name.startswith(PREFIX)


def _writer_alive(path: Path) -> bool:
    """Whether the process that created a temporary file still runs."""
    pid_text = path.name.removeprefix(PREFIX).split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    return not _zombie(int(pid_text))


def _zombie(pid: int) -> bool:
    """Whether a process has ended but is not yet reaped (it can write nothing more).

    A killed export's workers stay zombies where nothing reaps orphans (a container whose first
    process is not an init); Linux says so in ``/proc``, elsewhere the process counts as alive.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def remove_stale(folder: Path) -> list[Path]:
    """Delete temporary files in ``folder`` left by killed runs; return what was deleted."""
    removed = []
    if not folder.is_dir():
        return removed
    for path in folder.glob(f"{PREFIX}*"):
        if not _writer_alive(path):
            try:
                path.unlink(missing_ok=True)
            except OSError:  # a read-only folder: the write that follows names the real problem
                continue
            removed.append(path)
    return removed
