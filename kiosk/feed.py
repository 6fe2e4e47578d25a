"""What the city server says changed, written into the local store: other kiosks' tickets,
staff overrides made elsewhere, the catalog's version. The sync engine fetches; this applies,
each page in one transaction together with the cursor it leads to (so a crash between the
two can only repeat a page, and applying a page twice changes nothing)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select

from kiosk.calls import Call
from kiosk.local_plaza import CATALOG_ETAG, WAITING
from kiosk.store.db import Store
from kiosk.store.models import ServiceDayOverride, ServiceRow, Setting, TicketEventRow, TicketRow

log = logging.getLogger(__name__)

CURSOR = "feed.cursor"
__all__ = ["CATALOG_ETAG", "CURSOR", "apply", "setting"]


def setting(store: Store, key: str) -> str | None:
    with store.read() as session:
        row = session.get(Setting, key)
        return row.value if row else None


def _set(session, key: str, value: str) -> None:
    session.merge(Setting(key=key, value=value))


@dataclass
class Applied:
    """What a page brought that the device acts on besides its store."""

    catalog_etag: str | None = None  # the newest catalog version named
    calls: list[Call] = field(default_factory=list)  # tickets called to counters, in order


KNOWN = ("ticket", "service.override", "catalog", "call", "counter")
_skipped: set[str] = set()  # kinds of a newer server already logged once


def apply(store: Store, changes: Iterable[tuple[str, dict[str, Any]]], cursor: str | None,
          at: datetime, *, overrides_from: date | None = None) -> Applied:
    """Apply a page of changes and move the cursor (None: keep it, as for a ticket a counter
    action returned, which the feed brings again later). `overrides_from`: the page is a
    snapshot, the whole truth from that day on: staff overrides it does not name were
    lifted while this device was away and go."""
    applied = Applied()
    with store.transaction() as session:
        if overrides_from is not None:
            session.execute(delete(ServiceDayOverride).where(
                ServiceDayOverride.service_day >= overrides_from))
        services = set(session.scalars(select(ServiceRow.code)).all())
        for kind, data in changes:
            try:
                if kind == "ticket":
                    _ticket(session, data, services, at)
                elif kind == "service.override":
                    _override(session, data, services, at)
                elif kind == "catalog":
                    applied.catalog_etag = str(data["etag"])
                elif kind == "call":
                    applied.calls.append(Call(
                        ticket_id=str(data["ticket"]), number=str(data["number"]),
                        counter=str(data["counter"]), service=str(data["service"]),
                        at=datetime.fromisoformat(data["at"]), recall=int(data["recall"])))
                elif kind not in KNOWN and kind not in _skipped:
                    # A newer server's kind: skipped, so an older device keeps working.
                    _skipped.add(kind)
                    log.warning("change feed: skipping changes of kind %r (this version does "
                                "not know it; an update will)", kind)
            except (KeyError, ValueError, TypeError) as error:  # one bad change, not the page
                log.warning("change feed: %s change not applied (%s): %s", kind, error, data)
        if cursor is not None:
            _set(session, CURSOR, cursor)
    return applied


def _moment(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _follow(row: TicketRow, data: dict[str, Any], services: set[str]) -> None:
    """Take over what a counter did to the ticket (absent in older servers' changes)."""
    if "queue" in data:
        row.queue = data["queue"] if data["queue"] in services else None
        row.counter = data.get("counter")
        row.called_at = _moment(data.get("called_at"))
        row.recalls = int(data.get("recalls") or 0)
        row.serving_at = _moment(data.get("serving_at"))
        row.finished_at = _moment(data.get("finished_at"))


def _ticket(session, data: dict[str, Any], services: set[str], at: datetime) -> None:
    row = session.get(TicketRow, data["id"])
    if row is not None:
        when = _moment(data.get("changed_at")) or at
        if row.state != data["state"]:
            row.state = data["state"]
            session.add(TicketEventRow(ticket_id=row.id, state=row.state, at=when,
                                       device_id=str(data["device_id"]), counter=data.get("counter")))
        _follow(row, data, services)
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
    row = TicketRow(
        id=data["id"], public_code=str(data["public_code"]), service_code=data["service"],
        service_day=day, sequence=int(data["sequence"]), number=number,
        priority=data.get("priority"), state=str(data["state"]),
        issued_at=datetime.fromisoformat(data["issued_at"]), device_id=str(data["device_id"]),
    )
    _follow(row, data, services)
    session.add(row)
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
