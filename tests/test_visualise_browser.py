"""The network page in a real browser: headless Chromium over the DevTools
protocol (tests/chromium.py), with a dead proxy for a network.

It draws the nodes, loads nothing from outside, finds Arabic names from the
search box and the address, highlights a clicked node's neighbours, stops its
physics, filters, and never runs text from an article.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from kg.style import KINDS
from kg.visualise import render_html
from kg.vocab import ID
from tests.chromium import Chromium, chromium_missing

pytestmark = [
    pytest.mark.needs_browser,
    pytest.mark.skipif(chromium_missing() is not None, reason=chromium_missing() or ""),
]

TITLE = "kg · شبكة المعرفة"
MISTURA = str(ID["person/ستافان_دي_ميستورا"])
ANSARI = str(ID["person/حسين_جابري_انصاري"])
ARMY = str(ID["armed-force/الجيش_السوري"])
HOSTILE = str(ID["person/hostile"])
STABLE = "document.body && document.body.dataset.state === 'stable'"

# Pixels of one colour on the network's canvas: the nodes are drawn, not just listed.
COUNT_COLOUR = """(function (hex) {
  var c = document.querySelector('#network canvas'), n = 0;
  var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  var rgb = [1, 3, 5].map(function (i) { return parseInt(hex.slice(i, i + 2), 16); });
  for (var i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 200 && Math.abs(d[i] - rgb[0]) < 10 && Math.abs(d[i + 1] - rgb[1]) < 10
        && Math.abs(d[i + 2] - rgb[2]) < 10) n++;
  }
  return n;
})(%s)"""
# Where a node is, in page coordinates, for the mouse.
NODE_AT = """(function (id) {
  var p = kg.network.canvasToDOM(kg.network.getPositions([id])[id]);
  var r = document.querySelector('#network canvas').getBoundingClientRect();
  return [r.left + p.x, r.top + p.y];
})(%s)"""


TOOLTIP = "(document.querySelector('div.vis-tooltip') || {}).textContent"


def _hover(tab, node: str, tries: int = 5) -> str:
    """Hover over `node` until vis shows its tooltip; its text.

    The focus animation moves the node for a while (longer on a busy machine), so
    the position is read again before each try rather than after a fixed wait.
    """
    for _ in range(tries):
        tab.evaluate("new Promise(function (ok) { setTimeout(ok, 800); })")
        x, y = tab.evaluate(NODE_AT % json.dumps(node))
        for dx in (-30, 0, 1):
            tab.mouse(x + dx, y, click=False)
        try:
            return tab.wait_for(TOOLTIP, 3)
        except TimeoutError:
            continue
    raise TimeoutError(f"no tooltip over {node} after {tries} tries")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture
def show(browser, tmp_path):
    """show(html, fragment="") -> a tab with the page open and its layout settled."""
    tabs = []

    def open_page(html: str, fragment: str = ""):
        page = tmp_path / f"graph{len(tabs)}.html"
        page.write_text(html, encoding="utf-8")
        tab = browser.open(page.as_uri() + fragment)
        tabs.append(tab)
        tab.wait_for(STABLE)
        assert not tab.errors
        return tab

    yield open_page
    for tab in tabs:
        tab.close()


@pytest.fixture
def seed_tab(show, seed_dataset):
    return show(render_html(seed_dataset))


@pytest.mark.parametrize("kind", ["person", "armed-force", "place", "claim", "article"])
def test_visualise_browser_draws_the_nodes(seed_tab, kind):
    assert seed_tab.evaluate("document.body.dataset.nodes") == "13"
    assert seed_tab.evaluate(COUNT_COLOUR % json.dumps(KINDS[kind][3])) > 30


@pytest.mark.parametrize("since", ["2030-01-01"])
def test_visualise_browser_empty_page_settles_and_says_why(show, seed_dataset, since):
    tab = show(render_html(seed_dataset, since=since))
    assert tab.evaluate("document.body.dataset.nodes") == "0"
    assert since in tab.evaluate("document.getElementById('note').textContent")


@pytest.mark.parametrize("allowed", [("file:", "data:", "about:")])
def test_visualise_browser_loads_nothing_from_the_network(seed_tab, allowed):
    seed_tab.evaluate("1")  # collect the events so far
    assert seed_tab.requests and all(url.startswith(allowed) for url in seed_tab.requests)


@pytest.mark.parametrize(
    "query, found",
    [
        ("حسين", ANSARI),
        ("دي ميستورا", MISTURA),
        ("دي مستورا", MISTURA),
        ("الجيش السوري", ARMY),
        ("المبعوث الاممي", MISTURA),
    ],
)
def test_visualise_browser_search_box_finds_arabic_name(seed_tab, query, found):
    seed_tab.evaluate("document.getElementById('q').focus()")
    seed_tab.type(query)
    seed_tab.press_enter()
    assert seed_tab.wait_for("document.body.dataset.selected") == found
    assert seed_tab.evaluate("kg.network.getSelectedNodes()") == [found]
    assert seed_tab.evaluate("location.hash") == "#q=" + quote(query)  # a link to this view


@pytest.mark.parametrize("query, found", [("انصاري", ANSARI)])
def test_visualise_browser_address_searches_on_load(show, seed_dataset, query, found):
    tab = show(render_html(seed_dataset), "#q=" + quote(query))
    assert tab.wait_for("document.body.dataset.selected") == found


@pytest.mark.parametrize("node, near", [(MISTURA, 4), (ARMY, 4)])
def test_visualise_browser_click_highlights_neighbourhood(seed_tab, node, near):
    x, y = seed_tab.evaluate(NODE_AT % json.dumps(node))
    seed_tab.mouse(x, y)
    assert seed_tab.wait_for("document.body.dataset.selected") == node
    dimmed = seed_tab.evaluate("kg.nodes.get({filter: function (n) { return n.dim; }}).length")
    assert dimmed == 13 - near
    assert "ستافان" in seed_tab.evaluate("document.getElementById('details').textContent") or (
        node != MISTURA
    )


@pytest.mark.parametrize("wait", [1.0])
def test_visualise_browser_physics_stop_once_settled(seed_tab, wait):
    before = seed_tab.evaluate("JSON.stringify(kg.network.getPositions())")
    seed_tab.evaluate(f"new Promise(function (ok) {{ setTimeout(ok, {wait * 1000}); }})")
    assert seed_tab.evaluate("JSON.stringify(kg.network.getPositions())") == before


@pytest.mark.parametrize(
    "action, visible",
    [
        ("document.querySelector('#relations input[value=captured]').click()", 9),
        ("document.querySelector('#relations input[value=article]').click()", 11),
        ("set('since', '2016-10-01')", 9),  # the undated article's facts drop out
        ("set('until', '2016-10-04')", 0),
        ("set('until', '2016-10-04'); document.getElementById('reset').click()", 13),
    ],
)
def test_visualise_browser_filters_by_relation_and_date(seed_tab, action, visible):
    seed_tab.evaluate(
        "function set(id, v) { var e = document.getElementById(id); e.value = v;"
        " e.dispatchEvent(new Event('change')); }" + action
    )
    assert seed_tab.evaluate("document.body.dataset.visibleNodes") == str(visible)


@pytest.mark.parametrize("policy", ["kept", "removed"])
def test_visualise_browser_hostile_text_never_runs(show, hostile_dataset, policy):
    html = render_html(hostile_dataset)
    if policy == "removed":  # the escaping alone must hold, without the CSP's help
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    tab = show(html)
    tab.evaluate("document.getElementById('q').focus()")
    tab.type("onerror")
    tab.press_enter()
    assert tab.wait_for("document.body.dataset.selected") == HOSTILE
    tip = _hover(tab, HOSTILE)
    assert "<img src=x onerror=" in tip
    details = tab.evaluate("document.getElementById('details').textContent")
    assert "<img src=x onerror=" in details
    assert tab.evaluate("document.title") == TITLE
    assert tab.evaluate("document.querySelectorAll('img, b, script').length") == 3
