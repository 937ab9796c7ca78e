"""The `scorecard` command as a user runs it: exit codes, output, no tracebacks."""

import json

import pytest

from scorecard.cli.main import main


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    assert main(["--db", str(path), "demo"]) == 0
    return path


def _json(capsys, argv):
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_candidates_json_lists_the_demo_panel(demo_db, capsys):
    rows = _json(capsys, ["--db", str(demo_db), "candidates", "--json"])
    names = {r["name"] for r in rows}
    assert {"Zoë Ñúñez", "王伟"} <= names and len(rows) >= 3
    for r in rows:
        assert {"id", "name", "kit", "target_level", "rounds"} <= set(r)
        assert all(p["status"] in {"none", "draft", "submitted"} for p in r["rounds"])
    levels = {r["target_level"] for r in rows}
    assert len(levels) >= 2, "demo candidates should be at different levels"
    assert any(r["auto_declined"] for r in rows)


def test_demo_has_submitted_and_draft_scorecards_by_several_interviewers(demo_db):
    from scorecard.services import open_services

    with open_services(demo_db) as svc:
        cards = [c for cand in svc.candidates.all() for c in svc.scoring.for_candidate(cand.id)]
    interviewers = {c.interviewer for c in cards}
    assert "Łukasz Wróbel" in interviewers and len(interviewers) >= 3
    drafts = [c for c in cards if not c.is_submitted]
    assert len(drafts) == 1
    assert sum(c.is_submitted for c in cards) > 20
    notes = " ".join(r.notes for c in cards for r in c.responses.values())
    assert any("\u4e00" <= ch <= "\u9fff" for ch in notes), "notes in CJK script"
    assert any("\u0400" <= ch <= "\u04ff" for ch in notes), "notes in Cyrillic script"


def test_demo_refuses_a_database_that_holds_candidates(demo_db, capsys):
    assert main(["--db", str(demo_db), "demo"]) == 1
    err = capsys.readouterr().err
    assert "already holds candidates" in err and "Traceback" not in err


def test_environment_variable_chooses_the_database(tmp_path, monkeypatch, capsys):
    target = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("SCORECARD_DB", str(target))
    assert _json(capsys, ["candidates", "--json"]) == []
    assert target.exists()


def test_default_database_lives_in_the_user_data_dir(isolated_user_dirs, capsys):
    assert _json(capsys, ["candidates", "--json"]) == []
    assert (isolated_user_dirs / "data" / "scorecard.sqlite3").exists()


def test_a_damaged_database_is_a_sentence_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"\x00garbage" * 512)
    assert main(["--db", str(bad), "candidates"]) == 1
    err = capsys.readouterr().err
    assert "not a Scorecard database" in err and "Traceback" not in err


def test_kit_list_and_import(tmp_path, capsys):
    db = str(tmp_path / "k.sqlite3")
    assert main(["--db", db, "kit", "list"]) == 0
    out = capsys.readouterr().out
    assert "integration-engineer" in out and "v1" in out


def test_kit_import_makes_versions_and_refuses_broken_files(tmp_path, capsys):
    import yaml

    from scorecard import paths

    db = str(tmp_path / "k.sqlite3")
    source = paths.bundled("data", "kits", "integration-engineer.yaml").read_text(encoding="utf-8")
    kit_file = tmp_path / "ie.yaml"
    kit_file.write_text(source, encoding="utf-8")
    assert main(["--db", db, "kit", "import", str(kit_file)]) == 0
    assert "unchanged" in capsys.readouterr().out  # the bundled copy was stored on open

    data = yaml.safe_load(source)
    data["title"] = "Integration Engineer (2027 revision)"
    kit_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["--db", db, "kit", "import", str(kit_file)]) == 0
    assert "stored as integration-engineer v2" in capsys.readouterr().out

    broken = tmp_path / "broken.yaml"
    broken.write_text(source.replace("default_scale:", "default_scael:"), encoding="utf-8")
    assert main(["--db", db, "kit", "import", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "broken.yaml:" in out and "default_scael" in out and "NOT IMPORTED" in out
    assert main(["--db", db, "kit", "list"]) == 0
    listing = capsys.readouterr().out
    assert "v1" in listing and "v2" in listing and "v3" not in listing


def test_export_commands(demo_db, tmp_path, capsys):
    from pypdf import PdfReader

    out = tmp_path / "zoe.pdf"
    assert main(["--db", str(demo_db), "export", "Zoë Ñúñez", "--out", str(out)]) == 0
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Zoë Ñúñez" in text and "Confidential" in text
    assert main(["--db", str(demo_db), "export", "--all", "--out-dir", str(tmp_path / "all")]) == 0
    assert len(list((tmp_path / "all").glob("*.pdf"))) == 5
    assert main(["--db", str(demo_db), "guide", "work-simulation", "--out", str(tmp_path / "g.pdf")]) == 0
    capsys.readouterr()
    assert main(["--db", str(demo_db), "export", "Nobody", "--out", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "no candidate has the id or exact name 'Nobody'" in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_demo_summaries_agree_with_their_recommendations(demo_db):
    from scorecard.services import open_services

    with open_services(demo_db) as svc:
        cards = [c for cand in svc.candidates.all() for c in svc.scoring.for_candidate(cand.id) if c.is_submitted]
        labels = {s.id: s.label for s in svc.kits.latest("integration-engineer")[1].recommendation_scale.steps}
    for card in cards:
        if card.summary.startswith(("Answered the knock-out", "Qualifies")):
            continue
        assert card.summary.startswith(labels[card.recommendation] + ":"), (card.recommendation, card.summary)


def test_an_empty_db_path_is_refused_not_replaced_by_the_real_database(isolated_user_dirs, monkeypatch, capsys):
    assert main(["--db", "", "candidates"]) == 1
    assert "empty path" in capsys.readouterr().err
    monkeypatch.setenv("SCORECARD_DB", " ")
    assert main(["candidates"]) == 1
    assert "SCORECARD_DB is set but empty" in capsys.readouterr().err
    assert not (isolated_user_dirs / "data").exists()
