"""`plaza-kiosk`: parse the command line, then import only what the subcommand needs.

This is the composition root, the one module allowed to reach every package; keep it thin.
"""

from __future__ import annotations

import argparse
import faulthandler
import getpass
import logging
import os
import sys
from datetime import date, datetime
from pathlib import Path

from kiosk.vocabulary import DEVICE_ROLES, Role

DEFAULT_SIZES = {"kiosk": (1080, 1920), "counter": (1280, 800), "display": (1920, 1080)}
SCREENS = ("kiosk", "demo", "counter", "display")  # commands that own a screen: never blank
SCREEN_NAMES = ("home", "services", "service", "search", "ticket", "queue", "staff", "info", "attract",
                "survey")


def _size(text: str, least: int = 320) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1080x1920, not {text!r}") from None
    if not (least <= width <= 7680 and least <= height <= 7680):
        raise argparse.ArgumentTypeError(f"width and height must be {least}-7680 pixels")
    return width, height


def _geometry(text: str) -> tuple[int, int, int, int]:
    """WxH+X+Y (as X11 writes it) -> (x, y, width, height)."""
    try:
        size, x, y = text.split("+")
        width, height = _size(size, least=160)  # the demo's windows on a small screen
        return int(x), int(y), width, height
    except (ValueError, argparse.ArgumentTypeError):
        raise argparse.ArgumentTypeError(f"geometry must look like 540x960+0+0, not {text!r}") from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a day must look like 2026-11-24, not {text!r}") from None


