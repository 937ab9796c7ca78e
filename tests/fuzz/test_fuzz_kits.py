"""Property tests: whatever kit text or file is handed to the loaders, the answer is a Kit or a
specific KitError — never a traceback, a hang, or a message that echoes an unbounded value.

Case counts (max_examples) are listed in FUZZ_CASES and add up, with the database and name
fuzzers, to more than 1,000 cases in the default test run.
"""

from __future__ import annotations

import copy
import os
import stat
import sys

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.kits import KitError, load_kit, load_kit_text
from scorecard.kits.files import MAX_KIT_BYTES
from tests.kits.test_kit_loader_robustness import MINI

#: No deadline (a shared CI machine), no example database in the checkout, the same cases every run.
FUZZ_SETTINGS = settings(deadline=None, database=None, derandomize=True,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                HealthCheck.function_scoped_fixture])


def fuzz(cases: int) -> settings:
    return settings(FUZZ_SETTINGS, max_examples=cases)
#: The longest a single problem line may be, whatever the input: messages echo bounded excerpts only.
MAX_PROBLEM_CHARS = 1_500

BASE = yaml.safe_load(MINI)

#: Adversarial values put in random places of a valid kit.
ADVERSARIAL = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Mn"]), min_size=1, max_size=8),
    st.sampled_from(["\u200b", "\u202eexe.gnp", "Ali\u202egnp.exe", "../../etc/passwd", "C:\\Windows\\win.ini",
                     "CON", "nul.pdf", "\x00", "\x1b[31mred", "yes", "no", "on", "010", "1:30", "2024-01-01",
                     ".inf", ".nan", "-", "*", "&", "~", "", " ", "\ufeff", "王" * 50, "x" * 10_001,
                     "é" * 9_999, "a\u0301" * 3000]),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=5), max_size=4),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
    st.recursive(st.text(max_size=3), lambda inner: st.lists(inner, max_size=3), max_leaves=20),
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _paths(child, prefix + (i,))


ALL_PATHS = list(_paths(BASE))[1:]


def _set(data, path, value):
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def _check(text: str, name: str = "fuzz.yaml") -> None:
    try:
        load_kit_text(text, name)
    except KitError as exc:
        assert exc.problems, "a KitError must say what is wrong"
        for problem in exc.problems:
            line = str(problem)
            assert line.startswith(name)
            assert len(line) <= MAX_PROBLEM_CHARS, f"an unbounded echo ({len(line)} characters): {line[:200]}…"


@fuzz(250)
@given(st.text(max_size=400))
def test_any_text_is_a_kit_or_a_kit_error(text):
    _check(text)


@fuzz(250)
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), ADVERSARIAL), min_size=1, max_size=4))
def test_a_valid_kit_with_adversarial_values_anywhere(changes):
    data = copy.deepcopy(BASE)
    for path, value in changes:
        try:
            _set(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced the container
    _check(yaml.safe_dump(data, allow_unicode=True, width=10**6))


#: Fields whose value is echoed in messages (enum values, ids, the item's `type:` discriminator).
BOMB_FIELDS = ["id", "title", "format_version", "default_scale", "items[0].type", "items[1].type",
               "items[0].round", "rounds[0].stage", "scales[0].steps[0].id", "items[1].options[0].outcome",
               "levels[0].name", "items[0].indicators.positive"]


def _bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [lol]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines)


def _place(field: str, ref: str) -> str:
    """MINI with `field` replaced by the alias `ref` (edited as text, so the alias survives)."""
    data = copy.deepcopy(BASE)
    marker = "BOMB_MARKER_VALUE"
    path = []
    for part in field.replace("]", "").replace("[", ".").split("."):
        path.append(int(part) if part.isdigit() else part)
    if path[0] == "format_version":
        data["format_version"] = marker
    else:
        _set(data, tuple(path), marker)
    return yaml.safe_dump(data, allow_unicode=True, width=10**6).replace(marker, ref)


