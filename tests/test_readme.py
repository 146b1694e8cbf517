"""README: its commands are read from the README itself, so they cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"


def _first_block() -> list[str]:
    block = re.search(r"```[a-z]*\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip()]


def test_readme_starts_with_two_setup_commands():
    build, test = _first_block()
    assert build.endswith("kg build seeds") and "torch==2.13.0" in build
    assert "pytest" in test


def test_readme_commands_are_real_cli_commands():
    from kg.cli import main

    text = README.read_text(encoding="utf-8")
    used = set(re.findall(r"^kg (\w+)", text, re.M))
    assert used and used <= set(main.commands)


def test_readme_queries_exist():
    from kg.query import list_queries

    text = README.read_text(encoding="utf-8")
    named = set(re.findall(r"kg query (\w+)", text))
    assert named and named <= set(list_queries())
