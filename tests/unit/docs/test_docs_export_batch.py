"""``render --all`` reads its documents in batches: the same documents as one at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from forbattra.core.exchange import load_file
from forbattra.locations import sample_projects_dir
from forbattra.store.database import Database
from forbattra.store.services import export_batch
from forbattra.store.services.exchange import export_documents, import_documents

DATA = Path(__file__).parents[1] / "data"
FILES = sorted(DATA.glob("*.json")) + sorted(sample_projects_dir().glob("*.json"))

pytestmark = pytest.mark.usefixtures("english")


def test_a_batch_export_equals_exports_one_by_one(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = [(str(path), document) for path in FILES for document in load_file(path)]
    assert len(documents) >= 8
    ids = import_documents(database, "tester", documents)
    # Small batches, so a batch boundary falls inside the set too.
    monkeypatch.setattr("forbattra.store.services.exchange.BATCH", 3)
    together = export_documents(database, ids)
    alone = [export_documents(database, [initiative_id])[0] for initiative_id in ids]
    assert together == alone
    assert export_documents(database, None)[-len(ids) :] == together
    # What the batch covers is really there: measures with observations, causes linked to
    # solutions, a closure, cycles.
    assert any(m["observations"] for d in together for m in d["measures"])
    assert any(s["causes"] for d in together for s in d["solutions"])
    assert any(d["closure"] for d in together) and any(d["cycles"] for d in together)


def test_a_batch_reads_each_kind_of_row_once(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = [(str(path), document) for path in FILES for document in load_file(path)]
    ids = import_documents(database, "tester", documents)
    loads: list[object] = []
    real = export_batch.ExportBatch._load

    def counted(self: export_batch.ExportBatch, model: object, *rest: object) -> object:
        loads.append(model)
        return real(self, model, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(export_batch.ExportBatch, "_load", counted)
    export_documents(database, ids)
    assert len(loads) == len(set(loads))  # one query per kind, not one per initiative
