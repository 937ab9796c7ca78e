"""The blank printable guide for one round."""

from __future__ import annotations

import pytest
from pdf_reading import Pdf, pdffonts

from scorecard.pdf import render_round_guide


@pytest.fixture(scope="module")
def tech(kit) -> Pdf:
    return Pdf(render_round_guide(kit=kit, round_id="tech"))


def test_every_item_with_prompt_indicators_and_anchors(tech, kit):
    flat = tech.flat
    for n, item in enumerate(kit.items_in("tech"), 1):
        assert f"{n}. {item.title}" in flat
        assert " ".join(item.prompt.split()) in flat
        for _, _, text in item.indicators.keys():
            assert f"☐ {text}" in flat  # empty boxes
    for step in kit.scale("five").steps:
        assert f"☐ {step.label} {step.anchor}" in flat
    assert "☑" not in flat and "☒" not in flat


def test_competency_and_level_expectations(tech):
    flat = tech.flat
    assert "Measures competency: API & Endpoint Development" in flat
    assert "Designs scalable API architectures" in flat
    assert "Routine API work is expected; advanced design is escalated." in flat
    assert "Why we ask. To gauge practical grasp of contracts." in flat
    assert "do not read out" in flat


def test_exercise_brief(tech):
    flat = tech.flat
    for text in ["Variants — tick the one used", "☐ Without AI", "☐ With AI",
                 "Draft with an AI assistant, then review and secure it.", "Ground rules", "Use any editor",
                 "Role: Platform Owner", "played by hiring manager", "Motivation. Wants reliable monitoring.",
                 "Tensions to introduce", "Do not coach"]:
        assert text in flat, text


def test_knockout_options_and_attitudes(kit):
    screen = Pdf(render_round_guide(kit=kit, round_id="screen")).flat
    assert "☐ Yes → Qualifies" in screen and "☐ No → Auto-decline" in screen
    team = Pdf(render_round_guide(kit=kit, round_id="team")).flat
    assert "Measures attitude: Active Listening" in team
    assert "Fully concentrating on" in team


def test_space_to_write_and_recommendation(tech, kit):
    flat = tech.flat
    assert flat.count("Notes — evidence: what the candidate said or did") == len(kit.items_in("tech"))
    assert "☐ Strong no ☐ No ☐ Yes ☐ Strong yes" in flat
    assert "Candidate" in tech.page_flat(0) and "Interviewer" in tech.page_flat(0)


def test_furniture_outline_fonts(tech, kit, tmp_path):
    total = len(tech.pages)
    for i in range(total):
        page = tech.page_flat(i)
        assert f"Page {i + 1} of {total}" in page
        assert "Confidential — interviewers only" in page
    titles = tech.outline_titles()
    for n, item in enumerate(kit.items_in("tech"), 1):
        assert f"{n}. {item.short_title}" in titles
    assert tech.reader.metadata.title == "Interview guide — Integration Engineer — Hiring Manager Technical Deep Dive"
    assert all(f["emb"] == "yes" for f in pdffonts(tech.data, tmp_path))


def test_unknown_round(kit):
    with pytest.raises(KeyError, match="nope"):
        render_round_guide(kit=kit, round_id="nope")


def test_shipped_kit_guides_render_if_present():
    from scorecard import paths

    try:
        kit_files = paths.bundled_kits()
    except paths.UnknownResource:
        kit_files = []
    kit_files = [p for p in kit_files if p.name == "integration-engineer.yaml"]
    if not kit_files:
        pytest.skip("data/kits/integration-engineer.yaml is not there yet")
    import yaml

    from scorecard.domain.kit import Kit

    try:
        kit = Kit.model_validate(yaml.safe_load(kit_files[0].read_text(encoding="utf-8")))
    except Exception as exc:  # the YAML is being written by someone else; its loader may add rules
        pytest.skip(f"shipped kit does not load as plain YAML yet: {exc}")
    for rnd in kit.rounds:
        pdf = Pdf(render_round_guide(kit=kit, round_id=rnd.id))
        for item in kit.items_in(rnd.id):
            assert " ".join(item.prompt.split())[:60] in pdf.flat
