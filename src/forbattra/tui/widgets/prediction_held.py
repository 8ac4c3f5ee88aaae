"""Study's yes/partly/no answer: did the prediction hold? The coach's statistics count it."""

from __future__ import annotations

from textual.widgets import RadioButton, RadioSet

from forbattra.core.vocabulary import PredictionHeld
from forbattra.i18n import N_, _

ANSWERS = tuple(PredictionHeld)

# Short words for the buttons; documents and statistics use the vocabulary's sentences.
SHORT = {
    PredictionHeld.YES: N_("yes"),
    PredictionHeld.PARTLY: N_("partly"),
    PredictionHeld.NO: N_("no"),
}


class PredictionHeldChoice(RadioSet):
    """Yes, partly or no; none pressed until the team answers. Arrows move, Enter or
    Space chooses; the screen saves the choice (``RadioSet.Changed``)."""

    def __init__(self, held: PredictionHeld | None, *, id: str | None = None) -> None:
        super().__init__(
            *[RadioButton(_(SHORT[answer]), value=held is answer) for answer in ANSWERS], id=id
        )

    @staticmethod
    def answer(index: int) -> PredictionHeld:
        return ANSWERS[index]

    def show(self, held: PredictionHeld | None) -> None:
        """Show the stored answer without announcing it as a new choice."""
        for button, answer in zip(self.query(RadioButton), ANSWERS, strict=False):
            if button.value != (held is answer):
                with button.prevent(RadioButton.Changed):
                    button.value = held is answer
