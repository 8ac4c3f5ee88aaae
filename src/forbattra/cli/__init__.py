"""The command line: ``forbattra`` and its commands, composed from small modules.

The language is chosen from ``--lang`` before the command modules are imported, so their help
texts are translated too. Commands that need no UI never import Textual.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from forbattra.i18n import resolve_language, set_language


def _peek_language(args: Sequence[str]) -> str | None:
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``forbattra`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    set_language(resolve_language(_peek_language(args)))
    from forbattra.cli.app import build

    sys.exit(build().run(args))
