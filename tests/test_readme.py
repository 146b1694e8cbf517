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
    named = set(re.findall(r"kg query ([a-z_]+)", text))
    assert named and named <= set(list_queries())


def test_readme_main_job_runs_on_the_seeds(tmp_path):
    """The README's first command ends with the main job; run that part as written."""
    import shutil
    import subprocess
    import sys

    build = _first_block()[0].split("&&")[-1].split()
    assert build[0].endswith("kg") and build[1:] == ["build", "seeds"]
    shutil.copytree(README.parent / "seeds", tmp_path / "seeds")
    done = subprocess.run(
        [sys.executable, "-m", "kg", *build[1:]], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "graph.trig").stat().st_size > 0
    assert (tmp_path / "out" / "graph.html").stat().st_size > 0
