"""The cleaners: examples, and properties over generated text and HTML."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from kg.clean import clean_text, drop_empty_brackets, normalize_space, scrub, undo_dotted_names

TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<!--")
# Text that no cleaner changes but for its spacing: no markup, entity, dot or furniture word.
words = st.text("xqzjkw0123456789 ,;\u00e9\u0436\u6f22\n\t", max_size=40)
tags = st.sampled_from(["<p>", "</p>", "<div class='a b'>", "</div>", "<br/>", "<b>", "</b>", "<a href='x'>",
                        "</a>", "<span\nid=x>", "<!-- note -->", "<!DOCTYPE html>", "<h2>", "</h2>", "<li>"])
dropped = st.sampled_from(["<script>var x = '<p>';</script>", "<style>p { color: red }</style>",
                           "<script src='x.js'></script>", "<noscript>enable JS</noscript>"])
html = st.lists(words | tags | dropped, max_size=30).map("".join)


def test_scripts_styles_and_tags_are_dropped():
    page = ("<html><head><title>T</title><style>body{}</style></head><body><script>alert(1)</script>"
            "<h1>Japan &amp; China</h1><p>They <b>signed</b> a deal.</p><!-- x --></body></html>")
    assert clean_text(page) == "Japan & China\n\nThey signed a deal."


def test_deeply_nested_html():
    page = "<div>" * 100_000 + "Japan signed a deal." + "</div>" * 100_000
    assert clean_text(page, is_html=True) == "Japan signed a deal."


def test_unclosed_comment_and_script_run_to_the_end():
    assert clean_text("<p>Kept.</p><!-- " + "<!--" * 50_000, is_html=True) == "Kept."
    assert clean_text("<p>Kept.</p><script>" * 20_000, is_html=True) == "Kept."


def test_dotted_names_in_long_runs_take_linear_time():
    assert undo_dotted_names("a.b." * 200_000) == "a.b." * 200_000
    assert undo_dotted_names("D.o.n.a.l.d T.r.u.m.p and the U.S. and U.K.") == "Donald Trump and the U.S. and U.K."


def test_brackets_left_empty_by_a_stripped_pronunciation_go():
    assert clean_text("Tarvo (;) is a town. Ann Lee (; born 1950) and the Union () met.") == \
        "Tarvo is a town. Ann Lee (born 1950) and the Union met."
    assert clean_text("Tarvo (see below) is (((;)) a town.") == "Tarvo (see below) is (((;)) a town."  # not empty
    assert drop_empty_brackets("(" * 200_000) == "(" * 200_000


def test_control_characters_and_lone_surrogates():
    assert normalize_space("a\x00b\x1b[31mc\u0085d\ud800e\x0cf\r\ng") == "ab[31mc\nd\ufffde\nf\ng"
    assert scrub("file\udcff.txt") == "file\ufffd.txt"
    assert normalize_space("e\x00\u0301") == "\u00e9"


@given(st.text(max_size=300))
@example("e\x00\u0301")
@example("<p<pAbc")
def test_cleaning_is_idempotent_on_text(text):
    once = clean_text(text, is_html=False)
    assert clean_text(once, is_html=False) == once


@given(st.lists(st.tuples(words, tags | dropped), max_size=20))
def test_html_loses_its_markup_and_keeps_its_text(parts):
    page = "".join(word + markup for word, markup in parts)
    text = "".join(word for word, _ in parts)
    out = clean_text(page, is_html=True)
    assert not TAG.search(out)
    assert "".join(out.split()) == "".join(text.split())


@given(st.text("<>/!-abp x\"'=", max_size=60))
@example("<<b>a>")
@example("<b<i>x>")
def test_no_tag_is_left_whatever_the_markup(page):
    assert not TAG.search(clean_text(page, is_html=True))


@given(st.text(max_size=100), st.text(max_size=100), st.sampled_from(["U.S.", "U.K.", "U.N.", "E.U."]))
def test_undoing_dotted_names_never_touches_abbreviations(before, after, abbreviation):
    assert f" {abbreviation} " in undo_dotted_names(f"{before} {abbreviation} {after}")


@given(st.lists(st.text(st.characters(min_codepoint=ord("a"), max_codepoint=ord("z")), min_size=1, max_size=8),
                min_size=1, max_size=4))
def test_dotted_names_are_undone(names):
    dotted = " ".join(".".join(name) for name in names)
    expected = " ".join(name if len(name) >= 3 else ".".join(name) for name in names)
    assert undo_dotted_names(dotted) == expected


@given(st.text(" \t\n\r\v\f\x1c\x85\u2028\u00a0\u2009\u200b\x00\x1b\ud800e\u0301ab", max_size=60))
def test_space_normalizing_skips_no_case_its_patterns_would_change(text):
    """The quick checks that let `normalize_space` skip a pattern give what every pattern applied gives."""
    text_ = re.sub(r"\r\n?|[\v\f\x1c-\x1e\x85\u2028\u2029]", "\n", text)
    text_ = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", re.sub(r"[\ud800-\udfff]", "\ufffd", text_))
    lines = [re.sub(r"[ \t\u00a0\u2009\u200b]+", " ", line).strip()
             for line in unicodedata.normalize("NFC", text_).split("\n")]
    assert normalize_space(text) == re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
