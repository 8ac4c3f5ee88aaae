"""``python -m forbattra``."""

from forbattra.cli import main

if __name__ == "__main__":
    main()
