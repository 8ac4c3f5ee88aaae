"""Pilot and snapshot tests of the terminal UI (a package, so its module names are unique)."""
