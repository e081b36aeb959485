"""Document dates: from JSON Lines `date`, a dateline, HTML metadata, else none (never the file's time)."""

from __future__ import annotations

import json
import os

import pytest

from kg.ingest import read_documents
from kg.types import Document

BODY = "Japan signed a trade agreement with China on Monday."


def only_document(path) -> Document:
    docs = [d for d in read_documents([path]) if isinstance(d, Document)]
    assert len(docs) == 1
    return docs[0]


@pytest.mark.parametrize(("name", "content", "date", "source"), [
    ("a.txt", f"Trade pact signed\n\nMonday, October 31, 2005\n\n{BODY}", "2005-10-31", "dateline"),
    ("b.txt", f"WASHINGTON, March 3, 2019 — {BODY}", "2019-03-03", "dateline"),
    ("c.md", f"# Trade pact\n\n3 March 2019\n\n{BODY}", "2019-03-03", "dateline"),
    ("d.html", f'<html><head><meta content="2019-03-03T09:00:00Z" property="article:published_time">'
               f'</head><body><p>{BODY}</p></body></html>', "2019-03-03", "html-meta"),
    ("e.html", f"<html><body><p><time datetime='2018-12-01'>1 Dec</time></p><p>{BODY}</p></body></html>",
     "2018-12-01", "html-time"),
    ("f.html", f'<html><head><meta name="description" content="2019-03-03"></head><body><p>{BODY}</p></body></html>',
     None, None),
    ("g.txt", f"Trade pact signed\n\n{BODY} The last pact dated from March 3, 2011.", None, None),
])
def test_dates_found_in_the_article(tmp_path, name, content, date, source):
    path = tmp_path / name
    path.write_text(content)
    os.utime(path, (1_500_000_000, 1_500_000_000))
    doc = only_document(path)
    assert (doc.date, doc.date_source) == (date, source)


def test_json_lines_date_wins_over_the_dateline(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "1", "text": f"WASHINGTON, March 3, 2019 — {BODY}", "date": "2019-03-04"})
                    + "\n" + json.dumps({"id": "2", "text": f"WASHINGTON, March 3, 2019 — {BODY}"}) + "\n")
    docs = [d for d in read_documents([path]) if isinstance(d, Document)]
    assert [(d.date, d.date_source) for d in docs] == [("2019-03-04", "json"), ("2019-03-03", "dateline")]
