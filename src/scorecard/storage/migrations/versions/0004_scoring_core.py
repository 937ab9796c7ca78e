"""scoring core: the round clock, the item an addendum corrects, auto-decline derived (flag dropped)

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("scorecard", sa.Column("round_seconds", sa.Float(), nullable=False, server_default="0"))
    op.add_column("addendum", sa.Column("item_id", sa.String(), nullable=True))
    # Auto-decline is derived from the knock-out answers whenever it is read, so it can never
    # disagree with them; the stored flag goes (plain DROP COLUMN: no table rebuild, no FK churn).
    op.execute("ALTER TABLE candidate DROP COLUMN auto_declined")
    # the candidate list derives auto-decline from the knock-out answers: read only those rows
    op.execute("CREATE INDEX ix_item_response_knockout ON item_response (scorecard_id, item_id, knockout_option) "
               "WHERE knockout_option IS NOT NULL")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_item_response_knockout")
    op.execute("ALTER TABLE candidate ADD COLUMN auto_declined BOOLEAN NOT NULL DEFAULT 0")
    op.execute("ALTER TABLE addendum DROP COLUMN item_id")
    op.execute("ALTER TABLE scorecard DROP COLUMN round_seconds")
