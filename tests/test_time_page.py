"""Time on the page: each evidence shows when, and a time range filter appears when the graph has dates."""

from __future__ import annotations

import json
import re

from test_browser import assert_clean, browser, open_page  # noqa: F401  (browser is a fixture)

from kg.files import atomic_write
from kg.graph import to_graph
from kg.html import to_html
from kg.types import Entity, Evidence, Statement, Time

JAPAN = Entity("kg:country/JPN", "Japan", "Country", "JPN")
CHINA = Entity("kg:country/CHN", "China", "Country", "CHN")
KOREA = Entity("kg:country/KOR", "South Korea", "Country", "KOR")
MET = Statement("a.txt", JAPAN, "met_with", CHINA, Evidence("Japan met China on Monday.", 0, 26),
                time=Time("on Monday", value="2019-03-04", relative=True))
SIGNED = Statement("b.txt", JAPAN, "signed_agreement_with", KOREA, Evidence("Japan signed a pact with Korea.", 0, 31))
UNDATED = Statement("c.txt", CHINA, "criticized", KOREA, Evidence("China criticized Korea.", 0, 23))
PARK = Entity("kg:person/park-min", "Park Min", "Person", "KOR")
SANCTIONS = Statement("d.txt", CHINA, "imposed_sanctions_on", JAPAN,
                      Evidence("China sanctioned Japan from 2010 to 2012.", 0, 41),
                      time=Time("from 2010 to 2012", start="2010", end="2012"))
FORMER = Statement("a.txt", PARK, "head_of_state", KOREA, Evidence("Former President Park Min spoke.", 0, 32),
                   time=Time("Former", relative=True, ended=True))
DATES = {"a.txt": "2019-03-06", "b.txt": "2018-05"}


def page_data(html: str) -> dict:
    return json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.S)[1])


def test_each_statement_is_placed_at_its_own_time_else_its_documents_date():
    graph = to_graph([JAPAN, CHINA, KOREA], [MET, SIGNED, UNDATED], {"a.txt": "2019-03-06", "b.txt": "May 2, 2018"})
    dates = {attrs["relation"]: (attrs["when"], attrs["date"]) for _, _, attrs in graph.edges(data=True)}
    assert dates == {"met_with": ("on Monday", "2019-03-04"), "signed_agreement_with": ("", "2018-05-02"),
                     "criticized": ("", "")}
    data = page_data(to_html(graph))
    assert data["legend"]["dates"] == ["2018-05-02", "2019-03-04"]
    met = next(e for e in data["edges"] if e["relation"] == "met_with")
    assert (met["dates"], met["evidence"][0]["when"]) == (["2019-03-04"], "on Monday")


def test_a_span_holds_from_its_start_to_its_end_and_a_former_office_is_not_dated():
    graph = to_graph([JAPAN, CHINA, KOREA, PARK], [SANCTIONS, FORMER], DATES)
    dates = {a["relation"]: (a["when"], a["date"], a["until"]) for _, _, a in graph.edges(data=True)}
    assert dates == {"imposed_sanctions_on": ("from 2010 to 2012", "2010", "2012"),
                     "head_of_state": ("Former", "", "")}


def test_a_graph_without_dates_offers_no_time_filter():
    assert page_data(to_html(to_graph([JAPAN, CHINA, KOREA], [UNDATED])))["legend"]["dates"] == []


def test_the_time_filter_and_the_panel_in_a_browser(browser, tmp_path):  # noqa: F811
    path = tmp_path / "page.html"
    atomic_write(path, to_html(to_graph([JAPAN, CHINA, KOREA], [MET, SIGNED, UNDATED], DATES)))
    opened = open_page(browser, path)
    page = opened.page
    shown = "() => window.kg.edges.get({filter: e => !e.hidden}).map(e => e.relation).sort()"
    assert page.locator("#time-filter").is_visible()
    assert opened.js(shown) == ["criticized", "met_with", "signed_agreement_with"]
    page.locator("#date-from").fill("2019-01-01")
    assert opened.js(shown) == ["met_with"]
    page.locator("#date-from").fill("")
    page.locator("#date-to").fill("2018-12-31")
    assert opened.js(shown) == ["signed_agreement_with"]
    page.locator("#date-to").fill("2018-05-31")
    assert opened.js(shown) == ["signed_agreement_with"]  # a month is in the range when the range reaches into it
    page.locator("#date-to").fill("")
    met = opened.js("() => window.kg.data.edges.find(e => e.relation === 'met_with').id")
    opened.js("id => window.kg.network.emit('click', {nodes: [], edges: [id]})", met)
    assert "on Monday (2019-03-04)" in page.locator("#details .meta").first.text_content()
    assert_clean(opened)


def test_the_time_filter_keeps_a_span_that_overlaps_the_range(browser, tmp_path):  # noqa: F811
    path = tmp_path / "page.html"
    atomic_write(path, to_html(to_graph([JAPAN, CHINA, KOREA, PARK], [MET, SANCTIONS, FORMER], DATES)))
    opened = open_page(browser, path)
    page = opened.page
    shown = "() => window.kg.edges.get({filter: e => !e.hidden}).map(e => e.relation).sort()"
    page.locator("#date-from").fill("2011-06-01")
    page.locator("#date-to").fill("2011-12-31")
    assert opened.js(shown) == ["imposed_sanctions_on"]  # the former office has no date to be in a range
    page.locator("#date-from").fill("2013-01-01")
    page.locator("#date-to").fill("")
    assert opened.js(shown) == ["met_with"]
    page.locator("#date-from").fill("")
    sanctions = opened.js("() => window.kg.data.edges.find(e => e.relation === 'imposed_sanctions_on').id")
    opened.js("id => window.kg.network.emit('click', {nodes: [], edges: [id]})", sanctions)
    assert "from 2010 to 2012 (2010 – 2012)" in page.locator("#details .meta").first.text_content()
    assert_clean(opened)
