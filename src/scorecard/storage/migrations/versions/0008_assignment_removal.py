"""assignment_removal: assignments taken back, so that an unassignment travels in bundles

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assignment_removal",
        sa.Column("candidate_id", sa.String(), nullable=False),
        sa.Column("round_id", sa.String(), nullable=False),
        sa.Column("interviewer_id", sa.String(), nullable=False),
        sa.Column("removed_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"]),
        sa.PrimaryKeyConstraint("candidate_id", "round_id", "interviewer_id"),
    )


def downgrade() -> None:
    op.drop_table("assignment_removal")
