"""Named-entity recognition over Arabic tokens, shipped in the package: a CRF (the
extractors' tagger) and an ensemble of it with a fine-tuned e5 encoder (`kg ner`).

Rebuild them with `python -m kg.ner.train --data ../shared/data`.
"""

from kg.ner.tagger import tag, tag_conll, tag_with_person

__all__ = ["tag", "tag_conll", "tag_with_person"]
