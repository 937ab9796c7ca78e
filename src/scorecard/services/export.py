"""Exporting PDFs: the committee report, one interviewer's scorecard, a blank round guide.

Every export is written to a temporary file beside the target and moved into place
only when complete, so a failure never leaves a half-written PDF and never damages
the file that was there before.

A candidate whose scorecards were scored on several versions of their kit (the kit was
edited mid-process) still gets one committee report: it is laid out by the newest version
any scorecard uses, and each scorecard's evidence by its own version
(`scorecard.domain.consolidation`).
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from scorecard.domain.candidate import Candidate, KitVersion
from scorecard.domain.consolidation import consolidate, interviewer_view
from scorecard.domain.kit import Kit
from scorecard.domain.scorecard import Scorecard
from scorecard.services.candidates import CandidateService
from scorecard.services.decisions import DecisionService
from scorecard.services.errors import InvalidInput, NotFound
from scorecard.services.kit_library import KitLibrary
from scorecard.services.scoring import ScoringService


class ExportFailed(Exception):
    """The PDF could not be written; any earlier file at the target is untouched."""


def check_target(target: Path | str, *, suffix: str = ".pdf", magic: bytes = b"%PDF-", kind: str = "PDF") -> Path:
    """The file a PDF (or, with other arguments, a bundle) is to be written to, or `ExportFailed`
    saying what to give instead.

    An empty path (`--out ''`), a path naming a folder ('.', 'out/') or an existing
    folder gets a sentence, not the operating system's "Device or resource busy". A name
    without the right extension is refused, and so is an existing file that is not already
    of that kind (its first bytes are `magic`): an export never overwrites the database, its
    WAL, a backup or any other file that is not a report.
    """
    raw = os.fspath(target)
    target = Path(target)
    example = f"report{suffix}"
    if not raw.strip() or target.name in ("", ".", ".."):
        # argparse turns --out '' into Path('.'): the same words for both
        raise ExportFailed(f"give a file name for the {kind}, e.g. {example}")
    if raw.endswith(("/", os.sep)) or target.is_dir():
        raise ExportFailed(f"{target} is a folder: give a file name inside it, e.g. {target / example}")
    if target.suffix.lower() != suffix:
        raise ExportFailed(f"{target.name} does not end in {suffix}: Scorecard writes only {kind} files here, so "
                           f"give a name such as {safe_file_stem(target.stem) or 'report'}{suffix}; nothing was written")
    if os.path.lexists(target):
        if not target.is_file():
            raise ExportFailed(f"{target} exists and is not a regular file; choose another name. Nothing was written")
        try:
            with open(target, "rb") as fh:
                head = fh.read(len(magic))
        except OSError as exc:
            raise ExportFailed(f"cannot check the existing file {target}: {exc.strerror or exc}") from None
        if head != magic:
            raise ExportFailed(f"{target} exists and is not a {kind}, so it was left as it was; choose another "
                               "name or move that file first")
    return target


def write_atomically(target: Path, data: bytes, *, private: bool = False, **check) -> Path:
    """Write `data` to `target` all at once: temp file, fsync, rename.

    The file gets the user's umask, or 0600 with `private`; `check` goes to `check_target`.
    """
    target = check_target(target, **check)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise ExportFailed(f"cannot write into {target.parent}: {exc.strerror or exc}") from exc
    try:
        umask = os.umask(0)
        os.umask(umask)
        if not private:
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


#: Characters no file name may hold on Windows (and '/' nowhere).
_RESERVED = re.compile(r'[<>:"/\\|?*]')
#: Unicode categories dropped from file names: controls, format characters (bidi overrides such
#: as U+202E, U+200E/F, U+2066–2069, zero-width characters), line/paragraph separators, surrogates.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                              *(f"LPT{i}" for i in range(10))})


def safe_file_stem(text: str, max_bytes: int = 120) -> str:
    """`text` made safe as part of a file name on every OS, still readable in any script.

    NFC-normalised; characters Windows forbids, control and format characters (so a
    right-to-left override cannot disguise 'gnp.exe') and line separators are dropped;
    runs of white space become one space; leading and trailing spaces and dots go; and
    the result is cut to at most `max_bytes` bytes of UTF-8 on a character boundary
    (file systems allow 255 bytes per name; leave room for what is added around it).
    A Windows device name (CON, NUL, …) gets a trailing '_'. Returns "" when nothing
    is left: the caller picks a fallback ("candidate", "kit", …).
    """
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        " " if ch.isspace() else ch
        for ch in _RESERVED.sub("", text)
        if ch.isspace() or unicodedata.category(ch) not in _DROPPED_CATEGORIES
    )
    text = " ".join(text.split()).strip(" .")
    data = text.encode("utf-8")
    if len(data) > max_bytes:
        text = data[:max_bytes].decode("utf-8", errors="ignore").rstrip(" .")
    head, dot, rest = text.partition(".")
    if head.rstrip().upper() in _WINDOWS_DEVICES:
        text = f"{head}_{dot}{rest}"
    return text


def pdf_filename(candidate: Candidate) -> str:
    """A file name safe on every OS that still reads as the candidate's name (any script).

    The name part is capped at 120 bytes; the id beside it keeps cut names unique.
    """
    name = safe_file_stem(candidate.name) or "candidate"
    return f"{name} ({safe_file_stem(candidate.id[:8])}) - consolidated scorecard.pdf"


def _laid_out(render, *args, **kwargs) -> bytes:
    """`render(...)`, with ReportLab's LayoutError (one unbreakable block taller than a page: a very
    long word in a narrow table column) turned into a sentence instead of an unexpected error."""
    try:
        return render(*args, **kwargs)
    except Exception as exc:
        if type(exc).__name__ != "LayoutError":
            raise
        raise ExportFailed(
            "the report could not be laid out: a text in the kit (a name, label or level description "
            "written without spaces) is too long to fit a table cell on one page; shorten it in the kit "
            "and import the kit again"
        ) from None


class ExportService:
    def __init__(
        self,
        *,
        kits: KitLibrary,
        candidates: CandidateService,
        scoring: ScoringService,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        decisions: DecisionService | None = None,
        panel=None,
    ):
        self._decisions = decisions
        self._kits = kits
        self._candidates = candidates
        self._scoring = scoring
        self._clock = clock
        #: Hook for scorecard seal verification (exchange format): Scorecard -> None or a sentence.
        self.seal_check: Callable[[Scorecard], str | None] | None = None
        #: services.panel.PanelService, to name assigned rounds still awaited on the cover
        self._panel = panel
        #: Whose laptop vouches for each submitted scorecard: scorecards -> {scorecard id: words}
        self.vouching: Callable[[list[Scorecard]], dict[str, str]] | None = None

    # --- building reports (bytes) --------------------------------------------------------

    def _kits_and_cards(
        self, candidate: Candidate
    ) -> tuple[tuple[KitVersion, Kit], dict[str, tuple[KitVersion, Kit]], list[Scorecard]]:
        """The report's frame (the newest kit version any scorecard uses, or the kit's newest
        version when there are none), every version the scorecards use, and the scorecards."""
        # an empty draft (a round opened, nothing recorded) is nothing to report and blocks nothing
        cards = [c for c in self._scoring.for_candidate(candidate.id) if not c.is_empty]
        used = {
            vid: (self._kits.version(vid), self._kits.kit(vid))
            for vid in sorted({c.kit_version_id for c in cards})
        }
        if used:
            frame = max(used.values(), key=lambda pair: pair[0].version)
        else:
            version_id, kit = self._kits.latest(candidate.kit_id)
            frame = (self._kits.version(version_id), kit)
        return frame, used, cards

    def consolidated_pdf(self, candidate: Candidate) -> bytes:
        from scorecard.pdf import render_consolidated

        (kit_version, kit), used, cards = self._kits_and_cards(candidate)
        try:
            report = consolidate(
                candidate=candidate,
                kit=kit,
                kit_version=kit_version,
                scorecards=cards,
                exported_at=self._clock(),
                kits_by_version=used,
                decision=self._decisions.latest(candidate.id) if self._decisions is not None else None,
            )
        except ValueError as exc:  # stored scorecards that do not fit their kit: say which, don't crash
            raise ExportFailed(f"{candidate.name}'s report cannot be built: {exc}") from exc
        warnings = self.integrity_warnings(kit_version_ids=[kit_version.id, *used], scorecards=cards)
        if warnings:
            report = dataclasses.replace(report, integrity_warnings=warnings)
        seals = self.vouching(cards) if self.vouching is not None else {}
        return _laid_out(render_consolidated, report, awaiting=self._awaiting(candidate, kit), seals=seals)

    def integrity_warnings(self, *, kit_version_ids: list[str], scorecards: list[Scorecard]) -> tuple[str, ...]:
        """What failed its check on this export, in plain words for the committee report's page 1.

        Each stored kit version is checked against the fingerprint taken on import; each
        submitted scorecard goes through `seal_check` (services.seals: its content against the
        seal its laptop signed at submission).
        """
        out = []
        for version_id in dict.fromkeys(kit_version_ids):
            problem = self._kits.verify(version_id)
            if problem is not None:
                out.append(problem)
        if self.seal_check is not None:
            for card in scorecards:
                problem = self.seal_check(card)
                if problem is not None:
                    out.append(problem)
        return tuple(out)

    def _awaiting(self, candidate: Candidate, kit: Kit) -> list[str]:
        """Assigned rounds with no submitted scorecard yet, for the cover (services.panel)."""
        if self._panel is None:
            return []
        names = {r.id: r.name for r in kit.rounds}
        return [f"{names.get(a.round_id, a.round_id)} — {a.interviewer.name}"
                for a in self._panel.missing(candidate.id)]

    def _report(self, candidate: Candidate):
        (kit_version, kit), used, cards = self._kits_and_cards(candidate)
        return consolidate(candidate=candidate, kit=kit, kit_version=kit_version, scorecards=cards,
                           exported_at=self._clock(), kits_by_version=used,
                           decision=self._decisions.latest(candidate.id) if self._decisions is not None else None)

    def calibration_pdf(self) -> bytes:
        """The interviewer calibration report over every candidate (a candidate whose scorecards do
        not fit their kit is left out of it, not allowed to stop it)."""
        from scorecard.domain.consolidation.calibration import calibrate
        from scorecard.pdf import render_calibration

        reports = []
        for candidate in self._candidates.all():
            try:
                reports.append(self._report(candidate))
            except ValueError:
                continue
        return render_calibration(calibrate(reports), exported_at=self._clock())

    def export_calibration(self, *, out: Path) -> Path:
        out = check_target(out)
        return write_atomically(out, self.calibration_pdf())

    def interviewer_pdf(self, scorecard_id: str) -> bytes:
        from scorecard.pdf import render_interviewer

        card = self._scoring.get(scorecard_id)
        try:
            report = interviewer_view(
                candidate=self._candidates.get(card.candidate_id),
                kit=self._scoring.kit_for(card),
                kit_version=self._kits.version(card.kit_version_id),
                scorecard=card,
                exported_at=self._clock(),
            )
        except ValueError as exc:
            raise ExportFailed(f"scorecard {card.id} cannot be exported: {exc}") from exc
        return _laid_out(render_interviewer, report)

    def round_guide_pdf(self, *, kit_id: str, round_id: str) -> bytes:
        from scorecard.pdf import render_round_guide

        _vid, kit = self._kits.latest(kit_id)
        if round_id not in {r.id for r in kit.rounds}:
            known = ", ".join(r.id for r in kit.rounds)
            raise NotFound(f"kit '{kit_id}' has no round '{round_id}'; its rounds are: {known}")
        return _laid_out(render_round_guide, kit=kit, round_id=round_id)

    # --- writing files ----------------------------------------------------------------------

    # the target is checked before rendering, so a bad path fails at once

    def export_consolidated(self, *, candidate_id: str, out: Path) -> Path:
        out = check_target(out)
        return write_atomically(out, self.consolidated_pdf(self._candidates.get(candidate_id)))

    def export_interviewer(self, *, scorecard_id: str, out: Path) -> Path:
        out = check_target(out)
        return write_atomically(out, self.interviewer_pdf(scorecard_id))

    def export_round_guide(self, *, kit_id: str, round_id: str, out: Path) -> Path:
        out = check_target(out)
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
