"""Alembic environment for the kiosk's local store.

Run from code (`kiosk.store.db.migrate`) with a live connection in
`config.attributes["connection"]`, or from the command line with `alembic.ini`.
"""

from alembic import context
from sqlalchemy import create_engine

from kiosk.store.models import Base

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as connection:
            _migrate(connection)
    else:
        _migrate(connection)


def _migrate(connection) -> None:
    # render_as_batch: SQLite can only alter tables by copying them.
    context.configure(
        connection=connection, target_metadata=Base.metadata, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


run()
