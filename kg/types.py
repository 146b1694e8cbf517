"""The values that pass between pipeline stages: frozen, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass

RELATIONS = ("said", "captured", "met")

# Entity types, mirroring the ontology's classes (kg:Person ...).
ENTITY_TYPES = ("Person", "Organization", "ArmedForce", "Place", "Source")


@dataclass(frozen=True)
class Article:
    """One news article. `origin` names where it came from, for messages."""

    id: str
    text: str
    title: str = ""
    date: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = ""


@dataclass(frozen=True)
class Mention:
    """A span of `Article.text` naming an entity or holding a claim.

    `text` is the original slice; `name` is the name this article uses for the
    entity (the full name where the article gives one, so a title or pronoun
    resolves to it); `key` is the normalised canonical key behind its IRI;
    `of` is, for an unnamed source, the body it belongs to (مصدر في الجيش التركي).
    """

    text: str
    start: int
    end: int
    type: str
    name: str = ""
    key: str = ""
    of: Mention | None = None


@dataclass(frozen=True)
class Relation:
    """One extracted fact, with the rule and the evidence that produced it."""

    doc: str
    relation: str
    subject: Mention
    object: Mention
    rule: str
    sentence_start: int
    sentence_end: int

    def to_json(self) -> dict:
        """The scorer's row (doc, relation, subject, object) plus provenance."""
        return {
            "doc": self.doc,
            "relation": self.relation,
            "subject": self.subject.name or self.subject.text,
            "object": self.object.name or self.object.text,
            "subject_type": self.subject.type,
            "object_type": self.object.type,
            "rule": self.rule,
            "subject_span": [self.subject.start, self.subject.end],
            "object_span": [self.object.start, self.object.end],
            "sentence_span": [self.sentence_start, self.sentence_end],
        }
