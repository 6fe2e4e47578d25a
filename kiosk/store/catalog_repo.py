"""Catalog records <-> store rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from kiosk.catalog import (
    WEEKDAYS,
    Agency,
    Catalog,
    Category,
    Holiday,
    Plaza,
    Service,
    Text,
    TextList,
    parse_hhmm,
)
from kiosk.store.models import (
    AgencyRow,
    AnnouncementRow,
    CategoryRow,
    HolidayRow,
    PlazaRow,
    ServiceRow,
)


def _hhmm(value: Any) -> str:
    return value.strftime("%H:%M")


def _text(value: Text) -> dict[str, str]:
    return {"id": value.id, "en": value.en}


def _list(value: TextList) -> dict[str, list[str]]:
    return {"id": list(value.id), "en": list(value.en)}


def save_catalog(session: Session, catalog: Catalog) -> None:
    """Replace the catalog in the store. Services no longer listed are hidden, not deleted,
    because tickets refer to them."""
    plaza = catalog.plaza
    session.execute(delete(PlazaRow))
    session.add(
        PlazaRow(
            code=plaza.code, name_id=plaza.name.id, name_en=plaza.name.en, city=plaza.city,
            timezone=plaza.timezone, address=plaza.address, sample=catalog.sample,
            friday_break=[_hhmm(t) for t in plaza.friday_break] if plaza.friday_break else None,
        )
    )
    for position, category in enumerate(catalog.categories):
        session.merge(CategoryRow(code=category.code, name_id=category.name.id,
                                  name_en=category.name.en, icon=category.icon, position=position))
    for position, agency in enumerate(catalog.agencies):
        session.merge(AgencyRow(code=agency.code, short_name=agency.short_name,
                                name_id=agency.name.id, name_en=agency.name.en,
                                color=agency.color, position=position))
    session.flush()
    session.execute(update(ServiceRow).values(active=False))
    for position, service in enumerate(catalog.services):
        session.merge(
            ServiceRow(
                code=service.code, agency_code=service.agency, category_code=service.category,
                prefix=service.prefix, name=_text(service.name),
                description=_text(service.description),
                requirements=_list(service.requirements), steps=_list(service.steps),
                fee=service.fee, fee_note=_text(service.fee_note) if service.fee_note else None,
                duration_minutes=service.duration_minutes, counters=list(service.counters),
                hours={WEEKDAYS[day]: [_hhmm(o), _hhmm(c)] for day, (o, c) in service.hours.items()},
                info_url=service.info_url, priority_allowed=service.priority_allowed,
                daily_quota=service.daily_quota,
                last_number=_hhmm(service.last_number) if service.last_number else None,
                active=True, position=position,
            )
        )
    session.execute(delete(HolidayRow))
    session.add_all(HolidayRow(day=h.day, name_id=h.name.id, name_en=h.name.en)
                    for h in catalog.holidays)
    session.execute(delete(AnnouncementRow))
    session.add_all(AnnouncementRow(text_id=a.id, text_en=a.en) for a in catalog.announcements)


def _service(row: ServiceRow) -> Service:
    return Service(
        code=row.code, agency=row.agency_code, category=row.category_code, prefix=row.prefix,
        name=Text(**row.name), description=Text(**row.description),
        requirements=TextList(tuple(row.requirements["id"]), tuple(row.requirements["en"])),
        steps=TextList(tuple(row.steps["id"]), tuple(row.steps["en"])),
        fee=row.fee, fee_note=Text(**row.fee_note) if row.fee_note else None,
        duration_minutes=row.duration_minutes, counters=tuple(row.counters),
        hours={WEEKDAYS.index(day): (parse_hhmm(o, day), parse_hhmm(c, day))
               for day, (o, c) in row.hours.items()},
        info_url=row.info_url, priority_allowed=row.priority_allowed,
        daily_quota=row.daily_quota,
        last_number=parse_hhmm(row.last_number, "last_number") if row.last_number else None,
    )


def read_catalog(session: Session) -> Catalog | None:
    """The catalog in the store, or None when the store has none yet."""
    plaza_row = session.scalars(select(PlazaRow)).first()
    if plaza_row is None:
        return None
    friday = plaza_row.friday_break
    plaza = Plaza(
        code=plaza_row.code, name=Text(plaza_row.name_id, plaza_row.name_en), city=plaza_row.city,
        timezone=plaza_row.timezone, address=plaza_row.address,
        friday_break=(parse_hhmm(friday[0], "friday_break"), parse_hhmm(friday[1], "friday_break"))
        if friday else None,
    )
    services = tuple(
        _service(r)
        for r in session.scalars(
            select(ServiceRow).where(ServiceRow.active).order_by(ServiceRow.position)
        )
    )
    # Agencies and categories of an earlier catalog stay in the store while old tickets
    # point at them; the kiosk shows only those the current services use.
    used_agencies = {s.agency for s in services}
    used_categories = {s.category for s in services}
    categories = tuple(
        Category(r.code, Text(r.name_id, r.name_en), r.icon)
        for r in session.scalars(select(CategoryRow).order_by(CategoryRow.position))
        if r.code in used_categories
    )
    agencies = tuple(
        Agency(r.code, r.short_name, Text(r.name_id, r.name_en), r.color)
        for r in session.scalars(select(AgencyRow).order_by(AgencyRow.position))
        if r.code in used_agencies
    )
    holidays = tuple(
        Holiday(r.day, Text(r.name_id, r.name_en))
        for r in session.scalars(select(HolidayRow).order_by(HolidayRow.day))
    )
    announcements = tuple(
        Text(r.text_id, r.text_en)
        for r in session.scalars(select(AnnouncementRow).order_by(AnnouncementRow.id))
    )
    return Catalog(plaza, categories, agencies, services, holidays, announcements,
                   sample=plaza_row.sample)
