"""The panel across laptops: four database files exchanging bundles (issue #9, 'Done when')."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader

from scorecard.domain.panel import Role
from scorecard.services import open_services
from scorecard.services.bundles import decode, encode
from tests.factories import mini_kit
from tests.panel_helpers import score_round

FIXED = datetime(2026, 11, 30, 9, 30, tzinfo=timezone.utc)
PANEL = {"Ana": ["tech"], "Bo": ["tech"], "Cy": ["screen"]}
STEP = {"Ana": 2, "Bo": 0, "Cy": 1}


def laptop(path: Path, *, kit: bool = True):
    svc = open_services(path)
    svc.scoring._clock = lambda: FIXED  # the same moments on every laptop, so reports can be compared
    if kit:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# mini kit\n")
    return svc


def report_text(svc, candidate_id: str) -> str:
    from scorecard.services.export import ExportService

    export = ExportService(kits=svc.kits, candidates=svc.candidates, scoring=svc.scoring, clock=lambda: FIXED)
    data = export.consolidated_pdf(svc.candidates.get(candidate_id))
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def content(path: Path) -> list[str]:
    """Every row of every table except the exchange folder's own bookkeeping."""
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "bundle_seen" not in line]
    finally:
        conn.close()


def copy_db(svc, target: Path) -> Path:
    dest = sqlite3.connect(target)
    svc.db.connection.backup(dest)
    dest.close()
    return target


@pytest.fixture
def panel(tmp_path):
    """The coordinator prepares the candidate and panel and sends the pack; three laptops score."""
    coord = laptop(tmp_path / "coordinator.sqlite3")
    coord.panel.set_role(Role.COORDINATOR)
    coord.panel.set_me("Dee Coordinator")
    cand = coord.candidates.add(name="Zoë Ñúñez", kit_id="mini", target_level="mid")
    for name, rounds in PANEL.items():
        for round_id in rounds:
            coord.panel.assign(candidate_id=cand.id, round_id=round_id, interviewers=[name], round_ids={"screen", "tech"})
    pack = coord.bundles.export(candidate_ids=[cand.id], scorecards=False)
    assert pack.counts["scorecards"] == 0 and pack.counts["assignments"] == 3
    (tmp_path / "pack.scorecard-bundle").write_bytes(pack.data)
    before = copy_db(coord, tmp_path / "coordinator-before.sqlite3")

    bundles = {}
    for name, rounds in PANEL.items():
        svc = laptop(tmp_path / f"{name}.sqlite3")
        report = svc.bundles.import_file(tmp_path / "pack.scorecard-bundle")
        assert report.ok and report.added["candidates"] == 1 and report.added["assignments"] == 3
        me = svc.panel.set_me(name)
        assert me.id == coord.panel.identity(name, create=False).id  # picked from the pack: same id
        for round_id in rounds:
            score_round(svc, candidate_id=cand.id, round_id=round_id, interviewer=name, step=STEP[name])
        out = svc.bundles.export(candidate_ids=[cand.id], interviewer=name)
        assert out.counts["scorecards"] == len(rounds)
        bundles[name] = tmp_path / out.file_name
        bundles[name].write_bytes(out.data)
        svc.close()
    yield coord, cand, bundles, before, tmp_path
    coord.close()


def test_four_laptops_merge_exactly_once_in_any_order(panel):
    coord, cand, bundles, before, tmp_path = panel
    first = [bundles["Ana"], bundles["Bo"], bundles["Cy"]]
    reports = [coord.bundles.import_file(p) for p in first]
    assert all(r.ok and r.added["scorecards"] >= 1 for r in reports)
    text_one = report_text(coord, cand.id)
    state_one = content(coord.database_path)
    again = [coord.bundles.import_file(p) for p in reversed(first)]
    assert all(r.nothing_new for r in again), [r.summary() for r in again]
    assert "nothing new" in again[0].summary()
    assert report_text(coord, cand.id) == text_one

    # another coordinator database, the other order, each file twice
    other = laptop(copy_db_path := tmp_path / "coordinator-2.sqlite3", kit=False)
    other.close()
    copy_db_path.write_bytes(before.read_bytes())
    other = open_services(copy_db_path)
    for p in [bundles["Cy"], bundles["Ana"], bundles["Cy"], bundles["Bo"], bundles["Ana"]]:
        assert other.bundles.import_file(p).ok
    assert report_text(other, cand.id) == text_one
    other.close()
    # the same database, row for row (rows in any physical order)
    assert sorted(content(copy_db_path)) == sorted(content(coord.database_path))

    # the same scorecards scored on one database
    single = laptop(tmp_path / "single-copy.sqlite3", kit=False)
    single.close()
    (tmp_path / "single.sqlite3").write_bytes(before.read_bytes())
    single = open_services(tmp_path / "single.sqlite3")
    single.scoring._clock = lambda: FIXED
    for name, rounds in PANEL.items():
        for round_id in rounds:
            score_round(single, candidate_id=cand.id, round_id=round_id, interviewer=name, step=STEP[name])
    assert report_text(single, cand.id) == text_one
    single.close()
    assert "Ana" in text_one and "Bo" in text_one and "Cy" in text_one
    assert state_one == content(coord.database_path)


