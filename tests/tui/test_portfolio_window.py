"""A long portfolio: the table holds a window of the rows, yet every row can be reached."""

from __future__ import annotations

from pathlib import Path

from .helpers import build_app, document, running, screen_text, seed, settle, table, titles

COUNT = 1_000


def _seed_long_portfolio(db_path: Path) -> None:
    # Newest change first: "Initiativ 0999" on top, "Initiativ 0000" the very last row.
    seed(
        db_path,
        *(
            document(
                f"Initiativ {n:04}",
                updated=f"2025-03-{1 + n // 1440:02}T{n // 60 % 24:02}:{n % 60:02}:00+00:00",
                unit="Vård och omsorg" if n % 2 else "Barn och utbildning",
                leader="Stina Berg" if n == 3 else "Erik",
            )
            for n in range(COUNT)
        ),
    )


async def test_end_reaches_the_last_of_a_thousand_rows(db_path: Path) -> None:
    _seed_long_portfolio(db_path)
    app = build_app(db_path)
    async with running(app) as pilot:
        grid = table(pilot)
        assert grid.row_count < 200  # a window, not all thousand
        assert "1000 of 1000 initiatives" in screen_text(app)
        assert titles(pilot)[0] == "Initiativ 0999"
        await pilot.press("end")
        await pilot.pause()
        assert grid.row_count == COUNT
        assert grid.cursor_row == COUNT - 1
        assert grid.highlighted_id() == grid.shown_ids[-1]
        assert titles(pilot)[-1] == "Initiativ 0000"
        assert "Initiativ 0000" in screen_text(app)  # scrolled there, not only loaded
        # Home and back: the cursor is on the first row again.
        await pilot.press("home")
        await pilot.pause()
        assert grid.cursor_row == 0


async def test_paging_down_adds_rows_until_the_last(db_path: Path) -> None:
    _seed_long_portfolio(db_path)
    app = build_app(db_path)
    async with running(app) as pilot:
        grid = table(pilot)
        first = grid.row_count
        for _press in range(COUNT):  # a page at a time; never more presses than rows
            if grid.cursor_row == COUNT - 1:
                break
            await pilot.press("pagedown")
        await pilot.pause()
        assert first < grid.row_count == COUNT
        assert grid.cursor_row == COUNT - 1
        assert titles(pilot)[-1] == "Initiativ 0000"


async def test_a_filter_finds_rows_beyond_the_first_window(db_path: Path) -> None:
    _seed_long_portfolio(db_path)
    app = build_app(db_path)
    async with running(app) as pilot:
        grid = table(pilot)
        assert "Initiativ 0003" not in titles(pilot)  # far below the rows drawn
        await pilot.press("slash", *"stina")
        await settle(pilot)
        assert titles(pilot) == ["Initiativ 0003"]
        assert "1 of 1000 initiatives" in screen_text(app)
        # Typing on narrows what the shorter filter found; deleting widens it again.
        await pilot.press("space", *"berg")
        assert titles(pilot) == ["Initiativ 0003"]
        await pilot.press(*["backspace"] * 10, *"0001")
        assert titles(pilot) == ["Initiativ 0001"]
        await pilot.press("escape")
        await settle(pilot)
        assert grid.row_count < 200  # a window again
        assert titles(pilot)[0] == "Initiativ 0999"


async def test_sorting_a_long_list_keeps_every_row_in_reach(db_path: Path) -> None:
    _seed_long_portfolio(db_path)
    app = build_app(db_path)
    async with running(app) as pilot:
        grid = table(pilot)
        await pilot.press("s")  # the first sortable column: id, lowest first
        await pilot.pause()
        assert grid.sort_key == "id"
        assert grid.row_count < 200
        await pilot.press("end")
        await pilot.pause()
        assert grid.row_count == COUNT
        ids = grid.shown_ids
        assert ids == sorted(ids)
        assert grid.highlighted_id() == max(ids)
