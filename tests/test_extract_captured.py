"""captured: snippet articles written from the annotation guidelines, one behaviour each.

A new case is a new file in tests/data/snippets/captured/.
"""

from __future__ import annotations

import pytest

from tests.utils import check_snippet, snippet_paths


@pytest.mark.parametrize("path", snippet_paths("captured"), ids=lambda p: p.stem)
def test_extract_captured_snippet(path):
    check_snippet(path, "captured")
