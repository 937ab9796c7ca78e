"""kit_current: the version of each kit that new scorecards use

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kit_current",
        sa.Column("kit_id", sa.String(), nullable=False),
        sa.Column("kit_version_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["kit_version_id"], ["kit_version.id"]),
        sa.PrimaryKeyConstraint("kit_id"),
    )
    # Until now the newest version was the current one.
    op.execute(
        "INSERT INTO kit_current (kit_id, kit_version_id) "
        "SELECT kit_id, id FROM kit_version v "
        "WHERE version = (SELECT max(version) FROM kit_version WHERE kit_id = v.kit_id)"
    )


def downgrade() -> None:
    op.drop_table("kit_current")
