"""What the city server says changed, written into the local store: other kiosks' tickets,
staff overrides made elsewhere, the catalog's version. The sync engine fetches; this applies,
each page in one transaction together with the cursor it leads to (so a crash between the
two can only repeat a page, and applying a page twice changes nothing)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select

from kiosk.local_plaza import CATALOG_ETAG, WAITING
from kiosk.store.db import Store
from kiosk.store.models import ServiceDayOverride, ServiceRow, Setting, TicketEventRow, TicketRow

log = logging.getLogger(__name__)

CURSOR = "feed.cursor"
__all__ = ["CATALOG_ETAG", "CURSOR", "apply", "setting"]


def setting(store: Store, key: str) -> str | None:
    with store.sessions() as session:
        row = session.get(Setting, key)
        return row.value if row else None


def _set(session, key: str, value: str) -> None:
    session.merge(Setting(key=key, value=value))


def apply(store: Store, changes: Iterable[tuple[str, dict[str, Any]]], cursor: str,
          at: datetime) -> str | None:
    """Apply a page of changes and move the cursor. Returns the newest catalog ETag named."""
    catalog_etag = None
    with store.transaction() as session:
        services = set(session.scalars(select(ServiceRow.code)).all())
        for kind, data in changes:
            try:
                if kind == "ticket":
                    _ticket(session, data, services, at)
                elif kind == "service.override":
                    _override(session, data, services, at)
                elif kind == "catalog":
                    catalog_etag = str(data["etag"])
            except (KeyError, ValueError, TypeError) as error:  # one bad change, not the page
                log.warning("change feed: %s change not applied (%s): %s", kind, error, data)
        _set(session, CURSOR, cursor)
    return catalog_etag


def _ticket(session, data: dict[str, Any], services: set[str], at: datetime) -> None:
    row = session.get(TicketRow, data["id"])
    if row is not None:
        if row.state != data["state"]:
            row.state = data["state"]
            session.add(TicketEventRow(ticket_id=row.id, state=row.state, at=at,
                                       device_id=str(data["device_id"])))
        return
    if data["service"] not in services:
        return  # a service this kiosk does not show (yet): the catalog change follows
    number = str(data["number"])
    day = date.fromisoformat(data["service_day"])
    clash = session.scalar(select(TicketRow.id).where(
        TicketRow.service_code == data["service"], TicketRow.service_day == day,
        TicketRow.number == number))
    if clash is not None:
        log.error("change feed: %s on %s is held here by ticket %s too", number, day, clash)
        return
    session.add(TicketRow(
        id=data["id"], public_code=str(data["public_code"]), service_code=data["service"],
        service_day=day, sequence=int(data["sequence"]), number=number,
        priority=data.get("priority"), state=str(data["state"]),
        issued_at=datetime.fromisoformat(data["issued_at"]), device_id=str(data["device_id"]),
    ))
    session.flush()
    session.add(TicketEventRow(ticket_id=data["id"], state=WAITING, at=at,
                               device_id=str(data["device_id"])))


def _override(session, data: dict[str, Any], services: set[str], at: datetime) -> None:
    if data["service"] not in services:
        return
    day = date.fromisoformat(data["service_day"])
    session.execute(delete(ServiceDayOverride).where(
        ServiceDayOverride.service_code == data["service"],
        ServiceDayOverride.service_day == day))
    if data.get("state") is not None:
        session.add(ServiceDayOverride(service_code=data["service"], service_day=day,
                                       state=str(data["state"]), set_at=at))
