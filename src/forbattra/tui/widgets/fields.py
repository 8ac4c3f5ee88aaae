"""Fields that save themselves: what they write to, and the text they last stored.

The fields only know their :class:`Target` and their last stored text (``saved``); the
screen's :class:`~forbattra.tui.autosave.Autosaver` decides when to write, in a thread worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from textual import events
from textual.markup import escape
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea


@dataclass(frozen=True)
class Target:
    """What a field writes to: an answer (``owner`` is the phase key, ``field`` the question
    key) or a text of a cycle (``owner`` is the cycle's id). ``label`` is what a person calls
    the field, for messages."""

    kind: str
    owner: str | int
    field: str
    label: str = dataclass_field(default="", compare=False)

    @property
    def entity(self) -> tuple[str, str | int, str]:
        """The row whose version the write must name: one answer, or one whole cycle."""
        return (self.kind, self.owner, self.field if self.kind == "answer" else "")


class Autosaving:
    """The part every self-saving field shares."""

    target: Target
    saved: str = ""
    paused: bool = False
    """True while a conflict waits for a decision: the field is not written meanwhile."""
    after_start: bool = False
    """True once a person unlocked predictions of a started cycle on purpose."""

    @property
    def value_to_save(self) -> str:
        raise NotImplementedError

    def show_text(self, text: str) -> None:
        """Replace the field's text with a stored one (and remember it as stored)."""
        raise NotImplementedError

    @property
    def is_dirty(self) -> bool:
        return self.value_to_save != self.saved


class AutosaveArea(TextArea, Autosaving):
    """A multi-line answer. An empty field may offer an outline (``template``) when it gets
    focus; an outline left untouched is not stored."""

    DEFAULT_CSS = """
    AutosaveArea {
        height: auto;
        min-height: 3;
        max-height: 12;
    }
    """

    def __init__(
        self,
        target: Target,
        text: str,
        *,
        template: str = "",
        placeholder: str = "",
        read_only: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            read_only=read_only,
            placeholder=placeholder,
            id=id,
            classes=classes,
        )
        self.target = target
        self.saved = text
        self.template = template

    @property
    def value_to_save(self) -> str:
        if self.template and self.text.strip() == self.template.strip():
            return ""
        return self.text

    def show_text(self, text: str) -> None:
        self.saved = text
        if self.text != text:
            self.load_text(text)

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        if self.template and not self.text and not self.read_only:
            self.load_text(self.template)
            self.move_cursor((0, len(self.document.get_line(0))))

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        if self.template and self.text.strip() == self.template.strip():
            self.load_text("")


class AutosaveLine(Input, Autosaving):
    """A one-line answer (for example who owns the control plan)."""

    def __init__(
        self,
        target: Target,
        text: str,
        *,
        suggestions: Iterable[str] = (),
        placeholder: str = "",
        id: str | None = None,
    ) -> None:
        words = [s for s in suggestions if s]
        super().__init__(
            text,
            placeholder=placeholder,
            suggester=SuggestFromList(words, case_sensitive=False) if words else None,
            id=id,
        )
        self.target = target
        self.saved = text

    @property
    def value_to_save(self) -> str:
        return self.value

    def show_text(self, text: str) -> None:
        self.saved = text
        if self.value != text:
            self.value = text


class AutosaveChoice(Select[int], Autosaving):
    """One of a question's choices, stored as the label the team read when it chose.

    ``match`` recognises a stored label in any language, so opening the initiative in the
    other language never rewrites an answer. An answer that matches no choice is kept, and
    shown as the prompt, until someone picks a choice.
    """

    def __init__(
        self,
        target: Target,
        labels: tuple[str, ...],
        stored: str,
        match: Callable[[str], int | None],
    ) -> None:
        index = match(stored) if stored else None
        options = [(label, position) for position, label in enumerate(labels)]
        super().__init__(
            options,
            # The prompt is read as markup: an answer typed elsewhere must show as typed.
            prompt=escape(stored) if stored and index is None else "–",
            value=index if index is not None else Select.NULL,
            allow_blank=True,
            compact=True,
        )
        self.target = target
        self.labels = labels
        self.saved = stored
        self._match = match
        self._unmatched = stored if index is None else ""

    @property
    def value_to_save(self) -> str:
        value = self.value
        if not isinstance(value, int):
            return self._unmatched
        if self.saved and self._match(self.saved) == value:
            return self.saved
        return self.labels[value]

    def show_text(self, text: str) -> None:
        self.saved = text
        match = self._match(text) if text else None
        self._unmatched = text if match is None else ""
        self.value = match if match is not None else Select.NULL


def lock_fields(widgets: Iterable[object], locked: bool) -> None:
    """Make fields readable but not editable (a closed initiative's record), or editable again.

    A text area stays focusable and scrollable when read-only; other inputs are disabled.
    """
    for widget in widgets:
        if isinstance(widget, TextArea):
            widget.read_only = locked
        elif isinstance(widget, Widget):
            widget.disabled = locked


class LocksWhenClosed:
    """A list whose editing keys are hidden (and do nothing) while the initiative is closed:
    its check_action returns False for them."""

    editing_actions: frozenset[str] = frozenset()
    read_only = False

    def locked_out(self, action: str) -> bool:
        return self.read_only and action in self.editing_actions
