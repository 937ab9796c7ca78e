"""Taking an assignment back on one laptop reaches the others, and no older file undoes it."""

from __future__ import annotations

from scorecard.domain.panel import Role
from scorecard.services import open_services
from tests.factories import mini_kit


def _laptop(path):
    svc = open_services(path)
    svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# mini kit\n")
    return svc


def _assigned(svc, candidate_id: str) -> set[tuple[str, str]]:
    names = {p.id: p.name for p in svc.panel.interviewers()}
    return {(a.round_id, names.get(a.interviewer_id, a.interviewer_id)) for a in svc.panel.assignments(candidate_id)}


def test_an_unassignment_reaches_another_laptop_and_an_old_file_does_not_undo_it(tmp_path):
    with _laptop(tmp_path / "coord.sqlite3") as coord, _laptop(tmp_path / "bo.sqlite3") as bo:
        cand = coord.candidates.add(name="Kim", kit_id="mini", target_level="mid")
        rounds = {"tech", "screen"}
        coord.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Bo", "Ann"], round_ids=rounds)
        first = coord.bundles.export(candidate_ids=[cand.id], scorecards=False).data
        assert bo.bundles.import_bytes(first, source="pack").ok
        assert _assigned(bo, cand.id) == {("tech", "Bo"), ("tech", "Ann")}

        coord.panel.unassign(candidate_id=cand.id, round_id="tech", interviewer="Bo")
        second = coord.bundles.export(candidate_ids=[cand.id], scorecards=False).data
        report = bo.bundles.import_bytes(second, source="pack, Bo taken off")
        assert report.ok and report.added["unassignments"] == 1
        assert _assigned(bo, cand.id) == {("tech", "Ann")}
        # the first file again changes nothing: the removal is newer than the assignment
        assert bo.bundles.import_bytes(first, source="pack again").nothing_new
        assert _assigned(bo, cand.id) == {("tech", "Ann")}
        assert bo.bundles.import_bytes(second, source="the same removal again").nothing_new

        # assigned again later: that wins over the removal, here and there
        coord.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Bo"], round_ids=rounds)
        assert _assigned(coord, cand.id) == {("tech", "Bo"), ("tech", "Ann")}
        third = coord.bundles.export(candidate_ids=[cand.id], scorecards=False).data
        assert bo.bundles.import_bytes(third, source="pack, Bo back").added["assignments"] == 1
        assert _assigned(bo, cand.id) == {("tech", "Bo"), ("tech", "Ann")}


def test_an_unassignment_travels_through_the_exchange_folder(tmp_path):
    folder = tmp_path / "exchange"
    folder.mkdir()
    with _laptop(tmp_path / "coord.sqlite3") as coord, _laptop(tmp_path / "bo.sqlite3") as bo:
        coord.panel.set_role(Role.COORDINATOR)
        cand = coord.candidates.add(name="Kim", kit_id="mini", target_level="mid")
        coord.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Bo", "Ann"],
                           round_ids={"tech", "screen"})
        coord.sync.sync(folder)
        bo.sync.sync(folder)
        assert ("tech", "Bo") in _assigned(bo, cand.id)
        coord.panel.unassign(candidate_id=cand.id, round_id="tech", interviewer="Bo")
        coord.sync.sync(folder)
        bo.sync.sync(folder)
        assert _assigned(bo, cand.id) == {("tech", "Ann")}


def test_a_file_from_before_unassignments_travelled_still_imports(tmp_path):
    import json

    from scorecard.services.bundles import decode, encode

    with _laptop(tmp_path / "a.sqlite3") as a, _laptop(tmp_path / "b.sqlite3") as b:
        cand = a.candidates.add(name="Kim", kit_id="mini", target_level="mid")
        a.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Bo"], round_ids={"tech"})
        records = decode(a.bundles.export(candidate_ids=[cand.id], scorecards=False).data)
        del records["unassignments"]  # as an older version wrote it
        old = encode(records).data
        assert "unassignments" not in json.loads(old)["records"]
        assert b.bundles.import_bytes(old, source="old pack").ok
        assert _assigned(b, cand.id) == {("tech", "Bo")}
