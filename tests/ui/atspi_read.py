"""Read a running app's accessibility tree over AT-SPI, as Orca does (used by test_atspi.py).

Runs inside the same D-Bus session as the app; talks to the accessibility bus with `gdbus`,
so it needs nothing but at-spi2-core and libglib2.0-bin. Prints one JSON line per node:
{"depth", "role", "name", "description", "states"}.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys

ROLES_SKIPPED_INSIDE = {"table", "list", "tree table", "menu bar", "scroll bar", "list box"}
#: AT-SPI state bits (atspi-constants.h)
STATES = {4: "checked", 7: "editable", 8: "enabled", 11: "focusable", 12: "focused", 25: "showing",
          30: "visible", 23: "selected"}


def gvariant(text: str):
    """The text form of a GVariant, as Python values (enough for the answers used here)."""
    text = re.sub(r"@[a-z(){}]+ ", "", text)
    text = re.sub(r"\b(objectpath|uint32|int32|uint64|int64|byte|uint16|int16) ", "", text)
    text = re.sub(r"<(.*)>", r"\1", text)
    return ast.literal_eval(text)


def call(address: str, dest: str, path: str, method: str, *args: str):
    out = subprocess.run(["gdbus", "call", "--address", address, "--dest", dest, "--object-path", path,
                          "--method", method, *args], capture_output=True, text=True, timeout=20)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return gvariant(out.stdout.strip())


def prop(address: str, dest: str, path: str, name: str) -> str:
    return call(address, dest, path, "org.freedesktop.DBus.Properties.Get", "org.a11y.atspi.Accessible", name)[0]


def states(bits: list[int]) -> list[str]:
    out = []
    for word, value in enumerate(bits):
        for bit in range(32):
            if value & (1 << bit) and (word * 32 + bit) in STATES:
                out.append(STATES[word * 32 + bit])
    return out


def main() -> int:
    address = call_session_address()
    apps = call(address, "org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root",
                "org.a11y.atspi.Accessible.GetChildren")[0]
    for dest, path in apps:
        walk(address, dest, path, 0)
    return 0


def call_session_address() -> str:
    out = subprocess.run(["gdbus", "call", "--session", "--dest", "org.a11y.Bus", "--object-path", "/org/a11y/bus",
                          "--method", "org.a11y.Bus.GetAddress"], capture_output=True, text=True, timeout=20)
    return gvariant(out.stdout.strip())[0]


def walk(address: str, dest: str, path: str, depth: int) -> None:
    role = call(address, dest, path, "org.a11y.atspi.Accessible.GetRoleName")[0]
    node_states = states(call(address, dest, path, "org.a11y.atspi.Accessible.GetState")[0])
    if depth > 0 and "showing" not in node_states:
        return
    node = {"depth": depth, "role": role, "name": prop(address, dest, path, "Name"),
            "description": prop(address, dest, path, "Description"), "states": node_states}
    print(json.dumps(node, ensure_ascii=False), flush=True)
    if role in ROLES_SKIPPED_INSIDE:
        return
    for child_dest, child_path in call(address, dest, path, "org.a11y.atspi.Accessible.GetChildren")[0]:
        walk(address, child_dest, child_path, depth + 1)


if __name__ == "__main__":
    sys.exit(main())
