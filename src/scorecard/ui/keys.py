"""Every keyboard shortcut of the app, in one table.

The same table creates the shortcuts, fills the help overlay (F1 / ?), builds the
footer hints and is checked against docs/keyboard.md by a test, so what is shown
is what works. Keys that must work while the interviewer types notes all carry a
modifier (Ctrl/Alt) or are function keys, so plain typing is never taken.
"""

from __future__ import annotations

import re

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

#: Function keys that choose a step — a rating, a knock-out option, a recommendation — lowest
#: first. They never type anything, so they work while the notes field has the keyboard. F1 is
#: the help; F10 (the menu key of GNOME, KDE and Windows), F11 (full screen) and F12 (drop-down
#: terminals) are taken by desktops, which leaves eight.
STEP_KEYS = ("F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9")
#: A kit whose scales all have at most five steps keeps F5 for the lowest, apart from F1.
RATING_KEYS = STEP_KEYS[3:]
MAX_INDICATOR_KEYS = 9


def step_keys(longest: int) -> tuple[str, ...]:
    """The step keys of a kit whose longest scale (or option list) has `longest` steps:
    F5 … F9 while five keys are enough, else F2 … F9. Steps beyond the eighth have no key."""
    return RATING_KEYS if longest <= len(RATING_KEYS) else STEP_KEYS


def longest_scale(kit) -> int:
    """The most steps of any scale, knock-out question or recommendation scale of a kit."""
    counts = [len(scale.steps) for scale in kit.scales]
    counts.append(len(kit.recommendation_scale.steps))
    counts += [len(getattr(item, "options", None) or ()) for item in kit.items]
    return max(counts)


def kit_step_keys(kit) -> tuple[str, ...]:
    return step_keys(longest_scale(kit))


def key_range(step_keys_: tuple[str, ...], count: int) -> str:
    """'F5 … F7' for the first `count` keys (only those that exist)."""
    shown = step_keys_[:max(1, min(count, len(step_keys_)))]
    return shown[0] if len(shown) == 1 else f"{shown[0]} … {shown[-1]}"


@dataclass(frozen=True)
class Key:
    id: str
    group: str
    does: str
    #: key sequences in portable text form; empty for keys described by `shown` only
    sequences: tuple[str, ...] = ()
    #: how the keys are written for people (defaults to the sequences joined by " or ")
    shown: str = ""

    @property
    def display(self) -> str:
        """The keys as shown to people; `{Ctrl+1}` in `shown` is written the platform's way."""
        if self.shown:
            return re.sub(r"\{([^}]+)\}", lambda m: native(m.group(1)), self.shown)
        return " or ".join(native(s) for s in self.sequences)


def native(sequence: str) -> str:
    """A key sequence as people write it ('Return' is called Enter on keyboards)."""
    text = QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)
    return text.replace("Return", "Enter")


GROUPS = ("Everywhere", "Candidate list", "Scoring an item", "Submitting", "Dialogs")

KEYS: tuple[Key, ...] = (
    Key("help", "Everywhere", "Show or hide the list of keys", ("F1", "?"),
        shown="F1 or ? (? only outside text fields)"),
    Key("interviewer", "Everywhere", "Change the interviewer name", ("Ctrl+Shift+I",)),
    Key("quit", "Everywhere", "Quit (everything is already saved)", ("Ctrl+Q",)),
    Key("search", "Candidate list", "Search candidates (type to filter)", ("Ctrl+F",)),
    Key("to-table", "Candidate list", "From the search field to the list", ("Down",)),
    Key("choose-candidate", "Candidate list", "Choose the candidate, then the round; Enter again opens it",
        ("Return",)),
    Key("add-candidate", "Candidate list", "Add a candidate", ("Ctrl+N",)),
    Key("export-pdf", "Candidate list", "Export the selected candidate's committee report (PDF)", ("Ctrl+P",)),
    Key("export-all", "Candidate list", "Export every candidate's committee report into a folder", ("Ctrl+Shift+P",)),
    Key("next", "Scoring an item", "Next item", ("Ctrl+PgDown", "Alt+Right")),
    Key("previous", "Scoring an item", "Previous item", ("Ctrl+PgUp", "Alt+Left")),
    Key("rail", "Scoring an item", "Go to the list of items (arrows, then Enter)", ("Ctrl+J",)),
    Key("notes", "Scoring an item", "Go to the notes field", ("Ctrl+E",)),
    Key("guidance", "Scoring an item", "Show or hide the interviewer guidance", ("Ctrl+G",)),
    Key("to-rating", "Scoring an item", "Go to the rating, past the indicators", ("Ctrl+R",)),
    Key("positive", "Scoring an item", "Tick or untick positive indicator 1–9 (+)", (),
        shown="{Ctrl+1} … {Ctrl+9}"),
    Key("negative", "Scoring an item", "Tick or untick negative indicator 1–9 (−)", (),
        shown="{Alt+1} … {Alt+9}"),
    Key("rate", "Scoring an item", "Rate (lowest step first) or choose a knock-out option; each step "
        "shows its key", (), shown=f"{RATING_KEYS[0]} … {RATING_KEYS[-1]} ({STEP_KEYS[0]} … {STEP_KEYS[-1]} "
        "when the kit has a scale of more than five steps)"),
    Key("variant", "Scoring an item", "Next exercise variant (e.g. Without AI / With AI)", ("Ctrl+Shift+V",)),
    Key("skip", "Scoring an item", "Skip the item with a reason (again: take the skip back)", ("Ctrl+K",)),
    Key("round-clock", "Scoring an item", "Pause or resume the round clock (and the item timer)", ("Ctrl+Shift+T",)),
    Key("discard", "Scoring an item", "Discard this draft scorecard (asks first)", ("Ctrl+Shift+D",)),
    Key("submit", "Submitting", "Submit the scorecard (opens the submit dialog)", ("Ctrl+Return",)),
    Key("recommend", "Submitting", "In the submit dialog: choose the overall recommendation, lowest "
        "first", (), shown=f"{RATING_KEYS[0]} … {RATING_KEYS[3]} (one key per step, as for ratings)"),
    Key("nudge", "Submitting", "Ratings without evidence: go back and add it, or submit anyway", (),
        shown="Enter / {Ctrl+Return}"),
    Key("addendum", "Submitting", "Add a dated addendum to a submitted scorecard", ("Ctrl+Shift+A",)),
    Key("back", "Scoring an item", "Back to the candidate list", ("Ctrl+L",)),
    Key("accept", "Dialogs", "Confirm the dialog (Ctrl+Enter where a text box takes Enter)",
        ("Return", "Ctrl+Return")),
    Key("cancel", "Dialogs", "Close the dialog without doing anything more", ("Esc",)),
)

