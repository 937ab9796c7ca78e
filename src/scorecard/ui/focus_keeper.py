"""The keyboard stays where the interviewer is looking when menus and dialogs close.

Two things went wrong on a real desktop:
- after a dialog closed, not every platform (or window manager) re-activated the main window, so
  nothing had the keyboard until the interviewer clicked;
- Alt+E (a slip for Ctrl+E) opened the Export menu, and Esc closed it but left Qt's menu bar in
  its keyboard mode: the next note typed ("she said hi") opened the Scorecard menu by its
  mnemonic, and a "q" in it would have quit.

`FocusKeeper` watches the application's focus: it remembers the main window's focused widget
when the keyboard leaves it for the menu bar, a menu or a dialog, and once that has closed (and no
other menu, popup or modal dialog is up) it gives the keyboard back to it — which also ends the
menu bar's keyboard mode. While `guarded` (the scoring view, where the interviewer types notes),
menus have no Alt+letter mnemonics (Alt+letter does nothing) and the menu bar never takes the
keyboard (pressing Alt alone does nothing); every action in those menus has a key of its own or
is a mouse click away.
"""

from __future__ import annotations

import string
import sys

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QProxyStyle, QStyle, QWidget
from shiboken6 import isValid


class FocusKeeper(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self._window = window
        self._menubar = window.menuBar()
        self._saved: QWidget | None = None
        self._guarded = False
        self._titles: dict[QMenu, str] = {}
        self._no_alt_style: NoAltNavigationStyle | None = None
        app = QApplication.instance()
        app.focusChanged.connect(self._on_focus_changed)
        self._menubar.installEventFilter(self)
        for action in self._menubar.actions():
            menu = action.menu()
            if isinstance(menu, QMenu):
                self._titles[menu] = menu.title()
                menu.aboutToHide.connect(self.restore_soon)
        # while guarded, Alt+letter does nothing (no menu, and no stray letter in the notes);
        # not on macOS, where Option+letter types accented characters and menus have no mnemonics
        self._swallow = [] if sys.platform == "darwin" else [
            QShortcut(QKeySequence(f"Alt+{letter}"), window, context=Qt.ShortcutContext.WindowShortcut,
                      enabled=False)
            for letter in string.ascii_uppercase
        ]

    # --- public -------------------------------------------------------------------------------

    @property
    def guarded(self) -> bool:
        return self._guarded

    def set_guarded(self, guarded: bool) -> None:
        """Guarded (while scoring): no menu mnemonics, and the menu bar never keeps the keyboard."""
        self._guarded = guarded
        for menu, title in self._titles.items():
            menu.setTitle(plain_title(title) if guarded else title)
        for shortcut in self._swallow:
            shortcut.setEnabled(guarded)
        # Alt pressed and released alone would put the menu bar in its keyboard mode, taking the
        # keys typed next (already queued, so giving focus back afterwards is too late): the style
        # hint that allows it is switched off for the menu bar alone while guarded
        if guarded and self._no_alt_style is None:  # made once, owned by the menu bar (dies with it)
            self._no_alt_style = NoAltNavigationStyle()
            self._no_alt_style.setParent(self._menubar)
            self._menubar.setStyle(self._no_alt_style)
        if self._no_alt_style is not None:
            self._no_alt_style.enabled = guarded
        if guarded and self._menubar.hasFocus():
            self.restore_soon()

    def restore_soon(self) -> None:
        QTimer.singleShot(0, self.restore)

    def restore(self) -> None:
        """Give the keyboard back to the remembered widget, unless something else rightly has it."""
        window = self._window
        if not isValid(window) or not window.isVisible():
            return
        app = QApplication.instance()
        if app.activePopupWidget() is not None or app.activeModalWidget() is not None:
            return  # another menu or a dialog is up: it has the keyboard
        current = app.focusWidget()
        if current is not None and current is not self._menubar:
            if self._inside(current) or current.window().isVisible():
                return  # placed on purpose (by the code that closed the dialog), or another window
        # the window's own focus widget is where the keyboard was, or where the code that closed
        # the dialog put it; while the menu bar had the keys, it is the widget remembered before
        target = window.focusWidget()
        if target is None or target is self._menubar or not self._usable(target):
            target = self._saved
        if not window.isActiveWindow():
            window.activateWindow()
        if target is not None and target is not self._menubar and self._usable(target):
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self._menubar.hasFocus():
            self._menubar.clearFocus()  # ends the menu bar's keyboard mode

    # --- events -------------------------------------------------------------------------------

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and old is not self._menubar and self._inside(old):
            if new is None or new is self._menubar or not self._inside(new):
                self._saved = old
        if new is None and old is not None:
            active = QApplication.activeWindow()
            if not self._inside(old) or (active is not None and not active.isVisible()):
                # a dialog or menu closed and the window did not take the keyboard back (some
                # platforms leave the closed one "active"); another application taking the
                # keyboard (no active window of ours) is left alone
                self.restore_soon()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._menubar and event.type() == QEvent.Type.FocusIn and self._guarded:
            # the menu bar took the keyboard anyway (Alt navigation is off while guarded)
            if QApplication.activePopupWidget() is None:
                self.restore_soon()
        return False

    def _inside(self, widget: QWidget) -> bool:
        return isValid(widget) and widget.window() is self._window

    def _usable(self, widget: QWidget | None) -> bool:
        return (widget is not None and isValid(widget) and self._inside(widget) and widget.isVisible()
                and widget.isEnabled())


class NoAltNavigationStyle(QProxyStyle):
    """The application's style (the base follows it); while `enabled`, without Alt-key
    navigation of the menu bar."""

    enabled = False

    def styleHint(self, hint, option=None, widget=None, return_data=None):  # noqa: N802 - Qt name
        if self.enabled and hint == QStyle.StyleHint.SH_MenuBar_AltKeyNavigation:
            return 0
        return super().styleHint(hint, option, widget, return_data)


def plain_title(title: str) -> str:
    """A menu title without its mnemonic ('&Export' → 'Export'; '&&' stays a literal '&')."""
    return title.replace("&&", "\0").replace("&", "").replace("\0", "&&")
