"""panel: interviewers with stable ids, aliases, assignments, settings, seals, withdrawn candidates, seen bundles

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_ABORT = "SELECT RAISE(ABORT, 'scorecard is submitted and locked; corrections are addenda')"
_SCORECARD_LOCK = (
    "CREATE TRIGGER scorecard_locked_update BEFORE UPDATE ON scorecard "
    f"WHEN OLD.status = 'submitted' BEGIN {_ABORT}; END"
)


def upgrade() -> None:
    op.create_table(
        "interviewer",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("public_key", sa.String(), nullable=True),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_interviewer_name", "interviewer", ["name"])
    op.create_table(
        "interviewer_alias",
        sa.Column("alias_id", sa.String(), nullable=False),
        sa.Column("interviewer_id", sa.String(), nullable=False),
        sa.Column("merged_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("alias_id"),
    )
    op.create_table(
        "assignment",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("candidate_id", sa.String(), nullable=False),
        sa.Column("round_id", sa.String(), nullable=False),
        sa.Column("interviewer_id", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("candidate_id", "round_id", "interviewer_id"),
    )
    op.create_index("ix_assignment_candidate_id", "assignment", ["candidate_id"])
    op.create_table(
        "setting",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "seal",
        sa.Column("subject_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.Column("signature", sa.String(), nullable=False),
        sa.Column("public_key", sa.String(), nullable=False),
        sa.Column("sealed_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("subject_id"),
    )
    op.create_table(
        "bundle_seen",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.Column("seen_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("name", "digest"),
    )
    op.add_column("candidate", sa.Column("withdrawn_at", sa.String(), nullable=True))
    op.add_column("candidate", sa.Column("updated_at", sa.String(), nullable=True))
    op.add_column("scorecard", sa.Column("interviewer_id", sa.String(), nullable=True))
    op.create_index("ix_scorecard_interviewer_id", "scorecard", ["interviewer_id"])
    # Existing scorecards become interviewer rows by name (one id per distinct name). The lock
    # trigger is lifted for this one backfill and put back as it was.
    op.execute(
        "INSERT INTO interviewer (id, name, created_at) "
        "SELECT lower(hex(randomblob(4))||'-'||hex(randomblob(2))||'-4'||substr(hex(randomblob(2)),2)||'-'"
        "||substr('89ab', 1 + (abs(random()) % 4), 1)||substr(hex(randomblob(2)),2)||'-'||hex(randomblob(6))), "
        "interviewer, min(created_at) FROM scorecard GROUP BY interviewer"
    )
    op.execute("DROP TRIGGER IF EXISTS scorecard_locked_update")
    op.execute("UPDATE scorecard SET interviewer_id = (SELECT id FROM interviewer i WHERE i.name = scorecard.interviewer)")
    op.execute(_SCORECARD_LOCK)
    for table in ("seal", "interviewer_alias"):
        op.execute(
            f"CREATE TRIGGER {table}_append_only_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
        )


def downgrade() -> None:
    for table in ("seal", "interviewer_alias"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only_update")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only_delete")
    op.execute("DROP TRIGGER IF EXISTS scorecard_locked_update")
    op.drop_index("ix_scorecard_interviewer_id", "scorecard")
    with op.batch_alter_table("scorecard") as batch_op:
        batch_op.drop_column("interviewer_id")
    op.execute(_SCORECARD_LOCK)
    with op.batch_alter_table("candidate") as batch_op:
        batch_op.drop_column("withdrawn_at")
        batch_op.drop_column("updated_at")
    for table in ("bundle_seen", "seal", "setting", "assignment", "interviewer_alias", "interviewer"):
        op.drop_table(table)
