"""Time expressions found in sentences written for the project, normalized against a document date."""

from datetime import date

import pytest

from kg.timex import dateline, expressions, parse_date
from kg.types import Time

WEDNESDAY = date(2019, 3, 6)  # the document's date in these tests: Wednesday, 6 March 2019


def only(sentence: str, planned: bool = False, anchor: date | None = WEDNESDAY) -> Time:
    found = expressions(sentence, anchor, planned)
    assert len(found) == 1, found
    start, end, time = found[0]
    assert sentence[start:end] == time.text
    return time


@pytest.mark.parametrize(("sentence", "text", "value", "granularity"), [
    ("The ministers met on Wednesday in Geneva.", "on Wednesday", "2019-03-06", "day"),
    ("The envoy arrived in Seoul on Monday.", "on Monday", "2019-03-04", "day"),
    ("Officials said Thursday that the talks had resumed.", "Thursday", "2019-02-28", "day"),
    ("The two leaders spoke last Wednesday.", "last Wednesday", "2019-02-27", "day"),
    ("The border was closed yesterday.", "yesterday", "2019-03-05", "day"),
    ("Rebels shelled the town last night.", "last night", "2019-03-05", "day"),
    ("The embassy reopened today.", "today", "2019-03-06", "day"),
    ("Three days ago the army withdrew.", "Three days ago", "2019-03-03", "day"),
    ("The talks collapsed last month.", "last month", "2019-02", "month"),
    ("Earlier this month the two sides met.", "Earlier this month", "2019-03", "month"),
    ("The port was blockaded last year.", "last year", "2018", "year"),
    ("The sanctions were lifted on 1 November.", "on 1 November", "2018-11-01", "day"),
    ("The sanctions were lifted on November 1.", "on November 1", "2018-11-01", "day"),
    ("The treaty was signed on 2 March.", "on 2 March", "2019-03-02", "day"),
    ("The rally in May drew thousands.", "in May", "2018-05", "month"),
    ("Troops crossed the border in February.", "in February", "2019-02", "month"),
    ("Exports fell sharply last May.", "last May", "2018-05", "month"),
    ("The crew was seized on May 7 last year.", "on May 7 last year", "2018-05-07", "day"),
    ("The port reopened in October last year.", "in October last year", "2018-10", "month"),
])
def test_relative_expressions_resolve_back_from_the_document_date(sentence, text, value, granularity):
    time = only(sentence)
    assert (time.text, time.value, time.relative) == (text, value, True)
    assert time.to_record()["granularity"] == granularity


@pytest.mark.parametrize(("sentence", "text", "value", "granularity"), [
    ("In 2019, the two countries signed a trade deal.", "In 2019", "2019", "year"),
    ("The accord was signed on March 3, 2015 in Oslo.", "on March 3, 2015", "2015-03-03", "day"),
    ("The accord was signed on 3 March 2015 in Oslo.", "on 3 March 2015", "2015-03-03", "day"),
    ("Tensions rose in October 2017.", "in October 2017", "2017-10", "month"),
    ("The embassy closed on Monday, October 31, 2005.", "on Monday, October 31, 2005", "2005-10-31", "day"),
    ("The decree dated 2016-07-04 was published.", "2016-07-04", "2016-07-04", "day"),
    ("The summit took place in Jan. 2012.", "in Jan. 2012", "2012-01", "month"),
    ("The report dated 2016-07 was withdrawn.", "2016-07", "2016-07", "month"),  # ISO 8601 year-month
])
def test_absolute_expressions_need_no_document_date(sentence, text, value, granularity):
    time = only(sentence, anchor=None)
    assert (time.text, time.value, time.relative) == (text, value, False)
    assert time.to_record()["granularity"] == granularity


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The premier will visit Hanoi on Friday.", "on Friday", "2019-03-08"),
    ("The premier will visit Hanoi on Wednesday.", "on Wednesday", "2019-03-06"),
    ("The tariffs will take effect on 1 November.", "on 1 November", "2019-11-01"),
    ("The tariffs will take effect on 1 March.", "on 1 March", "2020-03-01"),
    ("Elections are planned for May.", "May", None),
    ("Parliament will vote in May.", "in May", "2019-05"),
    ("The envoy will return tomorrow.", "tomorrow", "2019-03-07"),
    ("A decision is expected next month.", "next month", "2019-04"),
    ("The minister plans to visit Berlin next year.", "next year", "2020"),
    ("The minister plans to visit Berlin in January next year.", "in January next year", "2020-01"),
])
def test_planned_statements_point_forward(sentence, text, value):
    found = expressions(sentence, WEDNESDAY, planned=True)
    if value is None:
        assert found == []
        return
    assert [(t.text, t.value) for _, _, t in found] == [(text, value)]


