"""Human-readable output for the terminal (the portfolio list is in ``listing``). User text
is always passed as ``Text``, never parsed as markup, so a title like ``[bold]`` prints as
typed."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from forbattra.core import methods
from forbattra.core.vocabulary import (
    ClosureReason,
    CycleDecision,
    Method,
    Status,
    StopDecision,
    area_short,
    label,
)
from forbattra.i18n import _, ngettext
from forbattra.i18n.numbers import number_text


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def initiative_details(initiative_id: int, document: dict[str, Any]) -> None:
    console = _console()
    data = document["initiative"]
    method = Method(data["method"])
    phase = methods.phase(method, data["phase"])
    console.print(Text(f"#{initiative_id}  {data['title']}", style="bold"))
    facts = [
        (_("Method"), label(method)),
        (_("Phase"), phase.name if phase else data["phase"]),
        (_("Status"), label(Status(data["status"]))),
        (_("Unit"), data["unit"]),
        (_("Kommunkompassen area"), area_short(data["area"]) if data["area"] else ""),
        (_("Leader"), data["leader"]),
        (_("Sponsor"), data["sponsor"]),
        (_("Coach"), data["coach"]),
        (_("Team"), data["team"]),
    ]
    for name, value in facts:
        if value:
            console.print(Text.assemble((f"{name}: ", "bold"), value))
    answers = {(a["phase"], a["question"]): a["text"] for a in document["answers"]}
    for candidate in methods.phases(method):
        answered = [
            (q, answers[(candidate.key, q.key)])
            for q in candidate.questions
            if (candidate.key, q.key) in answers
        ]
        if not answered:
            continue
        console.print()
        console.print(Text(candidate.name, style="bold underline"))
        for question, text in answered:
            console.print(Text(question.text, style="italic"))
            console.print(Text("  " + text.replace("\n", "\n  ")))
    counts = [
        (_("Causes"), len(document["causes"])),
        (_("Solutions"), len(document["solutions"])),
        (_("Measures"), len(document["measures"])),
        (
            _("Observations"),
            sum(len(m["observations"]) for m in document["measures"]),
        ),
        (_("Cycles"), len(document["cycles"])),
        (_("Stop-doing items"), len(document["stop_doing"])),
        (_("Comments"), len(document["comments"])),
    ]
    console.print()
    console.print(Text("  ".join(f"{name}: {count}" for name, count in counts)))
    for cycle in document["cycles"]:
        decision = label(CycleDecision(cycle["decision"])) if cycle["decision"] else _("under way")
        line = _("Cycle {number}: {title} ({decision})").format(
            number=cycle["number"], title=cycle["title"], decision=decision
        )
        console.print(Text("  " + line))
    stopped = [
        item for item in document["stop_doing"] if item["decision"] != StopDecision.UNDECIDED
    ]
    if stopped:
        freed = sum(item["hours_freed"] or 0 for item in stopped)
        console.print(
            Text(
                # "1,5 timmar": only exactly one hour takes the singular.
                ngettext(
                    "Stop-doing: {hours} hour a month freed",
                    "Stop-doing: {hours} hours a month freed",
                    1 if freed == 1 else 2,
                ).format(hours=number_text(freed, 1))
            )
        )
    closure = document["closure"]
    if closure:
        console.print()
        console.print(
            Text(
                _("Closed without prestige on {date}").format(date=closure["closed_on"]),
                style="bold",
            )
        )
        console.print(
            Text.assemble((_("Reason:") + " ", "bold"), label(ClosureReason(closure["reason"])))
        )
        console.print(Text.assemble((_("What we learned:") + " ", "bold"), closure["learned"]))