@fuzz(120)
@given(st.sampled_from(BOMB_FIELDS), st.integers(min_value=4, max_value=12), st.integers(min_value=3, max_value=12))
def test_yaml_alias_bombs_in_any_field_are_refused_with_a_bounded_message(field, levels, width):
    text = f"{_bomb(levels, width)}\n{_place(field, f'*a{levels}')}"
    with pytest.raises(KitError) as caught:
        load_kit_text(text, "bomb.yaml")
    for problem in caught.value.problems:
        assert len(str(problem)) <= MAX_PROBLEM_CHARS
    if width ** levels > 200_000:
        assert any("aliases" in p.message for p in caught.value.problems)


@fuzz(60)
@given(st.integers(min_value=41, max_value=5_000), st.sampled_from(["[", "{a: "]))
def test_deep_nesting_is_refused(depth, opener):
    closer = "]" if opener == "[" else "}"
    text = f"id: mini\ntitle: {opener * depth}x{closer * depth}\n"
    with pytest.raises(KitError) as caught:
        load_kit_text(text, "deep.yaml")
    assert "nested" in caught.value.problems[0].message or "invalid YAML" in caught.value.problems[0].message


@fuzz(150)
@given(st.binary(max_size=600))
def test_any_bytes_in_a_file_are_a_kit_or_a_kit_error(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("bytes") / "kit.yaml"
    path.write_bytes(raw)
    try:
        load_kit(path)
    except KitError as exc:
        assert all(len(str(p)) <= MAX_PROBLEM_CHARS for p in exc.problems)


@fuzz(40)
@given(st.sampled_from(["title", "items[0].prompt", "levels[0].name", "scales[0].steps[0].label"]),
       st.integers(min_value=3_001, max_value=60_000), st.sampled_from(["x", "王", " x", "\u0301"]))
def test_texts_over_the_cap_are_refused_by_length_without_echo(field, length, unit):
    text = _place(field, '"' + (unit * length)[:length] + '"')
    with pytest.raises(KitError) as caught:
        load_kit_text(text, "long.yaml")
    messages = [p.message for p in caught.value.problems]
    assert any("characters long" in m for m in messages), messages
    assert all(len(str(p)) <= MAX_PROBLEM_CHARS for p in caught.value.problems)


@pytest.mark.parametrize("text, expected", [
    ("\u200b", "no visible characters"),
    ("\u200b\u200c\u2060", "no visible characters"),
    ("Ali\u202egnp.exe", "direction control"),
    ("a\u2066b", "direction control"),
    ("bell\x07", "control character"),
    ("esc\x1b[31m", "control character"),
])
def test_invisible_and_control_characters_in_kit_texts_are_named(text, expected):
    encoded = text.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    kit = MINI.replace("title: Mini", f'title: "{encoded}"')
    with pytest.raises(KitError) as caught:
        load_kit_text(kit, "chars.yaml")
    [problem] = caught.value.problems
    assert problem.field == "title" and expected in problem.message


# --- files of every kind: checked before a byte is read -------------------------------------


def test_a_named_pipe_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "kit.yaml"
    os.mkfifo(fifo)
    with pytest.raises(KitError, match="not a regular file"):
        load_kit(fifo)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_is_refused_without_reading(services):
    with pytest.raises(KitError, match="not a regular file"):
        services.kits.import_file("/dev/zero")


def test_a_huge_file_is_refused_by_its_size_not_hashed(tmp_path, services, monkeypatch):
    big = tmp_path / "huge.yaml"
    with open(big, "wb") as fh:
        fh.truncate(8 * 1024**3)  # 8 GB, sparse: nothing is written
    import hashlib

    hashed = []
    monkeypatch.setattr(hashlib, "sha256", lambda *a: hashed.append(a) or (_ for _ in ()).throw(AssertionError))
    with pytest.raises(KitError, match="larger than"):
        services.kits.import_file(big)
    assert hashed == []
    assert big.stat().st_size > MAX_KIT_BYTES


def test_a_character_device_and_a_socket_are_refused(tmp_path):
    import socket

    if sys.platform.startswith("linux"):
        with pytest.raises(KitError, match="not a regular file"):
            load_kit("/dev/null")
    path = tmp_path / "s.yaml"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    try:
        assert stat.S_ISSOCK(path.stat().st_mode)
        with pytest.raises(KitError):
            load_kit(path)
    finally:
        sock.close()
