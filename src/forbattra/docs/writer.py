"""Writing documents to disk: atomically, and only when their content changed.

Each file is written to a temporary name in its own folder, flushed to disk, then renamed
over the old one (``os.replace``), so a reader (MkDocs, Obsidian, a sync client) never sees a
half-written document and a crash leaves the old file whole. Files whose bytes would not
change are left alone, so their modification times stay put.
"""

from __future__ import annotations

import os
import sys
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
    temporary = _write_temporary(path, data)
    try:
        _flush_file(temporary)
        temporary.replace(path)  # os.replace: atomic on POSIX and Windows
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _write_temporary(path: Path, data: bytes) -> Path:
    """``data`` in a new hidden file beside ``path``, with the mode ``path`` has (or would get)."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        temporary.chmod(mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _flush_file(path: Path) -> None:
    handle = os.open(path, os.O_RDWR)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _flush_all(paths: list[Path]) -> None:
    """Get every file's bytes onto the disk before any rename.

    Many files on Linux: one ``sync()``, which returns when everything written is on disk, in
    place of an fsync per file (each fsync forces a journal commit that the next file's
    creation then waits for: most of ``render --all``'s time). Elsewhere ``sync()`` may return
    early, so each file is flushed.
    """
    if len(paths) > 1 and sys.platform == "linux":
        os.sync()
        return
    for path in paths:
        _flush_file(path)


def write_documents(documents: Iterable[tuple[PurePosixPath, str]], out: Path) -> Written:
    """Write each (relative path, text) under ``out``, creating sub-folders as needed.

    Every changed file is first written beside its target under a temporary name; when all of
    them are, and are on the disk, each is renamed over its target, and each folder synced
    once. A failure before the renames (a full disk, say) leaves every target as it was.
    """
    result = Written()
    pending: list[tuple[Path, Path]] = []  # (temporary, target)
    try:
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
            pending.append((_write_temporary(target, data), target))
        _flush_all([temporary for temporary, _target in pending])
        for temporary, target in pending:
            temporary.replace(target)
            result.written.append(target)
    finally:
        for temporary, _target in pending[len(result.written) :]:  # an error came first
            temporary.unlink(missing_ok=True)
        for folder in sorted({target.parent for target in result.written}):
            _sync_folder(folder)
    return result
