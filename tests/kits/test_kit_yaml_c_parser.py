"""Kits parse with libyaml (PyYAML's C parser) where it is installed, with the same results and the
same messages — file, line, column, field and text — as the pure-Python parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.kits import yaml_source
from scorecard.kits.loader import load_kit_text
from scorecard.kits.problems import KitError
from tests.kits.test_kit_loader_robustness import MINI

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "kits"
BUNDLED = Path(__file__).resolve().parents[2] / "data" / "kits"

pytestmark = pytest.mark.skipif(yaml_source.KitYamlCLoader is None, reason="PyYAML without libyaml")

#: Broken or odd texts beyond the fixture files: syntax errors, bad scalars, tags, aliases, depth.
TEXTS = {
    "tab-indent.yaml": MINI.replace("title: Mini", "title: Mini\n\tbad: tab"),
    "bad-number.yaml": MINI.replace("title: Mini", "title: Mini\nversion: 1:30"),
    "bad-bool.yaml": MINI + "draft: yes\n",
    "tag.yaml": MINI + "extra: !!set {a, b}\n",
    "custom-tag.yaml": MINI + "extra: !custom thing\n",
    "two-docs.yaml": MINI + "---\nid: other\n",
    "unclosed.yaml": "id: [a, b\ntitle: x\n",
    "colon.yaml": MINI.replace("title: Mini", "title: Mini: the sequel"),
    "alias.yaml": "x: &a [1, 2]\n" + MINI + "y: *a\n",
    "control-char.yaml": MINI.replace("title: Mini", "title: Mi\x07ni"),
    "unicode.yaml": MINI.replace("title: Mini", "title: Zoë 王伟 — ünïcode\nbogus: 1"),
    "deep.yaml": "a:\n" + "".join(" " * i + "- \n" for i in range(2000)),
    "deep-brackets.yaml": "[" * 600,
    "empty.yaml": "",
}


def outcome(text: str, filename: str, use_c: bool, monkeypatch) -> object:
    monkeypatch.setattr(yaml_source, "USE_C_PARSER", use_c)
    try:
        kit = load_kit_text(text, filename)
    except KitError as exc:
        return [str(p) for p in exc.problems]
    return kit.model_dump()


def cases() -> list:
    found = [pytest.param(path.read_text(encoding="utf-8"), path.name, id=path.name)
             for path in sorted(FIXTURES.glob("*.yaml")) + sorted(BUNDLED.glob("*.yaml"))]
    return found + [pytest.param(text, name, id=name) for name, text in TEXTS.items()]


@pytest.mark.parametrize(("text", "filename"), cases())
def test_c_parser_gives_the_same_kit_or_the_same_messages(text, filename, monkeypatch):
    assert outcome(text, filename, True, monkeypatch) == outcome(text, filename, False, monkeypatch)


def test_the_c_parser_is_the_one_used(monkeypatch):
    used = []
    real = yaml_source._parse

    def spy(text, filename, loader_class=yaml_source.KitYamlLoader):
        used.append(loader_class)
        return real(text, filename, loader_class)

    monkeypatch.setattr(yaml_source, "_parse", spy)
    load_kit_text((BUNDLED / "integration-engineer.yaml").read_text(encoding="utf-8"), "ie.yaml")
    assert used == [yaml_source.KitYamlCLoader]


def test_node_marks_match_for_every_node():
    text = (BUNDLED / "integration-engineer.yaml").read_text(encoding="utf-8")

    def marks(loader_class):
        loader = loader_class(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
        out, stack = [], [root]
        while stack:
            node = stack.pop()
            out.append((node.tag, node.start_mark.line, node.start_mark.column))
            if isinstance(node.value, list):
                for child in node.value:
                    stack.extend(child if isinstance(child, tuple) else (child,))
        return out

    assert marks(yaml_source.KitYamlCLoader) == marks(yaml_source.KitYamlLoader)
