"""Time expressions: find them in a sentence and normalize them against the document's date.

Pure functions on strings. `python-dateutil` reads whole dates (document dates, datelines) and
does the calendar arithmetic (`relativedelta`: months, weekdays); the rules here decide what an
expression is and how precise it is. Values are ISO 8601 cut to their granularity: `2019-03-06`
(day), `2019-03` (month, also as written: `2016-07`), `2019` (year); a week is a span from its
Monday to its Sunday, a weekend from Saturday to Sunday, a decade (`the 1990s`) from its first
year to its last; `by 2025` is a deadline, a span's end.

Expressions that need the document's date ("on Wednesday", "last month", "on 1 November") are
`relative`; without a document date they keep only their text. Planned statements resolve
forward ("will visit on Friday": the Friday on or after the document's date), all others back
("met on Wednesday": the Wednesday on or before it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekdays as WEEKDAYS

from kg.types import Time

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
YEAR_SHIFT = {"last": -1, "next": 1, "this": 0}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

# Month names are capitalized ("may" is a verb, "march" a noun); abbreviations take their dot.
MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
         r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)")
DAY = r"(?P<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# A year stands alone: not part of a number ("2,000 troops", "1999.5") or a quantity ("2019 troops").
YEAR = r"(?P<year>1[89][0-9]{2}|20[0-9]{2})(?![0-9]|,[0-9]|\.[0-9]|[ -]?(?:%|percent|troops|people|soldiers))"
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
RELATIVE_WORD = r"(?P<which>last|next|this|coming|past)"
# Words before a lone month or year that make it a time ("in March", "since 2019").
CONTEXT = r"(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Dd]uring|[Tt]hroughout|[Tt]hrough|[Ee]arly|[Ll]ate|" \
          r"[Mm]id-?|[Oo]f|[Bb]etween)"
UNIT = r"(?P<unit>day|week|month|year)s?"
COUNT = r"(?P<count>[0-9]{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
# `on May 7 last year`, `in March next year`: the year named against the document's
SHIFT = r",?\s+(?P<shift>last|next|this)\s+year"
END_CAUSE = r"(?:his|her|their|its)\s+(?:death|resignation|retirement|removal|ouster|overthrow|assassination|defeat|" \
            r"abdication|impeachment|dissolution)"
START_CAUSE = r"(?:his|her|their|its)\s+(?:election|re-?election|appointment|inauguration|accession|coronation|" \
              r"swearing-in|founding|independence)"
# `in 1990-1992`, `1990–92`: a span of years
YEARS = rf"(?:{CONTEXT}\s+)?(?<![0-9-]){YEAR}\s*[-–]\s*(?P<last>1[89][0-9]{{2}}|20[0-9]{{2}}|[0-9]{{2}})(?![0-9%-])"


def group(m: re.Match, name: str) -> str | None:
    return m.groupdict().get(name)


def iso(day: date, granularity: str) -> str:
    return day.isoformat()[:{"year": 4, "month": 7, "day": 10}[granularity]]


def shifted(value: str, step: relativedelta) -> str:
    """An ISO date of any granularity moved by `step`, cut to its granularity again."""
    return (date.fromisoformat((value + "-01-01")[:10]) + step).isoformat()[:len(value)]


def month_number(name: str) -> int:
    return next(n for n, full in enumerate(MONTHS, 1) if full.startswith(name.rstrip(".")[:3]))


def parse_date(text: str | None) -> date | None:
    """The calendar day a document date names: ISO 8601 (`2019-03-03`, `2019-03-03T10:00Z`) or written out
    (`March 3, 2019`, `Sunday, 3 March 2019`); None when the text does not name one whole day."""
    if not text or not re.search(r"[0-9]{4}", text) or not re.search(r"(?<![0-9])[0-9]{1,2}(?![0-9])|-[0-9]{2}-",
                                                                      text):
        return None
    if re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):
        text = text.strip()[:10]
    try:
        return date_parser.parse(text, default=datetime(1, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


class Reading:
    """The rules that turn one matched expression into a `Time`, given the document's date."""

    def __init__(self, anchor: date | None, planned: bool):
        self.anchor = anchor
        self.forward = planned

    def point(self, text: str, day: date, granularity: str, relative: bool = True) -> Time:
        return Time(text, value=iso(day, granularity), relative=relative)

    def unresolved(self, text: str) -> Time:
        return Time(text, relative=True)

    def day(self, m: re.Match) -> Time | None:
        month, day = month_number(m["month"]), int(m["day"])
        if group(m, "year"):
            try:
                return self.point(m.group(0), date(int(group(m, "year")), month, day), "day", relative=False)
            except ValueError:
                return None
        if self.anchor is None:
            return self.unresolved(m.group(0))
        try:
            found = date(self.anchor.year + YEAR_SHIFT.get(group(m, "shift"), 0), month, day)
        except ValueError:
            return None
        if group(m, "shift"):
            return self.point(m.group(0), found, "day")
        if self.forward and found < self.anchor:
            found += relativedelta(years=1)
        elif not self.forward and found > self.anchor:
            found -= relativedelta(years=1)
        return self.point(m.group(0), found, "day")

    def month(self, m: re.Match) -> Time | None:
        month = month_number(m["month"])
        if group(m, "year"):
            return Time(m.group(0), value=f"{int(m['year']):04d}-{month:02d}")
        if self.anchor is None:
            return self.unresolved(m.group(0))
        which = (group(m, "which") or "").lower()
        found = date(self.anchor.year + YEAR_SHIFT.get(group(m, "shift"), 0), month, 1)
        if group(m, "shift"):
            return self.point(m.group(0), found, "month")
        this_month = self.anchor.replace(day=1)
        if which == "next" or (self.forward and which != "last"):
            if found < this_month or which == "next" and found == this_month:
                found += relativedelta(years=1)
        elif found > this_month or which == "last" and found == this_month:
            found -= relativedelta(years=1)
        return self.point(m.group(0), found, "month")

    def year(self, m: re.Match) -> Time:
        return Time(m.group(0), value=group(m, "year"))

    def years(self, m: re.Match) -> Time | None:
        first, last = m["year"], m["last"]
        if len(last) == 2 and first[:2] + last <= first and m.group(0).endswith(f"{first}-{last}") and \
                "01" <= last <= "12":  # `2016-07`, no span back in time: a month (ISO 8601)
            return Time(m.group(0), value=f"{first}-{last}")
        if len(last) == 2:  # `1990-92`
            last = first[:2] + last
        return Time(m.group(0), start=first, end=last) if first < last else None

    def iso_day(self, m: re.Match) -> Time | None:
        try:
            return self.point(m.group(0), date.fromisoformat(m.group("iso")), "day", relative=False)
        except ValueError:
            return None

    def weekday(self, m: re.Match) -> Time:
        if self.anchor is None:
            return self.unresolved(m.group(0))
        which = (group(m, "which") or "").lower()
        n = DAYS.index(m["weekday"])
        if which in ("next", "coming") or (self.forward and which != "last"):
            found = self.anchor + relativedelta(days=+1 if which in ("next", "coming") else 0, weekday=WEEKDAYS[n](+1))
        else:
            found = self.anchor + relativedelta(days=-1 if which == "last" else 0, weekday=WEEKDAYS[n](-1))
        return self.point(m.group(0), found, "day")

    def word(self, m: re.Match) -> Time:
        if self.anchor is None:
            return self.unresolved(m.group(0))
        shift = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "this morning": 0,
                 "this afternoon": 0, "this evening": 0, "tomorrow": 1}[m.group(0).lower()]
        return self.point(m.group(0), self.anchor + relativedelta(days=shift), "day")

    def unit(self, m: re.Match) -> Time:
        """`last month`, `next week`, `this year`, `earlier this month`."""
        if self.anchor is None:
            return self.unresolved(m.group(0))
        which = group(m, "which").lower()
        step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(which, 0)
        return self.period(m.group(0), self.anchor, m["unit"], step)

    def ago(self, m: re.Match) -> Time:
        """`three days ago`; `in two weeks` for what is planned."""
        if self.anchor is None:
            return self.unresolved(m.group(0))
        count = int(m["count"]) if m["count"].isdigit() else NUMBERS[m["count"].lower()]
        return self.period(m.group(0), self.anchor, m["unit"], -count if m["ago"] else count)

    def weekend(self, m: re.Match) -> Time:
        """`last weekend`, `over the weekend` (the one on or before the document's date), `next
        weekend` and a plan's `this weekend` (the one on or after it): Saturday to Sunday."""
        if self.anchor is None:
            return self.unresolved(m.group(0))
        which = (group(m, "which") or "").lower()
        if which in ("next", "coming") or self.forward and which != "last":
            saturday = self.anchor + relativedelta(weekday=WEEKDAYS[5](+1))
        else:  # `last weekend` said on a weekend: the one before it
            saturday = self.anchor + relativedelta(weeks=-1 if which == "last" and self.anchor.weekday() >= 5 else 0,
                                                   weekday=WEEKDAYS[5](-1))
        return Time(m.group(0), start=saturday.isoformat(), end=(saturday + relativedelta(days=1)).isoformat(),
                    relative=True)

    def decade(self, m: re.Match) -> Time:
        return Time(m.group(0), start=m["decade"], end=str(int(m["decade"]) + 9))

    def period(self, text: str, anchor: date, unit: str, step: int) -> Time:
        if unit == "week":
            monday = anchor + relativedelta(weeks=step, weekday=WEEKDAYS[0](-1))
            return Time(text, start=monday.isoformat(), end=(monday + relativedelta(days=6)).isoformat(),
                        relative=True)
        return self.point(text, anchor + relativedelta(**{unit + "s": step}), unit)


def unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


DATELINE_DATE = rf"(?:{WEEKDAY},?\s+)?(?:{MONTH}\s+{DAY},?\s+{YEAR}|{DAY}\s+{MONTH},?\s+{YEAR})"
DATELINE = re.compile(rf"(?:[A-Z][A-Z .'-]+(?:\s*\([^)]*\))?,\s*)?"
                      rf"({unnamed(DATELINE_DATE)}|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})\s*(?:$|[—–-]\s)")


def dateline(text: str, lines: int = 5) -> str | None:
    """The ISO date of a dateline among the first lines: a line that is only a date
    (`Monday, October 31, 2005`, `2020-01-10`) or a place and date before a dash (`WASHINGTON, March 3, 2019 —`)."""
    for line in [line for line in text.split("\n")[:lines * 3] if line.strip()][:lines]:
        found = DATELINE.match(line.strip())
        if found:
            day = parse_date(found.group(1))
            if day:
                return day.isoformat()
    return None


ON = r"(?:(?:[Oo]n|[Bb]y|[Ss]ince|[Uu]ntil|[Ff]rom|[Bb]etween)\s+)?"
RULES: list[tuple[re.Pattern, Callable[[Reading, re.Match], Time | None]]] = [(re.compile(p), rule) for p, rule in (
    (rf"{ON}(?:{WEEKDAY},?\s+)?(?:the\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR}|{SHIFT})?(?![0-9])", Reading.day),
    (rf"{ON}(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR}|{SHIFT})?", Reading.day),
    (rf"(?:{CONTEXT}\s+)?(?:the\s+)?{MONTH},?\s+{YEAR}", Reading.month),
    (rf"(?:{CONTEXT}\s+(?:the\s+)?|(?:[Ee]arly|[Ll]ate|[Mm]id)-?\s*|(?P<which>[Ll]ast|[Nn]ext|[Tt]his)\s+){MONTH}"
     rf"(?:{SHIFT})?(?!\s*[0-9])", Reading.month),
    (r"(?:[Oo]n\s+)?(?<![0-9-])(?P<iso>[0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])", Reading.iso_day),
    (YEARS, Reading.years),
    (rf"{CONTEXT}\s+(?:(?:early|late|mid-?)\s*)?{YEAR}", Reading.year),
    (rf"(?<!Good )(?<!Black )(?:(?:[Oo]n|[Ff]rom|[Bb]etween|(?P<which>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming))\s+)?"
     rf"{WEEKDAY}(?!\s+[A-Z])",
     Reading.weekday),
    (r"(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|[Ll]ast night|[Tt]his (?:morning|afternoon|evening))",
     Reading.word),
    (r"(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?P<which>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+(?P<unit>week|month|year)",
     Reading.unit),
    (rf"(?:(?P<within>[Ii]n|[Ww]ithin)\s+)?{COUNT}\s+{UNIT}(?:\s+(?P<ago>ago))?", Reading.ago),
    (r"(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)|(?:[Oo]ver|[Aa]t|[Oo]n|[Dd]uring)\s+the)\s+weekend",
     Reading.weekend),
    (rf"(?:{CONTEXT}\s+)?[Tt]he\s+(?:(?:early|late|mid-?)\s*)?(?P<decade>1[89][0-9]0|20[0-9]0)s", Reading.decade),
)]
# The second end of a span needs no leading word: `from 1968 to 1992`, `between March and May`.
SECOND_END = [*RULES, (re.compile(YEAR), Reading.year), (re.compile(rf"{MONTH}(?!\s*[0-9])"), Reading.month)]
TO = re.compile(r"\s*(?:to|until|till|through|and|-|–)\s*")
SINCE = re.compile(rf"(?:[Ee]ver\s+)?[Ss]ince\s+(?:{START_CAUSE}\s+)?$")
UNTIL = re.compile(rf"(?:[Uu]ntil|[Tt]ill)\s+(?:{END_CAUSE}\s+)?$")
FROM = re.compile(r"(?:[Ff]rom|[Bb]etween)\s")


