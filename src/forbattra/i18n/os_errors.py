"""Why a file could not be read or written, in the reader's language.

The operating system explains an ``OSError`` in English ("No such file or directory"); the
common reasons a person can act on are said here instead, the rest as the system says them.
"""

from __future__ import annotations

import errno

from forbattra.i18n import N_, _

_REASONS = {
    errno.ENOENT: N_("the folder or file does not exist"),
    errno.EACCES: N_("you do not have permission to use it"),
    errno.EPERM: N_("you do not have permission to use it"),
    errno.EROFS: N_("the disk can only be read, not written to"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EEXIST: N_("it already exists"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.EISDIR: N_("it is a folder, not a file"),
}


def os_error_reason(error: BaseException) -> str:
    """The reason for ``error`` as a short clause ("the disk is full"), translated for the
    common cases; otherwise the system's own words, or the error's text."""
    code = getattr(error, "errno", None)
    if code in _REASONS:
        return _(_REASONS[code])
    return getattr(error, "strerror", None) or str(error)
