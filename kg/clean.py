"""Text cleaners: `str -> str` functions that chain. Offsets later refer to their output."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from kg.ontology import ontology_dir, read_tsv
from kg.timex import dateline, parse_date

_BLOCK_TAGS = "p|div|br|h[1-6]|li|ul|ol|tr|td|th|table|section|article|header|footer|blockquote|pre|title"
_DROP_ELEMENTS = re.compile(r"<(script|style|noscript|template|svg|head)\b.*?(</\1\s*>|\Z)", re.S | re.I)
_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^>]*>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<!--.*?(?:-->|\Z)|<![^>]*>", re.S)
# "<"s left over that would start a tag again once joined to what follows ("<<b>a>", "<<a<a>>").
_STRAY = re.compile(r"<+(?=[a-zA-Z/!])")
# An opening tag whose ">" was lost, glued to the heading text: "<h2Implications for ..."
_BROKEN_NAMES = f"{_BLOCK_TAGS}|a|b|i|em|strong|span"
_BROKEN_TAG = re.compile(rf"</?(?:{_BROKEN_NAMES})(?:</?(?:{_BROKEN_NAMES}))*(?=[A-Z])")
# Letters separated by dots, as in "D.o.n.a.l.d T.r.u.m.p"; "U.S." keeps its dots. Matches start only
# at the first letter of a run, so a long run costs linear time.
_DOTTED_INSIDE = re.compile(r"\.[A-Za-z]\.")
_DOTTED = re.compile(r"(?<![A-Za-z]\.)\b[A-Za-z](?:\.[A-Za-z]){2,}\b(?!\.)")
# What an encyclopedia's stripped pronunciations leave: `Urgut (;) is`, `Ann Lee (; born 1950)`. A run of
# brackets and separators starts after any other character, so each run is read once.
_EMPTY_BRACKETS = re.compile(r"(?<![ ;,()]) *\([ ;,()]*\)|(?<=\()[;,][;, ]*")
ODD_SPACES = "\t\u00a0\u2009\u200b"
_SPACES = re.compile(rf"[ {ODD_SPACES}]{{2,}}|[{ODD_SPACES}]")  # not a single space: it stays as it is
LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines splits on, but \n
_LINE_BREAK = re.compile(rf"\r\n?|[{LINE_BREAKS}]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # category Cc but tab and newline
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_PUBLISHED = {"article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "date",
              "dc.date", "dc.date.issued", "dcterms.date"}


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(html|body|p|div|h[1-6]|br|span|a|script|style)\b", text[:20000], re.I))


def strip_html(text: str) -> str:
    """Plain text of an HTML page: scripts and styles dropped, blocks on their own lines."""
    text = _DROP_ELEMENTS.sub(" ", text)
    text = _BLOCK.sub("\n", text)
    text = _STRAY.sub("", _TAG.sub("", text))
    return html.unescape(text)


def fix_broken_tags(text: str) -> str:
    """Remove tag openings that lost their `>` (`<h2Implications` -> `Implications`)."""
    return _BROKEN_TAG.sub("", text)


def undo_dotted_names(text: str) -> str:
    """`D.o.n.a.l.d T.r.u.m.p` -> `Donald Trump`, leaving abbreviations such as `U.S.` alone."""
    if not _DOTTED_INSIDE.search(text):  # a quick look for what every dotted name has inside
        return text
    return _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)


@lru_cache(maxsize=1)
def _furniture() -> tuple[re.Pattern, ...]:
    rows = read_tsv(ontology_dir() / "lexicon" / "furniture.tsv")
    return tuple(re.compile(row["pattern"], re.I) for row in rows)


def is_furniture(line: str) -> bool:
    """Navigation, share and newsletter lines, advertisement markers, bylines."""
    line = line.strip()
    return any(p.search(line) for p in _furniture())


def drop_furniture(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not is_furniture(line))


def drop_empty_brackets(text: str) -> str:
    """`Urgut (;) is a town` -> `Urgut is a town`; `(; born 1950)` -> `(born 1950)`: left as they are,
    they break the parse of the sentence around them."""
    def empty(m: re.Match) -> str:
        run = m.group(0)
        return "" if run[0] in ";," or run.count("(") == run.count(")") else run

    return _EMPTY_BRACKETS.sub(empty, text) if "(" in text else text  # each match needs a `(`


def scrub(text: str) -> str:
    """Lone surrogates (from undecodable file names or JSON escapes) replaced by U+FFFD."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def normalize_space(text: str) -> str:
    """NFC, newlines as the only line break, one space between words, no blank-line runs or control characters.

    Each pattern runs only where a character it matches is in the text (`in` is faster than any pattern)."""
    if any(c in text for c in LINE_BREAKS):
        text = _LINE_BREAK.sub("\n", text)
    text = unicodedata.normalize("NFC", _CONTROL.sub("", scrub(text)))
    if "  " in text or any(c in text for c in ODD_SPACES):
        text = _SPACES.sub(" ", text)  # no run of spaces goes over a line break
    text = "\n".join([line.strip() for line in text.split("\n")])
    return (re.sub(r"\n{3,}", "\n\n", text) if "\n\n\n" in text else text).strip()


def attributes(tag: str) -> dict[str, str]:
    return {m[1].lower(): html.unescape(m[2] or m[3] or m[4] or "") for m in _ATTRIBUTE.finditer(tag)}


def html_date(text: str) -> tuple[str, str] | None:
    """(ISO date, source) of an HTML page's publication date: a `<meta>` such as
    `article:published_time`, else the first `<time datetime>`."""
    for tag in re.findall(r"<meta\b[^>]*>", text[:200_000], re.I):
        attrs = attributes(tag)
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        day = parse_date(attrs.get("content")) if name in _PUBLISHED else None
        if day:
            return day.isoformat(), "html-meta"
    for tag in re.findall(r"<time\b[^>]*>", text[:200_000], re.I):
        day = parse_date(attributes(tag).get("datetime"))
        if day:
            return day.isoformat(), "html-time"
    return None


def document_date(raw: str, cleaned: str, is_html: bool) -> dict[str, str]:
    """`date` and `date_source` of an article found in it: its HTML metadata, else a dateline; never the file's
    time."""
    found = html_date(raw) if is_html else None
    if found is None and (line := dateline(cleaned)):
        found = line, "dateline"
    return {"date": found[0], "date_source": found[1]} if found else {}


def clean_text(text: str, *, is_html: bool | None = None) -> str:
    """The full cleaning chain for one article."""
    if is_html or (is_html is None and looks_like_html(text)):
        text = strip_html(text)
    for step in (fix_broken_tags, undo_dotted_names, normalize_space, drop_furniture, drop_empty_brackets,
                 normalize_space):
        text = step(text)
    return text
