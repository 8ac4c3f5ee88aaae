"""Looking at an SQLite file before forbattra opens it, without ever writing to it.

A file forbattra cannot use is refused with a message that says what is wrong; a damaged one
also names the newest backup. A file or folder forbattra may not write to is opened read-only.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from forbattra.i18n import _
from forbattra.store.errors import DatabaseDamaged, DatabaseUnavailable

SQLITE_HEADER = b"SQLite format 3\x00"


def backup_hint(path: Path) -> str:
    """One sentence naming the newest backup of ``path`` and how to go back to it."""
    from forbattra.store.backup import list_backups

    backups = list_backups(path)
    if not backups:
        return _("There is no backup beside the file.")
    newest = backups[0]
    return _(
        "The newest backup is {backup} ({when}); to go back to it run: forbattra backup restore"
        " {backup}"
    ).format(backup=newest.path, when=newest.taken_at.strftime("%Y-%m-%d %H:%M UTC"))


def damaged(path: Path) -> DatabaseDamaged:
    return DatabaseDamaged(
        _("The database {path} is damaged; forbattra will not write to it. {hint}").format(
            path=path, hint=backup_hint(path)
        )
    )


def _truncated(path: Path, header: bytes) -> bool:
    """True when the header promises more pages than the file holds (a cut-off copy)."""
    if len(header) < 100:
        return True
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return True
    size = path.stat().st_size
    if size % page_size:
        return True
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is only valid when the two change counters agree.
    counted = header[24:28] == header[92:96]
    return counted and size < pages * page_size


def check_sqlite_file(path: Path) -> bool:
    """Refuse, with a clear message, a file SQLite could not use, before touching it.

    Returns True when the file must be opened read-only (it or its folder is not writable).
    """
    if path.is_dir():
        raise DatabaseUnavailable(_("{path} is a folder, not a database file.").format(path=path))
    folder = path.parent
    if not folder.is_dir():
        raise DatabaseUnavailable(_("The folder {folder} does not exist.").format(folder=folder))
    if not path.exists():
        if not os.access(folder, os.W_OK):
            raise DatabaseUnavailable(
                _("Cannot create a database in {folder}: the folder is read-only.").format(
                    folder=folder
                )
            )
        return False
    if not os.access(path, os.R_OK):
        raise DatabaseUnavailable(_("No permission to read the database {path}.").format(path=path))
    read_only = not os.access(path, os.W_OK) or not os.access(folder, os.W_OK)
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        from forbattra.store.backup import list_backups

        # An empty file where backups exist is a database that lost its content, not a new one.
        if list_backups(path):
            raise DatabaseDamaged(
                _("The database {path} is empty. {hint}").format(path=path, hint=backup_hint(path))
            )
        if read_only:
            raise DatabaseUnavailable(
                _("The database {path} is empty and read-only.").format(path=path)
            )
        return False
    if not header.startswith(SQLITE_HEADER):
        raise DatabaseUnavailable(
            _("{path} is not a forbattra database (it is not an SQLite file).").format(path=path)
        )
    if _truncated(path, header):
        raise damaged(path)
    check_not_foreign(path)
    return read_only


def read_only_uri(path: Path) -> str:
    """The URI that opens ``path`` without writing, even in a folder SQLite cannot write to.

    A WAL database needs its ``-shm`` file; where that cannot be created, the file is opened
    as immutable (nobody can change it there anyway).
    """
    uri = f"{path.absolute().as_uri()}?mode=ro"
    try:
        probe = sqlite3.connect(uri, uri=True)
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return uri
        finally:
            probe.close()
    except sqlite3.OperationalError:
        return uri + "&immutable=1"


def read_only_connector(path: Path, timeout: float) -> Callable[[], sqlite3.Connection]:
    uri = read_only_uri(path)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)

    return connect


def check_not_foreign(path: Path) -> None:
    """Refuse another program's SQLite database before the engine's first connection.

    That connection switches the file to WAL mode, which rewrites its header: the check has to
    happen here, through a read-only connection, so a refused file is left byte-identical.
    """
    from forbattra.store.engine import BUSY_TIMEOUT_MS, error_for

    try:
        reader = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            tables = {
                str(row[0])
                for row in reader.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            reader.close()
    except sqlite3.DatabaseError as error:
        raise error_for(error, path) from error
    if "alembic_version" not in tables and tables - {"sqlite_sequence"}:
        raise DatabaseUnavailable(
            _("This database belongs to another program; forbattra will not change it.")
        )
