"""safe keeping: tombstones of erased candidates

Revision ID: 0006
Revises: 0005

A tombstone holds only an erased candidate's id (and when), so that no later bundle or
sync brings them back.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tombstone",
        sa.Column("candidate_id", sa.String(), nullable=False),
        sa.Column("erased_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("candidate_id"),
    )


def downgrade() -> None:
    op.drop_table("tombstone")
