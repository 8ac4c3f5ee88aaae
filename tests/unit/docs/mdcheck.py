"""Reading rendered markdown back the way MkDocs, Obsidian and GitHub do, for the tests.

The front matter is the block between the first two ``---`` lines (parsed with PyYAML, as
those tools do); the rest is parsed with markdown-it-py as CommonMark with GFM tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@dataclass
class Parsed:
    front: dict[str, Any]
    body: str
    tokens: list[Token]
    headings: list[tuple[int, str]] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)  # table -> row -> cell texts
    fences: list[tuple[str, str]] = field(default_factory=list)  # (info, content)
    text: str = ""  # every piece of visible text, whitespace collapsed


def split_front_matter(text: str) -> tuple[str, str]:
    assert text.startswith("---\n"), "a document starts with front matter"
    end = text.index("\n---\n", 4)
    return text[4:end], text[end + 5 :]


def inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in {"text", "code_inline", "html_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
    return "".join(parts)


def norm(text: str) -> str:
    return " ".join(text.split())


def parse(text: str) -> Parsed:
    front_text, body = split_front_matter(text)
    front = yaml.safe_load(front_text)
    assert isinstance(front, dict), front_text
    tokens = PARSER.parse(body)
    parsed = Parsed(front=front, body=body, tokens=tokens)
    texts: list[str] = []
    table: list[list[str]] | None = None
    row: list[str] | None = None
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            parsed.headings.append((int(token.tag[1]), norm(inline_text(tokens[index + 1]))))
        elif token.type == "table_open":
            table = []
            parsed.tables.append(table)
        elif token.type == "tr_open":
            row = []
            assert table is not None
            table.append(row)
        elif token.type == "inline":
            content = inline_text(token)
            texts.append(content)
            if row is not None and tokens[index - 1].type in {"th_open", "td_open"}:
                row.append(norm(content))
        elif token.type in {"th_open", "td_open"} and tokens[index + 1].type != "inline":
            assert row is not None
            row.append("")
        elif token.type == "tr_close":
            row = None
        elif token.type == "table_close":
            table = None
        elif token.type == "fence":
            parsed.fences.append((token.info.strip(), token.content))
        elif token.type == "html_block":
            texts.append(token.content)
    parsed.text = norm(" ".join(texts))
    return parsed


def table_cell_counts(body: str) -> list[list[int]]:
    """Each markdown table of ``body`` as the raw cell strings of its lines, split on the
    pipes that are not escaped: how many cells each source line really has."""
    tables: list[list[str]] = []
    current: list[str] | None = None
    in_fence = False
    for line in body.split("\n"):
        if line.startswith("```"):
            in_fence = not in_fence
        if not in_fence and line.startswith("|"):
            if current is None:
                current = []
                tables.append(current)
            current.append(line)
        else:
            current = None
    return [[len(split_cells(line)) for line in lines] for lines in tables]


def split_cells(line: str) -> list[str]:
    cells: list[str] = []
    cell = ""
    escaped = False
    for char in line.strip():
        if escaped:
            cell += char
            escaped = False
        elif char == "\\":
            cell += char
            escaped = True
        elif char == "|":
            cells.append(cell)
            cell = ""
        else:
            cell += char
    cells.append(cell)
    return cells[1:-1]  # the line starts and ends with a pipe
