"""Named-entity recognition: a CRF over Arabic tokens, shipped in the package.

Rebuild the model with `python -m kg.ner.train --data ../shared/data`.
"""

from kg.ner.tagger import tag, tag_conll, tag_with_person

__all__ = ["tag", "tag_conll", "tag_with_person"]
