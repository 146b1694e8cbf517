"""cli: the commands as a user runs them, through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

SEEDS = Path(__file__).parent.parent / "seeds"
OUTPUTS = ["relations.jsonl", "graph.trig", "graph.ttl", "graph.html", "store"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "out"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_cli_build_writes_every_output(built):
    out, _ = built
    assert all((out / name).exists() for name in OUTPUTS)
    assert (out / "relations.jsonl").stat().st_size > 0


def test_cli_build_ends_with_a_summary(built):
    _, result = built
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Built ") and "2 articles" in last and "0 failures" in last


def test_cli_extract_jsonl_is_the_scorer_format():
    result = CliRunner().invoke(main, ["extract", str(SEEDS), "--format", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and rows
    assert all({"doc", "relation", "subject", "object"} <= row.keys() for row in rows)
    assert {row["doc"] for row in rows} == {p.stem for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize(
    "args", [["build", "--out"], ["query"], ["extract", "x", "--format", "xml"]]
)
def test_cli_usage_error_exits_2(args):
    assert CliRunner().invoke(main, args).exit_code == 2


def test_cli_bad_input_is_one_line_and_the_rest_is_built(tmp_path):
    corpus = tmp_path / "c.jsonl"
    good = {"id": "g1", "text": "قال الوزير إن الوضع صعب."}
    corpus.write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(corpus), str(tmp_path / "nope.txt"), "--out", str(out)]
    )
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert result.exit_code == 1
    assert errors == [
        f"Error: {corpus}:2: not a JSON object "
        "(Expecting property name enclosed in double quotes at column 2)",
        f"Error: {tmp_path / 'nope.txt'}: no such file or folder",
    ]
    assert "Traceback" not in result.output and (out / "graph.trig").exists()


def test_cli_query_unknown_name_lists_available(built):
    out, _ = built
    result = CliRunner().invoke(main, ["query", "claims_by_actr", "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no query 'claims_by_actr'. Available: ")
    assert "claims_by_actor" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_query_invalid_sparql_is_one_line(built):
    out, _ = built
    result = CliRunner().invoke(main, ["query", "SELECT ?x WHERE { ?x", "--out", str(out)])
    assert result.exit_code == 1 and result.stderr.startswith("Error: invalid SPARQL")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_query_without_build_says_what_to_do(tmp_path):
    result = CliRunner().invoke(main, ["query", "captures", "--out", str(tmp_path / "none")])
    assert result.exit_code == 1 and "kg build" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_query_every_canned_query_answers(built, fmt):
    from kg.query import list_queries

    out, _ = built
    for name in list_queries():
        result = CliRunner().invoke(main, ["query", name, "--out", str(out), "--format", fmt])
        assert result.exit_code == 0, (name, result.output)


@pytest.mark.parametrize("tagger", [[], ["--tagger", "ensemble"], ["--tagger", "crf"]])
def test_cli_ner_tags_conll_lines_in_order(tmp_path, tagger):
    conll = tmp_path / "in.conll"
    conll.write_text("قال O\nالرئيس O\nالسوري O\nبشار B-PERS\nالأسد I-PERS\n\nفي O\nدمشق B-LOC\n")
    result = CliRunner().invoke(main, ["ner", "--conll", str(conll), *tagger])
    lines = result.stdout.split("\n")
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in lines if line] == [
        "قال",
        "الرئيس",
        "السوري",
        "بشار",
        "الأسد",
        "في",
        "دمشق",
    ]
    assert lines[5] == "" and all(
        line.split("\t")[1]
        in {"O"} | {f"{b}-{t}" for b in "BI" for t in ("PERS", "LOC", "ORG", "MISC")}
        for line in lines
        if line
    )


def test_cli_ner_missing_file_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["ner", "--conll", str(tmp_path / "none.conll")])
    assert result.exit_code == 2 and "none.conll" in result.output