def test_every_imported_scorecard_is_sealed_by_its_laptop(panel):
    coord, cand, bundles, _before, _tmp = panel
    for p in bundles.values():
        coord.bundles.import_file(p)
    cards = coord.scoring.for_candidate(cand.id)
    checks = {c.interviewer: coord.seals.verify(c.id) for c in cards}
    assert {c.status.value for c in checks.values()} == {"sealed"}
    keys = {p.name: p.public_key for p in coord.panel.interviewers()}
    assert all(checks[name].public_key == keys[name] for name in PANEL)  # the pack exchange introduced the keys
    assert len({checks[n].public_key for n in PANEL}) == 3


@pytest.mark.parametrize("damage", ["one byte", "truncated", "foreign"])
def test_a_damaged_bundle_is_rejected_and_the_database_is_unchanged(panel, damage):
    coord, cand, bundles, _before, tmp_path = panel
    coord.bundles.import_file(bundles["Cy"])
    data = bundles["Ana"].read_bytes()
    if damage == "one byte":
        i = data.index(b"Ana's summary") + 1
        data = data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]
    elif damage == "truncated":
        data = data[: len(data) * 2 // 3]
    else:
        data = b"PK\x03\x04 not ours"
    bad = tmp_path / "bad.scorecard-bundle"
    bad.write_bytes(data)
    state = content(coord.database_path)
    report = coord.bundles.import_file(bad)
    assert not report.ok
    expected = {"one byte": "checksum does not match", "truncated": "incomplete or damaged",
                "foreign": "not a Scorecard bundle"}[damage]
    assert expected in report.rejected
    assert content(coord.database_path) == state


def test_a_tampered_re_digested_scorecard_fails_its_signature(panel):
    coord, cand, bundles, _before, tmp_path = panel
    records = decode(bundles["Bo"].read_bytes())
    card = records["scorecards"][0]
    card["recommendation"] = "strong_yes" if card["recommendation"] != "strong_yes" else "no"
    state = content(coord.database_path)
    # only the bundle's checksum redone: the seal's digest no longer matches
    report = coord.bundles.import_bytes(encode(records).data, source="edited")
    assert "content differs from the sealed digest" in report.rejected
    # the seal's digest redone too: the signature does not match it
    from scorecard.domain.seal import content_digest, scorecard_content
    from scorecard.services.seals import kit_text_hash

    text = next(k["source_text"] for k in records["kit_versions"] if k["id"] == card["kit_version_id"])
    card["seal"]["digest"] = content_digest(scorecard_content(card, kit_text_sha256=kit_text_hash(text)))
    report = coord.bundles.import_bytes(encode(records).data, source="re-digested")
    assert "signature does not match" in report.rejected
    assert content(coord.database_path) == state


def test_conflicts_are_reported_not_resolved(panel):
    coord, cand, bundles, _before, tmp_path = panel
    assert coord.bundles.import_file(bundles["Ana"]).ok
    records = decode(bundles["Ana"].read_bytes())
    records["candidates"][0]["name"] = "Somebody Else"
    report = coord.bundles.import_bytes(encode(records).data, source="renamed")
    assert any("is 'Zoë Ñúñez' here but 'Somebody Else'" in c for c in report.conflicts)
    records = decode(bundles["Ana"].read_bytes())
    kit = records["kit_versions"][0]
    coord_kit = coord.kits.latest("mini")[0]
    kit["id"], kit["content_hash"] = coord_kit, "0" * 64
    for card in records["scorecards"]:
        card["kit_version_id"] = coord_kit
    report = coord.bundles.import_bytes(encode(records).data, source="kit")
    assert any("has different content here" in c for c in report.conflicts)


def test_a_newer_format_asks_for_an_update(panel):
    coord, cand, bundles, _before, tmp_path = panel
    doc = json.loads(bundles["Ana"].read_bytes())
    doc["format_version"], doc["app_version"] = 7, "3.2.0"
    report = coord.bundles.import_bytes(json.dumps(doc).encode(), source="future")
    assert "update Scorecard to version 3.2.0 or later" in report.rejected


def test_drafts_travel_only_when_asked_and_arrive_as_drafts(tmp_path):
    a = laptop(tmp_path / "a.sqlite3")
    cand = a.candidates.add(name="Q", kit_id="mini", target_level="mid")
    score_round(a, candidate_id=cand.id, round_id="tech", interviewer="Ana", submit=False)
    assert a.bundles.export(candidate_ids=[cand.id]).counts["scorecards"] == 0
    with_drafts = a.bundles.export(candidate_ids=[cand.id], include_drafts=True)
    b = laptop(tmp_path / "b.sqlite3")
    assert b.bundles.import_bytes(with_drafts.data, source="d").ok
    assert [c.status.value for c in b.scoring.for_candidate(cand.id)] == ["draft"]
    # a newer addendum to a known submitted scorecard is appended
    card = a.scoring.submit(scorecard_id=a.scoring.for_candidate(cand.id)[0].id)
    first = a.bundles.export(candidate_ids=[cand.id])
    assert b.bundles.import_bytes(first.data, source="s").added["scorecards"] == 1
    a.scoring.add_addendum(scorecard_id=card.id, author="Ana", text="Also asked about retries.")
    later = a.bundles.export(candidate_ids=[cand.id])
    edited = decode(later.data)
    edited["scorecards"][0]["addenda"][0]["text"] = "Never asked about retries."
    assert "content differs from the sealed digest" in b.bundles.import_bytes(encode(edited).data, source="x").rejected
    report = b.bundles.import_bytes(later.data, source="s2")
    assert report.added["addenda"] == 1
    assert b.seals.verify(card.id).status.value == "sealed"
    a.close()
    b.close()


def test_encrypted_bundles_need_the_team_passphrase(tmp_path):
    a = laptop(tmp_path / "a.sqlite3")
    cand = a.candidates.add(name="Q", kit_id="mini", target_level="mid")
    bundle = a.bundles.export(candidate_ids=[cand.id], passphrase="correct horse")
    assert b'"name":"Q"' not in bundle.data and b"mini" not in bundle.data
    b = laptop(tmp_path / "b.sqlite3")
    assert "passphrase" in b.bundles.import_bytes(bundle.data, source="e").rejected
    assert "wrong passphrase" in b.bundles.import_bytes(bundle.data, source="e", passphrase="nope").rejected
    assert b.bundles.import_bytes(bundle.data, source="e", passphrase="correct horse").added["candidates"] == 1
    a.close()
    b.close()


def test_a_kit_version_with_fields_this_version_does_not_know_asks_for_an_update(panel):
    coord, cand, bundles, _before, tmp_path = panel
    records = decode(bundles["Ana"].read_bytes())
    kit = records["kit_versions"][0]
    doc = json.loads(kit["kit_json"])
    doc["interview_room_booking"] = {"room": "4.01"}
    kit["kit_json"], kit["content_hash"], kit["id"] = json.dumps(doc), "f" * 64, "new-kit-version"
    for card in records["scorecards"]:
        card["kit_version_id"] = "new-kit-version"
    state = content(coord.database_path)
    report = coord.bundles.import_bytes(encode(records).data, source="future kit")
    assert "uses fields this version" in report.rejected and "update Scorecard to version" in report.rejected
    assert content(coord.database_path) == state


def test_sync_can_require_the_team_passphrase(tmp_path):
    from scorecard.services.errors import InvalidInput
    from scorecard.services.panel import SYNC_PASSPHRASE_REQUIRED

    a = laptop(tmp_path / "a.sqlite3")
    a.candidates.add(name="Q", kit_id="mini", target_level="mid")
    a.panel.set_role(Role.COORDINATOR)
    a.panel.set_setting(SYNC_PASSPHRASE_REQUIRED, "1")
    folder = tmp_path / "share"
    folder.mkdir()
    with pytest.raises(InvalidInput, match="requires the team passphrase"):
        a.sync.sync(folder)
    written = a.sync.sync(folder, passphrase="pw").written
    assert len(written) == 1 and b"scorecard-bundle-encrypted" in (folder / written[0]).read_bytes()
    b = laptop(tmp_path / "b.sqlite3")
    assert b.sync.sync(folder, passphrase="pw").imported[0].added["candidates"] == 1
    a.close()
    b.close()


def test_a_coordinators_edit_of_a_candidate_travels_and_the_newest_edit_wins(panel):
    coord, cand, bundles, _before, tmp_path = panel
    # the coordinator fixes a typo in the name and withdraws the candidate after the pack went out
    coord.candidates.edit(candidate_id=cand.id, name="Zoë Núñez-Ortega")
    coord.candidates.withdraw(candidate_id=cand.id)
    # interviewers' bundles still carry the old name: no conflict, the newer edit stays
    for p in bundles.values():
        report = coord.bundles.import_file(p)
        assert report.ok, report.summary()
    assert coord.candidates.get(cand.id).name == "Zoë Núñez-Ortega"
    # and the edit reaches a laptop that holds the old record
    ana = open_services(tmp_path / "Ana.sqlite3")
    edit = coord.bundles.export(candidate_ids=[cand.id], scorecards=False)
    assert ana.bundles.import_bytes(edit.data, source="edit").added["candidate_edits"] == 1
    got = ana.candidates.get(cand.id)
    assert got.name == "Zoë Núñez-Ortega" and got.is_withdrawn
    ana.close()
