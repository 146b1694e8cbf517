"""SHACL validation of a built graph against ontology/shapes.ttl.

Takes a Graph or a Dataset (validated as the merge of its named graphs: IRIs
are per article or per entity, so merging hides no violation); gives whether
it conforms and a report for people: the violations grouped by the node they
are about, one line each with the property, the value, the shape's message
and its constraint (MinCountConstraintComponent), IRIs shortened with the
build's prefixes. ontology/kg.ttl is passed as the ontology graph, so
sh:class follows rdfs:subClassOf (an ArmedForce is an Actor).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.graph import merge_graph
from kg.iri import short_iri

ONTOLOGY = Path(__file__).parent / "ontology"
# pyshacl writes values as Python reprs in its messages: Literal("60", datatype=xsd:integer).
_REPR = re.compile(r'Literal\("((?:[^"\\]|\\.)*)"(?:, (?:datatype|lang)=[^)]*)?\)')


@lru_cache(maxsize=1)
def load_shapes() -> tuple[Graph, Graph]:
    """(shapes, ontology) parsed once from the files that ship in the package."""
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    ontology = Graph().parse(ONTOLOGY / "kg.ttl", format="turtle")
    return shapes, ontology


def validate_graph(graph: Graph) -> tuple[bool, str]:
    """(conforms, report): see render_report."""
    shapes, ontology = load_shapes()
    conforms, results, _ = validate(
        merge_graph(graph),
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=False,
        allow_warnings=True,
    )
    return bool(conforms), render_report(bool(conforms), results)


def short_term(term: Node | None) -> str:
    """person:ستافان_دي_ميستورا, "60", "نص"@ar, "2016-10-05"^^xsd:date."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return short_iri(term) or f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{term}"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^{short_term(term.datatype)}" if term.datatype else text
    return "[]"  # a blank node: a complex path, or a blank subject


def render_report(conforms: bool, results: Graph) -> str:
    """The violations, grouped by focus node, each with its path, value, message and constraint.

    No final newline: the caller prints it as a line.
    """
    lines: dict[str, list[str]] = defaultdict(list)
    count = 0
    for result in results.subjects(RDF.type, SH.ValidationResult):
        count += 1
        focus = results.value(result, SH.focusNode)
        path = short_term(results.value(result, SH.resultPath)) or "(the node itself)"
        value = results.value(result, SH.value)
        message = str(results.value(result, SH.resultMessage) or "")
        message = _REPR.sub(r'"\1"', message.replace(f"<{focus}>->", ""))
        component = str(results.value(result, SH.sourceConstraintComponent)).rpartition("#")[2]
        severity = str(results.value(result, SH.resultSeverity)).rpartition("#")[2]
        level = "" if severity == "Violation" else f"{severity}: "
        shown = f" {short_term(value)}" if value is not None and value != focus else ""
        lines[short_term(focus)].append(f"  {level}{path}{shown}: {message} ({component})")
    if not count:
        return "Conforms to ontology/shapes.ttl: no violations."
    found = (
        f"{_plural(count, 'warning' if conforms else 'violation')} on {_plural(len(lines), 'node')}"
    )
    head = (
        "Conforms to ontology/shapes.ttl, with"
        if conforms
        else "Does not conform to ontology/shapes.ttl:"
    )
    out = [f"{head} {found}."]
    for focus in sorted(lines):
        out += ["", focus, *sorted(lines[focus])]
    return "\n".join(out)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
