"""kg: Arabic news -> knowledge graph (said, captured, met)."""

__version__ = "0.1.0"
