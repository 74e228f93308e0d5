"""Thin entry point: `python cli.py ARTICLE` behaves exactly like the `factcheck` command."""

from factcheck.cli import main

if __name__ == "__main__":
    main()
