"""Parse money and percentages as written in news: `$550 billion`, `100%`, `580 million shillings`."""

from __future__ import annotations

import math
import re

from kg.types import Value

SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12}
SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "C$": "CAD",
           "A$": "AUD", "HK$": "HKD", "S$": "SGD", "R$": "BRL"}
WORDS = {"dollar": "USD", "usd": "USD", "euro": "EUR", "eur": "EUR", "pound": "GBP", "sterling": "GBP",
         "gbp": "GBP", "yen": "JPY", "jpy": "JPY", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY",
         "rupee": "INR", "won": "KRW", "ruble": "RUB", "rouble": "RUB", "shilling": "TZS", "real": "BRL",
         "peso": "MXN", "franc": "CHF", "riyal": "SAR", "dirham": "AED", "rand": "ZAR", "lira": "TRY"}
# A whole number, never the tail of a longer one (`.25`, `1,50`).
_NUMBER = r"(?<![\d.,])(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
_SYMBOL = "|".join(sorted(map(re.escape, SYMBOLS), key=len, reverse=True))
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_MONEY_SYMBOL = re.compile(rf"(?P<sym>{_SYMBOL})\s?{_NUMBER}(?:\s?(?P<scale>{_SCALE})\b)?", re.I)
_MONEY_WORD = re.compile(
    rf"{_NUMBER}(?:\s?(?P<scale>{_SCALE})\b)?\s+(?:(?:US|U\.S\.)\s+)?(?P<word>[a-z]+?)s?\b", re.I)
_PERCENT = re.compile(rf"{_NUMBER}\s?(?:%|per ?cent\b|percent\b)", re.I)


def _number(whole: str, fraction: str | None) -> float:
    return float(whole.replace(",", "") + ("." + fraction if fraction else ""))


def parse_money(text: str) -> Value | None:
    """The first amount of money in `text`, in units of its ISO 4217 currency."""
    found = []
    for m in _MONEY_SYMBOL.finditer(text):
        unit = SYMBOLS.get(m.group("sym")) or SYMBOLS.get(m.group("sym").upper())
        found.append((m.start(), m, unit))
    for m in _MONEY_WORD.finditer(text):
        unit = WORDS.get(m.group("word").lower())
        if unit:
            found.append((m.start(), m, unit))
    if not found:
        return None
    _, m, unit = min(found, key=lambda f: f[0])
    scale = SCALES.get((m.group("scale") or "").lower(), 1.0)
    amount = _number(m.group("whole"), m.group("frac")) * scale
    if not math.isfinite(amount):
        return None
    return Value(amount=round(amount, 2), unit=unit, text=m.group(0).strip())


def parse_percent(text: str) -> Value | None:
    """The first percentage in `text`."""
    m = _PERCENT.search(text)
    amount = _number(m.group("whole"), m.group("frac")) if m else math.inf
    return Value(amount=amount, unit="percent", text=m.group(0)) if math.isfinite(amount) else None


def parse_value(text: str, kinds: tuple[str, ...] = ("money", "percent")) -> Value | None:
    """The first value of one of `kinds` found in `text`, tried in that order.

    >>> parse_value("a $550 billion pledge")
    Value(amount=550000000000.0, unit='USD', text='$550 billion')
    >>> parse_value("580 million shillings")
    Value(amount=580000000.0, unit='TZS', text='580 million shillings')
    >>> parse_value("tariffs of 25% on $3 billion of goods", ("percent",))
    Value(amount=25.0, unit='percent', text='25%')
    """
    parsers = {"money": parse_money, "percent": parse_percent}
    for kind in kinds:
        value = parsers[kind](text)
        if value:
            return value
    return None
