"""Alembic environment: always run programmatically by `storage.migrate`, on a connection it passes in."""

from alembic import context
from sqlmodel import SQLModel

from scorecard.storage import tables  # noqa: F401  (registers every table on SQLModel.metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite can only ALTER by copying tables; batch mode does that safely
)
with context.begin_transaction():
    context.run_migrations()