def test_weeks_are_spans_from_monday_to_sunday():
    time = only("The president will visit Tokyo next week.", planned=True)
    assert (time.value, time.start, time.end, time.relative) == (None, "2019-03-11", "2019-03-17", True)
    assert only("Talks stalled last week.").start == "2019-02-25"
    assert only("The envoy will arrive in two weeks.", planned=True).start == "2019-03-18"


@pytest.mark.parametrize(("sentence", "text", "start", "end"), [
    ("She was Queen of Denmark from 1968 to 1992.", "from 1968 to 1992", "1968", "1992"),
    ("He served as president between March 2010 and June 2012.", "between March 2010 and June 2012",
     "2010-03", "2012-06"),
    ("The ceasefire held from March to May.", "from March to May", "2018-03", "2018-05"),
    ("He has led the party since 2019.", "since 2019", "2019", None),
    ("The border has been closed since Monday.", "since Monday", "2019-03-04", None),
    ("He was king until his death in 1990.", "until his death in 1990", None, "1990"),
    ("She chaired the council until 2004.", "until 2004", None, "2004"),
    ("He was governor in 1990-1992.", "in 1990-1992", "1990", "1992"),
    ("She led the mission in 2001–05.", "in 2001–05", "2001", "2005"),
    ("He has chaired the council from 2011.", "from 2011", "2011", None),
    ("He has been king since his coronation in 2016.", "since his coronation in 2016", "2016", None),
    ("He was emperor until his abdication in 1990.", "until his abdication in 1990", None, "1990"),
    ("The ministry vowed to close the camps by 2025.", "by 2025", None, "2025"),  # a deadline, not the year
    ("He was governor in 2008-09.", "in 2008-09", "2008", "2009"),  # two years, not September
])
def test_spans_give_start_and_end(sentence, text, start, end):
    time = only(sentence)
    assert (time.text, time.value, time.start, time.end) == (text, None, start, end)


@pytest.mark.parametrize(("sentence", "planned", "start", "end"), [
    ("The ministers met over the weekend.", False, "2019-03-02", "2019-03-03"),
    ("Troops left the town last weekend.", False, "2019-03-02", "2019-03-03"),
    ("The envoy will arrive this weekend.", True, "2019-03-09", "2019-03-10"),
    ("The envoy will arrive next weekend.", True, "2019-03-09", "2019-03-10"),
])
def test_a_weekend_is_saturday_and_sunday(sentence, planned, start, end):
    time = only(sentence, planned=planned)
    assert (time.start, time.end, time.relative) == (start, end, True)


def test_last_weekend_said_on_a_sunday_is_the_one_before():
    assert only("Troops left the town last weekend.", anchor=date(2019, 3, 10)).start == "2019-03-02"


@pytest.mark.parametrize(("sentence", "text"), [
    ("The border was closed in the 1990s.", "in the 1990s"),
    ("In the early 1990s, the border was closed.", "In the early 1990s"),
])
def test_a_decade_is_a_span_of_ten_years(sentence, text):
    time = only(sentence, anchor=None)
    assert (time.text, time.start, time.end, time.relative) == (text, "1990", "1999", False)