def atoms(sentence: str, reading: Reading, rules=RULES) -> list[tuple[int, int, Time]]:
    """Point expressions, the longest where they overlap, in text order."""
    found = []
    for pattern, rule in rules:
        for m in pattern.finditer(sentence):
            whole_words = (m.start() == 0 or not sentence[m.start() - 1].isalnum()) and \
                (m.end() == len(sentence) or not sentence[m.end()].isalnum())
            if not whole_words or rule is Reading.ago and not (m["ago"] or m["within"] and reading.forward):
                continue
            time = rule(reading, m)
            if time:
                found.append((m.start(), m.end(), time))
    kept: list[tuple[int, int, Time]] = []
    for start, end, time in sorted(found, key=lambda f: (f[0], -f[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, time))
    return kept


def expressions(sentence: str, anchor: date | None = None, planned: bool = False) -> list[tuple[int, int, Time]]:
    """Every time expression of `sentence` as (start, end, Time), in text order, spans joined:
    `from 1968 to 1992`, `between March and May`, `in 1990-1992`, `since 2019`, `since his election
    in 2016`, `until his death in 1990`, `by 2025` (a deadline: its end)."""
    reading = Reading(anchor, planned)
    out: list[tuple[int, int, Time]] = []
    for start, end, time in atoms(sentence, reading):
        if out and start < out[-1][1]:
            continue
        text = sentence[start:end]
        if FROM.match(text) and (to := TO.match(sentence, end)) and to.end() > end:
            rest = sentence[to.end():]
            second = [a for a in atoms(rest, reading, SECOND_END) if a[0] == 0]
            if second:
                last = to.end() + second[0][1]
                other = second[0][2]
                begin, finish = time.value or time.start, other.value or other.end
                if begin and finish and finish < begin[:len(finish)]:  # `from November to March`: a year apart,
                    weekdays = re.fullmatch(rf"\w+\s+{WEEKDAY}", text)  # `from Monday to Friday`: a week
                    cycle = relativedelta(weeks=1) if weekdays else relativedelta(years=1)
                    begin, finish = (begin, shifted(finish, cycle)) if planned else (shifted(begin, -cycle), finish)
                out.append((start, last, Time(sentence[start:last], start=begin, end=finish,
                                              relative=time.relative or other.relative)))
                continue
        if re.match(r"[Bb]etween\s", text):
            continue  # `between 1990 and 2000 troops`: no second end, no time
        since = re.match(r"[Ss]ince\s", text) or SINCE.search(sentence, 0, start) or \
            time.value and re.match(r"[Ff]rom\s", text)  # `from 2001` with no second end: its start
        until = re.match(r"(?:[Uu]ntil|[Tt]ill|[Bb]y)\s", text) or UNTIL.search(sentence, 0, start)
        if since:
            start = start if since.string is text else since.start()
            time = Time(sentence[start:end], start=time.value or time.start, relative=time.relative)
        elif until:
            start = start if until.string is text else until.start()
            time = Time(sentence[start:end], end=time.value or time.end, relative=time.relative)
        out.append((start, end, time))
    return out


def ended_before(anchor: date | None, text: str) -> Time:
    """`former`, `then-`, `ex-`: the state was over by the document's date (its end not known)."""
    return Time(text, ended=True, relative=anchor is not None)


def started_by(anchor: date | None, text: str) -> Time:
    """`newly elected`, `new`: the state began shortly before the document's date."""
    return Time(text, start=anchor.isoformat() if anchor else None, relative=True)
