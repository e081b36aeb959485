"""Text cleaners: `str -> str` functions that chain. Offsets later refer to their output."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from kg.ontology import ontology_dir, read_tsv

_BLOCK_TAGS = "p|div|br|h[1-6]|li|ul|ol|tr|td|th|table|section|article|header|footer|blockquote|pre|title"
_DROP_ELEMENTS = re.compile(r"<(script|style|noscript|template|svg|head)\b.*?(</\1\s*>|\Z)", re.S | re.I)
_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^>]*>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<!--.*?-->|<![^>]*>", re.S)
# An opening tag whose ">" was lost, glued to the heading text: "<h2Implications for ..."
_BROKEN_TAG = re.compile(rf"</?(?:{_BLOCK_TAGS}|a|b|i|em|strong|span)(?=[A-Z])")
# Letters separated by dots, as in "D.o.n.a.l.d T.r.u.m.p"; "U.S." keeps its dots.
_DOTTED = re.compile(r"\b[A-Za-z](?:\.[A-Za-z]){2,}\b(?!\.)")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u200b]+")


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(html|body|p|div|h[1-6]|br|span|a|script|style)\b", text[:20000], re.I))


def strip_html(text: str) -> str:
    """Plain text of an HTML page: scripts and styles dropped, blocks on their own lines."""
    text = _DROP_ELEMENTS.sub(" ", text)
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub("", text)
    return html.unescape(text)


def fix_broken_tags(text: str) -> str:
    """Remove tag openings that lost their `>` (`<h2Implications` -> `Implications`)."""
    return _BROKEN_TAG.sub("", text)


def undo_dotted_names(text: str) -> str:
    """`D.o.n.a.l.d T.r.u.m.p` -> `Donald Trump`, leaving abbreviations such as `U.S.` alone."""
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


def normalize_space(text: str) -> str:
    """NFC, one space between words, no blank-line runs, no control characters."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def clean_text(text: str, *, is_html: bool | None = None) -> str:
    """The full cleaning chain for one article."""
    if is_html or (is_html is None and looks_like_html(text)):
        text = strip_html(text)
    for step in (fix_broken_tags, undo_dotted_names, normalize_space, drop_furniture, normalize_space):
        text = step(text)
    return text
