"""Loading a plaza's catalog (the format of docs/catalog-format.md) into the city API."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from cityapi.models import Plaza, Service
from kiosk.catalog import load_catalog_file
from kiosk.config import OPTIONS


def import_catalog(session: Session, path: Path) -> tuple[str, int, list[str]]:
    """Returns (plaza code, services loaded, refused entries)."""
    report = load_catalog_file(path, OPTIONS["qr"]["allowed_hosts"].default)
    catalog = report.catalog
    plaza = catalog.plaza
    session.merge(Plaza(code=plaza.code, name={"id": plaza.name.id, "en": plaza.name.en},
                        timezone=plaza.timezone))
    session.flush()
    for service in catalog.services:
        session.merge(Service(plaza_code=plaza.code, code=service.code, prefix=service.prefix,
                              name={"id": service.name.id, "en": service.name.en},
                              counters={"names": list(service.counters)}))
    return plaza.code, len(catalog.services), report.problems
