"""Reading inputs: every bad file or line becomes a `Skipped` with its reason, never an exception."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from kg.ingest import read_documents
from kg.types import Document, Skipped

ARTICLE = "Japan signed a trade agreement with China on Monday."


def read(*paths) -> tuple[list[Document], list[str]]:
    items = list(read_documents(paths))
    return [d for d in items if isinstance(d, Document)], [str(s) for s in items if isinstance(s, Skipped)]


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b" \n\t\n", "empty file"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (gzip.compress(ARTICLE.encode()), "binary file"),
    (b"Japan\x00\x00\x01\x02 signed", "binary file (NUL bytes)"),
    (ARTICLE.encode("utf-16-le"), "binary file (NUL bytes)"),
    (b"<p><script>x</script></p>", "no text after cleaning"),
])
def test_unusable_files(tmp_path, data, reason):
    (tmp_path / "bad.txt").write_bytes(data)
    (tmp_path / "good.txt").write_text(ARTICLE)
    docs, skipped = read(tmp_path)
    assert [d.id for d in docs] == ["good.txt"]
    assert skipped == [f"{tmp_path / 'bad.txt'}: {reason}"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_byte_order_marks(tmp_path, encoding):
    data = ARTICLE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "a.txt").write_bytes(data)
    docs, skipped = read(tmp_path / "a.txt")
    assert [d.text for d in docs] == [ARTICLE]
    assert skipped == []


def test_invalid_utf8_is_replaced_and_reported(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Japan \xff\xfe signed a deal.")
    docs, skipped = read(tmp_path / "a.txt")
    assert [d.text for d in docs] == ["Japan \ufffd\ufffd signed a deal."]
    assert skipped == [f"{tmp_path / 'a.txt'}: invalid UTF-8 at byte 6, replaced with U+FFFD (document kept)"]
    (tmp_path / "b.txt").write_bytes(b"\xff\xfeJ\x00a\x00p")
    docs, skipped = read(tmp_path / "b.txt")
    assert [d.text for d in docs] == ["Ja\ufffd"]
    assert skipped == [f"{tmp_path / 'b.txt'}: invalid UTF-16 at byte 6, replaced with U+FFFD (document kept)"]


def test_json_lines(tmp_path):
    lines = [
        json.dumps({"id": "ok", "text": ARTICLE, "title": "A\ttitle ", "url": "https://e.org/a"}),
        "{not json",
        "[1, 2]",
        json.dumps({"id": "x"}),
        json.dumps({"id": "x", "text": 42}),
        json.dumps({"id": "x", "text": ARTICLE, "date": 2025}),
        "[" * 100_000 + "]" * 100_000,
        '{"id": 1' + "0" * 5000 + ', "text": "x"}',
        "",
        json.dumps({"id": 7, "text": "Japan \u2028 and China\u2029 met."}, ensure_ascii=False),
        json.dumps({"id": True, "text": "Japan \ud800 met China."}),
        json.dumps({"id": " ", "text": "<p>Japan</p>"}),
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\r\n".join(lines), encoding="utf-8")
    docs, skipped = read(path)
    assert [(d.id, d.text, d.title, d.url) for d in docs] == [
        ("ok", ARTICLE, "A title", "https://e.org/a"),
        ("7", "Japan\nand China\nmet.", None, None),
        ("a.jsonl:11", "Japan \ufffd met China.", None, None),
        ("a.jsonl:12", "Japan", None, None),
    ]
    assert skipped == [f"{path}:2: not JSON (Expecting property name enclosed in double quotes at column 2)",
                       f"{path}:3: not a JSON object",
                       f"{path}:4: missing or non-string 'text'",
                       f"{path}:5: missing or non-string 'text'",
                       f"{path}:6: 'date' is not a string",
                       f"{path}:7: not JSON (nested too deeply)",
                       f"{path}:8: not JSON (Exceeds the limit (4300 digits) for integer string conversion: "
                       "value has 5001 digits; use sys.set_int_max_str_digits() to increase the limit)"]


def test_things_that_are_not_readable_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "fifo.txt")
    (folder / "folder.txt").mkdir()
    (folder / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    (folder / "z.txt").write_text(ARTICLE)
    docs, skipped = read(folder, folder / "fifo.txt", tmp_path / "missing", folder / "notes.pdf")
    assert [d.id for d in docs] == ["z.txt"]
    assert skipped == [f"{folder / 'broken.txt'}: cannot read (No such file or directory)",
                       f"{folder / 'fifo.txt'}: not a regular file",
                       f"{folder / 'loop1.txt'}: cannot read (Too many levels of symbolic links)",
                       f"{folder / 'loop2.txt'}: cannot read (Too many levels of symbolic links)",
                       f"{folder / 'zero.txt'}: not a regular file",
                       f"{tmp_path / 'missing'}: no such file or folder",
                       f"{folder / 'notes.pdf'}: unsupported file type"]


def test_permission_denied(tmp_path, monkeypatch):
    # Tests may run as root, who reads anything: refuse the open itself.
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sub").mkdir()
    real_open, real_scandir = os.open, os.scandir

    def deny(path, *args, **kwargs):
        if str(path).endswith(("a.txt", "sub")):
            raise PermissionError(13, "Permission denied", str(path))
        return (real_open if args else real_scandir)(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    monkeypatch.setattr(os, "scandir", deny)
    docs, skipped = read(tmp_path)
    assert docs == []
    assert skipped == [f"{tmp_path / 'a.txt'}: cannot read (Permission denied)",
                       f"{tmp_path / 'sub'}: cannot read (Permission denied)"]


def test_symlink_loops_and_duplicates_are_read_once(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(ARTICLE)
    (folder / "sub" / "up").symlink_to(folder)
    (folder / "self").symlink_to(".")
    (folder / "same.txt").symlink_to(folder / "sub" / "a.txt")
    docs, skipped = read(folder, folder / "sub", folder / "sub" / "a.txt")
    assert [d.source for d in docs] == [str(folder / "same.txt")]
    assert skipped == []


def test_odd_file_names(tmp_path):
    names = ["quote\"'.txt", "[bold]x[red].txt", "<b>.txt", "\U0001f600.txt", "\u05e9\u05dc\u05d5\u05dd.txt"]
    for name in names:
        (tmp_path / name).write_text(ARTICLE)
    (Path(os.fsdecode(bytes(tmp_path) + b"/bad\xff.txt"))).write_text(ARTICLE)
    docs, skipped = read(tmp_path)
    assert sorted(d.id for d in docs) == sorted([*names, "bad\ufffd.txt"])
    assert skipped == []
