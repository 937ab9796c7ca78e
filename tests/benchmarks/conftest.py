"""Benchmarks: each figure is printed beside a floor measured in the same run, as a ratio.

Run them all with `./dev bench` (= `uv run --group bench pytest tests/benchmarks -s`); they
are excluded from the default test run. At the end the session prints the results as the
Markdown table the README publishes, and writes it to `out/benchmarks.md`.

Start-up is measured from process start, in subprocesses, on bytecode: the session first
compiles `src/scorecard` (the environment may set PYTHONDONTWRITEBYTECODE, and a frozen
build ships bytecode too), and reports whether the installed packages are compiled.
"""

from __future__ import annotations

import compileall
from pathlib import Path

import pytest

from tests.benchmarks.bench import NOTES, RESULTS, ROOT, ms, record, table_markdown


# --- environment -----------------------------------------------------------------------------


def _site_packages_compiled() -> bool:
    import sqlalchemy

    return any((Path(sqlalchemy.__file__).parent / "__pycache__").glob("*.pyc"))


@pytest.fixture(scope="session", autouse=True)
def bytecode():
    """Our modules as bytecode, like the frozen build; note whether site-packages are compiled."""
    compileall.compile_dir(str(ROOT / "src" / "scorecard"), quiet=1)
    compiled = _site_packages_compiled()
    NOTES.append(
        "Dev-environment figures run on bytecode: the session compiles `src/scorecard` first, and the "
        f"installed packages are {'compiled (UV_COMPILE_BYTECODE=1 at sync, as `./dev` does)' if compiled else 'NOT compiled (sync with UV_COMPILE_BYTECODE=1)'}."
    )
    yield


# --- the table ----------------------------------------------------------------------------------


def _pdf_rows(item, timings: dict) -> None:
    """The PDF benchmark (tests/benchmarks/test_pdf_speed.py) reports through its `timings` fixture."""
    ours, theirs = timings["ours"], timings["theirs"]
    record("Consolidated PDF, 6 interviewers × 30 items", f"{ms(ours)} (median of 7)",
           "WeasyPrint, same content from HTML", f"{ms(theirs)} (median of 3)",
           f"{ours / theirs:.3f}× ({theirs / ours:.1f}× faster)",
           "≥ 8× faster (ratio ≤ 0.125) and < 500 ms", theirs / ours >= 8 and ours < 0.5)


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    outcome = yield
    if fixturedef.argname == "timings" and request.module.__name__.endswith("test_pdf_speed"):
        try:
            result = outcome.get_result()
        except BaseException:  # noqa: BLE001 - the test reports its own failure
            return
        if isinstance(result, dict) and {"ours", "theirs"} <= set(result):
            _pdf_rows(request.node, result)


def pytest_terminal_summary(terminalreporter):
    if not RESULTS:
        return
    text = table_markdown()
    out = ROOT / "out"
    out.mkdir(exist_ok=True)
    (out / "benchmarks.md").write_text(text + "\n", encoding="utf-8")
    terminalreporter.write_sep("=", "benchmark table (also in out/benchmarks.md)")
    terminalreporter.write_line(text)
