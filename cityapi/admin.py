"""The city API's own commands (`plaza-kiosk server …`): import a catalog, make an enrolment
code, add staff, revoke a device, print a day's figures, make a period's report, or serve.
The command line only parses and calls `run`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

import platformdirs
import uvicorn

from cityapi.app import create_app, server_clock
from cityapi.catalog_import import import_catalog
from cityapi.counters import add_staff
from cityapi.database import open_database
from cityapi.devices import EnrolmentError, new_enrolment_code, revoke
from cityapi.figures import as_table, day_figures
from cityapi.models import Plaza
from cityapi.settings import DATABASE_ENV, ServerSettings
from kiosk.catalog import CatalogError
from kiosk.service_day import now_utc, service_day


def run(args: argparse.Namespace, read_pin: Callable[[], str | None]) -> int:
    """`plaza-kiosk server [ADMIN]`: one admin command on the database, or serve the API."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its plugin chatter is not for IT
    url = args.db
    if url is None:
        folder = Path(platformdirs.user_data_dir("plaza-kiosk"))
        folder.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{folder / 'cityapi.db'}"
    try:
        sessions = open_database(url)
    except Exception as error:  # a wrong URL, a server that is down: one clear line
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        print(f"plaza-kiosk server: cannot open the database {url}: {reason}", file=sys.stderr)
        return 2
    if args.admin == "import-catalog":
        try:
            with sessions.begin() as session:
                plaza, count, problems = import_catalog(session, args.file, now_utc(),
                                                        ServerSettings().link_hosts)
        except CatalogError as error:
            print(f"plaza-kiosk server: {error}", file=sys.stderr)
            return 2
        print(f"plaza {plaza}: {count} services loaded; {len(problems)} problems")
        for problem in problems:  # each says what became of its entry: refused, or link dropped
            print(f"  {problem}")
        return 0
    if args.admin == "enrolment-code":
        try:
            with sessions.begin() as session:
                print(new_enrolment_code(session, args.plaza, args.role, now_utc()))
        except EnrolmentError as error:
            print(f"plaza-kiosk server: {error}", file=sys.stderr)
            return 2
        return 0
    if args.admin == "add-staff":
        pin = read_pin()
        if pin is None:
            return 2
        try:
            with sessions.begin() as session:
                print(add_staff(session, args.plaza, args.name, pin, now_utc()))
        except ValueError as error:
            print(f"plaza-kiosk server: {error}", file=sys.stderr)
            return 2
        return 0
    if args.admin == "figures":
        with sessions() as session:
            plaza = session.get(Plaza, args.plaza)
            if plaza is None:
                print(f"plaza-kiosk server: no plaza {args.plaza!r}", file=sys.stderr)
                return 2
            day = args.day or service_day(now_utc(), plaza.timezone)
            print(as_table(day_figures(session, args.plaza, day)))
        return 0
    if args.admin == "report":
        return _report(sessions, args)
    if args.admin == "revoke":
        with sessions.begin() as session:
            found = revoke(session, args.device_id, now_utc())
        print("revoked" if found else f"no device {args.device_id}")
        return 0 if found else 2
    sessions.kw["bind"].dispose()
    # Long-polls end within 2 s of a stop instead of holding it for their whole wait.
    if args.workers > 1:
        os.environ[DATABASE_ENV] = url
        uvicorn.run("cityapi.app:from_environment", factory=True, workers=args.workers,
                    host=args.host, port=args.port, log_level="info", timeout_graceful_shutdown=2)
    else:
        settings = ServerSettings()
        uvicorn.run(create_app(sessions, server_clock(settings), settings), host=args.host,
                    port=args.port, log_level="info", timeout_graceful_shutdown=2)
    return 0


def _report(sessions, args: argparse.Namespace) -> int:
    """`plaza-kiosk server report`: the period's IKM and service report, as HTML, PDF or CSV,
    to a file or standard output."""
    from cityapi.report import ReportError, build_report, report_csv, report_html, report_pdf

    try:
        with sessions() as session:
            made = build_report(session, args.plaza, args.start, args.end, now_utc())
        if args.format == "pdf":
            content: bytes = report_pdf(made, args.lang)
        else:
            text = report_csv(made) if args.format == "csv" else report_html(made, args.lang)
            content = text.encode("utf-8")
    except ReportError as error:
        print(f"plaza-kiosk server: {error}", file=sys.stderr)
        return 2
    if args.out is None or str(args.out) == "-":
        if args.format == "pdf" and sys.stdout.isatty():
            print("plaza-kiosk server: a PDF is not for the terminal; give --out FILE",
                  file=sys.stderr)
            return 2
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        args.out.write_bytes(content)
        print(f"{args.out}: {args.format} report of {args.plaza}, {args.start} to {args.end}",
              file=sys.stderr)
    return 0
