"""`kg validate`: a readable report, exit 0 on a valid build and 1 on one with violations."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib.namespace import RDFS

from kg.cli import main
from kg.graph import dump_graph
from kg.store import STORE_NAME, write_store
from kg.vocab import ID, KG

ARMY = ID["armed-force/الجيش_السوري"]


def _unlabel_army(dataset):
    dataset.remove((ARMY, RDFS.label, None, None))
    return "armed-force:الجيش_السوري\n  rdfs:label: Less than 1 values on rdfs:label"


def _one_way_meeting(dataset):
    a, _, b, g = next(dataset.quads((None, KG.met, None, None)))
    dataset.remove((a, KG.met, b, g))
    return ": kg:met is symmetric: write b kg:met a beside a kg:met b (MinCountConstraintComponent)"


def _write(dataset, folder, via):
    if via == "--out":
        write_store(dataset, folder / STORE_NAME)
        return ["--out", str(folder)]
    with open(folder / "graph.trig", "wb") as stream:
        dump_graph(dataset, stream, "trig")
    return ["--graph", str(folder / "graph.trig")]


@pytest.mark.parametrize("via", ["--out", "--graph"])
def test_shapes_validate_valid_build_exits_0(tmp_path, seed_dataset, via):
    result = CliRunner().invoke(main, ["validate", *_write(seed_dataset, tmp_path, via)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Conforms to ontology/shapes.ttl: no violations.\n"


@pytest.mark.parametrize("via", ["--out", "--graph"])
@pytest.mark.parametrize("damage", [_unlabel_army, _one_way_meeting])
def test_shapes_validate_violations_exit_1(tmp_path, seed_dataset, via, damage):
    expected = damage(seed_dataset)
    result = CliRunner().invoke(main, ["validate", *_write(seed_dataset, tmp_path, via)])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(
        "Does not conform to ontology/shapes.ttl: 1 violation on 1 node."
    )
    assert expected in result.stdout
    assert "Literal(" not in result.stdout and "https://" not in result.stdout
