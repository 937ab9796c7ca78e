"""Every table, as SQLModel classes: the schema's single source of truth.

Every row carries a UUID primary key (`id`) so that databases from several
interviewers' laptops can later be merged on one machine exactly once. Local
integer keys are never exposed. Timestamps are stored as UTC ISO-8601 text so
that the raw-driver hot paths (see `scorecard_store.py`) and SQLModel agree.
"""

from __future__ import annotations

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel, UniqueConstraint


class KitVersionRow(SQLModel, table=True):
    """An immutable imported kit. A changed file becomes a new version; scorecards keep theirs."""

    __tablename__ = "kit_version"
    __table_args__ = (
        UniqueConstraint("kit_id", "version"),
        UniqueConstraint("kit_id", "content_hash"),
    )

    id: str = Field(primary_key=True)
    kit_id: str = Field(index=True)
    version: int
    title: str
    content_hash: str
    source_name: str
    source_text: str
    kit_json: str
    imported_at: str


class CandidateRow(SQLModel, table=True):
    __tablename__ = "candidate"

    id: str = Field(primary_key=True)
    name: str = Field(index=True)
    kit_id: str = Field(index=True)
    target_level: str
    created_at: str
    #: set while the candidate is withdrawn; cleared when reopened
    withdrawn_at: str | None = None
    #: when the name, level or withdrawal was last changed (None: as created); the newest edit wins on import
    updated_at: str | None = None


class ScorecardRow(SQLModel, table=True):
    """One interviewer's scorecard for one round of one candidate."""

    __tablename__ = "scorecard"
    __table_args__ = (UniqueConstraint("candidate_id", "round_id", "interviewer"),)

    id: str = Field(primary_key=True)
    candidate_id: str = Field(foreign_key="candidate.id", index=True)
    kit_version_id: str = Field(foreign_key="kit_version.id")
    round_id: str
    interviewer: str = Field(index=True)
    #: the interviewer's stable id (see InterviewerRow); the name above is kept as displayed
    interviewer_id: str | None = Field(default=None, index=True)
    status: str = "draft"
    recommendation: str | None = None
    summary: str = ""
    current_item_id: str | None = None
    created_at: str
    updated_at: str
    submitted_at: str | None = None
    #: the round clock: seconds the round has run, pauses not counted
    round_seconds: float = Field(default=0.0, sa_column_kwargs={"server_default": "0"})


class ItemResponseRow(SQLModel, table=True):
    __tablename__ = "item_response"
    __table_args__ = (
        UniqueConstraint("scorecard_id", "item_id"),
        # auto-decline is derived from knock-out answers when a candidate is read: only those rows
        Index("ix_item_response_knockout", "scorecard_id", "item_id", "knockout_option",
              sqlite_where=text("knockout_option IS NOT NULL")),
    )

    id: str = Field(primary_key=True)
    scorecard_id: str = Field(foreign_key="scorecard.id", index=True)
    item_id: str
    rating: str | None = None
    notes: str = ""
    seconds_spent: float = 0.0
    skip_reason: str | None = None
    knockout_option: str | None = None
    variant: str | None = None
    updated_at: str


class IndicatorMarkRow(SQLModel, table=True):
    """Whether one indicator was observed; unticking keeps the row with checked = false."""

    __tablename__ = "indicator_mark"
    __table_args__ = (UniqueConstraint("scorecard_id", "item_id", "indicator_key"),)

    id: str = Field(primary_key=True)
    scorecard_id: str = Field(foreign_key="scorecard.id", index=True)
    item_id: str
    indicator_key: str
    checked: bool
    updated_at: str


class AddendumRow(SQLModel, table=True):
    """A dated correction appended to a submitted scorecard."""

    __tablename__ = "addendum"

    id: str = Field(primary_key=True)
    scorecard_id: str = Field(foreign_key="scorecard.id", index=True)
    author: str
    text: str
    created_at: str
    #: the item the addendum corrects, if it corrects one
    item_id: str | None = None


class KitSourceRow(SQLModel, table=True):
    """Which stored version a kit file's exact bytes resolved to, so a known file is not parsed again.

    Several files can map to one version: a comment-only edit adds no version (see docs/decisions.md).
    """

    __tablename__ = "kit_source"

    sha256: str = Field(primary_key=True)
    kit_version_id: str = Field(foreign_key="kit_version.id")


class KitCurrentRow(SQLModel, table=True):
    """Which version of a kit new scorecards use: the one imported last, even if it repeats an older one."""

    __tablename__ = "kit_current"

    kit_id: str = Field(primary_key=True)
    kit_version_id: str = Field(foreign_key="kit_version.id")


class CommitteeDecisionRow(SQLModel, table=True):
    """The hiring committee's decision for a candidate. Never edited: deciding again adds a row,
    and the newest one is the decision (the earlier ones stay as history)."""

    __tablename__ = "committee_decision"

    id: str = Field(primary_key=True)
    candidate_id: str = Field(foreign_key="candidate.id", index=True)
    decision: str
    level_id: str | None = None
    decided_by: str
    decided_at: str
    rationale: str


class TombstoneRow(SQLModel, table=True):
    """An erased candidate: only their id and when, so no later bundle or sync brings them back."""

    __tablename__ = "tombstone"

    candidate_id: str = Field(primary_key=True)
    erased_at: str


class InterviewerRow(SQLModel, table=True):
    """A person on a panel: a display name and a stable id, the same on every laptop."""

    __tablename__ = "interviewer"

    id: str = Field(primary_key=True)
    name: str = Field(index=True)
    #: the Ed25519 public key (base64) of the laptop this person scores on, once known
    public_key: str | None = None
    created_at: str


class InterviewerAliasRow(SQLModel, table=True):
    """A merge: `alias_id` is the same person as `interviewer_id`. Append-only; no scorecard is rewritten."""

    __tablename__ = "interviewer_alias"

    alias_id: str = Field(primary_key=True)
    interviewer_id: str
    merged_at: str


class AssignmentRow(SQLModel, table=True):
    """An interviewer assigned to a round of a candidate (a round may have several)."""

    __tablename__ = "assignment"
    __table_args__ = (UniqueConstraint("candidate_id", "round_id", "interviewer_id"),)

    id: str = Field(primary_key=True)
    candidate_id: str = Field(foreign_key="candidate.id", index=True)
    round_id: str
    interviewer_id: str
    created_at: str


class AssignmentRemovalRow(SQLModel, table=True):
    """An assignment taken back: kept (ids and when only) so that the removal reaches every laptop
    and no older file assigns the interviewer again; an assignment made later wins over it."""

    __tablename__ = "assignment_removal"

    candidate_id: str = Field(foreign_key="candidate.id", primary_key=True)
    round_id: str = Field(primary_key=True)
    interviewer_id: str = Field(primary_key=True)
    removed_at: str


class SettingRow(SQLModel, table=True):
    """Per-database settings: who this laptop's user is, the role, the exchange folder."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str


class SealRow(SQLModel, table=True):
    """The signed digest of a submitted scorecard or an addendum. Append-only."""

    __tablename__ = "seal"

    subject_id: str = Field(primary_key=True)
    kind: str
    digest: str
    signature: str
    public_key: str
    sealed_at: str


class BundleSeenRow(SQLModel, table=True):
    """An exchange-folder file this database has imported (or found nothing new in)."""

    __tablename__ = "bundle_seen"

    name: str = Field(primary_key=True)
    digest: str = Field(primary_key=True)
    seen_at: str
