"""`evidence_for` on exercises and video questions: where it is wrong, the author is told at which line."""

from __future__ import annotations

import pytest

from scorecard import paths
from scorecard.kits import KitError
from scorecard.kits.loader import load_kit, load_kit_text


def _shipped() -> str:
    return next(p for p in paths.bundled_kits() if p.name == "integration-engineer.yaml").read_text(encoding="utf-8")


def test_the_bundled_kit_names_what_its_exercises_and_video_evidence():
    kit = load_kit(next(p for p in paths.bundled_kits() if p.name == "integration-engineer.yaml"))
    sim = kit.item("work-simulation-itom-observability")
    assert ("competency", "observability-incident-response") in kit.evidence_dimensions(sim)
    assert ("attitude", "ownership") in kit.evidence_dimensions(kit.item("video-failed-deployment-handoff"))
    assert kit.evidence_dimensions(kit.item("resume-endpoint-setup")) == []


def test_an_unknown_competency_in_evidence_for_is_reported_at_its_line():
    text = _shipped().replace(
        "competencies: [api-endpoint-development, data-mapping-protocol-engineering, security-compliance-integration]",
        "competencies: [api-endpoint-development, incident-command]")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "incident-command" in ln)
    with pytest.raises(KitError) as caught:
        load_kit_text(text, "kit.yaml")
    problem = str(caught.value.problems[0])
    assert problem.startswith(f"kit.yaml:{line}:")
    assert "evidence_for.competencies[1]: unknown competency 'incident-command'" in problem
