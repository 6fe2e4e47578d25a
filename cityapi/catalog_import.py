"""A plaza's catalog in the city API (the format of docs/catalog-format.md): imported from a
file, changed one service at a time, served to devices with an ETag."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ConfigDict, field_validator
from sqlalchemy.orm import Session

from cityapi import changes
from cityapi.models import Plaza, Service
from kiosk.catalog import CATALOG_MAX_BYTES, DEFAULT_LINK_HOSTS, CatalogError, LoadReport
from kiosk.catalog_format import ServiceEntry, load_catalog_data, read_catalog_file
from kiosk.feed import CatalogChange


def etag(document: dict[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def import_catalog(session: Session, path: Path, now: datetime,
                   link_hosts: tuple[str, ...] = DEFAULT_LINK_HOSTS) -> tuple[str, int, list[str]]:
    """Returns (plaza code, services loaded, refused entries). `link_hosts`: the server's
    hosts for QR links, for a catalog that names none of its own."""
    report = check_document(read_catalog_file(path), path.name, link_hosts)
    _store(session, report, now)
    return report.catalog.plaza.code, len(report.catalog.services), report.problems


class ServicePut(ServiceEntry):
    """`PUT /v1/services/{code}`: one service entry of the catalog format
    (docs/catalog-format.md). A field the format does not have is refused, not stored."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("info_url", mode="before")
    @classmethod
    def _link_allowed(cls, url: Any) -> Any:
        return url  # checked against the plaza's own link hosts when the catalog is stored

    def entry(self) -> dict[str, Any]:
        """The entry as stored in the catalog document: only the format's fields."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


def change_service(session: Session, plaza_code: str, entry: dict[str, Any],
                   now: datetime, link_hosts: tuple[str, ...] = DEFAULT_LINK_HOSTS) -> str:
    """Add or replace one service of a plaza's catalog; returns the catalog's new ETag.
    A service the catalog rules refuse raises CatalogError with the reason."""
    # Locked while read and rewritten: two admins changing two services both keep theirs.
    plaza = session.get(Plaza, plaza_code, with_for_update={"key_share": True})
    if plaza is None or plaza.catalog is None:
        raise CatalogError(f"no catalog for plaza {plaza_code!r}; import one first")
    document = copy.deepcopy(plaza.catalog)
    others = [s for s in document.get("services", []) if s.get("code") != entry.get("code")]
    document["services"] = [*others, entry]
    report = check_document(document, f"{plaza_code} service change", link_hosts)
    if entry.get("code") not in {s.code for s in report.catalog.services}:
        problem = next((p for p in report.problems if f"({entry.get('code')})" in p
                        or str(entry.get("code")) in p), "the service was refused")
        raise CatalogError(problem)
    return _store(session, report, now)


def check_document(document: Any, source: str,
                   link_hosts: tuple[str, ...] = DEFAULT_LINK_HOSTS) -> LoadReport:
    """A catalog document read by the catalog rules (refused entries listed, not fatal)."""
    return load_catalog_data(document, link_hosts, source)


def _store(session: Session, report: LoadReport, now: datetime) -> str:
    """Keep the catalog as checked: only its accepted entries and the format's fields, with
    the link hosts it was checked against. Devices get exactly this and agree with it."""
    catalog, document = report.catalog, report.document
    if len(json.dumps(document)) > CATALOG_MAX_BYTES:  # it goes to every device
        raise CatalogError(f"the catalog is larger than {CATALOG_MAX_BYTES // 1_000_000} MB")
    plaza = catalog.plaza
    tag = etag(document)
    session.merge(Plaza(code=plaza.code, name={"id": plaza.name.id, "en": plaza.name.en},
                        timezone=plaza.timezone, catalog=document, catalog_etag=tag))
    session.flush()
    for service in catalog.services:
        session.merge(Service(plaza_code=plaza.code, code=service.code, prefix=service.prefix,
                              name={"id": service.name.id, "en": service.name.en},
                              counters={"names": list(service.counters)}))
    changes.record(session, plaza.code, CatalogChange(tag), now)
    return tag
