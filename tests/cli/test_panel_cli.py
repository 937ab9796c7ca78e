"""`scorecard candidate …`, `panel …`, `me`, `role` and the blind rule on the command line."""

import json

from scorecard.cli.main import main
from tests.panel_helpers import score_round


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_candidate_add_list_edit_withdraw_reopen(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite3")
    code, out, _ = _run(capsys, "--db", db, "candidate", "add", "Zoë Ñúñez", "--kit", "integration-engineer", "--level", "mid")
    cid = out.strip()
    assert code == 0 and len(cid) == 36
    code, out, _ = _run(capsys, "--db", db, "candidate", "add", "Bo", "--kit", "integration-engineer", "--level", "junior", "--json")
    assert json.loads(out)["name"] == "Bo"
    code, _out, err = _run(capsys, "--db", db, "candidate", "add", "X", "--kit", "integration-engineer", "--level", "boss")
    assert code == 1 and "use one of junior, mid, senior" in err
    assert _run(capsys, "--db", db, "candidate", "edit", cid, "--name", "Zoë Núñez", "--level", "senior")[0] == 0
    assert _run(capsys, "--db", db, "candidate", "withdraw", "Zoë Núñez")[0] == 0
    rows = {r["name"]: r for r in json.loads(_run(capsys, "--db", db, "candidate", "list", "--json")[1])}
    assert rows["Zoë Núñez"]["withdrawn"] is True and rows["Zoë Núñez"]["target_level"] == "senior"
    assert _run(capsys, "--db", db, "candidate", "reopen", cid)[0] == 0
    _code, out, _ = _run(capsys, "--db", db, "candidate", "list")
    assert "withdrawn" not in out


def test_panel_assign_show_and_the_blind_rule_on_the_command_line(tmp_path, capsys):
    db = tmp_path / "p.sqlite3"
    cid = _run(capsys, "--db", str(db), "candidate", "add", "Zoë", "--kit", "integration-engineer", "--level", "mid")[1].strip()
    code, out, _ = _run(capsys, "--db", str(db), "panel", "assign", cid, "recruiter-screen", "Ana", "Bo")
    assert code == 0 and "Ana" in out and "Bo" in out
    code, out, _ = _run(capsys, "--db", str(db), "panel", "show", cid, "--json")
    assert [(a["interviewer"], a["status"]) for a in json.loads(out)["assigned"]] == [("Ana", "none"), ("Bo", "none")]
    code, _out, err = _run(capsys, "--db", str(db), "panel", "assign", cid, "lunch", "Ana")
    assert code == 1 and "no round 'lunch'" in err

    from scorecard.services import open_services

    with open_services(db) as svc:
        score_round(svc, candidate_id=cid, round_id="recruiter-screen", interviewer="Bo")
    assert _run(capsys, "--db", str(db), "me", "Ana")[0] == 0
    pdf = tmp_path / "r.pdf"
    code, _out, err = _run(capsys, "--db", str(db), "export", cid, "--out", str(pdf))
    assert code == 1 and "--as-coordinator" in err and not pdf.exists()
    code, _out, err = _run(capsys, "--db", str(db), "export", "--all", "--out-dir", str(tmp_path / "all"))
    assert code == 1 and "hidden" in err
    code, _out, _err = _run(capsys, "--db", str(db), "--as-coordinator", "export", cid, "--out", str(pdf))
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    _code, out, _ = _run(capsys, "--db", str(db), "panel", "show", cid)
    assert "Bo — submitted" in out and "Ana — none" in out
    assert "Recruiter Screen: Bo — sealed (key " in out
    assert _run(capsys, "--db", str(db), "role", "coordinator")[1].strip() == "coordinator"
    assert _run(capsys, "--db", str(db), "export", cid, "--out", str(tmp_path / "r2.pdf"))[0] == 0


def test_bundle_export_import_sync_and_merge_on_the_command_line(tmp_path, capsys, monkeypatch):
    a, b = str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3")
    cid = _run(capsys, "--db", a, "candidate", "add", "Zoë", "--kit", "integration-engineer", "--level", "mid")[1].strip()
    _run(capsys, "--db", a, "panel", "assign", cid, "recruiter-screen", "Ana")
    _run(capsys, "--db", a, "me", "Ana")
    from scorecard.services import open_services

    with open_services(tmp_path / "a.sqlite3") as svc:
        score_round(svc, candidate_id=cid, round_id="recruiter-screen", interviewer="Ana")
    out = tmp_path / "ana.scorecard-bundle"
    code, text, _ = _run(capsys, "--db", a, "bundle", "export", "--candidate", cid, "--out", str(out))
    assert code == 0 and "1 scorecards" in text
    # on b, the same person was typed by hand before the bundle arrived
    _run(capsys, "--db", b, "me", "Ana")
    code, text, err = _run(capsys, "--db", b, "bundle", "import", str(out))
    assert code == 0 and "added" in text and "interviewer merge" in err
    code, text, _ = _run(capsys, "--db", b, "bundle", "import", str(out))
    assert code == 0 and "nothing new" in text
    code, text, _ = _run(capsys, "--db", b, "interviewer", "merge")
    assert "'Ana': keep" in text and "Nothing merged" in text
    code, text, _ = _run(capsys, "--db", b, "interviewer", "merge", "--yes")
    assert "Recorded 1 alias" in text
    assert "No interviewers share a name" in _run(capsys, "--db", b, "interviewer", "merge")[1]
    # b's user is now the same person as a's Ana: the blind rule follows the alias
    with open_services(tmp_path / "b.sqlite3") as svc:
        assert svc.panel.access(candidate_id=cid, viewer="Ana").value == "open"
    bad = tmp_path / "bad.scorecard-bundle"
    bad.write_bytes(out.read_bytes()[:100])
    code, _text, err = _run(capsys, "--db", b, "bundle", "import", str(bad), str(out))
    assert code == 1 and "rejected" in err
    # encrypted, through the environment's passphrase
    monkeypatch.setenv("SCORECARD_PASSPHRASE", "team secret")
    enc = tmp_path / "enc.scorecard-bundle"
    assert _run(capsys, "--db", a, "bundle", "export", "--all", "--encrypt", "--out", str(enc))[0] == 0
    assert "Zoë".encode() not in enc.read_bytes() and b"recruiter-screen" not in enc.read_bytes()
    assert _run(capsys, "--db", b, "bundle", "import", str(enc))[0] == 0
    monkeypatch.delenv("SCORECARD_PASSPHRASE")
    share = tmp_path / "share"
    share.mkdir()
    code, text, _ = _run(capsys, "--db", a, "sync", str(share))
    assert code == 0 and "wrote" in text
    assert "nothing new" in _run(capsys, "--db", a, "sync", str(share))[1]


def test_an_assigned_interviewer_cannot_import_the_panels_scorecards_before_submitting(tmp_path, capsys):
    from scorecard.services import open_services

    coord, ana = str(tmp_path / "c.sqlite3"), str(tmp_path / "ana.sqlite3")
    cid = _run(capsys, "--db", coord, "candidate", "add", "Zoë", "--kit", "integration-engineer", "--level", "mid")[1].strip()
    _run(capsys, "--db", coord, "panel", "assign", cid, "recruiter-screen", "Ana", "Bo")
    pack = tmp_path / "pack.scorecard-bundle"
    _run(capsys, "--db", coord, "bundle", "export", "--candidate", cid, "--pack", "--out", str(pack))
    with open_services(tmp_path / "c.sqlite3") as svc:
        score_round(svc, candidate_id=cid, round_id="recruiter-screen", interviewer="Bo")
    bo = tmp_path / "bo.scorecard-bundle"
    _run(capsys, "--db", coord, "bundle", "export", "--candidate", cid, "--interviewer", "Bo", "--out", str(bo))
    assert _run(capsys, "--db", ana, "bundle", "import", str(pack))[0] == 0
    _run(capsys, "--db", ana, "me", "Ana")
    code, _out, err = _run(capsys, "--db", ana, "bundle", "import", str(bo))
    assert code == 1 and "not all submitted" in err
    with open_services(tmp_path / "ana.sqlite3") as svc:
        assert svc.scoring.for_candidate(cid) == []
    assert _run(capsys, "--db", ana, "--as-coordinator", "bundle", "import", str(bo))[0] == 0
