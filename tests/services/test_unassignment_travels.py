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


def test_times_in_a_file_are_read_as_utc_and_junk_is_refused(tmp_path):
    from scorecard.services.bundles import decode, encode

    with _laptop(tmp_path / "a.sqlite3") as a, _laptop(tmp_path / "b.sqlite3") as b:
        cand = a.candidates.add(name="Kim", kit_id="mini", target_level="mid")
        a.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Bo"], round_ids={"tech"})
        assert b.bundles.import_bytes(a.bundles.export(candidate_ids=[cand.id], scorecards=False).data,
                                      source="pack").ok
        records = decode(a.bundles.export(candidate_ids=[cand.id], scorecards=False).data)
        bo = next(p["id"] for p in records["interviewers"] if p["name"] == "Bo")
        # another program's writer: a "Z" time, two hours ahead of UTC in its own zone
        records["unassignments"] = [{"candidate_id": cand.id, "round_id": "tech", "interviewer_id": bo,
                                     "removed_at": "2999-01-01T02:00:00+02:00"}]
        assert b.bundles.import_bytes(encode(records).data, source="zoned").ok
        row = b.db.connection.execute("SELECT removed_at FROM assignment_removal").fetchone()
        assert row == ("2999-01-01T00:00:00+00:00",)
        assert _assigned(b, cand.id) == set()
        for junk in ("9999", "2026-11-29T10:00:00", "yesterday"):  # no time zone, or no time at all
            records["unassignments"][0]["removed_at"] = junk
            report = b.bundles.import_bytes(encode(records).data, source="junk")
            assert not report.ok and "removed_at" in report.rejected and "time zone" in report.rejected


def test_assigning_again_after_a_removal_dated_ahead_still_wins(tmp_path):
    """A laptop with a fast clock took Bo off; assigning him here now must be the later event."""
    from scorecard.services.bundles import decode, encode

    with _laptop(tmp_path / "coord.sqlite3") as coord, _laptop(tmp_path / "fast.sqlite3") as fast:
        cand = coord.candidates.add(name="Kim", kit_id="mini", target_level="mid")
        coord.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Bo"], round_ids={"tech"})
        fast.bundles.import_bytes(coord.bundles.export(candidate_ids=[cand.id], scorecards=False).data, source="p")
        fast.panel.unassign(candidate_id=cand.id, round_id="tech", interviewer="Bo")
        records = decode(fast.bundles.export(candidate_ids=[cand.id], scorecards=False).data)
        records["unassignments"][0]["removed_at"] = "2099-01-01T00:00:00+00:00"  # the fast clock
        assert coord.bundles.import_bytes(encode(records).data, source="fast").added["unassignments"] == 1
        assert _assigned(coord, cand.id) == set()
        coord.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Bo"], round_ids={"tech"})
        assert _assigned(coord, cand.id) == {("tech", "Bo")}
        again = coord.bundles.export(candidate_ids=[cand.id], scorecards=False).data
        assert fast.bundles.import_bytes(again, source="back").added["assignments"] == 1
        assert _assigned(fast, cand.id) == {("tech", "Bo")}
