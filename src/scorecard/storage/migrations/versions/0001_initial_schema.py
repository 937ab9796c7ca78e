"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 18:16:05.779399
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

_LOCKED = "(SELECT status FROM scorecard WHERE id = {ref}.scorecard_id) = 'submitted'"
_ABORT = "SELECT RAISE(ABORT, 'scorecard is submitted and locked; corrections are addenda')"

# A submitted scorecard is immutable even to code that bypasses the service layer.
LOCK_TRIGGERS = [
    *(
        f"CREATE TRIGGER {table}_locked_{event.lower()} BEFORE {event} ON {table} "
        f"WHEN {_LOCKED.format(ref='OLD' if event == 'DELETE' else 'NEW')} BEGIN {_ABORT}; END"
        for table in ("item_response", "indicator_mark")
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    f"CREATE TRIGGER scorecard_locked_update BEFORE UPDATE ON scorecard "
    f"WHEN OLD.status = 'submitted' BEGIN {_ABORT}; END",
    f"CREATE TRIGGER scorecard_locked_delete BEFORE DELETE ON scorecard "
    f"WHEN OLD.status = 'submitted' BEGIN {_ABORT}; END",
    "CREATE TRIGGER addendum_append_only_update BEFORE UPDATE ON addendum "
    "BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END",
    "CREATE TRIGGER addendum_append_only_delete BEFORE DELETE ON addendum "
    "BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END",
]
TRIGGER_NAMES = [s.split()[2] for s in LOCK_TRIGGERS]


def upgrade() -> None:
    op.create_table('candidate',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kit_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('target_level', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('auto_declined', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('candidate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidate_kit_id'), ['kit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_candidate_name'), ['name'], unique=False)

    op.create_table('kit_version',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kit_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source_text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kit_json', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('imported_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kit_id', 'content_hash'),
    sa.UniqueConstraint('kit_id', 'version')
    )
    with op.batch_alter_table('kit_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kit_version_kit_id'), ['kit_id'], unique=False)

    op.create_table('scorecard',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('candidate_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kit_version_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('round_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('interviewer', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('recommendation', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('current_item_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('submitted_at', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], ),
    sa.ForeignKeyConstraint(['kit_version_id'], ['kit_version.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('candidate_id', 'round_id', 'interviewer')
    )
    with op.batch_alter_table('scorecard', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scorecard_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scorecard_interviewer'), ['interviewer'], unique=False)

    op.create_table('addendum',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('scorecard_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['scorecard_id'], ['scorecard.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('addendum', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_addendum_scorecard_id'), ['scorecard_id'], unique=False)

    op.create_table('indicator_mark',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('scorecard_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('item_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('indicator_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('checked', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['scorecard_id'], ['scorecard.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('scorecard_id', 'item_id', 'indicator_key')
    )
    with op.batch_alter_table('indicator_mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_mark_scorecard_id'), ['scorecard_id'], unique=False)

    op.create_table('item_response',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('scorecard_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('item_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('rating', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('seconds_spent', sa.Float(), nullable=False),
    sa.Column('skip_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('knockout_option', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('variant', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['scorecard_id'], ['scorecard.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('scorecard_id', 'item_id')
    )
    with op.batch_alter_table('item_response', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_response_scorecard_id'), ['scorecard_id'], unique=False)

    for statement in LOCK_TRIGGERS:
        op.execute(statement)



def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table('item_response', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_response_scorecard_id'))

    op.drop_table('item_response')
    with op.batch_alter_table('indicator_mark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_mark_scorecard_id'))

    op.drop_table('indicator_mark')
    with op.batch_alter_table('addendum', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_addendum_scorecard_id'))

    op.drop_table('addendum')
    with op.batch_alter_table('scorecard', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scorecard_interviewer'))
        batch_op.drop_index(batch_op.f('ix_scorecard_candidate_id'))

    op.drop_table('scorecard')
    with op.batch_alter_table('kit_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kit_version_kit_id'))

    op.drop_table('kit_version')
    with op.batch_alter_table('candidate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidate_name'))
        batch_op.drop_index(batch_op.f('ix_candidate_kit_id'))

    op.drop_table('candidate')
