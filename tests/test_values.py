"""Property tests for money and percentage parsing."""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st

from kg.values import SCALES, SYMBOLS, WORDS, parse_money, parse_percent, parse_value

# Words around a value: letters, spaces and sentence punctuation, never digits.
prose = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz ABC,;:-"), max_size=30)
wholes = st.integers(min_value=0, max_value=10**12)
fractions = st.none() | st.integers(min_value=0, max_value=999).map(lambda n: f"{n:02d}")


def written(whole: int, grouped: bool, fraction: str | None) -> tuple[str, float]:
    """A number as news writes it (`1,234.5`), and its value."""
    text = f"{whole:,}" if grouped else str(whole)
    text += f".{fraction}" if fraction else ""
    return text, float(text.replace(",", ""))


@given(st.text(max_size=200))
@example("$" + "9" * 400)
@example("9" * 400 + "%")
@example("1e400 dollars")
def test_never_raises_and_amounts_are_finite(text):
    for value in (parse_money(text), parse_percent(text), parse_value(text)):
        if value is not None:
            assert math.isfinite(value.amount)
            assert value.text and value.text in text


@given(prose, wholes, st.booleans(), fractions, st.sampled_from(sorted(SYMBOLS)), st.sampled_from(["", *SCALES]),
       prose)
def test_money_with_a_symbol(before, whole, grouped, fraction, symbol, scale, after):
    number, amount = written(whole, grouped, fraction)
    phrase = f"{symbol}{number}" + (f" {scale}" if scale else "")
    value = parse_money(f"{before} {phrase}. {after}")
    assert value is not None
    assert value.unit == SYMBOLS[symbol]
    assert value.amount == round(amount * SCALES.get(scale, 1.0), 2)
    assert value.text == phrase


@given(prose, wholes, st.booleans(), fractions, st.sampled_from(sorted(WORDS)), prose)
def test_money_with_a_currency_word(before, whole, grouped, fraction, word, after):
    number, amount = written(whole, grouped, fraction)
    value = parse_money(f"{before} {number} million {word}s. {after}")
    assert value is not None
    assert (value.unit, value.amount) == (WORDS[word], round(amount * 1e6, 2))


@given(prose, wholes, st.booleans(), fractions, st.sampled_from(["%", " percent", " per cent"]), prose)
def test_percentages(before, whole, grouped, fraction, sign, after):
    number, amount = written(whole, grouped, fraction)
    value = parse_percent(f"{before} {number}{sign} {after}")
    assert value is not None
    assert (value.unit, value.amount, value.text) == ("percent", amount, number + sign)


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=99))
def test_a_number_is_read_whole_not_from_its_middle(whole, fraction):
    assert parse_percent(f"{whole}.{fraction:02d}%").amount == float(f"{whole}.{fraction:02d}")
    assert parse_percent(f"rose by .{fraction:02d}%") is None
    assert parse_percent(f"a 1,{whole:03d},50% rise") is None


def test_text_without_values():
    assert parse_value("Japan and the United States met in Tokyo.") is None
    assert parse_money("He won the vote.") is None