def _local_time(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"time must look like 2026-11-24T10:00, not {text!r}") from None


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="plaza-kiosk", description=__doc__.splitlines()[0])
    top.add_argument("--config", type=Path, help="config file (default: $PLAZA_KIOSK_CONFIG or the "
                     "user config folder)")
    top.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    commands = top.add_subparsers(dest="command", required=True)

    for mode, what in (("kiosk", "the visitor kiosk"),
                       ("counter", "the staff counter console (1280x800 touch panel)"),
                       ("display", "the hall's display board (a 1920x1080 TV)")):
        device = commands.add_parser(mode, help=f"run {what}")
        device.add_argument("--windowed", action="store_true",
                            help="a normal window instead of locked-down fullscreen (development)")
        device.add_argument("--geometry", type=_geometry, metavar="WxH+X+Y",
                            help="with --windowed: the window's size and place, e.g. 540x960+0+0")
        # For bench/ and the demo's test: print the wall-clock time of the first painted
        # frame, then quit.
        device.add_argument("--quit-after-first-paint", action="store_true", help=argparse.SUPPRESS)

    shot = commands.add_parser("screenshot", help="render a screen to a PNG, offscreen")
    shot.add_argument("--mode", choices=DEVICE_ROLES, default=Role.KIOSK)
    shot.add_argument("--screen", choices=SCREEN_NAMES, default="home",
                      help="the kiosk's screen; for the counter: home or staff (sign-in)")
    shot.add_argument("--lang", choices=("id", "en"), default="id")
    shot.add_argument("--size", type=_size, help="WxH, e.g. 1920x1080 (default: the mode's "
                      "screen: 1080x1920 kiosk, 1280x800 counter, 1920x1080 display)")
    shot.add_argument("--out", type=Path, required=True, help="PNG file to write")
    shot.add_argument("--service", help="service code for --screen service, and whose office "
                      "--screen survey rates (default: the first)")
    shot.add_argument("--at", type=_local_time, help="plaza wall-clock time, e.g. 2026-11-24T10:00")
    shot.add_argument("--large-text", action="store_true")
    shot.add_argument("--high-contrast", action="store_true")

    commands.add_parser("hash-pin", help="hash a staff PIN for [staff] pin_hash (reads stdin)")

    server = commands.add_parser("server", help="the central city API (runs it by default)")
    server.add_argument("--db", help="database URL (default: SQLite in the user data folder); "
                        "postgresql://user@host/name for production")
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--port", type=int, default=8080)
    server.add_argument("--workers", type=int, default=1,
                        help="API processes (several need PostgreSQL; calls reach every display)")
    admin = server.add_subparsers(dest="admin")
    admin_import = admin.add_parser("import-catalog", help="load or update a plaza's catalog")
    admin_import.add_argument("file", type=Path)
    admin_code = admin.add_parser("enrolment-code", help="a one-time code to enrol one device")
    admin_code.add_argument("--plaza", required=True)
    admin_code.add_argument("--role", choices=tuple(Role), required=True)
    admin_staff = admin.add_parser("add-staff", help="a staff member who signs in at counters "
                                   "(the PIN is read from the terminal or stdin)")
    admin_staff.add_argument("--plaza", required=True)
    admin_staff.add_argument("--name", required=True)
    admin_figures = admin.add_parser("figures", help="a service day's figures per service "
                                     "(numbers given online and offline, past the quota, ...)")
    admin_figures.add_argument("--plaza", required=True)
    admin_figures.add_argument("--day", type=date.fromisoformat,
                               help="YYYY-MM-DD (default: today at the plaza)")
    admin_report = admin.add_parser("report", help="a period's satisfaction survey (IKM) and "
                                    "service figures, as HTML, PDF or CSV")
    admin_report.add_argument("--plaza", required=True)
    admin_report.add_argument("--from", dest="start", type=_day, required=True,
                              help="first service day, YYYY-MM-DD")
    admin_report.add_argument("--to", dest="end", type=_day, required=True,
                              help="last service day, YYYY-MM-DD (included)")
    admin_report.add_argument("--format", choices=("html", "pdf", "csv"), default="html")
    admin_report.add_argument("--lang", choices=("id", "en"), default="id")
    admin_report.add_argument("--out", type=Path, help="file to write (default: standard output)")
    admin_revoke = admin.add_parser("revoke", help="revoke a device's token")
    admin_revoke.add_argument("device_id")

    enrol = commands.add_parser("enroll", help="enrol this device with the city API")
    enrol.add_argument("--server", required=True, help="the city API, e.g. https://antrian.kota.go.id")
    enrol.add_argument("--code", required=True, help="the one-time code from an admin")
    enrol.add_argument("--role", choices=DEVICE_ROLES, required=True)
    enrol.add_argument("--name", help="this device's name (default: its configured device id)")

    commands.add_parser("sync", help="send the outbox to the city API once, and report")

    doctor = commands.add_parser("doctor", help="check this device (config, data folder, store, "
                                 "catalog, enrolment, city server, clock, outbox, leases, screen, "
                                 "fonts, audio, watchdog), each with its fix; exit 1 if any fails")
    doctor.add_argument("--mode", choices=DEVICE_ROLES,
                        help="the device's mode (default: its enrolled role, else kiosk)")
    doctor.add_argument("--json", action="store_true", help="print the findings as JSON")
    commands.add_parser("selftest", help="check this build offscreen in a throwaway folder: store "
                        "and migrations, catalog, translations, each mode's screen, QR, voice")

    print_test = commands.add_parser("print-test", help="print a test page on the ticket printer "
                                     "([printer] in the config) and say its state in words")
    print_test.add_argument("--lang", choices=("id", "en"), default="id",
                            help="language of the test page")

    demo = commands.add_parser("demo", help="the city API embedded, with a kiosk, a counter "
                               "console and the display board, each its own process, in "
                               "windows (closing one, or Ctrl+C, ends the demo)")
    demo.add_argument("--port", type=int, default=8765, help="port of the embedded city API")
    demo.add_argument("--windowed", action="store_true", default=True, help=argparse.SUPPRESS)
    demo.add_argument("--quit-after-first-paint", action="store_true", help=argparse.SUPPRESS)

    load = commands.add_parser("import-catalog", help="load a catalog file into the local store")
    load.add_argument("file", type=Path)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "hash-pin":
        return _hash_pin()
    if args.command == "server":
        return _server(args)  # loads neither Qt nor the kiosk's config
    if args.command == "doctor":  # a broken config is one of its findings, not a stop
        from plaza_kiosk import doctor

        return doctor.main(args.config, args.mode, args.json)
    if args.command == "selftest":  # its own throwaway config and folder
        from plaza_kiosk import selftest

        return selftest.main()
    if args.command in SCREENS:
        # systemd's watchdog ends a frozen device with SIGABRT: every thread's Python stack
        # then goes to stderr (the journal), which says where it hung.
        faulthandler.enable(all_threads=True)
    if args.command in (*SCREENS, "screenshot") and (problem := _qt_libraries(args)):
        print(f"plaza-kiosk: {problem}", file=sys.stderr)
        return 2
    if args.command == "kiosk":  # paints its first frame before loading the config
        from plaza_kiosk import kiosk_start

        return kiosk_start.run(args)

    from kiosk.catalog import CatalogError
    from kiosk.config import ConfigError, load_config
    from kiosk.store.db import StoreError

    commands = {"screenshot": _screenshot, "import-catalog": _import_catalog,
                "enroll": _enroll, "sync": _sync_once, "demo": _demo, "counter": _device,
                "display": _device, "print-test": _print_test}
    try:
        config = load_config(args.config)
        return commands[args.command](config, args)
    except (ConfigError, CatalogError, StoreError, ValueError) as error:
        print(f"plaza-kiosk: {error}", file=sys.stderr)
        return _show_problem(str(error), args) if args.command in SCREENS else 2
    except Exception as error:
        if args.command not in SCREENS:
            raise
        # Whatever went wrong, a kiosk shows staff a plain screen, never a blank one.
        logging.getLogger("plaza_kiosk").exception("the kiosk could not start")
        return _show_problem(f"{type(error).__name__}: {error}", args)


