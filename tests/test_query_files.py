"""Every file in queries/ has help text, parses, and returns rows on the seed store."""

from __future__ import annotations

import pytest

from kg.query import QUERY_DIR, list_queries, load_query, run_query

QUERIES = sorted(list_queries())


def test_query_files_at_least_six():
    assert len(QUERIES) >= 6
    assert {
        "claims_by_actor",
        "claims_about_place",
        "captures",
        "meetings",
        "most_quoted",
        "article_facts",
        "cooccurring_actors",
    } <= set(QUERIES)


@pytest.mark.parametrize("name", QUERIES)
def test_query_files_first_line_is_help(name):
    first = (QUERY_DIR / f"{name}.rq").read_text("utf-8").splitlines()[0]
    assert first.startswith("# ") and list_queries()[name] == first[2:].strip()


@pytest.mark.parametrize("name", QUERIES)
def test_query_files_return_rows_from_store(seed_store, name):
    label, text = load_query(name)
    assert label == name
    rows = list(run_query(seed_store, text, {}, label))
    assert rows, f"{name} returned no rows on the seed store"
