"""The spaCy pipeline: Arabic tokens, sentences and norms.

`make_nlp()` builds `spacy.blank("ar")` with these components:
- `kg_sentences`: a sentence starts after . ! ? ؟ and after a line break
  (news paragraphs often end without a full stop);
- `kg_norm`: sets `token.norm_` to the camel-tools norm of the token
  (kg.normalise.norm), so rules match أكّد and اكد alike while
  `token.text` keeps the original spelling;
- `kg_ner`: PERS/ORG/LOC spans from the shipped CRF tagger (kg.ner), and
  each token's person probability in `token._.person`;
- `kg_entities`: gazetteer actors, titles and names (kg.extract.mentions).
No spaCy statistical model is loaded.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from kg.normalise import norm

# The NER model's probability that a token is part of a person's name (kg_ner).
Token.set_extension("person", default=0.0, force=True)

_SENTENCE_END = {".", "!", "?", "؟", "…"}
_CLOSERS = {'"', "”", "»", "’", ")"}


@Language.component("kg_sentences")
def set_sentences(doc: Doc) -> Doc:
    ended = False
    for i, token in enumerate(doc):
        if i == 0:
            token.is_sent_start = True
            continue
        if "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_:
            ended = True
        # A closing quote or bracket right after the full stop stays with its sentence.
        if ended and token.text in _CLOSERS and "\n" not in doc[i - 1].whitespace_:
            token.is_sent_start = False
            continue
        token.is_sent_start = ended
        ended = token.text in _SENTENCE_END
    return doc


@Language.component("kg_norm")
def set_norms(doc: Doc) -> Doc:
    for token in doc:
        token.norm_ = norm(token.text)
    return doc


@Language.component("kg_ner")
def set_entities(doc: Doc) -> Doc:
    """PERS/ORG/LOC/MISC spans from the shipped CRF tagger (kg.ner), per sentence,
    names made consistent across the article (kg.ner.document), and each token's
    person probability in `token._.person`."""
    from kg.ner import tag_with_person  # the model loads on first use, not at import
    from kg.ner.document import propagate

    sentences = [[t for t in sent if not t.is_space] for sent in doc.sents]
    sentences = [tokens for tokens in sentences if tokens]
    texts = [[t.text for t in tokens] for tokens in sentences]
    tagged = [tag_with_person(tokens) for tokens in texts]
    consistent = propagate(texts, [tags for tags, _ in tagged])
    spans = []
    for tokens, tags, (_, person) in zip(sentences, consistent, tagged, strict=True):
        for token, p in zip(tokens, person, strict=True):
            token._.person = p
        start, label, last = None, None, -1
        for token, bio in zip([*tokens, None], [*tags, "O"], strict=True):
            if start is not None and (bio == "O" or bio.startswith("B-") or bio[2:] != label):
                spans.append(Span(doc, start, last + 1, label=label))
                start = None
            if bio != "O" and start is None:
                start, label = token.i, bio[2:]
            last = token.i if token is not None else last
    doc.ents = [s for s in spans if s.label_ != "MISC"]
    return doc


def _split_punctuation(nlp: Language) -> None:
    """spaCy's Arabic tokenizer leaves `واشنطن".`, `2012.` and `لـ”كافة` whole;
    quotation marks and full stops must stand alone for clauses and sentences."""
    prefixes = [*nlp.Defaults.prefixes, r"[\"“«‘'(\[]"]
    suffixes = [*nlp.Defaults.suffixes, r"[.!?؟…،,:;]", r"[\"”»’')\]]"]
    infixes = [*nlp.Defaults.infixes, r"(?<=ـ)[\"“”«»]", r"(?<=\w)[\"“”«»](?=\w)"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """The shared pipeline (built once per process)."""
    import kg.extract.mentions  # noqa: F401  (registers kg_entities)

    nlp = spacy.blank("ar")
    _split_punctuation(nlp)
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_norm")
    nlp.add_pipe("kg_ner")
    nlp.add_pipe("kg_entities")
    return nlp
