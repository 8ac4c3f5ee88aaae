"""Making user text safe inside markdown, YAML front matter and Mermaid charts.

Every function takes text exactly as a person typed it and returns text that, put in its
place in a document, reads as the same words and never changes the document's structure: a
``|`` does not split a table cell, a ``#`` does not start a heading, a ``---`` does not end the
front matter, a newline does not end a list item or a chart line.

The escapes are the minimum that CommonMark, GitHub-flavoured markdown and the common
extensions (MkDocs, Obsidian) need, so the markdown files stay pleasant to read as plain text.
These are pure functions; ``forbattra.docs.environment`` installs them as Jinja2 filters.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote as percent_encode

from forbattra.i18n.numbers import number_text

# Characters with a meaning anywhere in a line: code spans, emphasis, links, raw HTML and
# autolinks, strikethrough, table cells, GitHub's $math$.
_INLINE = re.compile(r"([\\`*_\[\]<~|$])")
# "&amp;" would show as "&": escape an ampersand only where it starts a character reference.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Obsidian hides %%comments%%.
_PERCENTS = re.compile(r"%(?=%)")
# What a line may start with to become a heading, quote, list, thematic break, setext
# underline, definition (MkDocs), admonition (``!!!``, ``???``) or table row.
_LINE_START = frozenset("#>-+*=|:!?~")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_WHITESPACE = re.compile(r"\s+")
# Python's str.splitlines() also splits on \v, \f, \x1c-\x1e, \x85, \u2028 and \u2029, which
# markdown does not treat as line ends; splitting on all of them keeps every line visible.


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _one_line(text: str) -> str:
    """Every run of whitespace (newlines included) as a single space, trimmed."""
    return " ".join(_WHITESPACE.split(text.strip())) if text.strip() else ""


def _escape_inline(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _PERCENTS.sub(r"\\%", text)


def _escape_line_start(line: str) -> str:
    if not line:
        return line
    ordered = _ORDERED.match(line)
    if ordered:
        return f"{ordered.group(1)}\\{ordered.group(2)}{line[ordered.end() :]}"
    if line[0] in _LINE_START:
        return "\\" + line
    return line


def inline(value: object) -> str:
    """Text in running prose, a list item or a link text: one line, nothing structural."""
    return _escape_line_start(_escape_inline(_one_line(_text(value))))


def heading(value: object) -> str:
    """Text inside an ATX heading (``## …``): also no ``#`` that could close the heading."""
    return _escape_line_start(_escape_inline(_one_line(_text(value))).replace("#", "\\#"))


def cell(value: object) -> str:
    """Text inside a table cell: one line, pipes escaped (GFM reads ``\\|`` as a pipe)."""
    return _escape_inline(_one_line(_text(value)))


def block(value: object) -> str:
    """Text of several lines and paragraphs, kept as the person wrote it.

    Blank lines separate paragraphs; other line breaks become hard line breaks (a backslash
    at the end of the line). Leading spaces are dropped so nothing turns into a code block.
    Put it on its own lines, or after a list marker with ``|indent(2)``.
    """
    paragraphs: list[list[str]] = [[]]
    for raw in _text(value).splitlines():
        line = raw.strip()
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(_escape_line_start(_escape_inline(_one_line(line))))
    return "\n\n".join("\\\n".join(lines) for lines in paragraphs if lines)


def quote(value: object) -> str:
    """Text as a block quote (``> …`` on every line), for comments and quotations."""
    text = block(value)
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def code(value: object, in_table: bool = False) -> str:
    """Text as an inline code span: a fence longer than any run of backticks inside."""
    text = _one_line(_text(value))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith(("`", " ")) or text.endswith(("`", " ")):
        text = f" {text} "
    if in_table:
        # GFM splits cells before it reads code spans, so a pipe needs its backslash even here.
        text = text.replace("|", "\\|")
    return f"{fence}{text}{fence}" if text else ""


def url(value: object) -> str:
    """A relative link target: percent-encoded, so spaces and brackets cannot end the link."""
    return percent_encode(_text(value), safe="/.-_~")


_SLUG_SPECIAL = str.maketrans(
    {"æ": "ae", "ø": "o", "œ": "oe", "ð": "d", "þ": "th", "ł": "l", "đ": "d", "ı": "i"}
)


def slug(value: object, max_length: int = 60) -> str:
    """A file-name-safe form of a title: ASCII letters, digits and hyphens, lower case.

    ``"Anonym förbättringsinkorg"`` gives ``"anonym-forbattringsinkorg"``; text with no Latin
    letters gives an empty string. Long titles are cut at a word boundary.
    """
    text = unicodedata.normalize("NFKD", _text(value).casefold().translate(_SLUG_SPECIAL))
    text = "".join(char for char in text if not unicodedata.combining(char))
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > max_length:
            if not result:
                result = word[:max_length]
            break
        result = candidate
    return result


# --- YAML front matter --------------------------------------------------------------------

# What PyYAML (YAML 1.1) accepts unescaped in a double-quoted scalar on one line. \x85, \u2028
# and \u2029 are line breaks to YAML and would be folded away, so they are escaped too.
_YAML_PLAIN = re.compile(r"[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_YAML_SHORT = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x00": "\\0"}


def _yaml_string(text: str) -> str:
    parts: list[str] = []
    for char in text:
        if char in _YAML_SHORT:
            parts.append(_YAML_SHORT[char])
        elif _YAML_PLAIN.fullmatch(char):
            parts.append(char)
        elif ord(char) <= 0xFF:
            parts.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            parts.append(f"\\u{ord(char):04x}")
        else:
            parts.append(f"\\U{ord(char):08x}")
    return '"' + "".join(parts) + '"'


def yaml(value: object) -> str:
    """One YAML value on one line: strings double-quoted and escaped, dates as dates."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or abs(value) == float("inf"):
            return "null"
        text = repr(value)
        # YAML 1.1 reads a float only with a decimal point: 1e+20 must be written 1.0e+20.
        mantissa, _e, _exponent = text.partition("e")
        return text.replace("e", ".0e") if _e and "." not in mantissa else text
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml(item) for item in value) + "]"
    return _yaml_string(str(value))


# --- Mermaid ------------------------------------------------------------------------------

# Mermaid turns "#name;" into a character after parsing, which is the documented way to write
# quotes and other characters its grammar reserves. "%%" would start a comment or directive.
_MERMAID_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "%": "#37;",
    "`": "#96;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
}


def mermaid(value: object) -> str:
    """Text for a double-quoted Mermaid string (a chart title, an axis label or category)."""
    text = _one_line(_text(value))
    text = "".join(_MERMAID_ENTITIES.get(char, char) for char in text)
    return text or "-"


def mermaid_number(value: float | int) -> str:
    """A number as Mermaid's data lists read it: digits, a point, no exponent."""
    number = Decimal(repr(float(value))).normalize()
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


# --- Numbers and dates for people -----------------------------------------------------------


def number(value: float | int | None, digits: int = 2, language: str = "en") -> str:
    """A number for a person: at most ``digits`` decimals, no trailing zeros.

    Swedish uses a decimal comma and a no-break space between thousands (``1 234,5``);
    English a point and commas (``1,234.5``). None gives an empty string.
    """
    # The command line and the core share the one implementation (forbattra.i18n.numbers).
    return number_text(value, digits, language=language, empty="")


def day(value: date | datetime | None) -> str:
    """A date as ISO 8601 (2025-03-14), the form both languages read without confusion."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat()
