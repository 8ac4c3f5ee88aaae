"""The scrolling frame of a dialog, in the Tab order only when there is something to scroll.

A plain VerticalScroll always takes focus: Tab past a dialog's last button then lands on the
frame, where Enter does nothing and nothing looks focused."""

from __future__ import annotations

from textual.containers import VerticalScroll


class DialogScroll(VerticalScroll):
    """A VerticalScroll that can be focused (to scroll with the keys) only when it overflows."""

    def allow_focus(self) -> bool:
        return self.max_scroll_y > 0 and super().allow_focus()