def _qt_libraries(args) -> str | None:
    """Before Qt loads: the system libraries it needs for this command's windows, named with
    the packages to install when missing (Qt's own message names a plugin, not a package)."""
    if args.command == "screenshot":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # PNGs need no screen
    from plaza_kiosk.system_libs import check, screen_problem

    return check() or (screen_problem() if args.command in SCREENS else None)


def _show_problem(message: str, args) -> int:
    from plaza_kiosk.device_window import problem_screen
    from ui.app import application

    app = application()
    screen = problem_screen(app, message, windowed=args.windowed,  # noqa: F841 (kept alive)
                            quit_after_first_paint=args.quit_after_first_paint)
    app.exec()
    return 2


def _server(args) -> int:
    try:
        from cityapi.admin import run
    except ModuleNotFoundError as missing:  # the device bundle leaves the city API out
        print(f"plaza-kiosk: the city API is not part of this build ({missing.name} is missing); "
              "install it on the server with pip (see the install guide)", file=sys.stderr)
        return 2

    return run(args, _read_pin)


def _read_pin() -> str | None:
    if sys.stdin.isatty():
        pin = getpass.getpass("Staff PIN (4-12 digits): ")
        if getpass.getpass("Again: ") != pin:
            print("plaza-kiosk: the two PINs differ", file=sys.stderr)
            return None
        return pin
    return sys.stdin.readline().strip()


def _hash_pin() -> int:
    from kiosk.pin import hash_pin

    pin = _read_pin()
    if pin is None:
        return 2
    try:
        print(hash_pin(pin))
    except ValueError as error:
        print(f"plaza-kiosk: {error}", file=sys.stderr)
        return 2
    return 0


def _demo(config, args) -> int:
    """`make demo`: everything on one machine, no other setup."""
    from plaza_kiosk import demo
    from plaza_kiosk.startup import setup_logging

    setup_logging(None, args.verbose)  # each device logs into its own data folder
    return demo.run(config, port=args.port, config_file=args.config, verbose=args.verbose,
                    quit_after_first_paint=args.quit_after_first_paint)


def _screenshot(config, args) -> int:
    import tempfile
    from zoneinfo import ZoneInfo

    from plaza_kiosk.startup import open_plaza, setup_logging

    setup_logging(None, args.verbose)
    # A throwaway store with the catalog, so screenshots never touch a kiosk's real data.
    with tempfile.TemporaryDirectory(prefix="plaza-shot-") as scratch:
        plaza, problems = open_plaza(config, Path(scratch))
        if args.at is not None:  # wall-clock time at the plaza, in the catalog's zone
            moment = args.at.replace(tzinfo=args.at.tzinfo or ZoneInfo(plaza.timezone))
            plaza.clock = lambda: moment
        size = args.size or DEFAULT_SIZES[args.mode]
        if args.mode == "kiosk":
            from ui.screenshot import take_screenshot

            take_screenshot(config, plaza, problems, screen=args.screen, lang=args.lang,
                            size=size, out=args.out, service=args.service,
                            large_text=args.large_text, high_contrast=args.high_contrast)
        else:
            from ui.device_shots import device_screenshot

            device_screenshot(config, plaza, mode=args.mode, screen=args.screen, lang=args.lang,
                              size=size, out=args.out, high_contrast=args.high_contrast)
        plaza.store.close()
    print(args.out)
    return 0


def _device(config, args) -> int:
    """`plaza-kiosk counter` and `plaza-kiosk display`: a device of the hall, enrolled with
    the city API (calling needs the authority; the board follows its live feed)."""
    from plaza_kiosk.device_window import Liveness, report_first_paint
    from plaza_kiosk.startup import open_plaza, setup_logging
    from sync import credentials
    from ui.app import application, place_window
    from ui.stop_signals import quit_on_stop_signals

    setup_logging(config.data_dir, args.verbose)
    plaza, _problems = open_plaza(config, store_name=f"{args.command}.db")
    enrolment = credentials.load(config.data_dir)  # a damaged file: the problem screen
    app = application()
    quit_on_stop_signals(app)
    device = _build_device(args.command, config, plaza, enrolment)
    Liveness(app, device.window(), args.command)
    if args.quit_after_first_paint:
        report_first_paint(app, device.window(), args.command, ready_at_paint=True)
    if args.windowed and args.geometry:
        place_window(device.window(), args.geometry)
    else:
        device.show(kiosk_mode=not args.windowed)
    device.start()
    code = app.exec()
    device.dispose()
    if device.stopped_cleanly:
        plaza.store.close()
    return code


