"""Shared fixtures: a small hand-made corpus mimicking the seed articles.

The relations are written by hand, as the extractor should give them, so the
graph, store and query tests do not depend on the extractor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.types import Article, Mention, Relation


def pytest_configure(config: pytest.Config) -> None:
    # rdflib 7.6's Dataset calls its own deprecated Dataset.default_context from
    # triples() and parse(); the warning is about rdflib's code, not ours.
    config.addinivalue_line(
        "filterwarnings", r"ignore:Dataset\.default_context is deprecated:DeprecationWarning"
    )


# The corpora and gold beside the project (../shared); absent outside this machine.
SHARED = Path(__file__).resolve().parents[2] / "shared"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason=f"needs {SHARED}")
    for item in items:
        if "needs_shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def shared_data() -> Path:
    """../shared/data: corpora and NER gold (tests using it are marked needs_shared)."""
    return SHARED / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files in tests/data/golden instead of comparing with them",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


ARTICLE_000 = Article(
    id="000_3c14a0ab08de09f5",
    title="دي ميستورا يعرض على مسلحي النصرة مغادرة شرق حلب وموسكو تؤيد",
    text=(
        "دي ميستورا يعرض على مسلحي النصرة مغادرة شرق حلب وموسكو تؤيد\n"
        "قال المبعوث الأممي إلى سوريا ستافان دي ميستورا إنّ تعليق واشنطن وموسكو المحادثات "
        "بشأن وقف إطلاق النار في سوريا يُعدّ انتكاسة لهذه القضية.\n"
        "ميدانيا استعاد الجيش السوري السيطرة على المعهد الرياضي وسكن المعهد في منطقة "
        "بستان الباشا في مدينة حلب.\n"
        "وأفاد المصدر بأن وحدات من الجيش نفذت عمليات أسفرت عن استعادة السيطرة على مؤسسة المياه.\n"
    ),
    date="2016-10-05",
    source="seeds",
)

ARTICLE_002 = Article(
    id="002_a8cdf252e180f95f",
    title="دي ميستورا يدعو إلى التوقف عن قصف حلب",
    text=(
        "دي ميستورا يدعو إلى التوقف عن قصف حلب\n"
        "دعا مبعوث الأمم المتحدة الخاص إلى سوريا، استيفان دي ميستورا، إلى وقف كافة الهجمات "
        "التي تستهدف مدينة حلب.\n"
        "وكان المبعوث الأممي قد التقى، يوم أمس السبت، مساعد وزير الخارجية الإيراني حسين "
        "جابري أنصاري في طهران.\n"
        "وأكد مساعد وزير الخارجية الإيراني خلال لقائه دي مستورا “أن الحل الحقيقي للأوضاع "
        "في حلب يكمن في أمرين”.\n"
    ),
)

MISTURA = "ستافان دي ميستورا"  # the canonical key both articles' spellings merge into
ANSARI = "حسين جابري انصاري"
ARMY = "الجيش السوري"


def _mention(article: Article, text: str, type_: str, name: str = "", key: str = "") -> Mention:
    start = article.text.index(text)
    return Mention(text, start, start + len(text), type_, name or text, key)


def _sentence(article: Article, inside: str) -> tuple[int, int]:
    at = article.text.index(inside)
    start = article.text.rfind("\n", 0, at) + 1
    return start, article.text.index("\n", at)


def _relation(article, relation, subject, obj, rule) -> Relation:
    start, end = _sentence(article, obj.text)
    return Relation(article.id, relation, subject, obj, rule, start, end)


def _seed_pairs() -> list[tuple[Article, list[Relation]]]:
    a, b = ARTICLE_000, ARTICLE_002
    mistura_a = _mention(a, "ستافان دي ميستورا", "Person", key=MISTURA)
    army = _mention(a, "الجيش السوري", "ArmedForce", key=ARMY)
    source = _mention(a, "المصدر", "Source", key="المصدر")
    mistura_b = _mention(b, "استيفان دي ميستورا", "Person", key=MISTURA)
    envoy_b = _mention(b, "المبعوث الأممي", "Person", "استيفان دي ميستورا", MISTURA)
    ansari = _mention(b, "حسين جابري أنصاري", "Person", key=ANSARI)
    aide = _mention(b, "مساعد وزير الخارجية الإيراني خلال", "Person", "حسين جابري أنصاري", ANSARI)
    aide = Mention(
        "مساعد وزير الخارجية الإيراني",
        aide.start,
        aide.start + 28,
        "Person",
        "حسين جابري أنصاري",
        ANSARI,
    )
    claim = "Claim"
    return [
        (
            a,
            [
                _relation(
                    a,
                    "said",
                    mistura_a,
                    _mention(
                        a,
                        "تعليق واشنطن وموسكو المحادثات بشأن وقف إطلاق النار في سوريا يُعدّ انتكاسة "
                        "لهذه القضية",
                        claim,
                    ),
                    "said.inna_clause",
                ),
                _relation(
                    a,
                    "captured",
                    army,
                    _mention(a, "المعهد الرياضي", "Place"),
                    "captured.istaada_saytara",
                ),
                _relation(
                    a,
                    "captured",
                    army,
                    _mention(a, "سكن المعهد", "Place"),
                    "captured.istaada_saytara",
                ),
                _relation(
                    a,
                    "said",
                    source,
                    _mention(
                        a,
                        "وحدات من الجيش نفذت عمليات أسفرت عن استعادة السيطرة على مؤسسة المياه",
                        claim,
                    ),
                    "said.bi_anna",
                ),
                _relation(
                    a,
                    "captured",
                    army,
                    _mention(a, "مؤسسة المياه", "Place"),
                    "captured.istaada_saytara",
                ),
            ],
        ),
        (
            b,
            [
                _relation(
                    b,
                    "said",
                    mistura_b,
                    _mention(b, "وقف كافة الهجمات التي تستهدف مدينة حلب", claim),
                    "said.daa_ila",
                ),
                _relation(b, "met", envoy_b, ansari, "met.iltaqa"),
                _relation(
                    b,
                    "said",
                    aide,
                    _mention(b, "أن الحل الحقيقي للأوضاع في حلب يكمن في أمرين", claim),
                    "said.quote",
                ),
            ],
        ),
    ]


@pytest.fixture
def seed_pairs() -> list[tuple[Article, list[Relation]]]:
    return _seed_pairs()


@pytest.fixture
def seed_dataset(seed_pairs):
    from kg.graph import build_dataset

    return build_dataset(seed_pairs)


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """The seed dataset written to, and opened from, an on-disk Oxigraph store."""
    from kg.graph import build_dataset
    from kg.store import STORE_NAME, open_store, write_store

    folder = tmp_path_factory.mktemp("build")
    write_store(build_dataset(_seed_pairs()), folder / STORE_NAME)
    return open_store(folder)


@pytest.fixture(scope="session")
def canonical():
    """term -> term with "x"^^xsd:string written as the plain literal "x".

    RDF 1.1 makes them one term; oxrdflib returns the typed form, rdflib the plain.
    """
    from rdflib import Literal
    from rdflib.namespace import XSD

    def canon(term):
        if isinstance(term, Literal) and term.datatype == XSD.string:
            return Literal(str(term))
        return term

    return canon


# Text an article could carry to attack the network page (kg/visualise.py).
HOSTILE = [
    "</script><script>document.title='pwned'</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
    "قال \"المتحدث\" إن 'الوضع' <b>هادئ</b> & مستقر",
    "\u202eنص معكوس\u202c \u2066عزل\u2069 \u200fRLM\u200e",
    "</SCRIPT ><!--<script>document.title='pwned'//\u2028\u2029",
]


@pytest.fixture
def hostile_texts() -> list[str]:
    return list(HOSTILE)


@pytest.fixture
def hostile_dataset(seed_dataset):
    """The seed graph plus an article whose names, claims, title and sentences
    are HOSTILE strings: a person, a place, a claim, a capture and a meeting."""
    from rdflib import Literal
    from rdflib.namespace import RDF, RDFS, XSD

    from kg.vocab import ID, KG, SCHEMA

    article = ID["article/hostile"]
    g = seed_dataset.graph(article)
    date = Literal("2016-10-07", datatype=XSD.date)
    evil, place, army = ID["person/hostile"], ID["place/hostile"], ID["armed-force/الجيش_السوري"]
    mistura = ID["person/ستافان_دي_ميستورا"]
    g.add((article, RDF.type, KG.Article))
    g.add((article, SCHEMA.headline, Literal(HOSTILE[3] + HOSTILE[0], lang="ar")))
    g.add((article, SCHEMA.datePublished, date))
    g.add((evil, RDF.type, KG.Person))
    g.add((evil, RDFS.label, Literal(HOSTILE[1], lang="ar")))
    g.add((evil, KG.alias, Literal(HOSTILE[0], lang="ar")))
    g.add((place, RDF.type, KG.Place))
    g.add((place, RDFS.label, Literal(HOSTILE[4], lang="ar")))
    for i, text in enumerate(HOSTILE):
        claim = ID[f"claim/hostile/{i}"]
        g.add((evil, KG.said, claim))
        g.add((claim, RDF.type, KG.Claim))
        g.add((claim, KG.speaker, evil))
        g.add((claim, KG.claimText, Literal(text, lang="ar")))
        g.add((claim, KG.evidence, Literal("وقال " + text, lang="ar")))
        g.add((claim, KG.article, article))
        g.add((claim, KG.date, date))
        g.add((claim, KG.rule, Literal(text)))
    for kind, event, ends in [
        ("capture", KG.Capture, [(KG.agent, army), (KG.site, place)]),
        ("meeting", KG.Meeting, [(KG.participant, evil), (KG.participant, mistura)]),
    ]:
        node = ID[f"{kind}/hostile/1"]
        g.add((node, RDF.type, event))
        for prop, end in ends:
            g.add((node, prop, end))
        g.add((node, KG.article, article))
        g.add((node, KG.evidence, Literal(HOSTILE[0] + HOSTILE[1], lang="ar")))
        g.add((node, KG.date, date))
    g.add((army, KG.captured, place))
    g.add((evil, KG.met, mistura))
    g.add((mistura, KG.met, evil))
    return seed_dataset


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """A build folder as `kg build` leaves it: store/ and graph.trig of the seed dataset."""
    from kg.graph import build_dataset, dump_graph
    from kg.store import STORE_NAME, write_store

    folder = tmp_path_factory.mktemp("seed-build")
    dataset = build_dataset(_seed_pairs())
    write_store(dataset, folder / STORE_NAME)
    with open(folder / "graph.trig", "wb") as stream:
        dump_graph(dataset, stream, "trig")
    return folder


@pytest.fixture(scope="session")
def rdflib_count(seed_build):
    """query -> ?n of a COUNT query, by rdflib's engine on the seed build's graph.trig,
    whose default graph is the union of its article graphs (each triple once)."""
    import warnings

    from kg.graph import read_graph
    from kg.vocab import PREFIXES

    dataset = read_graph(seed_build / "graph.trig")

    def count(query: str) -> int:
        with warnings.catch_warnings():  # rdflib's engine calls its own deprecated methods
            warnings.simplefilter("ignore", DeprecationWarning)
            return next(iter(dataset.query(query, initNs=PREFIXES)))[0].toPython()

    return count


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unused_port() -> int:
    """A loopback port nobody listens on (the OS's pick, released for the test)."""
    return _free_port()


@pytest.fixture
def oxigraph_server(tmp_path):
    """A real Oxigraph server (the `oxigraph` CLI) on a loopback port; yields its base URL."""
    import shutil
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    binary = Path(sys.executable).with_name("oxigraph")
    binary = str(binary) if binary.is_file() else shutil.which("oxigraph")
    if binary is None:
        pytest.skip("no `oxigraph` server binary: pip install oxigraph (in the test extra)")
    port = _free_port()
    log = open(tmp_path / "oxigraph.log", "w+b")
    server = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"oxigraph server did not start: {log.read().decode()[-2000:]}")
                time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
