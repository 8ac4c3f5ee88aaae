#!/usr/bin/env python3
"""Fill Swedish translations from JSON files into the catalogue, then compile.

Run from the repository root after ``python scripts/i18n.py`` has extracted new messages::

    python scripts/apply_translations.py sv-measures.json sv-review.json

Each JSON file maps an English message id to its Swedish text; a plural message maps to a
list ``[singular, plural]``. Existing translations are replaced, fuzzy marks are cleared, and
ids the catalogue does not know are listed (usually a typo or a message that was reworded).
The script ends by running ``scripts/i18n.py`` so the ``.mo`` files are compiled.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from i18n import LOCALE_DIR, read_catalog, render_po


def main(paths: list[str]) -> int:
    po_path = LOCALE_DIR / "sv" / "LC_MESSAGES" / "forbattra.po"
    catalog = read_catalog(po_path, locale="sv")
    if catalog is None:
        print(f"no catalogue at {po_path}; run scripts/i18n.py first", file=sys.stderr)
        return 1
    unknown: list[str] = []
    applied = 0
    for path in paths:
        translations: dict[str, str | list[str]] = json.loads(Path(path).read_text("utf-8"))
        for msgid, text in translations.items():
            message = next((m for m in catalog if m.id and _singular(m.id) == msgid), None)
            if message is None:
                unknown.append(f"{path}: {msgid}")
                continue
            message.string = tuple(text) if isinstance(text, list) else text
            message.flags.discard("fuzzy")
            applied += 1
    po_path.write_bytes(render_po(catalog))
    print(f"applied {applied} translations")
    for line in unknown:
        print(f"not in the catalogue: {line}", file=sys.stderr)
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, str(root / "scripts" / "i18n.py")], check=False)
    return 0


def _singular(msgid: str | tuple[str, ...] | list[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
