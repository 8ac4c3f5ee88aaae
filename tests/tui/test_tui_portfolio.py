"""The portfolio screen, driven by real key presses against a real (temporary) database."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from .helpers import (
    build_app,
    create,
    document,
    portfolio,
    running,
    screen_text,
    seed,
    settle,
    table,
    titles,
)


async def test_rows_come_from_the_database(db_path: Path) -> None:
    create(db_path, "Snabbare bygglov", unit="Samhällsbyggnad", area=4, leader="Anna")
    create(db_path, "Trygg hemgång", method="pdsa", unit="Vård och omsorg", leader="Erik")
    app = build_app(db_path)
    async with running(app) as pilot:
        assert sorted(titles(pilot)) == ["Snabbare bygglov", "Trygg hemgång"]
        text = screen_text(app)
        assert "Samhällsbyggnad" in text
        assert "Define" in text  # DMAIC's first phase, translated label
        assert "2 of 2 initiatives" in text


async def test_typing_a_filter_narrows_the_rows(db_path: Path) -> None:
    seed(
        db_path,
        document("Snabbare bygglov", unit="Samhällsbyggnad"),
        document("Trygg hemgång", unit="Vård och omsorg", leader="Erik"),
        document("Färre inköpsfakturor", unit="Ekonomi", leader="Erik"),
    )
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("slash", *"erik")
        assert sorted(titles(pilot)) == ["Färre inköpsfakturor", "Trygg hemgång"]
        await pilot.press("space", *"omsorg")
        assert titles(pilot) == ["Trygg hemgång"]
        assert "1 of 3 initiatives" in screen_text(app)
        await pilot.press("escape")
        assert len(titles(pilot)) == 3
        assert not portfolio(pilot).query_one(Input).value


async def test_a_filter_that_matches_nothing_says_so(db_path: Path) -> None:
    seed(db_path, document("Snabbare bygglov"))
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("slash", *"zzz")
        assert "Nothing matches “zzz”" in screen_text(app)
        await pilot.press("escape")
        assert titles(pilot) == ["Snabbare bygglov"]


async def test_closed_initiatives_show_on_request(db_path: Path) -> None:
    seed(
        db_path,
        document("Pågående arbete"),
        document("Förslagslådan ingen använde", status="closed"),
    )
    app = build_app(db_path)
    async with running(app) as pilot:
        assert titles(pilot) == ["Pågående arbete"]
        assert "1 closed or completed hidden" in screen_text(app)
        footer_before = screen_text(app)
        assert "Show closed" in footer_before
        await pilot.press("c")
        assert sorted(titles(pilot)) == ["Förslagslådan ingen använde", "Pågående arbete"]
        assert "Hide closed" in screen_text(app)
        await pilot.press("c")
        assert titles(pilot) == ["Pågående arbete"]


async def test_only_closed_ones_points_to_the_toggle(db_path: Path) -> None:
    seed(db_path, document("Avslutat försök", status="closed"))
    app = build_app(db_path)
    async with running(app) as pilot:
        assert "Press c to show the closed or completed one" in screen_text(app)
        await pilot.press("c")
        assert titles(pilot) == ["Avslutat försök"]


async def test_sort_cycles_columns_and_reverses(db_path: Path) -> None:
    seed(
        db_path,
        document("Öppna jämförelser", updated="2025-03-01T12:00:00+00:00"),
        document("Arbetsmiljö", updated="2025-03-03T12:00:00+00:00"),
        document("Ärendeflöde", updated="2025-03-02T12:00:00+00:00"),
        document("Zonindelning", updated="2025-02-01T12:00:00+00:00"),
    )
    app = build_app(db_path)
    async with running(app) as pilot:
        # Newest change first by default.
        assert titles(pilot) == ["Arbetsmiljö", "Ärendeflöde", "Öppna jämförelser", "Zonindelning"]
        grid = table(pilot)
        assert grid.sort_key == "changed"
        # s moves the sort to the next column shown; cycle round to the title.
        # Swedish order: Z before Å, Ä, Ö.
        for _press in range(len(grid.layout_keys)):
            await pilot.press("s")
            if grid.sort_key == "title":
                break
        assert titles(pilot) == ["Arbetsmiljö", "Zonindelning", "Ärendeflöde", "Öppna jämförelser"]
        assert "Title ▲" in screen_text(app)
        await pilot.press("S")
        assert titles(pilot) == ["Öppna jämförelser", "Ärendeflöde", "Zonindelning", "Arbetsmiljö"]
        assert "Title ▼" in screen_text(app)


async def test_clicking_a_heading_sorts_by_it(db_path: Path) -> None:
    seed(
        db_path,
        document("B", leader="Örjan"),
        document("A", leader=""),
        document("C", leader="Anna"),
    )
    app = build_app(db_path)
    async with running(app) as pilot:
        grid = table(pilot)
        columns = grid_columns(grid)
        x = sum(width + 2 for _key, width in columns[: grid.layout_keys.index("leader")])
        await pilot.click("#portfolio-table", offset=(x + 2, 0))
        assert grid.sort_key == "leader"
        # Empty leaders go last, whichever the direction.
        assert titles(pilot) == ["C", "B", "A"]
        await pilot.click("#portfolio-table", offset=(x + 2, 0))
        assert titles(pilot) == ["B", "C", "A"]


def grid_columns(grid: object) -> list[tuple[str, int]]:
    from forbattra.tui.widgets.portfolio_table import PortfolioTable

    assert isinstance(grid, PortfolioTable)
    return [(str(column.key.value), column.width) for column in grid.ordered_columns]


async def test_markup_in_user_text_is_shown_verbatim_and_never_run(db_path: Path) -> None:
    seed(
        db_path,
        document("[@click=app.quit]x[/]", leader="[b]bold", updated="2025-03-02T12:00:00+00:00"),
        document("[b]bold", unit="[red]Röd[/red]", updated="2025-03-01T12:00:00+00:00"),
    )
    app = build_app(db_path)
    async with running(app) as pilot:
        text = screen_text(app)
        assert "[@click=app.quit]x[/]" in text
        assert "[b]bold" in text
        assert "[red]Röd[/red]" in text
        # Clicking the title cell highlights the row, a second click opens the initiative;
        # neither runs the action written in the title.
        await pilot.click("#portfolio-table", offset=(8, 1))
        await pilot.pause()
        assert app.is_running
        await pilot.click("#portfolio-table", offset=(8, 1))
        await settle(pilot)
        assert app.is_running
        assert "[@click=app.quit]x[/]" in screen_text(app)  # the workspace's header
        await pilot.click("Header", offset=(60, 0))  # the title, not the palette icon
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert app.is_running
        assert app.screen is portfolio(pilot)
        # The read-only summary (i) shows it literally too.
        await pilot.press("i")
        await settle(pilot)
        await pilot.click("#initiative-title")
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")
        assert app.is_running


async def test_a_corrupt_database_shows_why_and_the_app_still_quits(db_path: Path) -> None:
    db_path.write_bytes(b"\x00garbage, not SQLite at all\xff" * 40)
    app = build_app(db_path)
    async with running(app) as pilot:
        text = " ".join(screen_text(app).split())  # the message wraps the long path
        assert "The database could not be opened." in text
        assert "not an SQLite file" in text
        assert "Traceback" not in text
        status = portfolio(pilot).query_one("#portfolio-status", Static)
        assert status.has_class("-problem")
        # r tries again (and fails the same way, calmly).
        await pilot.press("r")
        await settle(pilot)
        assert "not an SQLite file" in " ".join(screen_text(app).split())
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_an_empty_database_tells_a_new_user_what_to_do(db_path: Path) -> None:
    app = build_app(db_path)
    async with running(app):
        text = screen_text(app)
        assert "No initiatives yet" in text
        assert "forbattra --db" in text  # this database is neither the default nor FORBATTRA_DB
        assert "new" in text
        assert "import" in text
        assert "forbattra demo" in text


async def test_reload_shows_initiatives_created_elsewhere(db_path: Path) -> None:
    app = build_app(db_path)
    async with running(app) as pilot:
        assert titles(pilot) == []
        create(db_path, "Skapad från kommandoraden")
        await pilot.press("r")
        await settle(pilot)
        assert titles(pilot) == ["Skapad från kommandoraden"]
        assert "No initiatives yet" not in screen_text(app)


async def test_i_shows_the_initiative_read_only(db_path: Path) -> None:
    seed(
        db_path,
        document(
            "Trygg hemgång",
            method="dmaic",
            phase="measure",
            unit="Vård och omsorg",
            area=5,
            leader="Erik",
            coach="Maria (organisationsforskare)",
            team="Ali, Berit, Cecilia",
        ),
    )
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("i")
        await settle(pilot)
        text = screen_text(app)
        for expected in (
            "Trygg hemgång",
            "DMAIC",
            "Measure (phase 2 of 5)",
            "active",
            "Vård och omsorg",
            "5 User focus",
            "Erik",
            "Maria (organisationsforskare)",
            "Ali, Berit, Cecilia",
            "forbattra show 1",
        ):
            assert expected in text, expected
        await pilot.press("escape")
        assert app.screen is portfolio(pilot)


async def test_f1_lists_the_keys(db_path: Path) -> None:
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("f1")
        text = screen_text(app)
        for expected in ("Keys", "Filter", "Show or hide closed", "Reverse the sort order", "^q"):
            assert expected in text, expected
        await pilot.press("escape")
        assert app.screen is portfolio(pilot)


async def test_the_command_palette_speaks_our_language(db_path: Path) -> None:
    seed(db_path, document("Öppet"), document("Stängt", status="closed"))
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert "Search for commands…" in screen_text(app)
        await pilot.press(*"show or hide closed")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert sorted(titles(pilot)) == ["Stängt", "Öppet"]


async def test_columns_give_way_in_a_narrow_window(db_path: Path) -> None:
    long_title = "Tydligare information till nyanlända i genomgångsbostäderna"
    seed(db_path, document(long_title, unit="Kommunledningsförvaltningen", leader="Anna"))
    app = build_app(db_path)
    async with running(app, size=(200, 40)) as pilot:
        grid = table(pilot)
        everything = ("id", "title", "method", "phase", "status", "unit", "area", "leader")
        assert grid.layout_keys == (*everything, "changed")
        assert long_title in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert list(grid.layout_keys) == ["title", "phase", "status", "changed"]
        assert sum(width + 2 for _key, width in grid_columns(grid)) <= 80
        assert titles(pilot) == [long_title]
        assert "Tydligare information till nyanlända" in screen_text(app)


async def test_short_titles_leave_room_for_more_columns(db_path: Path) -> None:
    seed(db_path, document("Kort", unit="Skola", leader="Anna"))
    app = build_app(db_path)
    async with running(app, size=(80, 24)) as pilot:
        assert {"unit", "leader"} <= set(table(pilot).layout_keys)


async def test_long_lists_are_added_in_batches(db_path: Path) -> None:
    seed(
        db_path,
        *(
            document(f"Initiativ {n:03}", updated=f"2025-03-14T12:{n // 60:02}:{n % 60:02}+00:00")
            for n in range(450)
        ),
    )
    app = build_app(db_path)
    async with running(app) as pilot:
        grid = table(pilot)
        first = grid.row_count
        assert 36 <= first < 450  # a screenful and a little more, not all 450
        assert "450 of 450 initiatives" in screen_text(app)
        # Paging down towards the end of what is there adds the next batch.
        for _press in range(10):
            await pilot.press("pagedown")
            if grid.cursor_row >= first:
                break
        await pilot.pause()
        assert grid.row_count > first
        assert grid.cursor_row >= first
        # End goes to the very last initiative, not the last one added so far.
        await pilot.press("end")
        await pilot.pause()
        assert grid.row_count == 450
        assert titles(pilot)[-1] == "Initiativ 000"
        assert grid.cursor_row == 449
        # A long list filters as you type.
        await pilot.press("slash", *"007")
        await pilot.pause(0.4)
        assert titles(pilot) == ["Initiativ 007"]
