"""The checkout itself: what a merge or an editor can leave behind that no other test reads."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: a conflict always has both; a bare "=======" line may be a Markdown heading's underline
MARKERS = ("<<<<<<< ", ">>>>>>> ")


def tracked_text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if listed.returncode != 0:  # not a git checkout (an unpacked source archive): the files on disk
        return [p for p in ROOT.rglob("*") if p.is_file()
                and not any(part.startswith(".") or part in ("node_modules", "dist", "build") for part in
                            p.relative_to(ROOT).parts)]
    return [ROOT / name for name in listed.stdout.decode().split("\0") if name]


def test_no_merge_conflict_markers_are_left_in_any_file():
    """docs/decisions.md once kept a whole merge's markers for a session."""
    found = []
    for path in tracked_text_files():
        try:
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        except (UnicodeDecodeError, OSError):
            continue  # binary (screenshots, fonts) or gone
        found += [f"{path.relative_to(ROOT)}:{n}" for n, line in enumerate(lines, 1)
                  if line.startswith(MARKERS)]
    assert not found, "merge conflict markers left in: " + ", ".join(found)
