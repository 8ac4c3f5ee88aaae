"""The boundaries of ../shared/ARCHITECTURE.md, checked: a headless core, a fast CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Core modules added after the first release: pure, like the ones listed by name below.
NEW_CORE = [
    "moments",
    "cycle_stats",
    "fidelity",
    "ideas",
    "ideas_file",
    "overview",
    "review",
    "review_events",
    "review_events_tools",
    "review_text",
    "stages",
    "timebox",
    "voting",
    "workshop",
]

HEADLESS = [
    "forbattra.docs",
    "forbattra.cli.render",
    "forbattra.core.vocabulary",
    "forbattra.core.methods",
    "forbattra.core.exchange",
    "forbattra.core.domain",
    "forbattra.core.gates",
    "forbattra.core.analysis",
    "forbattra.core.analysis_text",
    "forbattra.core.observations_csv",
    "forbattra.store.database",
    "forbattra.store.services.initiatives",
    "forbattra.store.services.exchange",
    "forbattra.store.services.events",
    "forbattra.store.services.workspace",
    "forbattra.store.services.causes",
    "forbattra.store.services.solutions",
    "forbattra.store.services.cycles",
    "forbattra.store.services.measures",
    "forbattra.store.services.measure_common",
    "forbattra.store.services.observations",
    "forbattra.store.migrate",
    "forbattra.settings",
    "forbattra.locations",
    "forbattra.cli.app",
    "forbattra.cli.initiatives",
    "forbattra.cli.exchange",
    "forbattra.cli.output",
    "forbattra.cli.listing",
    "forbattra.cli.lazy",
    "forbattra.store.services.portfolio_read",
    "forbattra.store.services.export_batch",
    "forbattra.store.schema_head",
    "forbattra.cli.measures",
    "forbattra.cli.measure_show",
    "forbattra.cli.measure_stages",
    "forbattra.core.stages",
    "forbattra.store.services.stages",
    "forbattra.core.stop_doing",
    "forbattra.core.closure",
    "forbattra.store.services.stop_doing",
    "forbattra.store.services.closures",
    "forbattra.cli.closing",
    "forbattra.cli.stop_doing",
    # The commands and services of the review, ideas and workshop work.
    "forbattra.cli.review",
    "forbattra.cli.review_output",
    "forbattra.cli.review_reports",
    "forbattra.cli.ideas",
    "forbattra.cli.idea_output",
    "forbattra.cli.serve",
    "forbattra.cli.measure_analysis",
    "forbattra.docs.review_reports",
    "forbattra.store.services.archive",
    "forbattra.store.services.comments",
    "forbattra.store.services.history",
    "forbattra.store.services.ideas",
    "forbattra.store.services.idea_common",
    "forbattra.store.services.idea_triage",
    "forbattra.store.services.overview",
    "forbattra.store.services.review",
    "forbattra.store.services.signals",
    "forbattra.store.services.parking",
    "forbattra.store.services.dot_votes",
    "forbattra.store.services.matrix",
    "forbattra.store.services.workshop_exchange",
    *(f"forbattra.core.{name}" for name in NEW_CORE),
]


def loaded_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_modules_do_not_load_textual(module: str) -> None:
    loaded = loaded_after_import(module)
    assert module in loaded
    assert not {name for name in loaded if name == "textual" or name.startswith("textual.")}


@pytest.mark.parametrize(
    "module",
    [
        "forbattra.core.exchange",
        "forbattra.core.methods",
        "forbattra.core.analysis",
        "forbattra.core.observations_csv",
        "forbattra.core.stop_doing",
        "forbattra.core.closure",
        *(f"forbattra.core.{name}" for name in NEW_CORE),
    ],
)
def test_core_does_not_load_the_database_layer(module: str) -> None:
    loaded = loaded_after_import(module)
    assert "sqlalchemy" not in loaded
    assert "sqlmodel" not in loaded


def test_help_starts_without_textual_or_sqlmodel() -> None:
    code = (
        "import sys\n"
        "from forbattra.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', ' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "Usage" in result.stdout
    loaded = set(result.stdout.split("LOADED", 1)[1].split())
    assert "textual" not in loaded
    assert "sqlmodel" not in loaded
    assert "sqlalchemy" not in loaded
