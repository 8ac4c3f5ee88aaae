"""What the document preview shows and saves, without Textual: the rendered markdown of an
initiative or a cycle, its front matter read apart, and where an export goes.

The document is exactly the file ``forbattra render`` writes (same templates, same name under
the folder), so a preview saved from the app and a rendered folder never disagree.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from forbattra.i18n import N_, _

if TYPE_CHECKING:
    from forbattra.store.database import Database

# Where exported documents go: this variable, else a "forbattra" folder in the user's
# documents folder (platformdirs: ~/Documents on Linux and macOS, Dokument on Windows).
DOCS_VARIABLE = "FORBATTRA_DOCS"
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n+", re.DOTALL)
# Keys of the front matter the header leaves out: the title is the document's heading, the
# tags only say it is forbattra's.
_NOT_SHOWN = frozenset({"title", "tags"})
# Front-matter keys are the file's own (English, for MkDocs and Obsidian); the header names
# them in the language on screen and leaves out the coded values the document's text states.
_SAID_IN_THE_BODY = frozenset(
    {"method", "status", "phase", "area", "decision", "prediction_held", "initiative", "reason"}
)
# Every other key the bundled templates write (templates/*.md.j2, front_matter([...])).
_KEY_NAMES = {
    "id": N_("no."),
    "initiative_id": N_("initiative no."),
    "cycle": N_("cycle"),
    "unit": N_("unit"),
    "leader": N_("leader"),
    "created": N_("created"),
    "updated": N_("changed"),
    "closed": N_("closed"),
    "started": N_("started"),
    "finished": N_("finished"),
    "review_by": N_("review by"),
    "reviewer": N_("reviewer"),
    "period": N_("period"),
}


@dataclass(frozen=True)
class PreparedDocument:
    """One rendered document: its title, its whole markdown, and its path in a render folder."""

    title: str
    text: str
    path: PurePosixPath
    # Renders the initiative's other documents (cycles, closure, stop-doing), saved beside
    # this one so the links between them work in an exported folder. Called only on export:
    # a report with fifty cycles would otherwise render fifty documents nobody looks at.
    others: Callable[[], Sequence[tuple[PurePosixPath, str]]] = field(
        default=tuple, compare=False, repr=False
    )

    @property
    def linked(self) -> tuple[tuple[PurePosixPath, str], ...]:
        return tuple((where, text) for where, text in self.others() if where != self.path)

    @property
    def parts(self) -> tuple[list[tuple[str, str]], str]:
        return split_front_matter(self.text)


def export_folder(environ: Mapping[str, str] | None = None) -> Path:
    """The folder exports go to: ``FORBATTRA_DOCS`` > the user's documents folder/forbattra."""
    env = os.environ if environ is None else environ
    chosen = env.get(DOCS_VARIABLE, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "forbattra"


def split_front_matter(text: str) -> tuple[list[tuple[str, str]], str]:
    """The YAML front matter as (key, value) pairs, and the markdown after it.

    The templates write one ``key: value`` per line with JSON-style quoting, which is all this
    reads; a line it cannot read is shown as it stands rather than lost.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return [], text
    pairs: list[tuple[str, str]] = []
    for line in match[1].splitlines():
        key, colon, raw = line.partition(":")
        if not colon or key.strip() in _NOT_SHOWN:
            continue
        value = raw.strip()
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = value
        if isinstance(parsed, list):
            parsed = ", ".join(str(item) for item in parsed)
        pairs.append((key.strip(), str(parsed)))
    return pairs, text[match.end() :]


def header_fields(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The front matter as the preview's header shows it: (name in the reader's language,
    value), without what the document's text says anyway. A key of the user's own templates
    that forbattra does not know keeps its own name."""
    return [
        (_(_KEY_NAMES[key]) if key in _KEY_NAMES else key, value)
        for key, value in pairs
        if key not in _SAID_IN_THE_BODY
    ]


def prepare(
    database: Database, initiative_id: int, cycle_number: int | None = None
) -> PreparedDocument:
    """Render the report of an initiative, or the document of one of its cycles.

    Raises the store's errors (NotFound, ...), :class:`forbattra.docs.DocsError` for a
    templates problem, and LookupError for a cycle the initiative does not have.
    """
    from forbattra import docs
    from forbattra.docs import build
    from forbattra.store.services.exchange import export_documents

    (document,) = export_documents(database, [initiative_id])
    renderer = docs.Renderer(docs.resolve_templates(None))
    view = build.initiative_view(document, initiative_id)

    def others() -> list[tuple[PurePosixPath, str]]:
        return [(item.path, item.text) for item in renderer.documents(view)]

    if cycle_number is None:
        return PreparedDocument(view.title, renderer.initiative(view), PurePosixPath(view.file),
                                others)  # fmt: skip
    cycle = next((c for c in view.cycles if c.number == cycle_number), None)
    if cycle is None:
        raise LookupError(cycle_number)
    text = renderer.cycle(view, cycle_number)
    return PreparedDocument(cycle.title, text, PurePosixPath(cycle.file), others)


def save(document: PreparedDocument, folder: Path) -> Path:
    """Write ``document`` and the documents it links to under ``folder`` the way ``forbattra
    render`` does (atomically, the same file names); returns the full path of ``document``.
    Raises OSError when it cannot be written."""
    from forbattra.docs import write_documents

    folder.mkdir(parents=True, exist_ok=True)
    write_documents([(document.path, document.text), *document.linked], folder)
    return folder.joinpath(*document.path.parts).absolute()
