"""Kit versions: import is idempotent for the same content, a change makes a new version."""

from tests.factories import MINI_KIT, mini_kit


def test_same_kit_twice_is_one_version(services):
    version, created = services.kits.import_kit(mini_kit(), source_name="a.yaml", source_text="x")
    assert not created
    assert [v.version for v in services.kits.versions()] == [1]
    assert version.kit_id == "mini"


def test_changed_kit_is_a_new_version_and_old_scorecards_keep_theirs(services):
    cand = services.candidates.add(name="Ada", kit_id="mini", target_level="mid")
    card = services.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="Bo")
    v1 = card.kit_version_id

    changed = mini_kit(title="Mini Engineer (revised)")
    v2, created = services.kits.import_kit(changed, source_name="a.yaml", source_text="y")
    assert created and v2.version == 2 and v2.id != v1

    reloaded = services.scoring.get(card.id)
    assert reloaded.kit_version_id == v1
    assert services.scoring.kit_for(reloaded).title == "Mini Engineer"
    assert services.kits.latest("mini")[1].title == "Mini Engineer (revised)"
    later = services.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="Cy")
    assert later.kit_version_id == v2.id


def test_stored_kit_round_trips_exactly(services):
    _vid, kit = services.kits.latest("mini")
    assert kit == mini_kit()
    assert kit.item("ex-code").variants[1].name == MINI_KIT["items"][3]["variants"][1]["name"]


def test_a_known_file_is_not_parsed_again_and_a_comment_edit_adds_no_version(services, tmp_path, monkeypatch):
    import yaml

    from scorecard.kits import loader

    kit_file = tmp_path / "mini.yaml"
    kit_file.write_text(yaml.safe_dump(MINI_KIT, allow_unicode=True), encoding="utf-8")
    first, _ = services.kits.import_file(kit_file)

    calls = []
    real = loader.load_kit_text
    monkeypatch.setattr(loader, "load_kit_text", lambda text, name: calls.append(name) or real(text, name))
    again, created = services.kits.import_file(kit_file)
    assert (again.id, created, calls) == (first.id, False, [])

    kit_file.write_text("# a comment\n" + kit_file.read_text(encoding="utf-8"), encoding="utf-8")
    commented, created = services.kits.import_file(kit_file)
    assert calls and commented.id == first.id and not created


def test_reimporting_an_older_kit_makes_it_current_again(services):
    original = services.kits.latest("mini")[0]
    v2, _ = services.kits.import_kit(mini_kit(title="Revised"), source_name="a.yaml", source_text="y")
    assert services.kits.latest("mini")[0] == v2.id
    back, created = services.kits.import_kit(mini_kit(), source_name="a.yaml", source_text="x")
    assert (back.id, created) == (original, False)
    assert services.kits.latest("mini")[0] == original
    assert [v.version for v in services.kits.versions()] == [1, 2]


def test_start_up_does_not_undo_a_kit_the_team_imported_under_the_bundled_id(services, tmp_path):
    import yaml

    from scorecard import paths

    services.kits.import_bundled()
    bundled_id = services.kits.latest("integration-engineer")[0]
    data = yaml.safe_load(paths.bundled("data", "kits", "integration-engineer.yaml").read_text(encoding="utf-8"))
    data["title"] = "Integration Engineer (our edition)"
    own = tmp_path / "ours.yaml"
    own.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    ours, created = services.kits.import_file(own)
    assert created and ours.id != bundled_id
    services.kits.import_bundled()  # as at every start
    assert services.kits.latest("integration-engineer")[0] == ours.id
