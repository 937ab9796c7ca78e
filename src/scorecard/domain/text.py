"""Rules for text people type or write into a kit: what is shown must be what is stored."""

from __future__ import annotations

import unicodedata

#: Explicit direction controls (embeddings, overrides, isolates): they make text display
#: differently from what is stored, e.g. a right-to-left override turning "gpj.exe" around.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: The longest candidate name accepted (names are shown in headings and file names).
MAX_NAME_CHARS = 400


def hidden_text_problem(text: str) -> str | None:
    """Why `text` would not show what it holds — a control character, a direction control, or
    nothing visible at all (only invisible characters such as a zero-width space) — or None."""
    for ch in text:
        if ch in BIDI_CONTROLS:
            return (f"contains an invisible direction control (U+{ord(ch):04X}), which makes it display "
                    "differently from what is written; remove it")
        if ch not in "\t\n\r" and unicodedata.category(ch) == "Cc":
            return f"contains a control character (U+{ord(ch):04X}); remove it"
    if text.strip() and all(ch.isspace() or unicodedata.category(ch) in ("Cf", "Mn", "Zs") for ch in text):
        return ("has no visible characters (only spaces or invisible characters such as a zero-width "
                "space); write the text")
    return None


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a candidate's name, or None."""
    if not name.strip():
        return "enter the candidate's name"
    if len(name) > MAX_NAME_CHARS:
        return f"the name is {len(name)} characters long; at most {MAX_NAME_CHARS} are accepted"
    if any(ch in "\t\n\r" for ch in name):
        return "the name must be on one line"
    problem = hidden_text_problem(name)
    return f"the name {problem}" if problem else None
