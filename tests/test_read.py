"""read: .txt, folders and .jsonl -> Article, with bad input reported in place."""

from __future__ import annotations

import json

import pytest

from kg.errors import InputError
from kg.read import read_articles
from kg.types import Article


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "content,title,text",
    [
        ("عنوان الخبر\nنص الخبر هنا.\n", "عنوان الخبر", "نص الخبر هنا.\n"),
        ("نص بلا عنوان", "", "نص بلا عنوان"),
    ],
)
def test_read_txt_title_is_first_line(tmp_path, content, title, text):
    [article] = read_articles([_write(tmp_path / "a1.txt", content)])
    assert (article.id, article.title, article.text) == ("a1", title, text)


def test_read_folder_streams_every_article_in_order(tmp_path):
    _write(tmp_path / "b.txt", "ب\nنص")
    _write(tmp_path / "a.txt", "أ\nنص")
    _write(tmp_path / "notes.md", "ignored")
    assert [a.id for a in read_articles([tmp_path])] == ["a", "b"]


def test_read_jsonl_keeps_fields(tmp_path):
    row = {"id": "x1", "text": "نص", "title": "ع", "date": "2016-10-05", "source": "s", "url": "u"}
    [article] = read_articles([_write(tmp_path / "c.jsonl", json.dumps(row) + "\n")])
    assert article == Article("x1", "نص", "ع", "2016-10-05", "s", "u", f"{tmp_path / 'c.jsonl'}:1")


@pytest.mark.parametrize(
    "line,problem",
    [
        ("{not json", "not a JSON object"),
        ('{"id": "r2"}', "record 'r2' has no \"text\" field"),
        ('{"text": "نص"}', 'record has no "id" field'),
        ("[1, 2]", "not a JSON object"),
    ],
)
def test_read_jsonl_bad_record_is_reported_and_rest_is_read(tmp_path, line, problem):
    path = _write(
        tmp_path / "c.jsonl", f'{{"id": "a", "text": "نص"}}\n{line}\n{{"id": "b", "text": "نص"}}\n'
    )
    items = list(read_articles([path]))
    assert [a.id for a in items if isinstance(a, Article)] == ["a", "b"]
    [error] = [e for e in items if isinstance(e, InputError)]
    assert str(error).startswith(f"{path}:2: ") and problem in str(error)


@pytest.mark.parametrize("name", ["missing.txt", "nowhere"])
def test_read_missing_input_names_the_path(tmp_path, name):
    [error] = read_articles([tmp_path / name])
    assert (
        isinstance(error, InputError) and str(error) == f"{tmp_path / name}: no such file or folder"
    )


def test_read_non_utf8_txt_is_an_error(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\x00bad")
    [error] = read_articles([path])
    assert isinstance(error, InputError) and "not UTF-8" in str(error)
