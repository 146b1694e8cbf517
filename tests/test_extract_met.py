"""met: snippet articles written from the annotation guidelines, one behaviour each.

A new case is a new file in tests/data/snippets/met/.
"""

from __future__ import annotations

import pytest

from tests.utils import check_snippet, snippet_paths


@pytest.mark.parametrize("path", snippet_paths("met"), ids=lambda p: p.stem)
def test_extract_met_snippet(path):
    check_snippet(path, "met")
