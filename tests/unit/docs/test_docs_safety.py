"""Whatever people type, the documents keep their structure and their words (hypothesis).

Every user field of a full initiative (closed, with answers, causes, a solution, a measure, two
cycles, a stop-doing item, comments and history) gets generated text full of what markdown,
YAML and Mermaid give a meaning to. Each rendered document is read back with markdown-it-py
and PyYAML, and must have exactly the headings, tables and charts the same initiative with
plain text would have, the front matter must hold the very values, and every piece of text
must still be there for a reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forbattra.core.exchange import InitiativeDocument, parse_document
from forbattra.docs import render_folder
from forbattra.docs.markdown import mermaid

from .mdcheck import Parsed, norm, parse, table_cell_counts
from .support import speaking

# What gives text a meaning somewhere: markdown blocks and inlines, tables, HTML, YAML,
# Mermaid, Jinja itself, line breaks of every kind, and Unicode that likes to surprise.
NASTY = [
    "|",
    "#",
    "##",
    "`",
    "```",
    "<",
    ">",
    "<b>",
    "</div>",
    "<!--",
    "[",
    "]",
    "[x](y)",
    "](",
    "---",
    "===",
    "***",
    "___",
    ":",
    ": ",
    "key: value",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "*",
    "_",
    "~",
    "~~~",
    "\\",
    "\\n",
    "&amp;",
    "&",
    "&#35;",
    "$",
    "$$",
    "%",
    "%%",
    "%%{init: {}}%%",
    "- ",
    "+ ",
    "1. ",
    "2) ",
    "    ",
    "\t",
    "!",
    "!!! note",
    "=",
    '"',
    "'",
    "{{ x }}",
    "{% if %}",
    "#quot;",
    "\u2028",
    "\u2029",
    "\x85",
    "\x0b",
    "\x0c",
    "\x1c",
    "é",
    "e\u0301",
    "🚀",
    "👩‍👩‍👧",
    "مرحبا",
    "\u202e",
    "\ufeff",
    "\u00a0",
    "\u200b",
    "null",
    "yes",
    "~",
    "@",
    "^",
    "[^1]",
    "[[wiki]]",
    "\\|",
    "|---|",
    "line;",
]
fragment = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=6),
)
text = st.lists(fragment, max_size=8).map("".join)
title = text.filter(lambda value: bool(value.strip()))


@dataclass
class Texts:
    values: dict[str, str]

    def __getitem__(self, name: str) -> str:
        return self.values[name]


FIELDS = {
    "title": title,
    "unit": text,
    "leader": text,
    "sponsor": text,
    "coach": text,
    "team": text,
    "answer": text,
    "answer2": text,
    "cause": title,
    "cause2": title,
    "solution": title,
    "measure": title,
    "measure_unit": text.map(lambda value: value[:60]),
    "definition": text,
    "collection": text,
    "collector": text,
    "period": text.map(lambda value: value[:40]),
    "note": text,
    "note2": text,
    "cycle_title": title,
    "cycle_title2": title,
    "objective": text,
    "prediction": text,
    "plan": text,
    "what_happened": text,
    "study": text,
    "decision_notes": text,
    "activity": title,
    "who": text,
    "beneficiary": text,
    "if_stopped": text,
    "reason": text,
    "follow_up_note": text,
    "reason_text": text,
    "learned": title,
    "keep": text,
    "stop_doing": text,
    "decided_by": text,
    "author": text,
    "comment": title,
    "comment2": title,
    "actor": text,
}
texts = st.fixed_dictionaries(FIELDS).map(Texts)


def document(t: Texts) -> InitiativeDocument:
    data: dict[str, Any] = {
        "format": "forbattra.initiative",
        "version": 1,
        "initiative": {
            "title": t["title"],
            "method": "dmaic",
            "unit": t["unit"],
            "area": 4,
            "leader": t["leader"],
            "sponsor": t["sponsor"],
            "coach": t["coach"],
            "team": t["team"],
            "status": "closed",
            "phase": "analyze",
            "created_at": "2025-01-07T09:30:00+01:00",
            "updated_at": "2025-02-01T16:00:00+01:00",
        },
        "answers": [
            {"phase": "define", "question": "problem", "text": t["answer"]},
            {"phase": "define", "question": "goal", "text": t["answer2"]},
        ],
        "causes": [
            {"key": "a", "text": t["cause"], "category": "methods", "votes": 2},
            {"key": "b", "text": t["cause2"], "parent": "a", "root": True, "verified": True},
        ],
        "solutions": [{"key": "s", "text": t["solution"], "causes": ["a", "b"]}],
        "measures": [
            {
                "key": "m",
                "name": t["measure"],
                "unit": t["measure_unit"],
                "direction": "down",
                "target": 5,
                "definition": t["definition"],
                "collection": t["collection"],
                "collector": t["collector"],
                "observations": [
                    {"date": "2025-01-06", "period": t["period"], "value": 7, "note": t["note"]},
                    {"date": "2025-01-13", "value": 4.5},
                    {"date": "2025-01-20", "value": None, "note": t["note2"]},
                ],
            }
        ],
        "cycles": [
            {
                "number": 1,
                "title": t["cycle_title"],
                "solution": "s",
                "objective": t["objective"],
                "prediction": t["prediction"],
                "plan": t["plan"],
                "what_happened": t["what_happened"],
                "study": t["study"],
                "decision": "adapt",
                "decision_notes": t["decision_notes"],
                "started_on": "2025-01-10",
                "finished_on": "2025-01-25",
            },
            {"number": 2, "title": t["cycle_title2"]},
        ],
        "stop_doing": [
            {
                "activity": t["activity"],
                "who": t["who"],
                "hours_per_month": 2,
                "beneficiary": t["beneficiary"],
                "if_stopped": t["if_stopped"],
                "decision": "stop",
                "reason": t["reason"],
                "hours_freed": 2,
                "follow_up_on": "2025-06-01",
                "follow_up_result": "confirmed",
                "follow_up_note": t["follow_up_note"],
            }
        ],
        "closure": {
            "reason": "no_effect",
            "reason_text": t["reason_text"],
            "learned": t["learned"],
            "keep": t["keep"],
            "stop_doing": t["stop_doing"],
            "freed_hours": 1.5,
            "decided_by": t["decided_by"],
            "closed_on": "2025-02-01",
        },
        "comments": [
            {"target": "initiative", "author": t["author"], "text": t["comment"]},
            {"target": "cycle:1", "author": t["author"], "text": t["comment2"]},
            {"target": "phase:define", "text": t["comment"]},
        ],
        "history": [
            {"at": "2025-01-07T09:30:00+01:00", "actor": t["actor"], "action": "create"},
            {"at": "2025-01-08T09:30:00+01:00", "actor": t["actor"], "action": "answer"},
        ],
    }
    return parse_document(data, "generated")


def no_html(parsed: Parsed) -> None:
    for token in parsed.tokens:
        assert token.type != "html_block", token.content
        for child in token.children or []:
            assert child.type != "html_inline", child.content


def tables_keep_their_columns(parsed: Parsed, expected_rows: list[int]) -> None:
    """Every row as many cells as its header, in the source and as parsed; rows as expected."""
    for counts in table_cell_counts(parsed.body):
        assert len(set(counts)) == 1, counts
    for table in parsed.tables:
        assert len({len(row) for row in table}) == 1, table
    assert [len(table) - 1 for table in parsed.tables] == expected_rows


def present(parsed: Parsed, *values: str) -> None:
    for value in values:
        assert norm(value) in parsed.text, value


_CHART_LINE = [
    re.compile(r'^    title "[^"`%<>&\n]*"$'),
    re.compile(r'^    x-axis (\["[^"`%<>&\n]*"(, "[^"`%<>&\n]*")*\]|"[^"`%<>&\n]*" 1 --> \d+)$'),
    re.compile(r'^    y-axis "[^"`%<>&\n]*"$'),
    re.compile(r"^    line \[-?\d+(\.\d+)?(, -?\d+(\.\d+)?)*\]$"),
]


def charts_are_well_formed(parsed: Parsed, names: list[str]) -> None:
    charts = [content for info, content in parsed.fences if info == "mermaid"]
    assert len(charts) == len(names)
    for content, name in zip(charts, names, strict=True):
        _config, _sep, chart = content.partition("---\nxychart-beta\n")
        assert content.startswith("---\nconfig:\n") and chart, content
        lines = chart.rstrip("\n").split("\n")
        for line in lines:
            assert any(pattern.match(line) for pattern in _CHART_LINE), line
            assert "%%" not in line and not re.search(r"#(?!\w+;)", line), line
        assert lines[0] == f'    title "{mermaid(name)}"'


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(texts)
def test_user_text_never_breaks_a_document(t: Texts) -> None:
    doc = document(t)
    data, closure = doc.initiative, doc.closure
    assert closure is not None
    cycle = doc.cycles[0]
    item = doc.stop_doing[0]
    measure = doc.measures[0]
    with speaking("en"):
        files = {str(d.path): d.text for d in render_folder([(7, doc)])}
    base = next(
        name for name in files if name.endswith(".md") and "/" not in name and name != "index.md"
    )
    folder = base.removesuffix(".md")
    assert base.startswith("7")
    assert sorted(files) == sorted(
        [
            base,
            "index.md",
            f"{folder}/cycle-1.md",
            f"{folder}/cycle-2.md",
            f"{folder}/closure.md",
            f"{folder}/stop-doing.md",
        ]
    )
    heading = norm

    # The report.
    report = parse(files[base])
    no_html(report)
    assert report.front["title"] == data.title
    assert report.front.get("unit", "") == data.unit
    assert report.front.get("leader", "") == data.leader
    assert report.front["id"] == 7 and report.front["area"] == 4
    assert report.front["method"] == "dmaic" and report.front["phase"] == "analyze"
    closing = [(3, "Why we closed"), (3, "What we learned")]
    closing += [(3, "What we keep")] if closure.keep else []
    closing += [(3, "What we stop doing")] if closure.stop_doing else []
    closing += [(3, "Resources freed")]
    assert report.headings == [
        (1, heading(data.title)),
        (2, "Charter"),
        (2, "Phase by phase"),
        (3, "1. Define"),
        (3, "2. Measure"),
        (3, "3. Analyze (current phase)"),
        (2, "Causes"),
        (2, "Solutions"),
        (2, "Measures"),
        (3, f"1. {heading(measure.name)}"),
        (2, "Cycles"),
        (3, f"Cycle 1: {heading(cycle.title)}"),
        (3, f"Cycle 2: {heading(doc.cycles[1].title)}"),
        (2, "Stop-doing check"),
        (2, "Closed without prestige"),
        *closing,
        (2, "Comments"),
        (2, "History"),
    ]
    # Solutions, measure data, stop-doing, history.
    tables_keep_their_columns(report, [1, 3, 1, 1])
    charts_are_well_formed(report, [measure.name])
    present(
        report,
        data.title,
        data.unit,
        data.leader,
        data.sponsor,
        data.coach,
        data.team,
        doc.answers[0].text,
        doc.answers[1].text,
        doc.causes[0].text,
        doc.causes[1].text,
        doc.solutions[0].text,
        measure.name,
        measure.unit,
        measure.definition,
        measure.collection,
        measure.collector,
        measure.observations[0].period,
        measure.observations[0].note,
        measure.observations[2].note,
        cycle.title,
        cycle.objective,
        cycle.decision_notes,
        doc.cycles[1].title,
        item.activity,
        closure.reason_text,
        closure.learned,
        closure.keep,
        closure.stop_doing,
        closure.decided_by,
        doc.comments[0].text,
        doc.comments[1].text,
        doc.comments[0].author,
        doc.history[0].actor,
    )

    # The first cycle.
    first = parse(files[f"{folder}/cycle-1.md"])
    no_html(first)
    assert first.front["title"] == f"Cycle 1: {cycle.title}"
    assert first.front["initiative"] == data.title
    assert first.front["decision"] == "adapt"
    assert [h for h in first.headings] == [
        (1, f"Cycle 1: {heading(cycle.title)}"),
        (2, "Plan"),
        (3, "Objective"),
        (3, "Predictions"),
        (3, "Plan: who, what, where, when, which data"),
        (2, "Do: what happened"),
        (2, "Study: the results against the predictions"),
        (2, "Act: the decision"),
        (3, "Next step"),
        (2, "Comments"),
    ]
    tables_keep_their_columns(first, [1])
    present(
        first,
        cycle.title,
        cycle.objective,
        cycle.prediction,
        cycle.plan,
        cycle.what_happened,
        cycle.study,
        cycle.decision_notes,
        doc.solutions[0].text,
        doc.comments[1].text,
        data.title,
        doc.cycles[1].title,
        measure.name,
    )
    second = parse(files[f"{folder}/cycle-2.md"])
    assert second.front["title"] == f"Cycle 2: {doc.cycles[1].title}"
    assert "decision" not in second.front and "started" not in second.front

    # The closure record and the stop-doing list.
    record = parse(files[f"{folder}/closure.md"])
    no_html(record)
    assert record.front["title"] == f"Closure: {data.title}"
    assert record.headings[0] == (1, f"Closed without prestige: {heading(data.title)}")
    assert [h for h in record.headings[1:]] == [(2, text) for _level, text in closing] + [
        (2, "The cycles behind the decision")
    ]
    present(record, closure.reason_text, closure.learned, closure.keep, closure.stop_doing)

    stop = parse(files[f"{folder}/stop-doing.md"])
    no_html(stop)
    assert stop.front["title"] == f"Stop-doing list: {data.title}"
    assert stop.headings == [
        (1, f"Stop-doing list: {heading(data.title)}"),
        (2, f"1. {heading(item.activity)}"),
    ]
    tables_keep_their_columns(stop, [1])
    present(stop, item.activity, item.who, item.beneficiary, item.if_stopped, item.reason)
    present(stop, item.follow_up_note)

    # The index.
    index = parse(files["index.md"])
    no_html(index)
    assert index.headings == [(1, "Improvement portfolio"), (2, "Documents")]
    tables_keep_their_columns(index, [1])
    present(index, data.title, data.unit, cycle.title, doc.cycles[1].title)
