"""The methods as data: DMAIC's five phases and PDSA's Model for Improvement, with the
guiding questions each phase asks (Örebro municipality's wording in Swedish).
"""

from __future__ import annotations

from dataclasses import dataclass

from forbattra.core.vocabulary import Method
from forbattra.i18n import N_, _, translations


@dataclass(frozen=True)
class Question:
    """One guiding question. ``kind`` says how it is answered: ``text`` in free, multi-line
    text; ``line`` in one short line; ``choice`` by picking one of ``choices`` (message ids,
    stored as the label the team read when it chose)."""

    key: str
    text_msgid: str
    kind: str = "text"
    choices: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return _(self.text_msgid)

    @property
    def choice_labels(self) -> tuple[str, ...]:
        """The choices in the current language."""
        return tuple(_(choice) for choice in self.choices)

    def choice_index(self, answer: str) -> int | None:
        """Which choice a stored answer is, in any of the program's languages; None if none."""
        wanted = answer.strip().casefold()
        for index, choice in enumerate(self.choices):
            if wanted in {label.casefold() for label in translations(choice)}:
                return index
        return None


@dataclass(frozen=True)
class Phase:
    key: str
    name_msgid: str
    letter: str
    questions: tuple[Question, ...]

    @property
    def name(self) -> str:
        return _(self.name_msgid)

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


# The standardise-and-spread decision of Control.
SPREAD_CHOICES: tuple[str, ...] = (
    N_("Standardise and spread to other units"),
    N_("Standardise in our own unit only"),
    N_("Do not standardise"),
)

DMAIC_PHASES: tuple[Phase, ...] = (
    Phase(
        "define",
        N_("Define"),
        "D",
        (
            Question("problem", N_("What is the problem?")),
            Question("goal", N_("What do we want to achieve, in a way we can measure?")),
            Question("scope", N_("What is in scope, and what is not?")),
            Question("affected", N_("Whom does the problem affect: service users, residents?")),
            Question("roles", N_("Who are the team, the sponsor and the coach?")),
            Question("timeline", N_("When should what be done?")),
        ),
    ),
    Phase(
        "measure",
        N_("Measure"),
        "M",
        (
            Question("size", N_("How big is the problem?")),
            Question("baseline", N_("What is the baseline, and how do we measure it?")),
        ),
    ),
    Phase(
        "analyze",
        N_("Analyze"),
        "A",
        (
            Question("causes", N_("What causes the problem?")),
            Question("root_causes", N_("Which root causes have we verified, and how?")),
        ),
    ),
    Phase(
        "improve",
        N_("Improve"),
        "I",
        (
            Question("solution", N_("How is the problem solved?")),
            Question("implementation", N_("How is the solution carried out?")),
            Question("small_test", N_("How do we test it on a small scale first?")),
        ),
    ),
    Phase(
        "control",
        N_("Control"),
        "C",
        (
            Question("result", N_("What was the result?")),
            # The control plan: which measure, who owns it, how often it is checked.
            Question(
                "control_measure", N_("Which measure shows that the effect lasts?"), kind="line"
            ),
            Question("control_owner", N_("Who owns the measure and follows it up?"), kind="line"),
            Question(
                "control_frequency",
                N_("How often is it checked, and what is done if it drifts?"),
                kind="line",
            ),
            Question("sustain", N_("How is the effect secured?")),
            Question("spread", N_("Should the solution be standardised and spread?")),
            Question(
                "spread_decision",
                N_("What is decided?"),
                kind="choice",
                choices=SPREAD_CHOICES,
            ),
            Question("handover", N_("Who takes over, and from when?")),
        ),
    ),
)

PDSA_PHASES: tuple[Phase, ...] = (
    Phase(
        "aim",
        N_("Aim"),
        "1",
        (Question("aim", N_("What are we trying to accomplish?")),),
    ),
    Phase(
        "measures",
        N_("Measures"),
        "2",
        (Question("measures", N_("How will we know that a change is an improvement?")),),
    ),
    Phase(
        "changes",
        N_("Changes"),
        "3",
        (Question("changes", N_("What change can we make that will result in improvement?")),),
    ),
    Phase(
        "cycles",
        N_("Cycles"),
        "C",
        (Question("learning", N_("What have the cycles taught us so far?")),),
    ),
)

_PHASES = {Method.DMAIC: DMAIC_PHASES, Method.PDSA: PDSA_PHASES}


def phases(method: Method | str) -> tuple[Phase, ...]:
    """The phases of ``method`` in order."""
    return _PHASES[Method(method)]


def first_phase(method: Method | str) -> str:
    return phases(method)[0].key


def phase(method: Method | str, key: str) -> Phase | None:
    return next((p for p in phases(method) if p.key == key), None)


def phase_index(method: Method | str, key: str) -> int:
    """Position of phase ``key`` (0-based); raises ``ValueError`` for an unknown phase."""
    for index, candidate in enumerate(phases(method)):
        if candidate.key == key:
            return index
    raise ValueError(key)