_BY_ID = {k.id: k for k in KEYS}


def for_kit(kit) -> tuple[Key, ...]:
    """The key table with the step keys of this kit: what the help shows while scoring it."""
    from dataclasses import replace

    keys_ = kit_step_keys(kit)
    rating = max([len(scale.steps) for scale in kit.scales]
                 + [len(getattr(item, "options", None) or ()) for item in kit.items])
    steps = kit.recommendation_scale.steps
    changed = {
        "rate": replace(_BY_ID["rate"], shown=key_range(keys_, rating),
                        does=f"Rate (lowest step first) or choose a knock-out option; up to {rating} steps "
                             "in this kit, each showing its key"),
        "recommend": replace(_BY_ID["recommend"], shown=key_range(keys_, len(steps)),
                             does=f"In the submit dialog: choose the overall recommendation "
                                  f"({steps[0].label} … {steps[-1].label})"),
    }
    return tuple(changed.get(k.id, k) for k in KEYS)


def key(key_id: str) -> Key:
    try:
        return _BY_ID[key_id]
    except KeyError:
        raise KeyError(f"unknown key {key_id!r}; known: {', '.join(_BY_ID)}") from None


def first(key_id: str) -> str:
    """The first key of an entry, written for people (for button texts)."""
    return native(key(key_id).sequences[0])


def hint(*entries: str | tuple[str, str]) -> str:
    """A footer hint such as 'Ctrl+E notes · Ctrl+G guidance'; an entry is a key id or (keys, words)."""
    parts = []
    for entry in entries:
        if isinstance(entry, tuple):
            parts.append(f"{entry[0]} {entry[1]}")
            continue
        k = key(entry)
        keys_text = first(entry) if k.sequences else k.display
        parts.append(f"{keys_text} {short(entry)}")
    return "  ·  ".join(parts)


def nav_hint() -> tuple[str, str]:
    """'Ctrl+PgDown/PgUp items', the compact form of next/previous for footers."""
    nxt, prev = first("next"), first("previous")
    common = "Ctrl+" if nxt.startswith("Ctrl+") and prev.startswith("Ctrl+") else ""
    return (f"{nxt}/{prev[len(common):]}", "next/previous item")


_SHORT = {
    "help": "all keys", "next": "next", "previous": "previous", "rail": "items", "notes": "notes",
    "guidance": "guidance", "positive": "+ indicator", "negative": "− indicator", "rate": "rate",
    "skip": "skip", "submit": "submit", "back": "list", "search": "search", "add-candidate": "add",
    "choose-candidate": "choose", "variant": "variant", "addendum": "addendum", "quit": "quit",
    "interviewer": "your name", "to-table": "to list", "export-pdf": "export PDF", "export-all": "export all",
}


def short(key_id: str) -> str:
    return _SHORT.get(key_id, key(key_id).does.lower())


def shortcuts(
    parent: QWidget,
    key_id: str,
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
) -> list[QShortcut]:
    """QShortcuts for every sequence of a table entry, each calling `slot`."""
    return sequence_shortcuts(parent, key(key_id).sequences, slot, context)


def sequence_shortcuts(
    parent: QWidget,
    sequences: Iterable[str],
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
) -> list[QShortcut]:
    made = []
    for seq in sequences:
        sc = QShortcut(QKeySequence(seq), parent)
        sc.setContext(context)
        sc.activated.connect(slot)
        made.append(sc)
    return made
