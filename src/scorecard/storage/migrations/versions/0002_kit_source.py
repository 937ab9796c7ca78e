"""kit_source: remember which kit version a file's exact text resolved to

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kit_source",
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("kit_version_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["kit_version_id"], ["kit_version.id"]),
        sa.PrimaryKeyConstraint("sha256"),
    )
    # No backfill: a file imported before this revision is parsed once more, then remembered.


def downgrade() -> None:
    op.drop_table("kit_source")
