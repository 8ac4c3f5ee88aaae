"""Deterministic output and atomic writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from forbattra.core.exchange import InitiativeDocument
from forbattra.docs import render_folder, write_atomically, write_documents

from .support import ROOT, speaking


def test_rendering_twice_gives_the_same_bytes(
    samples: list[tuple[int, InitiativeDocument]],
) -> None:
    with speaking("sv"):
        first = render_folder(samples)
        second = render_folder(list(samples))
    assert [(d.path, d.text.encode()) for d in first] == [(d.path, d.text.encode()) for d in second]


def test_another_process_time_zone_and_hash_seed_give_the_same_bytes(
    samples: list[tuple[int, InitiativeDocument]],
) -> None:
    code = (
        "import json, sys\n"
        "from forbattra.i18n import set_language\n"
        "from forbattra.docs import render_folder\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from docs.support import sample_sources\n"
        "set_language('en')\n"
        "print(json.dumps({str(d.path): d.text for d in render_folder(sample_sources())}))\n"
    )
    environment = {**os.environ, "TZ": "Pacific/Auckland", "PYTHONHASHSEED": "12345"}
    environment.pop("FORBATTRA_LANG", None)
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "tests" / "unit")],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )
    elsewhere = json.loads(result.stdout)
    with speaking("en"):
        here = {str(d.path): d.text for d in render_folder(samples)}
    assert elsewhere == here


def test_the_order_of_the_ids_given_does_not_change_the_index(
    samples: list[tuple[int, InitiativeDocument]],
) -> None:
    with speaking("en"):
        forward = render_folder(samples)
        backward = render_folder(list(reversed(samples)))
    assert forward[-1].text == backward[-1].text
    assert sorted((d.path, d.text) for d in forward) == sorted((d.path, d.text) for d in backward)


def test_writing_leaves_no_temporary_files_and_readable_files(tmp_path: Path) -> None:
    documents = [
        (PurePosixPath("index.md"), "# Index\n"),
        (PurePosixPath("1-a.md"), "# A\n"),
        (PurePosixPath("1-a/cycle-1.md"), "# Cycle\n"),
    ]
    result = write_documents(documents, tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "1-a",
        "1-a.md",
        "1-a/cycle-1.md",
        "index.md",
    ]
    assert len(result.written) == 3 and not result.unchanged
    assert (tmp_path / "1-a" / "cycle-1.md").read_text(encoding="utf-8") == "# Cycle\n"
    if os.name == "posix":
        # Not mkstemp's private 0600: others may read what the umask lets them.
        assert (tmp_path / "index.md").stat().st_mode & 0o044 == 0o044 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    documents = [(PurePosixPath("index.md"), "# Index\n"), (PurePosixPath("1-a.md"), "# A\n")]
    write_documents(documents, tmp_path)
    os.utime(tmp_path / "index.md", (1_000_000, 1_000_000))
    result = write_documents(
        [(PurePosixPath("index.md"), "# Index\n"), (PurePosixPath("1-a.md"), "# A, changed\n")],
        tmp_path,
    )
    assert result.unchanged == [tmp_path / "index.md"]
    assert result.written == [tmp_path / "1-a.md"]
    assert (tmp_path / "index.md").stat().st_mtime == 1_000_000


def test_a_failed_write_keeps_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("the old report\n", encoding="utf-8")

    def broken_fsync(handle: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"the new report, half written")
    assert target.read_text(encoding="utf-8") == "the old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_paths_outside_the_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="inside the output folder"):
        write_documents([(PurePosixPath("../escape.md"), "x")], tmp_path / "out")


def test_many_files_are_flushed_before_any_rename_and_each_folder_synced_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    events: list[str] = []
    real_fsync, real_sync, real_replace = os.fsync, os.sync, Path.replace

    def fsync(handle: int) -> None:
        events.append("folder" if os.path.isdir(f"/proc/self/fd/{handle}") else "file")
        real_fsync(handle)

    def sync() -> None:
        events.append("sync")
        real_sync()

    def replace(self: Path, target: Path) -> Path:
        events.append("rename")
        return real_replace(self, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "sync", sync)
    monkeypatch.setattr(Path, "replace", replace)
    names = ("index.md", "1-a.md", "1-a/cycle-1.md", "1-a/cycle-2.md", "2-b/closure.md")
    result = write_documents([(PurePosixPath(n), f"# {n}\n") for n in names], tmp_path)
    assert len(result.written) == 5
    flushed = ["sync"] if sys.platform == "linux" else ["file"] * 5
    assert events == [*flushed, *["rename"] * 5, *["folder"] * 3]  # tmp_path, 1-a, 2-b
    assert (tmp_path / "1-a" / "cycle-2.md").read_text(encoding="utf-8") == "# 1-a/cycle-2.md\n"
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_full_disk_midway_changes_no_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from forbattra.docs import writer

    (tmp_path / "index.md").write_text("the old index\n", encoding="utf-8")
    written: list[Path] = []
    real = writer._write_temporary

    def fill_up(path: Path, data: bytes) -> Path:
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        written.append(real(path, data))
        return written[-1]

    monkeypatch.setattr(writer, "_write_temporary", fill_up)
    names = ("index.md", "1-a.md", "1-a/cycle-1.md", "1-a/cycle-2.md", "2-b/closure.md")
    with pytest.raises(OSError, match="No space left"):
        write_documents([(PurePosixPath(n), f"# {n}\n") for n in names], tmp_path)
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == "the old index\n"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["index.md"]
