"""`sync FOLDER`: the panel through a shared folder, the blind rule on what it brings, concurrent writers."""

from __future__ import annotations

import threading

from scorecard.domain.panel import Role
from scorecard.services import open_services
from tests.panel_helpers import score_round
from tests.services.test_exchange import FIXED, PANEL, STEP, laptop, report_text


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_panel_through_an_exchange_folder_with_the_blind_rule(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    coord = laptop(tmp_path / "coordinator.sqlite3")
    coord.panel.set_role(Role.COORDINATOR)
    cand = coord.candidates.add(name="Zoë Ñúñez", kit_id="mini", target_level="mid")
    for name, rounds in PANEL.items():
        for round_id in rounds:
            coord.panel.assign(candidate_id=cand.id, round_id=round_id, interviewers=[name], round_ids={"screen", "tech"})
    first = coord.sync.sync(folder)
    assert len(first.written) == 1 and not first.imported  # the pack
    assert coord.sync.sync(folder).written == []  # nothing new: no second copy

    laptops = {}
    for name in PANEL:
        svc = laptop(tmp_path / f"{name}.sqlite3")
        svc.sync.sync(folder)
        svc.panel.set_me(name)
        laptops[name] = svc
    # Bo and Cy score and send theirs
    for name in ("Bo", "Cy"):
        for round_id in PANEL[name]:
            score_round(laptops[name], candidate_id=cand.id, round_id=round_id, interviewer=name, step=STEP[name])
        assert len(laptops[name].sync.sync(folder).written) == len(PANEL[name])
    # Ana has not submitted: the others' scorecards stay in the folder, not in her database
    ana = laptops["Ana"]
    result = ana.sync.sync(folder)
    assert len(result.left) == 2 and "not all submitted" in result.left[0][1]
    assert {c.interviewer for c in ana.scoring.for_candidate(cand.id)} == set()
    assert ana.sync.sync(folder).left  # still left next time
    score_round(ana, candidate_id=cand.id, round_id="tech", interviewer="Ana", step=STEP["Ana"])
    result = ana.sync.sync(folder)
    assert len(result.written) == 1 and not result.left
    assert {c.interviewer for c in ana.scoring.for_candidate(cand.id)} == {"Ana", "Bo", "Cy"}

    # the coordinator brings everything in, exactly once, the same as by hand
    coord.sync.sync(folder)
    assert {c.interviewer for c in coord.scoring.for_candidate(cand.id)} == {"Ana", "Bo", "Cy"}
    text = report_text(coord, cand.id)
    assert report_text(ana, cand.id) == text
    coord.sync.sync(folder)  # the pack now names the laptops' keys it learned: a new pack, once
    again = coord.sync.sync(folder)
    assert again.written == [] and again.imported == []
    for svc in laptops.values():
        svc.close()
    coord.close()


def test_a_file_that_fails_to_read_is_tried_again_next_time(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    a = laptop(tmp_path / "a.sqlite3")
    cand = a.candidates.add(name="Q", kit_id="mini", target_level="mid")
    bundle = a.bundles.export(candidate_ids=[cand.id], scorecards=False)
    target = folder / bundle.file_name
    target.write_bytes(bundle.data[: len(bundle.data) // 2])  # still being copied
    b = laptop(tmp_path / "b.sqlite3")
    result = b.sync.sync(folder)
    assert not result.ok and "incomplete" in result.imported[0].rejected
    target.write_bytes(bundle.data)
    result = b.sync.sync(folder)
    assert result.ok and result.imported[0].added["candidates"] == 1
    assert b.sync.sync(folder).imported == []
    a.close()
    b.close()


def test_two_laptops_syncing_at_the_same_moment_never_clobber_each_other(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    coord = laptop(tmp_path / "coordinator.sqlite3")
    coord.panel.set_role(Role.COORDINATOR)
    cand = coord.candidates.add(name="Zoë", kit_id="mini", target_level="mid")
    coord.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Ana", "Bo"], round_ids={"screen", "tech"})
    coord.sync.sync(folder)
    paths = {}
    for name in ("Ana", "Bo"):
        svc = laptop(tmp_path / f"{name}.sqlite3")
        svc.sync.sync(folder)
        svc.panel.set_me(name)
        score_round(svc, candidate_id=cand.id, round_id="tech", interviewer=name, step=STEP[name])
        paths[name] = svc.database_path
        svc.close()

    barrier = threading.Barrier(2)
    results, errors = {}, []

    def run(name):
        try:
            with open_services(paths[name]) as svc:
                svc.scoring._clock = lambda: FIXED
                barrier.wait()
                for _ in range(3):
                    results.setdefault(name, []).append(svc.sync.sync(folder))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in ("Ana", "Bo")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(len(r.written) for rs in results.values() for r in rs) == 2
    assert not [n for n in _names(folder) if n.startswith(".")]  # no temporary file left behind
    coord.sync.sync(folder)
    assert {c.interviewer for c in coord.scoring.for_candidate(cand.id)} == {"Ana", "Bo"}
    assert {coord.seals.verify(c.id).status.value for c in coord.scoring.for_candidate(cand.id)} == {"sealed"}
    coord.close()