def test_granularity_of_span_ends_is_recorded():
    record = only("He served as president between March 2010 and 2012.").to_record()
    assert (record["start_granularity"], record["end_granularity"]) == ("month", "year")


def test_without_a_document_date_relative_expressions_keep_only_their_text():
    assert only("The ministers met on Wednesday.", anchor=None) == Time("on Wednesday", relative=True)
    assert only("The talks collapsed last month.", anchor=None) == Time("last month", relative=True)


@pytest.mark.parametrize("sentence", [
    "Officials may meet the delegation soon.",  # "may" the verb
    "May the talks succeed, the envoy said.",  # sentence-initial "May" with no date around it
    "Thousands joined the March for Peace in the capital.",  # "March" as a noun
    "Protesters will march to the parliament.",
    "The United States sent 2,000 troops to the region.",  # a quantity, not a year
    "About 1500 soldiers crossed the border.",
    "The ministry reported 2019 troops missing.",
    "The budget rose by 1.5 percent.",
    "Police cleared the square, said the mayor of the city.",
    "The Good Friday Agreement ended the conflict.",
    "Between 1990 and 2000 troops left the island.",
    "The vote was 12 to 3.",
    "The hotline 800-2019-55 stayed open.",  # a year inside a longer number
    "The score ended 2012-1998 after extra time.",  # a range that runs backwards is no span
    "Dealers sold 1990s cars at the fair.",  # a decade as a kind of thing
])
def test_words_that_only_look_like_dates_are_not_times(sentence):
    assert expressions(sentence, WEDNESDAY) == []


def test_several_expressions_in_one_sentence_come_in_text_order():
    found = expressions("After talks on Monday, the envoy said the deal would be signed in 2020.", WEDNESDAY)
    assert [t.text for _, _, t in found] == ["on Monday", "in 2020"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Cuba protests billboards\n\nDecember 18, 2004\n\nHavana erected ...", "2004-12-18"),
    ("WASHINGTON, March 3, 2019 — The State Department said ...", "2019-03-03"),
    ("LONDON (Reuters), 3 March 2019 - Britain said ...", "2019-03-03"),
    ("Monday, October 31, 2005\nThe council met ...", "2005-10-31"),
    ("Pipeline talks\n\n2020-01-10\n\nAthens said ...", "2020-01-10"),
    ("Pipeline talks\n2020-01-10-draft\nAthens said ...", None),
    ("Talks resumed\nThe envoys met on March 3, 2019 in Geneva.", None),
    ("A headline\nNo date here.", None),
])
def test_dateline(text, expected):
    assert dateline(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2019-03-03", date(2019, 3, 3)),
    ("2019-03-03T23:30:00-05:00", date(2019, 3, 3)),
    ("Sun, 03 Mar 2019 10:00:00 GMT", date(2019, 3, 3)),
    ("March 3, 2019", date(2019, 3, 3)),
    ("2019", None),
    ("yesterday", None),
    ("", None),
    ("31 February 2019", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_a_span_across_the_new_year_keeps_its_start_before_its_end():
    assert (only("The siege lasted from November to January.").start,
            only("The siege lasted from November to January.").end) == ("2018-11", "2019-01")
    planned = only("The mission will run from November to January.", planned=True)
    assert (planned.start, planned.end) == ("2019-11", "2020-01")


def test_a_span_of_weekdays_is_days_of_one_week():
    assert (only("The talks ran from Monday to Wednesday.").start,
            only("The talks ran from Monday to Wednesday.").end) == ("2019-03-04", "2019-03-06")
    past = only("The talks ran from Monday to Friday.")  # Friday has not come yet: the week before
    assert (past.text, past.start, past.end) == ("from Monday to Friday", "2019-02-25", "2019-03-01")
    planned = only("The talks will run from Monday to Friday.", planned=True)
    assert (planned.start, planned.end, planned.relative) == ("2019-03-11", "2019-03-15", True)
