"""Writing documents to disk: atomically, and only when their content changed.

Each file is written to a temporary name in its own folder, flushed to disk, then renamed
over the old one (``os.replace``), so a reader (MkDocs, Obsidian, a sync client) never sees a
half-written document and a crash leaves the old file whole. Files whose bytes would not
change are left alone, so their modification times stay put.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath


@dataclass
class Written:
    """What :func:`write_documents` did, file by file."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return sorted(self.written + self.unchanged)


def _new_file_mode() -> int:
    """The mode a newly created file gets from the user's umask (mkstemp would give 0600)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder for this."""
    if os.name != "posix":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; nothing half-written is ever visible."""
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)  # os.replace: atomic on POSIX and Windows
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def write_documents(documents: Iterable[tuple[PurePosixPath, str]], out: Path) -> Written:
    """Write each (relative path, text) under ``out``, creating sub-folders as needed."""
    result = Written()
    for relative, text in documents:
        if relative.is_absolute() or ".." in relative.parts:
            raise ValueError(f"not a path inside the output folder: {relative}")
        target = out.joinpath(*relative.parts)
        data = text.encode("utf-8", errors="replace")
        try:
            if target.read_bytes() == data:
                result.unchanged.append(target)
                continue
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
        result.written.append(target)
    return result
