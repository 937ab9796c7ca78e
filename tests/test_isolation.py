"""The test suite itself must never see the user's real data directory."""

from pathlib import Path

from scorecard import paths


def test_default_database_is_under_the_temporary_data_dir(isolated_user_dirs):
    db = paths.database_path(None)
    assert isolated_user_dirs in db.parents


def test_cli_flag_beats_environment_beats_default(tmp_path):
    env = {"SCORECARD_DB": str(tmp_path / "env.sqlite3"), "SCORECARD_DATA_DIR": str(tmp_path / "d")}
    assert paths.database_path(tmp_path / "flag.sqlite3", env) == tmp_path / "flag.sqlite3"
    assert paths.database_path(None, env) == tmp_path / "env.sqlite3"
    assert paths.database_path(None, {"SCORECARD_DATA_DIR": str(tmp_path / "d")}) == (
        tmp_path / "d" / "scorecard.sqlite3"
    )


def test_unknown_bundled_name_lists_known_ones():
    import pytest

    with pytest.raises(paths.UnknownResource, match="DejaVuSans.ttf"):
        paths.bundled("resources", "fonts", "Nope.ttf")
    assert paths.bundled("resources", "fonts", "DejaVuSans.ttf").is_file()
    assert isinstance(paths.bundled_kits(), list)
    assert Path(paths.bundle_root()).is_dir()