def _build_device(mode: str, config, plaza, enrolment):
    if mode == "display":
        from ui.display.hall import HallDisplay

        return HallDisplay(config, plaza, enrolment)
    from ui.counter.desk import CounterDesk

    return CounterDesk(config, plaza, enrolment)


def _enroll(config, args) -> int:
    from sync import credentials
    from sync.client import CityClient, SyncError

    client = CityClient(args.server, retries=1)
    try:
        answer = client.enrol(args.code, args.role, args.name or config.device_id)
    except SyncError as error:
        print(f"plaza-kiosk: enrolment failed: {error}", file=sys.stderr)
        return 2
    finally:
        client.close()
    path = credentials.save(config.data_dir,
                            credentials.Enrolment.from_answer(args.server, answer))
    print(f"enrolled as {answer.role} {answer.device_id} at plaza {answer.plaza}; saved {path}")
    return 0


def _sync_once(config, args) -> int:
    from plaza_kiosk.startup import open_plaza, setup_logging
    from sync import credentials
    from sync.client import CityClient, SyncError
    from sync.engine import push_outbox

    setup_logging(config.data_dir, args.verbose)
    enrolment = credentials.load(config.data_dir)
    if enrolment is None:
        print("plaza-kiosk: this device is not enrolled (plaza-kiosk enroll ...)", file=sys.stderr)
        return 2
    plaza, _ = open_plaza(config, load_catalog=False)
    client = CityClient(enrolment.server, enrolment.token)
    try:
        report = push_outbox(plaza, client)
    except SyncError as error:
        print(f"plaza-kiosk: sync failed: {error}", file=sys.stderr)
        return 2
    finally:
        client.close()
        plaza.store.close()
    print(f"sent {report.sent}, acknowledged {report.acknowledged}, rejected {report.rejected}"
          + ("; the server did not answer, the rest stays queued" if report.offline else ""))
    return 0 if not report.offline else 3


def _print_test(config, args) -> int:
    """`plaza-kiosk print-test`: ask the printer (DLE EOT), print a test page, ask again; each
    answer decoded in words. Exit 0 only when the page was printed."""
    from kiosk.printing.layout import render_test_page
    from kiosk.printing.printer import Printer
    from kiosk.printing.status import describe

    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.ERROR)
    settings = config.printer
    if settings.kind == "none":
        print("plaza-kiosk: no ticket printer is set up ([printer] kind = none): the kiosk shows "
              "tickets on screen only", file=sys.stderr)
        return 2
    where = settings.address if settings.kind == "network" else settings.device
    printer = Printer(settings)
    before = printer.status()
    print(f"{settings.kind} printer {where}: {describe(before)}")
    if not before.can_print:
        print("plaza-kiosk: the test page was not sent", file=sys.stderr)
        return 1
    lines = [f"{settings.kind} {where}", f"{settings.paper_mm} mm, QR {settings.qr}",
             f"{config.device_id}", datetime.now().astimezone().strftime("%d-%m-%Y %H:%M %Z")]
    outcome = printer.print_job(render_test_page(settings.paper_mm, settings.qr == "native", lines,
                                                 config.qr.tracking_base_url, args.lang))
    print(f"after the test page: {describe(outcome.status)}")
    print(f"printed in {outcome.seconds * 1000:.0f} ms" if outcome.printed
          else "plaza-kiosk: the test page was NOT printed")
    return 0 if outcome.printed else 1


def _import_catalog(config, args) -> int:
    from plaza_kiosk.startup import open_plaza, setup_logging

    setup_logging(config.data_dir, args.verbose)
    plaza, _ = open_plaza(config, load_catalog=False)
    problems = plaza.import_catalog(args.file, config.qr.allowed_hosts)
    catalog = plaza.catalog()
    print(f"loaded {len(catalog.services)} services of {len(catalog.agencies)} agencies; "
          f"{len(problems)} problems")
    for problem in problems:  # each says what became of its entry: refused, or link dropped
        print(f"  {problem}")
    plaza.store.close()
    return 0
