"""The plaza's rules on the server, which has the last word (DESIGN §2, §3): whether a number
may be taken for a service now — hours, holidays, the Friday break, the last-number time, the
day's quota, closed by staff — with the same reasons a kiosk gives (kiosk.availability).

The rules themselves live once, in kiosk/; this module feeds them what the server knows: the
plaza's catalog as stored, its tickets and staff overrides, and its clock.
"""

from __future__ import annotations

import threading
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cityapi.catalog_import import check_document
from cityapi.models import Plaza, ServiceDayOverride, Ticket
from kiosk.availability import Availability, StaffOverride, check_availability
from kiosk.catalog import Catalog, Service
from kiosk.service_day import local_time, service_day
from kiosk.vocabulary import TicketState

_KEPT = 16  # parsed catalogs kept (by ETag): a plaza changes its catalog a few times a day
_parsed: dict[str, Catalog] = {}
_parsed_lock = threading.Lock()


def catalog_of(plaza: Plaza) -> Catalog:
    """The plaza's stored catalog, read by the catalog rules once per version."""
    tag = plaza.catalog_etag or ""
    with _parsed_lock:
        found = _parsed.get(tag)
    if found is None:
        found = check_document(plaza.catalog, f"{plaza.code} catalog {tag}").catalog
        with _parsed_lock:
            if len(_parsed) >= _KEPT:
                _parsed.pop(next(iter(_parsed)))
            _parsed[tag] = found
    return found


def _service(plaza: Plaza | None, service_code: str) -> tuple[Catalog, Service] | None:
    if plaza is None or plaza.catalog is None:
        return None
    catalog = catalog_of(plaza)
    service = next((s for s in catalog.services if s.code == service_code), None)
    return None if service is None else (catalog, service)


def today(session: Session, plaza_code: str, now: datetime) -> date:
    """The plaza's service day at `now`, in its own time zone."""
    return service_day(now, session.get(Plaza, plaza_code).timezone)


def issued_on(session: Session, plaza_code: str, service_code: str, day: date) -> int:
    """Tickets of the day that count against its quota (a withdrawn take does not)."""
    return session.scalar(select(func.count()).select_from(Ticket).where(
        Ticket.plaza_code == plaza_code, Ticket.service_code == service_code,
        Ticket.service_day == day, Ticket.state != TicketState.CANCELLED)) or 0


def quota_full(session: Session, plaza_code: str, service_code: str, day: date) -> bool:
    """Whether the day's quota is already taken (a ticket numbered offline still counts in)."""
    found = _service(session.get(Plaza, plaza_code), service_code)
    quota = found[1].daily_quota if found else None
    return quota is not None and issued_on(session, plaza_code, service_code, day) >= quota


def availability(session: Session, plaza_code: str, service_code: str,
                 now: datetime) -> Availability | None:
    """Whether a number can be taken for the service at `now`; None when the plaza's catalog
    has no such service. Count and overrides are read in the caller's transaction: called
    under the plaza's lock, two takes never both see the last place of a quota."""
    plaza = session.get(Plaza, plaza_code)
    found = _service(plaza, service_code)
    if found is None:
        return None
    catalog, service = found
    today = service_day(now, plaza.timezone)
    issued = issued_on(session, plaza_code, service_code, today)
    override = session.scalar(select(ServiceDayOverride.state).where(
        ServiceDayOverride.plaza_code == plaza_code,
        ServiceDayOverride.service_code == service_code,
        ServiceDayOverride.service_day == today))
    return check_availability(
        service, catalog.plaza, local_time(now, plaza.timezone), issued_today=issued,
        holidays={holiday.day: holiday for holiday in catalog.holidays},
        override=StaffOverride(override) if override else None)
