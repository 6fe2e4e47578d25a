"""Alembic environment for the city API's database (run by cityapi.database.migrate)."""

from alembic import context

from cityapi.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
