"""What a screen reader is given: names, descriptions, roles, and announcements of changes.

Principles (docs/accessibility.md):
- A label's accessible name is its *content* (the question, the expectation, the time), never a
  word about it; what the label is goes in its description.
- A control's name says what it is, its description carries its shortcut key.
- Changes made by a shortcut to a control that does not have focus, and moving to another
  item, are announced with Qt's own accessibility events (`QAccessibleAnnouncementEvent`,
  Qt ≥ 6.8), which Qt hands to UI Automation (Windows), NSAccessibility (macOS) and AT-SPI
  (Linux). No speech of our own.
- Message banners have the alert role; a failed save is announced assertively.

Every event this module sends goes through `emit`, which also tells the listeners registered
with `listen` — the audit tests use that to check that each announcement is made (Qt offers
no update handler to Python).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from scorecard.ui import keys

if TYPE_CHECKING:
    from scorecard.ui.main_window import MainWindow
    from scorecard.ui.scoring.view import ScoringPage

#: Widgets with this dynamic property set to True are exposed with the alert role.
ALERT_PROPERTY = "a11yAlert"


@dataclass(frozen=True)
class Emitted:
    """One accessibility event as sent (for listeners): its kind, the object, the spoken text."""

    kind: str  # "announcement", "alert", "name"
    source: QObject
    text: str
    assertive: bool = False


_listeners: list[Callable[[Emitted], None]] = []


@contextmanager
def listen(callback: Callable[[Emitted], None]) -> Iterator[None]:
    """Call `callback` for every event `emit` sends while the block runs (tests)."""
    _listeners.append(callback)
    try:
        yield
    finally:
        _listeners.remove(callback)


def _notify(record: Emitted) -> None:
    for callback in list(_listeners):
        callback(record)


def announce(source: QObject, text: str, *, assertive: bool = False) -> None:
    """Ask the screen reader to say `text` (it does so even though focus is elsewhere)."""
    text = " ".join(text.split())
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
    _notify(Emitted("announcement", source, text, assertive))


def alert(source: QWidget, text: str) -> None:
    """An alert: the alert event on the (alert-role) widget, and the text announced assertively."""
    QAccessible.updateAccessibility(QAccessibleEvent(source, QAccessible.Event.Alert))
    _notify(Emitted("alert", source, " ".join(text.split())))
    announce(source, text, assertive=True)


def set_name(widget: QWidget, name: str) -> None:
    """Set the accessible name if it changed (Qt then sends the name-change event itself)."""
    name = " ".join(name.split())
    if widget.accessibleName() != name:
        widget.setAccessibleName(name)
        _notify(Emitted("name", widget, name))


def key_description(key_id: str, what: str = "") -> str:
    """'Shortcut: Ctrl+E' (with `what` before it when given)."""
    k = keys.key(key_id)
    return shortcut_description(keys.first(key_id) if k.sequences else k.display, what)


def shortcut_description(shortcut: str, what: str = "") -> str:
    """'<what>. Shortcut: F6' (just `what` when there is no key)."""
    what = what.rstrip().rstrip(".")
    if not shortcut:
        return what
    return f"{what}. Shortcut: {shortcut}" if what else f"Shortcut: {shortcut}"


# --- roles ----------------------------------------------------------------------------------------


class _AlertInterface(QAccessibleWidget):
    def __init__(self, widget: QWidget):
        super().__init__(widget, QAccessible.Role.AlertMessage)


#: Interfaces made in Python are kept referenced: Qt's cache owns them and deletes them with
#: their widget (which invalidates the Python object); Python must never delete them first.
_made: list[_AlertInterface] = []


def _factory(_class_name: str, obj: QObject | None):
    if isinstance(obj, QWidget) and obj.property(ALERT_PROPERTY) is True:
        interface = _AlertInterface(obj)
        _made[:] = [i for i in _made if shiboken_valid(i)]
        _made.append(interface)
        return interface
    return None


def shiboken_valid(obj: object) -> bool:
    from shiboken6 import Shiboken

    return Shiboken.isValid(obj)


_installed = False


def install() -> None:
    """Register the interface factory that gives alert banners their role (once per process)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def mark_alert(widget: QWidget) -> None:
    """Expose `widget` with the alert role (set before its interface is first asked for)."""
    install()
    widget.setProperty(ALERT_PROPERTY, True)


# --- the window -----------------------------------------------------------------------------------


def attach_window(window: MainWindow) -> None:
    """Names and alerts of the window's own parts; recovery of saves is announced."""
    install()
    window.hint.setAccessibleName("")  # the hints themselves are the name
    window.hint.setAccessibleDescription("Keyboard hints")
    window.guard.recovered.connect(lambda: announce(window, "All input saved.", assertive=True))


# --- the scoring page -----------------------------------------------------------------------------


class ScoringAccessibility(QObject):
    """Keeps the scoring page's accessible names in step with the item on screen and announces moves."""

    def __init__(self, page: ScoringPage):
        super().__init__(page)
        self._page = page
        page.item_scroll.setAccessibleName("Current item")
        page.right_scroll.setAccessibleName("Rating and evidence notes")
        page.rail.setAccessibleDescription(key_description("rail", "Each row: item, status and rating"))
        page.timer_label.setAccessibleName("")  # the time itself is the name
        page.timer_label.setAccessibleDescription("Time on this item")
        page.status_label.setAccessibleDescription("Scorecard status")
        page.blind_label.setAccessibleDescription("Blind scoring")
        page.notes.setAccessibleDescription(key_description("notes", "Saved as you type"))
        for button, key_id in ((page.back_button, "back"), (page.prev_button, "previous"),
                               (page.next_button, "next"), (page.submit_button, "submit"),
                               (page.skip_button, "skip")):
            button.setAccessibleDescription(key_description(key_id))
        page.itemShown.connect(self._on_item_shown)

    def position(self) -> str:
        page = self._page
        item = page.current_item
        if item is None:
            return ""
        return f"Item {page._index + 1} of {len(page._items)}: {item.short_title}"

    def _on_item_shown(self, _item_id: str) -> None:
        page = self._page
        position = self.position()
        set_name(page.notes, f"Evidence notes for {position}")
        if page.panel is not None:
            set_name(page.panel, position)
        if page.answer is not None:
            page.answer.set_context(page.answer_heading.text())
        announce(page.notes, position)


def attach_scoring(page: ScoringPage) -> ScoringAccessibility:
    return ScoringAccessibility(page)


def skip_announcement(title: str, reason: str | None) -> str:
    return f"{title}: skipped — {reason}" if reason is not None else f"{title}: skip taken back"
