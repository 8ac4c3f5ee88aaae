"""The markdown-safe filters, case by case: what they write, and what a parser reads back."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from forbattra.docs import markdown as md

from .mdcheck import PARSER, inline_text, norm


def read_back(source: str) -> list[tuple[str, str]]:
    """The block tokens of ``source`` and the text of each inline one."""
    tokens = PARSER.parse(source)
    return [
        (token.type, inline_text(token) if token.type == "inline" else "")
        for token in tokens
        if token.type.endswith("_open") or token.type == "inline" or token.type == "fence"
    ]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Plain words", "Plain words"),
        ("  spaces\n and\tlines  ", "spaces and lines"),
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("2024. A year", "2024\\. A year"),
        ("1) first", "1\\) first"),
        ("> not a quote", "\\> not a quote"),
        ("a | b", "a \\| b"),
        ("*stars* and _under_", "\\*stars\\* and \\_under\\_"),
        ("[link](x)", "\\[link\\](x)"),
        ("`code`", "\\`code\\`"),
        ("<b>html</b>", "\\<b>html\\</b>"),
        ("a \\ b", "a \\\\ b"),
        ("&amp; & &#35;", "\\&amp; & \\&#35;"),
        ("100 % and 50%%", "100 % and 50\\%%"),
        ("$x$", "\\$x\\$"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
        (": definition", "\\: definition"),
        ("!!! note", "\\!!! note"),
        ("---", "\\---"),
        ("", ""),
        (None, ""),
    ],
)
def test_inline_escapes_only_what_has_a_meaning(text: str | None, written: str) -> None:
    assert md.inline(text) == written


@pytest.mark.parametrize(
    "text",
    [
        "# heading",
        "a | b | c",
        "`x` ``y``",
        "<script>alert(1)</script>",
        "[a]: http://example.com",
        "---",
        "===",
        "key: value",
        "1. one",
        "* * *",
        "~~~",
        "```",
        "    indented",
        "&copy; &#169;",
        "trailing \\",
        "***bold italic***",
        "![image](x.png)",
        "%%hidden%%",
    ],
)
def test_a_list_item_stays_one_item_with_the_same_text(text: str) -> None:
    tokens = read_back(f"- {md.inline(text)}\n")
    assert [kind for kind, _text in tokens] == [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
    ]
    assert norm(tokens[-1][1]) == norm(text)


def test_a_heading_stays_one_heading_with_its_hashes() -> None:
    text = "Ärende #12 om | och ` ###"
    tokens = read_back(f"## {md.heading(text)}\n")
    assert tokens == [("heading_open", ""), ("inline", text)]


def test_a_table_cell_keeps_its_pipes_inside() -> None:
    first, second = md.cell("x | y"), md.cell("line one\nline two")
    source = f"| A | B |\n|---|---|\n| {first} | {second} |\n"
    tokens = PARSER.parse(source)
    cells = [inline_text(t) for t in tokens if t.type == "inline"]
    assert cells == ["A", "B", "x | y", "line one line two"]


def test_a_block_keeps_paragraphs_and_line_breaks_but_nothing_structural() -> None:
    text = "Vem: Sofia\n# Vad\n\n\n- lista\n---\n1. ett\n    kod"
    written = md.block(text)
    assert written == "Vem: Sofia\\\n\\# Vad\n\n\\- lista\\\n\\---\\\n1\\. ett\\\nkod"
    kinds = [kind for kind, _text in read_back(written)]
    assert kinds == ["paragraph_open", "inline", "paragraph_open", "inline"]


def test_a_quote_marks_every_line() -> None:
    assert md.quote("one\n\ntwo\nthree") == "> one\n>\n> two\\\n> three"


@pytest.mark.parametrize(
    ("text", "in_table", "written"),
    [
        ("plain", False, "`plain`"),
        ("a`b", False, "``a`b``"),
        ("`x`", False, "`` `x` ``"),
        ("a|b", True, "`a\\|b`"),
        ("", False, ""),
    ],
)
def test_code_spans_choose_a_longer_fence(text: str, in_table: bool, written: str) -> None:
    assert md.code(text, in_table) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Anonym förbättringsinkorg", '"Anonym förbättringsinkorg"'),
        ('quote " and \\ back', '"quote \\" and \\\\ back"'),
        ("line\nbreak --- # : ", '"line\\nbreak --- # : "'),
        ("\u2028\x85\x07\ufeff😀", '"\\u2028\\x85\\x07\ufeff😀"'),
        (None, "null"),
        (True, "true"),
        (6, "6"),
        (2.5, "2.5"),
        (1e20, "1.0e+20"),
        (date(2025, 3, 14), "2025-03-14"),
        (["a", 1], '["a", 1]'),
    ],
)
def test_yaml_values(value: object, written: str) -> None:
    assert md.yaml(value) == written
    assert yaml.safe_load(f"key: {written}\n") == {"key": value}


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Dagar till svar", "Dagar till svar"),
        (
            '"quoted" #1 100% <b> & `x`',
            "#quot;quoted#quot; #35;1 100#37; #lt;b#gt; #amp; #96;x#96;",
        ),
        ("two\nlines", "two lines"),
        ("  ", "-"),
    ],
)
def test_mermaid_text_uses_entity_codes(text: str, written: str) -> None:
    assert md.mermaid(text) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [(11, "11"), (2.5, "2.5"), (-0.0, "0"), (1e20, "100000000000000000000"), (1e-7, "0.0000001")],
)
def test_mermaid_numbers_have_no_exponent(value: float, written: str) -> None:
    assert md.mermaid_number(value) == written


@pytest.mark.parametrize(
    ("value", "digits", "language", "written"),
    [
        (2.5, 2, "en", "2.5"),
        (2.5, 2, "sv", "2,5"),
        (1234.5, 1, "sv", "1\u00a0234,5"),
        (1234.5, 1, "en", "1,234.5"),
        (12.0, 2, "sv", "12"),
        (-0.001, 2, "en", "0"),
        (None, 2, "en", ""),
    ],
)
def test_numbers_for_people(value: float | None, digits: int, language: str, written: str) -> None:
    assert md.number(value, digits, language) == written


@pytest.mark.parametrize(
    ("title", "written"),
    [
        ("Anonym förbättringsinkorg för medarbetare", "anonym-forbattringsinkorg-for-medarbetare"),
        ("Kortare väntetid 🚀 [@click=app.quit]x[/]", "kortare-vantetid-click-app-quit-x"),
        ("Ærø Straße", "aero-strasse"),
        ("مرحبا", ""),
        ("a" * 80, "a" * 60),
        ("word " * 30, "-".join(["word"] * 12)),
    ],
)
def test_slugs_are_plain_ascii(title: str, written: str) -> None:
    assert md.slug(title) == written
