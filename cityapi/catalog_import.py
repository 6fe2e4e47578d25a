"""A plaza's catalog in the city API (the format of docs/catalog-format.md): imported from a
file, changed one service at a time, served to devices with an ETag."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from cityapi import changes
from cityapi.models import Plaza, Service
from kiosk.catalog import CatalogError, LoadReport, load_catalog_data, read_catalog_file
from kiosk.config import OPTIONS


def etag(document: dict[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def import_catalog(session: Session, path: Path, now: datetime) -> tuple[str, int, list[str]]:
    """Returns (plaza code, services loaded, refused entries)."""
    document = read_catalog_file(path)
    report = check_document(document, path.name)
    _store(session, document, report, now)
    return report.catalog.plaza.code, len(report.catalog.services), report.problems


def change_service(session: Session, plaza_code: str, entry: dict[str, Any],
                   now: datetime) -> str:
    """Add or replace one service of a plaza's catalog; returns the catalog's new ETag.
    A service the catalog rules refuse raises CatalogError with the reason."""
    # Locked while read and rewritten: two admins changing two services both keep theirs.
    plaza = session.get(Plaza, plaza_code, with_for_update={"key_share": True})
    if plaza is None or plaza.catalog is None:
        raise CatalogError(f"no catalog for plaza {plaza_code!r}; import one first")
    document = copy.deepcopy(plaza.catalog)
    others = [s for s in document.get("services", []) if s.get("code") != entry.get("code")]
    document["services"] = [*others, entry]
    report = check_document(document, f"{plaza_code} service change")
    if entry.get("code") not in {s.code for s in report.catalog.services}:
        problem = next((p for p in report.problems if f"({entry.get('code')})" in p
                        or str(entry.get("code")) in p), "the service was refused")
        raise CatalogError(problem)
    return _store(session, document, report, now)


def check_document(document: Any, source: str) -> LoadReport:
    """A catalog document read by the catalog rules (refused entries listed, not fatal)."""
    return load_catalog_data(document, OPTIONS["qr"]["allowed_hosts"].default, source)


def _store(session: Session, document: dict[str, Any], report: LoadReport, now: datetime) -> str:
    catalog = report.catalog
    plaza = catalog.plaza
    tag = etag(document)
    session.merge(Plaza(code=plaza.code, name={"id": plaza.name.id, "en": plaza.name.en},
                        timezone=plaza.timezone, catalog=document, catalog_etag=tag))
    session.flush()
    for service in catalog.services:
        session.merge(Service(plaza_code=plaza.code, code=service.code, prefix=service.prefix,
                              name={"id": service.name.id, "en": service.name.en},
                              counters={"names": list(service.counters)}))
    changes.record(session, plaza.code, "catalog", {"etag": tag}, now)
    return tag
