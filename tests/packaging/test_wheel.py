"""The wheel is complete: installed into a fresh virtual environment, used from elsewhere.

This is the promise of the README: `pip install .` then `forbattra demo` works from any folder,
with the templates, sample projects, migrations, stylesheet and compiled catalogues inside.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the built wheel (and its dependencies)."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheels = list(work.glob("forbattra-*.whl"))
    assert len(wheels) == 1
    environment = work / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheels[0])],
        check=True,
        capture_output=True,
    )
    return environment


def run(environment: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(environment / "bin" / "forbattra"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "LANG": "C.UTF-8"},
        timeout=120,
    )


def test_demo_data_loads_from_another_folder(installed: Path, tmp_path: Path) -> None:
    result = run(installed, "demo", "--no-ui", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    database = result.stdout.strip().splitlines()[-1]
    listed = run(installed, "--db", database, "list", "--all", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    samples = list((ROOT / "sample_projects").glob("*.json"))
    assert len(json.loads(listed.stdout)) == len(samples) >= 5


def test_swedish_catalogue_is_inside(installed: Path, tmp_path: Path) -> None:
    result = run(installed, "--lang", "sv", "new", "  ", "--method", "dmaic", cwd=tmp_path)
    assert result.returncode == 5
    assert result.stderr.startswith("Fel:"), result.stderr


def test_templates_and_migrations_are_inside(installed: Path, tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        from forbattra.locations import templates_dir, sample_projects_dir
        from forbattra.store.migrate import MIGRATIONS
        import forbattra.tui.app as app
        from pathlib import Path
        assert "site-packages" in str(templates_dir()), templates_dir()
        assert any(templates_dir().iterdir())
        assert len(list(sample_projects_dir().glob("*.json"))) >= 5
        assert (MIGRATIONS / "env.py").is_file()
        assert (Path(app.__file__).parent / "app.tcss").is_file()
        print("ok")
        """
    )
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_the_app_shows_the_samples(installed: Path, tmp_path: Path) -> None:
    """Start the installed TUI headless on the demo data and count the rows it shows."""
    loaded = run(installed, "demo", "--no-ui", cwd=tmp_path)
    database = loaded.stdout.strip().splitlines()[-1]
    code = textwrap.dedent(
        f"""
        import asyncio
        from forbattra.i18n import set_language
        set_language("sv")
        from forbattra.settings import Settings
        from forbattra.tui.app import make_app
        from textual.widgets import DataTable

        async def main():
            app = make_app(Settings(database={database!r}, language="sv", user="test"))
            async with app.run_test(size=(120, 36)) as pilot:
                for _ in range(100):
                    await pilot.pause(0.05)
                    if app.screen.query_one(DataTable).row_count:
                        break
                print(app.screen.query_one(DataTable).row_count)

        asyncio.run(main())
        """
    )
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip().splitlines()[-1]) >= 4


def test_the_installed_command_tells_its_version(installed: Path, tmp_path: Path) -> None:
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    result = run(installed, "--version", cwd=tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, f"forbattra {declared}")


def test_swedish_help_comes_from_the_installed_catalogue(installed: Path, tmp_path: Path) -> None:
    english = run(installed, "--lang", "en", "--help", cwd=tmp_path)
    swedish = run(installed, "--lang", "sv", "--help", cwd=tmp_path)
    assert english.stdout != swedish.stdout
    assert "Starta ett nytt initiativ" in swedish.stdout, swedish.stdout
