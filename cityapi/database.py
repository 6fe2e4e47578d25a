"""The city API's database: SQLite by default, PostgreSQL (psycopg 3) in production."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store.db import configure_sqlite, migrating

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        # The kiosk's own SQLite setup: the same durability and locking rules serve here.
        engine = configure_sqlite(create_engine(url, connect_args={"check_same_thread": False}))
    else:
        engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    return engine


def migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with migrating(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_database(url: str) -> sessionmaker[Session]:
    engine = make_engine(url)
    migrate(engine)
    return sessionmaker(engine, expire_on_commit=False)


def upsert(session: Session, table: Any) -> Any:
    """The dialect's INSERT, which has ON CONFLICT (SQLite and PostgreSQL spell it alike)."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
