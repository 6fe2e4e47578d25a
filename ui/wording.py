"""The plaza's words for states, times, fees and waits, in the visitor's language."""

from __future__ import annotations

from datetime import date, time

from kiosk.availability import Availability, Reason
from kiosk.vocabulary import Priority
from kiosk.waiting import WaitEstimate
from ui.i18n import locale, rupiah, translate


def hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def day_name(day: date, lang: str) -> str:
    return locale(lang).toString(day, "dddd, d MMMM")


def when_open_again(availability: Availability, lang: str) -> str:
    if availability.resumes_at is not None:
        return translate("Wording", "Numbers can be taken again at %1.").replace(
            "%1", hhmm(availability.resumes_at))
    if availability.next_open is not None:
        day, opens = availability.next_open
        return translate("Wording", "Numbers can be taken again on %1 from %2.").replace(
            "%1", day_name(day, lang)).replace("%2", hhmm(opens))
    return ""


def why_not(availability: Availability, lang: str) -> str:
    """A sentence saying why no number can be taken now, and when it can."""
    reason = availability.reason
    hours = availability.today_hours
    if reason is Reason.HOLIDAY and availability.holiday is not None:
        first = translate("Wording", "Today is a public holiday (%1).").replace(
            "%1", availability.holiday.get(lang))
    elif reason is Reason.NOT_YET_OPEN and hours:
        first = translate("Wording", "This service opens at %1.").replace("%1", hhmm(hours[0]))
    else:
        first = {
            Reason.CLOSED_BY_STAFF: translate("Wording", "This service is closed today."),
            Reason.HOLIDAY: translate("Wording", "Today is a public holiday."),
            Reason.CLOSED_TODAY: translate("Wording", "This service is not open today."),
            Reason.NOT_YET_OPEN: translate("Wording", "This service is not open yet."),
            Reason.FRIDAY_BREAK: translate("Wording", "Break for Friday prayers."),
            Reason.AFTER_CUTOFF: translate("Wording", "Today's last number has been given out."),
            Reason.CLOSED_NOW: translate("Wording", "This service has closed for today."),
            Reason.QUOTA_FULL: translate("Wording", "Today's quota is full."),
            Reason.NOT_AVAILABLE: translate(
                "Wording", "No number can be given for this service here right now. "
                "Please ask at the information desk."),
            Reason.OPEN: "",
        }[reason]
    return " ".join(part for part in (first, when_open_again(availability, lang)) if part)


def today_hours(availability: Availability) -> str:
    hours = availability.today_hours
    if hours is None:
        return translate("Wording", "Closed today")
    return translate("Wording", "Today %1–%2").replace("%1", hhmm(hours[0])).replace(
        "%2", hhmm(hours[1]))


def fee(amount: int) -> str:
    return translate("Wording", "Free") if amount == 0 else rupiah(amount)


def wait(estimate: WaitEstimate | None) -> str:
    if estimate is None:
        return translate("Wording", "Waiting time unknown")
    if estimate.is_now:
        return translate("Wording", "You are next")
    if estimate.low_minutes == 0:
        return translate("Wording", "About %1 minutes at most").replace(
            "%1", str(estimate.high_minutes))
    return translate("Wording", "About %1–%2 minutes").replace(
        "%1", str(estimate.low_minutes)).replace("%2", str(estimate.high_minutes))


def people_ahead(count: int) -> str:
    if count == 0:
        return translate("Wording", "Nobody is ahead of you")
    if count == 1:
        return translate("Wording", "1 person is ahead of you")
    return translate("Wording", "%1 people are ahead of you").replace("%1", str(count))


def counters(names: tuple[str, ...]) -> str:
    listed = names[0] if len(names) == 1 else translate("Wording", "%1 or %2").replace(
        "%1", ", ".join(names[:-1])).replace("%2", names[-1])
    return translate("Wording", "Counter %1").replace("%1", listed)


def minutes(value: int) -> str:
    if value == 1:
        return translate("Wording", "1 minute")
    return translate("Wording", "%1 minutes").replace("%1", str(value))


def count(template: str, value: int) -> str:
    """Fill a translated "…: %1" style count (no plural forms needed in either language)."""
    return template.replace("%1", str(value))


PRIORITY_CHOICES = tuple(Priority)


def priority_name(code: str) -> str:
    return {
        Priority.ELDERLY: translate("Wording", "Elderly (60+)"),
        Priority.DISABILITY: translate("Wording", "Disability"),
        Priority.PREGNANT: translate("Wording", "Pregnant"),
    }[Priority(code)]
