"""Choices of a cycle that save themselves like its texts: did the prediction hold?

A :class:`SavedChoice` is an :class:`~forbattra.tui.widgets.fields.Autosaving` radio set, so
the screen's autosaver writes it: one write of the cycle at a time, each naming the version
the previous one returned, and the latest choice is the one stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import RadioButton, RadioSet

from forbattra.core.vocabulary import PredictionHeld
from forbattra.i18n import N_, _
from forbattra.tui.widgets.fields import Autosaving, Target

ANSWERS = tuple(PredictionHeld)

# Short words for the buttons; documents and statistics use the vocabulary's sentences.
SHORT = {
    PredictionHeld.YES: N_("yes"),
    PredictionHeld.PARTLY: N_("partly"),
    PredictionHeld.NO: N_("no"),
}


class SavedChoice(RadioSet, Autosaving):
    """One of ``values`` (``""`` while none is pressed), saved by the screen's autosaver.

    The screen writes it on ``RadioSet.Changed``; ``show_text`` shows a stored value
    without announcing it as a new choice.
    """

    def __init__(
        self,
        target: Target,
        values: Sequence[str],
        labels: Sequence[str],
        stored: str,
        *,
        id: str | None = None,
    ) -> None:
        pairs = zip(values, labels, strict=True)
        super().__init__(*[RadioButton(text, value=v == stored) for v, text in pairs], id=id)
        self.target = target
        self.values = tuple(values)
        self.saved = stored

    @property
    def value_to_save(self) -> str:
        for button, value in zip(self.query(RadioButton), self.values, strict=False):
            if button.value:
                return value
        return self.saved if not self.is_mounted else ""

    def show(self, value: str) -> None:
        """Press the button of ``value`` (none for ``""``) without a ``Changed`` message."""
        for button, own in zip(self.query(RadioButton), self.values, strict=False):
            if button.value != (own == value):
                with button.prevent(RadioButton.Changed):
                    button.value = own == value

    def show_text(self, text: str) -> None:
        self.saved = text
        self.show(text)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        # Buttons set by ``show`` are unknown to RadioSet: keep exactly the chosen one pressed.
        self.show(self.values[event.index])


class PredictionHeldChoice(SavedChoice):
    """Yes, partly or no; none pressed until the team answers. Arrows move, Enter or
    Space chooses; the screen saves the choice (``RadioSet.Changed``)."""

    def __init__(self, target: Target, held: PredictionHeld | None, *, id: str | None = None):
        super().__init__(
            target,
            [answer.value for answer in ANSWERS],
            [_(SHORT[answer]) for answer in ANSWERS],
            held.value if held is not None else "",
            id=id,
        )
