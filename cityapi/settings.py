"""The city server's own settings, each declared once here with its default, read from the
environment (`PLAZA_CITY_…`) so every API process of a server reads the same. A plaza's own
facts (name, time zone, hours, holidays, quotas, announcements, the hosts its QR links may
point to) are not settings: they are its catalog, which the server holds and checks once."""

from __future__ import annotations

from pydantic import AwareDatetime, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from kiosk.catalog import DEFAULT_LINK_HOSTS

ENV_PREFIX = "PLAZA_CITY_"
DATABASE_ENV = f"{ENV_PREFIX}DATABASE_URL"  # set by `--workers N` for each worker process
CLOCK_ENV = f"{ENV_PREFIX}CLOCK_START"
RATE = r"^\d+/(second|minute|hour)$"


class ServerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="ignore")

    database_url: str | None = Field(
        None, description="the database every API process serves")
    clock_start: AwareDatetime | None = Field(
        None, description="an instant the server's clock starts from and ticks on (tests, "
                          "demos); unset: the real clock")
    link_hosts: tuple[str, ...] = Field(
        DEFAULT_LINK_HOSTS, description="hosts a QR link may point to, for a plaza whose "
                                        "catalog names none of its own (a JSON list)")
    max_body_bytes: int = Field(1_000_000, ge=1_000,
                                description="largest request body; a full batch is far below")
    # Per client address (a plaza's consoles and visitors' phones often share one), in the
    # `limits` notation: "N/second|minute|hour".
    sign_in_rate: str = Field("60/minute", pattern=RATE,
                              description="counter sign-ins per address")
    enrol_rate: str = Field("20/minute", pattern=RATE, description="enrolments per address")
    tracking_rate: str = Field("1200/minute", pattern=RATE,
                               description="tracking page views per address")
    long_poll_max: int = Field(25, ge=1, le=120,
                               description="seconds a long-poll may be held at most (devices "
                                           "read with a longer timeout)")
