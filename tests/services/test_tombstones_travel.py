"""An erase on one laptop reaches every laptop that imports or syncs, and nothing brings the candidate back."""

from __future__ import annotations

from scorecard.services import open_services
from tests.factories import mini_kit
from tests.safe_data import NAME, NOTES, scored_candidate


def _laptop(path):
    svc = open_services(path)
    svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# mini kit\n")
    return svc


def _bytes_hold(path, text: str) -> bool:
    needle = text.encode("utf-8")
    return any(p.exists() and needle in p.read_bytes()
               for p in (path, path.with_name(path.name + "-wal")))


def test_a_tombstone_in_a_bundle_erases_the_candidate_and_keeps_them_out(tmp_path):
    a_path, b_path = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with _laptop(a_path) as a, _laptop(b_path) as b:
        cand, _card = scored_candidate(a)
        before_erase = a.bundles.export(candidate_ids=[cand.id])
        assert b.bundles.import_bytes(before_erase.data, source="pack").ok
        assert b.candidates.get(cand.id).name == NAME

        a.erasure.erase(cand.id)
        after_erase = a.bundles.export(candidate_ids=None)
        report = b.bundles.import_bytes(after_erase.data, source="erase")
        assert report.ok and report.added["erased_candidates"] == 1 and report.added["tombstones"] == 1
        assert b.erasure.is_erased(cand.id)
        assert cand.id not in {c.id for c in b.candidates.all()}
        # the old file, imported again, brings nothing back
        again = b.bundles.import_bytes(before_erase.data, source="pack again")
        assert again.ok and again.nothing_new
        assert cand.id not in {c.id for c in b.candidates.all()}
        # and the same erase arriving twice is nothing new
        assert b.bundles.import_bytes(after_erase.data, source="erase again").nothing_new
        rows = b.db.connection.execute(
            "SELECT (SELECT count(*) FROM scorecard WHERE candidate_id = ?), (SELECT count(*) FROM seal)",
            (cand.id,)).fetchone()
        assert rows == (0, 0)  # the scorecard and its seal went with the candidate
    for path in (b_path,):
        assert not _bytes_hold(path, NAME) and not _bytes_hold(path, NOTES)


def test_an_erase_travels_through_the_exchange_folder(tmp_path):
    folder = tmp_path / "exchange"
    folder.mkdir()
    with _laptop(tmp_path / "coord.sqlite3") as coord, _laptop(tmp_path / "laptop.sqlite3") as laptop:
        from scorecard.domain.panel import Role

        coord.panel.set_role(Role.COORDINATOR)
        cand, _card = scored_candidate(coord)
        coord.sync.sync(folder)
        laptop.sync.sync(folder)
        assert cand.id in {c.id for c in laptop.candidates.all()}

        coord.erasure.erase(cand.id)
        written = coord.sync.sync(folder).written
        assert len(written) == 1  # the tombstone, as a file of its own
        result = laptop.sync.sync(folder)
        assert result.ok
        assert laptop.erasure.is_erased(cand.id)
        assert cand.id not in {c.id for c in laptop.candidates.all()}
        # the candidate's old pack is still in the folder, and syncing again does not bring them back
        laptop.sync.sync(folder)
        assert cand.id not in {c.id for c in laptop.candidates.all()}
