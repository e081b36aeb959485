"""Text for the terminal: untrusted text (names, sentences, paths) is shown, never obeyed."""

from __future__ import annotations


def printable(text: str) -> str:
    """Control, format and other non-printing characters shown as escapes, never sent raw.

    >>> printable("Tokyo\\x1b[2J\\u202eok")
    'Tokyo\\\\x1b[2J\\\\u202eok'
    """
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
