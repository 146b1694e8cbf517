"""The network page as text: self-contained, script-safe, readable data.

What a browser makes of it is tests/test_visualise_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from kg.visualise import read_asset, render_html, script_json

# A reference that leaves the file: http://, https:// or //host.
REMOTE = r"""\s*["']?\s*(?:https?:|//)"""
REMOTE_REFERENCES = [
    re.compile(r"\b(?:src|href|srcset|action|poster|data)\s*=" + REMOTE, re.IGNORECASE),
    re.compile(r"url\(" + REMOTE, re.IGNORECASE),
    re.compile(r"@import\b", re.IGNORECASE),
]


class Page(HTMLParser):
    """Tags with their attributes, and the text of each script and style."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.blocks: list[tuple[str, dict, str]] = []
        self._open: tuple[str, dict] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
            self.blocks.append((tag, dict(attrs), ""))

    def handle_data(self, data):
        if self._open:
            tag, attrs, text = self.blocks[-1]
            self.blocks[-1] = (tag, attrs, text + data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self._open = None

    def data(self) -> dict:
        [text] = [t for tag, a, t in self.blocks if a.get("id") == "kg-data"]
        return json.loads(text)


@pytest.fixture
def seed_page(seed_dataset) -> str:
    return render_html(seed_dataset)


@pytest.mark.parametrize("pattern", REMOTE_REFERENCES, ids=["attribute", "url", "import"])
def test_visualise_page_has_no_remote_reference(seed_page, pattern):
    assert not pattern.search(seed_page), pattern.search(seed_page).group(0)


@pytest.mark.parametrize("attribute", ["src", "href", "srcset"])
def test_visualise_page_tags_load_nothing(seed_page, attribute):
    loading = [(tag, attrs) for tag, attrs in Page(seed_page).tags if attribute in attrs]
    assert not loading
    assert "<link" not in seed_page.lower()


@pytest.mark.parametrize("directive", ["default-src 'none'", "form-action 'none'"])
def test_visualise_page_policy_allows_only_its_own_scripts(seed_page, directive):
    page = Page(seed_page)
    [policy] = [
        a["content"] for _, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert directive in policy
    scripts = [text for tag, attrs, text in page.blocks if tag == "script" and "type" not in attrs]
    allowed = re.findall(r"'sha256-([^']+)'", policy)
    digests = [base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts]
    assert len(scripts) == 2
    assert sorted(allowed) == sorted(digests)


@pytest.mark.parametrize("count", [3])
def test_visualise_hostile_text_stays_inside_the_data(hostile_dataset, hostile_texts, count):
    html = render_html(hostile_dataset)
    page = Page(html)
    assert [tag for tag, _ in page.tags].count("script") == count
    assert html.lower().count("</script") == count
    [data_text] = [t for tag, a, t in page.blocks if a.get("id") == "kg-data"]
    assert not set("<>&\u2028\u2029") & set(data_text)
    outside = html
    for _, _, text in page.blocks:
        outside = outside.replace(text, "")
    for text in hostile_texts:
        for piece in re.findall(r"<[^>]*>?", text):  # script tags: counted above
            assert re.match("</?script", piece, re.IGNORECASE) or piece not in outside
    data = json.dumps(page.data(), ensure_ascii=False)
    assert "<img src=x onerror=" in data  # shown as text, not dropped
    assert "document.title='pwned'" in data


@pytest.mark.parametrize("char", ["\u202e", "\u202c", "\u2066", "\u2069"])
def test_visualise_bidi_controls_do_not_reach_the_page(hostile_dataset, char):
    data = Page(render_html(hostile_dataset)).data()
    assert char not in json.dumps(data, ensure_ascii=False)
    assert any("نص معكوس" in n["tip"][0] for n in data["nodes"])


@pytest.mark.parametrize(
    "value, escaped",
    [
        ("</script>", "\\u003c/script\\u003e"),
        ("a & b", "a \\u0026 b"),
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("<!--", "\\u003c!--"),
    ],
)
def test_visualise_script_json_is_inert_and_round_trips(value, escaped):
    text = script_json({"v": value})
    assert escaped in text
    assert json.loads(text) == {"v": value}


@pytest.mark.parametrize(
    "kind, shape",
    [
        ("person", "dot"),
        ("armed-force", "triangle"),
        ("place", "diamond"),
        ("source", "triangleDown"),
        ("claim", "hexagon"),
        ("article", "star"),
    ],
)
def test_visualise_nodes_are_shaped_by_type_and_sized_by_degree(seed_page, kind, shape):
    data = Page(seed_page).data()
    nodes = [n for n in data["nodes"] if n["kind"] == kind]
    assert nodes and {n["shape"] for n in nodes} == {shape}
    assert kind in data["kinds"]  # in the legend
    mistura = next(n for n in data["nodes"] if n["label"] == "ستافان دي ميستورا")
    ansari = next(n for n in data["nodes"] if n["label"] == "حسين جابري أنصاري")
    assert mistura["size"] > ansari["size"]  # two claims and a meeting against one claim


@pytest.mark.parametrize(
    "relation, label", [("said", "قال"), ("captured", "سيطر على"), ("met", "التقى")]
)
def test_visualise_edges_are_labelled_with_their_relation(seed_page, relation, label):
    edges = [e for e in Page(seed_page).data()["edges"] if e["rel"] == relation]
    assert edges and {e["label"] for e in edges} == {label}


@pytest.mark.parametrize("row", ["الشاهد", "المقال", "التاريخ", "القاعدة"])
def test_visualise_claim_tips_carry_evidence_and_source(seed_page, row):
    claims = [n for n in Page(seed_page).data()["nodes"] if n["kind"] == "claim"]
    claim = next(n for n in claims if n["tip"][0].startswith("تعليق واشنطن"))
    rows = dict(claim["tip"][1])
    assert row in rows
    assert rows["المقال"].startswith("دي ميستورا يعرض")
    assert "انتكاسة" in rows["الشاهد"]


@pytest.mark.parametrize("store", [False, True], ids=["dataset", "store"])
def test_visualise_reads_a_dataset_or_the_embedded_store(seed_dataset, seed_store, store):
    data = Page(render_html(seed_store if store else seed_dataset)).data()
    assert (len(data["nodes"]), len(data["edges"])) == (13, 12)


RENDER_SEED = """import hashlib
from tests.conftest import _seed_pairs
from kg.graph import build_dataset
from kg.visualise import render_html
print(hashlib.sha256(render_html(build_dataset(_seed_pairs())).encode()).hexdigest())
"""


@pytest.mark.parametrize("hash_seeds", [("1", "2")])
def test_visualise_page_is_the_same_on_every_run(hash_seeds):
    """Same graph, same bytes: node order drives vis-network's layout."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    digests = {
        subprocess.run(
            [sys.executable, "-c", RENDER_SEED],
            cwd=root,
            check=True,
            text=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in hash_seeds
    }
    assert len(digests) == 1


@pytest.mark.parametrize(
    "sink", ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("]
)
def test_visualise_page_script_never_parses_text_as_code_or_html(sink):
    assert sink not in read_asset("kg", "page", "page.js")
