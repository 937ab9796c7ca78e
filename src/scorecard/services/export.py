"""Exporting PDFs: the committee report, one interviewer's scorecard, a blank round guide.

Every export is written to a temporary file beside the target and moved into place
only when complete, so a failure never leaves a half-written PDF and never damages
the file that was there before.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from scorecard.domain.candidate import Candidate
from scorecard.domain.consolidation import consolidate, interviewer_view
from scorecard.domain.kit import Kit
from scorecard.domain.scorecard import Scorecard
from scorecard.services.candidates import CandidateService
from scorecard.services.errors import InvalidInput, NotFound
from scorecard.services.kit_library import KitLibrary
from scorecard.services.scoring import ScoringService


class ExportFailed(Exception):
    """The PDF could not be written; any earlier file at the target is untouched."""


def write_atomically(target: Path, data: bytes) -> Path:
    """Write `data` to `target` all at once: temp file, fsync, rename."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise ExportFailed(f"cannot write into {target.parent}: {exc.strerror or exc}") from exc
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an export is an ordinary file
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportFailed(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target


def pdf_filename(candidate: Candidate) -> str:
    """A file name safe on every OS that still reads as the candidate's name (any script)."""
    name = unicodedata.normalize("NFC", candidate.name)
    name = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "", name).strip(" .") or "candidate"
    return f"{name} ({candidate.id[:8]}) - consolidated scorecard.pdf"


class ExportService:
    def __init__(
        self,
        *,
        kits: KitLibrary,
        candidates: CandidateService,
        scoring: ScoringService,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ):
        self._kits = kits
        self._candidates = candidates
        self._scoring = scoring
        self._clock = clock

    # --- building reports (bytes) --------------------------------------------------------

    def _kit_and_cards(self, candidate: Candidate) -> tuple[Kit, str, list[Scorecard]]:
        cards = self._scoring.for_candidate(candidate.id)
        versions = {c.kit_version_id for c in cards}
        if len(versions) > 1:
            numbers = sorted(self._kits.version(v).version for v in versions)
            raise InvalidInput(
                f"{candidate.name}'s scorecards were scored against different versions of kit "
                f"'{candidate.kit_id}' (v{', v'.join(map(str, numbers))}); a consolidated report "
                "compares one version at a time, so export each interviewer's scorecard instead"
            )
        version_id = versions.pop() if versions else self._kits.latest(candidate.kit_id)[0]
        return self._kits.kit(version_id), version_id, cards

    def consolidated_pdf(self, candidate: Candidate) -> bytes:
        from scorecard.pdf import render_consolidated

        kit, version_id, cards = self._kit_and_cards(candidate)
        report = consolidate(
            candidate=candidate,
            kit=kit,
            kit_version=self._kits.version(version_id),
            scorecards=cards,
            exported_at=self._clock(),
        )
        return render_consolidated(report)

    def interviewer_pdf(self, scorecard_id: str) -> bytes:
        from scorecard.pdf import render_interviewer

        card = self._scoring.get(scorecard_id)
        report = interviewer_view(
            candidate=self._candidates.get(card.candidate_id),
            kit=self._scoring.kit_for(card),
            kit_version=self._kits.version(card.kit_version_id),
            scorecard=card,
            exported_at=self._clock(),
        )
        return render_interviewer(report)

    def round_guide_pdf(self, *, kit_id: str, round_id: str) -> bytes:
        from scorecard.pdf import render_round_guide

        _vid, kit = self._kits.latest(kit_id)
        if round_id not in {r.id for r in kit.rounds}:
            known = ", ".join(r.id for r in kit.rounds)
            raise NotFound(f"kit '{kit_id}' has no round '{round_id}'; its rounds are: {known}")
        return render_round_guide(kit=kit, round_id=round_id)

    # --- writing files ----------------------------------------------------------------------

    def export_consolidated(self, *, candidate_id: str, out: Path) -> Path:
        return write_atomically(out, self.consolidated_pdf(self._candidates.get(candidate_id)))

    def export_interviewer(self, *, scorecard_id: str, out: Path) -> Path:
        return write_atomically(out, self.interviewer_pdf(scorecard_id))

    def export_round_guide(self, *, kit_id: str, round_id: str, out: Path) -> Path:
        return write_atomically(out, self.round_guide_pdf(kit_id=kit_id, round_id=round_id))

    def export_all(
        self,
        *,
        out_dir: Path,
        candidate_ids: list[str] | None = None,
        progress: Callable[[int, int, Candidate], None] | None = None,
    ) -> tuple[list[Path], list[tuple[Candidate, str]]]:
        """One consolidated PDF per candidate. Returns (written files, (candidate, reason) failures).

        One candidate's failure does not stop the others; `progress(done, total, candidate)`
        is called before each candidate so a caller can show a progress bar.
        """
        candidates = (
            [self._candidates.get(cid) for cid in candidate_ids]
            if candidate_ids is not None
            else self._candidates.all()
        )
        written, failed = [], []
        for done, candidate in enumerate(candidates):
            if progress is not None:
                progress(done, len(candidates), candidate)
            try:
                data = self.consolidated_pdf(candidate)
                written.append(write_atomically(Path(out_dir) / pdf_filename(candidate), data))
            except (ExportFailed, InvalidInput, NotFound) as exc:
                failed.append((candidate, str(exc)))
        if progress is not None and candidates:
            progress(len(candidates), len(candidates), candidates[-1])
        return written, failed
