"""Which documents an initiative gets, and rendering them from the templates.

For initiative 3, "Anonym förbättringsinkorg", the output folder holds::

    index.md                                  the portfolio: every initiative rendered
    3-anonym-forbattringsinkorg.md            the initiative report
    3-anonym-forbattringsinkorg/cycle-1.md    one document per cycle (experiment)
    3-anonym-forbattringsinkorg/closure.md    the closure record, when it was closed
    3-anonym-forbattringsinkorg/stop-doing.md the stop-doing list, when it has one

Names are stable (the id never changes; the slug follows the title) and the same data always
gives the same bytes: no clock is read and every list has a fixed order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

from forbattra.core.exchange import InitiativeDocument
from forbattra.docs import build, views
from forbattra.docs import environment as env

INDEX = "index.md"
TEMPLATES = {
    "initiative": "initiative.md.j2",
    "cycle": "cycle.md.j2",
    "closure": "closure.md.j2",
    "stop_doing": "stop-doing.md.j2",
    "index": "index.md.j2",
}
_BLANK_LINES = re.compile(r"\n{3,}")

Source = Mapping[str, Any] | InitiativeDocument


@dataclass(frozen=True)
class Document:
    """One rendered file: where it goes inside the output folder, and its markdown."""

    path: PurePosixPath
    text: str


def tidy(text: str) -> str:
    """At most one blank line in a row, and exactly one newline at the end."""
    return _BLANK_LINES.sub("\n\n", text).strip("\n") + "\n"


class Renderer:
    """Renders documents with one template set (the user's folder, then the built-in one)."""

    def __init__(self, templates: Path | None = None) -> None:
        self.environment: jinja2.Environment = env.cached_environment(templates)

    def _render(self, kind: str, **context: Any) -> str:
        return tidy(env.render(self.environment, TEMPLATES[kind], context))

    def initiative(self, initiative: views.Initiative) -> str:
        return self._render("initiative", initiative=initiative, root="")

    def cycle(self, initiative: views.Initiative, number: int) -> str:
        cycle = next((c for c in initiative.cycles if c.number == number), None)
        if cycle is None:
            raise LookupError(f"initiative {initiative.id} has no cycle {number}")
        return self._render("cycle", initiative=initiative, cycle=cycle, root="../")

    def closure(self, initiative: views.Initiative) -> str:
        return self._render(
            "closure", initiative=initiative, closure=initiative.closure, root="../"
        )

    def stop_doing(self, initiative: views.Initiative) -> str:
        return self._render(
            "stop_doing", initiative=initiative, stop_doing=initiative.stop_doing, root="../"
        )

    def index(self, portfolio: views.Portfolio) -> str:
        return self._render(
            "index", portfolio=portfolio, initiatives=portfolio.initiatives, root=""
        )

    def documents(self, initiative: views.Initiative) -> list[Document]:
        """Every document of one initiative (not the index)."""
        result = [Document(PurePosixPath(initiative.file), self.initiative(initiative))]
        for cycle in initiative.cycles:
            result.append(Document(PurePosixPath(cycle.file), self.cycle(initiative, cycle.number)))
        if initiative.closure is not None:
            result.append(
                Document(PurePosixPath(initiative.closure.file), self.closure(initiative))
            )
        if initiative.stop_doing is not None:
            result.append(
                Document(PurePosixPath(initiative.stop_doing.file), self.stop_doing(initiative))
            )
        return result

    def folder(self, sources: Sequence[tuple[int, Source]]) -> list[Document]:
        """Every document of every (id, exchange document), and the index linking them."""
        initiatives = [build.initiative_view(document, id_) for id_, document in sources]
        result = [document for i in initiatives for document in self.documents(i)]
        result.append(Document(PurePosixPath(INDEX), self.index(build.portfolio_view(initiatives))))
        return result


def render_initiative(
    document: Source, initiative_id: int, *, templates: Path | None = None
) -> str:
    """The markdown report of one initiative (for a preview, or to save as one file).

    ``document`` is an exchange document, as ``store.services.exchange.export_documents``
    returns it. Links to the cycle documents are relative to the folder ``forbattra render``
    writes.
    """
    return Renderer(templates).initiative(build.initiative_view(document, initiative_id))


def render_cycle(
    document: Source, initiative_id: int, number: int, *, templates: Path | None = None
) -> str:
    """The markdown document of cycle ``number`` of one initiative."""
    return Renderer(templates).cycle(build.initiative_view(document, initiative_id), number)


def render_folder(
    sources: Sequence[tuple[int, Source]], *, templates: Path | None = None
) -> list[Document]:
    """Every document for the (id, exchange document) pairs, and the index."""
    return Renderer(templates).folder(sources)
