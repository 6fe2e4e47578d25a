"""The HTTP face of the city API (FastAPI). Every error is a 4xx with a message, never a 500."""

# No `from __future__ import annotations`: FastAPI resolves the dependencies declared in
# create_app() from live annotations.
import asyncio
import logging
from contextlib import asynccontextmanager, suppress
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from cityapi import catalog_import as catalogs
from cityapi import changes, counters, rules
from cityapi.body_limit import BodyLimit
from cityapi.devices import Caller, EnrolmentError, authenticate, enrol
from cityapi.figures import DayFigures, day_figures
from cityapi.live import Bell
from cityapi.models import Plaza
from cityapi.numbers import grant_leases
from cityapi.ops import apply_once, apply_op
from cityapi.rate_limits import RateLimited, RateLimits
from cityapi.report import Format, ReportError, build_report, report_csv, report_html
from cityapi.settings import DATABASE_ENV, ServerSettings
from cityapi.tracking import (
    PhoneRating,
    TrackingStatus,
    rate,
    rate_refusal,
    ticket_status,
    tracking_page,
)
from kiosk.catalog import CatalogError
from kiosk.service_day import Clock, now_utc, service_day, ticking_from
from kiosk.vocabulary import Role
from sync.protocol import (
    OLDEST_SERVED,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ChangesResponse,
    CounterAct,
    CounterModeChange,
    CounterSetup,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    LeasesRequest,
    LeasesResponse,
    Op,
    OpResult,
    OpsBatch,
    OpsBatchResponse,
    SignIn,
    SignInAnswer,
    Snapshot,
    TicketTake,
)

log = logging.getLogger(__name__)

ERRORS = {401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 409: {"model": ErrorBody},
          413: {"model": ErrorBody}, 422: {"model": ErrorBody}, 426: {"model": ErrorBody},
          429: {"model": ErrorBody}}


def _error(status: int, message: str, detail: list[str] | None = None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": message, "detail": detail or []},
                        headers=headers)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("plaza-kiosk")
    except PackageNotFoundError:
        return "unknown"


def from_environment() -> FastAPI:
    """The app over the database named by $PLAZA_CITY_DATABASE_URL: what each worker process
    builds when uvicorn runs several (`uvicorn --factory --workers N cityapi.app:from_environment`)."""
    from cityapi.database import open_database

    settings = ServerSettings()
    if settings.database_url is None:
        raise RuntimeError(f"set {DATABASE_ENV} to the database to serve")
    return create_app(open_database(settings.database_url), server_clock(settings), settings)


def server_clock(settings: ServerSettings) -> Clock:
    """The real clock, or one ticking on from `clock_start` (tests, a demo at a set hour)."""
    return ticking_from(settings.clock_start) if settings.clock_start else now_utc


def create_app(sessions: sessionmaker[Session], clock: Clock = now_utc,
               settings: ServerSettings | None = None) -> FastAPI:
    """The API over `sessions`. `clock` is the server's one "now" (service day, lock-outs,
    timestamps); tests give it the same hand-moved clock as their devices."""
    settings = settings or ServerSettings()
    bell = Bell(sessions)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        bell.start(asyncio.get_running_loop())
        yield
        bell.stop()

    app = FastAPI(title="Plaza Kiosk city API", version=f"{PROTOCOL_VERSION}.0",
                  description="Sync protocol v1 for plaza devices (DESIGN §4).", lifespan=lifespan)

    @app.middleware("http")
    async def speaks_our_protocol(request: Request, call_next):
        spoken = request.headers.get(PROTOCOL_HEADER)
        if spoken is not None and not (spoken.isdigit() and int(spoken) >= OLDEST_SERVED):
            return _error(426, f"this device speaks sync protocol {spoken[:8]!r}; this city "
                               f"server serves protocol {OLDEST_SERVED} to {PROTOCOL_VERSION}: "
                               "update this device's Plaza Kiosk")
        return await call_next(request)

    # Outermost: a body past the limit is refused as it streams in, before any other work.
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        detail = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:10]]
        return _error(422, "the request does not match the protocol", detail)

    # Starlette's own (404 for no route, 405, 400 for a body it cannot read) and ours alike.
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        return _error(error.status_code, str(error.detail), headers=error.headers)

    rates = RateLimits({"sign-in": settings.sign_in_rate, "enrol": settings.enrol_rate,
                        "tracking": settings.tracking_rate})

    def rate_limited(name: str):
        def check(request: Request) -> None:
            try:
                rates.hit(name, request.client.host if request.client else "?")
            except RateLimited as limited:
                raise HTTPException(429, str(limited), headers={
                    "Retry-After": str(limited.retry_after)}) from None
        return Depends(check)

    def caller(authorization: Annotated[str | None, Header()] = None) -> Caller:
        if not authorization or not authorization.startswith("Bearer "):
            raise HTTPException(401, "a device token is needed (Authorization: Bearer …)")
        with sessions() as session:
            found = authenticate(session, authorization.removeprefix("Bearer ").strip())
        if found is None:
            raise HTTPException(401, "unknown or revoked device token; enrol the device again")
        return found

    @app.get("/v1/health")
    def health() -> dict[str, object]:
        # What a device's `plaza-kiosk doctor` compares: protocols served, version, clock.
        return {"ok": True, "protocol": PROTOCOL_VERSION, "oldest_served": OLDEST_SERVED,
                "version": _version(), "now": clock().isoformat()}

    @app.post("/v1/enrol", response_model=EnrolResponse, responses=ERRORS,
              dependencies=[rate_limited("enrol")])
    def enrol_device(request: EnrolRequest) -> EnrolResponse:
        for attempt in range(5):
            try:
                with sessions.begin() as session:
                    device, token = enrol(session, request.code, request.role,
                                          request.device_name, clock())
                break
            except EnrolmentError as error:
                raise HTTPException(403, str(error)) from None
            except IntegrityError:  # another device took the same tag at the same moment
                if attempt == 4:
                    raise HTTPException(409, "enrolment collided; try again") from None
        log.info("device %s (%s, tag %s) enrolled at %s", device.id, device.role, device.tag,
                 device.plaza_code)
        return EnrolResponse(device_id=device.id, plaza=device.plaza_code, role=device.role,
                             token=token, tag=device.tag)

    @app.post("/v1/ops:batch", response_model=OpsBatchResponse, responses=ERRORS)
    def ops_batch(batch: OpsBatch, who: Annotated[Caller, Depends(caller)]) -> OpsBatchResponse:
        return OpsBatchResponse(results=[apply_op(sessions, who, op, clock()) for op in batch.ops])

    @app.post("/v1/tickets", response_model=OpResult, responses=ERRORS)
    def take_ticket(ticket: TicketTake, who: Annotated[Caller, Depends(caller)]) -> OpResult:
        """A ticket from an online kiosk, numbered here. Its id is its op id: a retry after a
        lost answer gets the same number."""
        op = Op(op_id=ticket.id, kind="ticket.take", payload=ticket.model_dump(mode="json"))
        return apply_op(sessions, who, op, clock())

    @app.post("/v1/leases", response_model=LeasesResponse, responses=ERRORS)
    def take_leases(wanted: LeasesRequest,
                    who: Annotated[Caller, Depends(caller)]) -> LeasesResponse:
        if who.role != Role.KIOSK:
            raise HTTPException(403, f"a {who.role} does not issue tickets")

        def grant() -> LeasesResponse:
            with sessions.begin() as session:
                now = clock()
                return grant_leases(session, who, wanted.leases, now,
                                    rules.today(session, who.plaza, now))
        try:
            return grant()
        except IntegrityError:  # a retry raced its first copy: that one's blocks now stand
            return grant()

    @app.get("/v1/changes", response_model=ChangesResponse, responses={**ERRORS, 410: {
        "model": ErrorBody}})
    async def feed(who: Annotated[Caller, Depends(caller)],
                   cursor: Annotated[str, Query(max_length=40)] = "",
                   wait: Annotated[float, Query(ge=0, le=settings.long_poll_max)] = 0) -> ChangesResponse:
        """Changes since `cursor`; 410 when the cursor is unknown (take `/v1/snapshot`).
        With `wait`, a long-poll: held up to that many seconds until something changes."""

        def read() -> tuple[list[dict[str, Any]], str, bool]:
            with sessions() as session:
                return changes.since(session, who.plaza, cursor)

        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while True:
            woken = bell.waiter(who.plaza)
            try:
                found, next_cursor, more = await run_in_threadpool(read)
            except changes.CursorGone as error:
                raise HTTPException(410, str(error)) from None
            left = deadline - loop.time()
            if found or left <= 0:
                return ChangesResponse(changes=found, next_cursor=next_cursor, has_more=more)
            with suppress(TimeoutError):
                await asyncio.wait_for(woken.wait(), min(left, bell.recheck))

    @app.get("/v1/snapshot", response_model=Snapshot, responses=ERRORS)
    def take_snapshot(who: Annotated[Caller, Depends(caller)]) -> Snapshot:
        with sessions() as session:
            return changes.snapshot(session, who.plaza, clock())

    @app.get("/v1/catalog", responses={**ERRORS, 304: {"description": "unchanged"}})
    def catalog(who: Annotated[Caller, Depends(caller)],
                if_none_match: Annotated[str | None, Header()] = None) -> Response:
        """The plaza's catalog document, with its ETag; 304 when the device has it."""
        with sessions() as session:
            plaza = session.get(Plaza, who.plaza)
            document, tag = plaza.catalog, plaza.catalog_etag
        if document is None:
            raise HTTPException(404, "this plaza has no catalog yet")
        if if_none_match and if_none_match.strip('"') == tag:
            return Response(status_code=304, headers={"ETag": f'"{tag}"'})
        return JSONResponse(document, headers={"ETag": f'"{tag}"'})

    @app.put("/v1/services/{code}", responses={**ERRORS, 404: {"model": ErrorBody}})
    def change_service(code: Annotated[str, PathParam(max_length=40, pattern="^[a-z0-9-]+$")],
                       entry: catalogs.ServicePut,
                       who: Annotated[Caller, Depends(caller)]) -> dict[str, str]:
        """Add or replace one service (the catalog format's service entry). Every device of
        the plaza gets it through the change feed."""
        if who.role != "admin":
            raise HTTPException(403, "only an admin may change the catalog")
        if entry.code != code:
            raise HTTPException(422, "the entry's code must match the URL")
        try:
            with sessions.begin() as session:
                tag = catalogs.change_service(session, who.plaza, entry.entry(), clock(),
                                              settings.link_hosts)
        except CatalogError as error:
            raise HTTPException(422, str(error)) from None
        log.info("service %s of %s changed; catalog %s", code, who.plaza, tag)
        return {"service": code, "catalog_etag": tag}

    @app.get("/v1/figures", response_model=DayFigures, responses=ERRORS)
    def figures(who: Annotated[Caller, Depends(caller)],
                day: Annotated[date | None, Query()] = None) -> DayFigures:
        """The plaza's figures for a service day (default: today), per service: numbers given
        online and offline, offline ones honoured past the quota, and where tickets stand."""
        if who.role not in (Role.ADMIN, Role.COUNTER):
            raise HTTPException(403, "only an admin or a counter console may read the figures")
        with sessions() as session:
            plaza = session.get(Plaza, who.plaza)
            return day_figures(session, who.plaza, day or service_day(clock(), plaza.timezone))

    @app.get("/v1/report", responses={**ERRORS, 200: {
        "description": "the report as a page, a CSV or a PDF",
        "content": {"text/html": {}, "text/csv": {}, "application/pdf": {}}}},
        response_class=Response)
    def report(who: Annotated[Caller, Depends(caller)],
               start: Annotated[date, Query(alias="from")],
               end: Annotated[date, Query(alias="to")],
               kind: Annotated[Format, Query(alias="format")] = "html",
               lang: Annotated[str, Query(pattern="^(id|en)$")] = "id") -> Response:
        """The plaza's report for the service days `from` to `to` (admin): the IKM per element
        as plazas publish it, per office and service, charts and the service figures from the
        tickets (cityapi/report.py), as a page, a PDF or a CSV."""
        if who.role != Role.ADMIN:
            raise HTTPException(403, "only an admin may read the report")
        try:
            with sessions() as session:
                made = build_report(session, who.plaza, start, end, clock())
            name = f"report-{who.plaza}-{start}-{end}"
            if kind == "csv":
                return Response(report_csv(made), media_type="text/csv; charset=utf-8",
                                headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
            if kind == "pdf":
                from cityapi.report import report_pdf  # WeasyPrint loads only when asked

                return Response(report_pdf(made, lang), media_type="application/pdf",
                                headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})
            return HTMLResponse(report_html(made, lang))
        except ReportError as error:
            raise HTTPException(422, str(error)) from None

    # --- counter consoles ---

    def counter_device(who: Annotated[Caller, Depends(caller)]) -> Caller:
        if who.role != "counter":
            raise HTTPException(403, f"a {who.role} is not a counter console")
        return who

    def on_shift(who: Annotated[Caller, Depends(counter_device)],
                 x_staff_session: Annotated[str | None, Header()] = None) -> counters.Shift:
        with sessions() as session:
            found = counters.shift(session, who, x_staff_session or "", clock())
        if found is None:
            raise HTTPException(401, "staff session unknown or ended; sign in again")
        return found

    @app.get("/v1/counter/setup", response_model=CounterSetup, responses=ERRORS)
    def counter_setup(who: Annotated[Caller, Depends(counter_device)]) -> CounterSetup:
        with sessions() as session:
            return CounterSetup.model_validate(counters.setup(session, who.plaza))

    @app.post("/v1/counter/sign-in", response_model=SignInAnswer, responses=ERRORS,
              dependencies=[rate_limited("sign-in")])
    def counter_sign_in(request: SignIn,
                        who: Annotated[Caller, Depends(counter_device)]) -> SignInAnswer:
        """A staff member signs in at a counter with a PIN (checked against its hash here).
        Repeated wrong PINs lock the console and the staff member out for a while."""
        with sessions.begin() as session:
            answer = counters.sign_in(session, who, request, clock())
        if not answer.ok:
            log.warning("sign-in refused at %s (%s): %s", who.device_id, request.counter,
                        answer.problem)
        return answer

    @app.post("/v1/counter/act", response_model=OpResult, responses=ERRORS)
    def counter_act(request: CounterAct,
                    who: Annotated[counters.Shift, Depends(on_shift)]) -> OpResult:
        """Call next, call, recall, start, done, no-show or transfer, exactly once per id. A
        stale action is `rejected` with a `problem` code and changes nothing."""
        now = clock()
        return apply_once(sessions, who.caller, str(request.id), f"counter.{request.action}",
                          lambda session: counters.act(session, who, request, now), now)

    @app.post("/v1/counter/mode", responses=ERRORS)
    def counter_mode(request: CounterModeChange,
                     who: Annotated[counters.Shift, Depends(on_shift)]) -> dict[str, str]:
        with sessions.begin() as session:
            counters.change_mode(session, who, request.mode, clock())
        return {"counter": who.counter, "mode": request.mode}

    @app.get("/t/{code}", response_class=HTMLResponse, dependencies=[rate_limited("tracking")],
             responses={404: {"description": "no such ticket (a page that says so)",
                              "content": {"text/html": {}}},
                        422: {"model": ErrorBody}, 429: {"model": ErrorBody}})
    def track(code: Annotated[str, PathParam(max_length=16, pattern="^[0-9A-Z]+$")],
              lang: Annotated[str, Query(pattern="^(id|en)$")] = "id") -> HTMLResponse:
        with sessions() as session:
            status, html = tracking_page(session, code, lang)
        return HTMLResponse(html, status_code=status)

    # --- the phone page's live position and rating (cityapi/tracking.py) ---

    ticket_code = PathParam(max_length=16, pattern="^[0-9A-Z]+$")
    page_lang = Query(pattern="^(id|en)$")

    @app.get("/t/{code}/status", response_model=TrackingStatus,
             dependencies=[rate_limited("tracking")],
             responses={404: {"model": ErrorBody}, 422: {"model": ErrorBody},
                        429: {"model": ErrorBody}})
    def track_status(code: Annotated[str, ticket_code],
                     lang: Annotated[str, page_lang] = "id") -> TrackingStatus:
        """Where the ticket stands now, worded for the phone page, which reads it without
        reloading (people ahead, wait range, called, whether it may be rated)."""
        with sessions() as session:
            found = ticket_status(session, code, lang)
        if found is None:
            raise HTTPException(404, "no such ticket")
        return found

    @app.post("/t/{code}/rating", dependencies=[rate_limited("tracking")],
              responses={404: {"model": ErrorBody}, 409: {"model": ErrorBody},
                         413: {"model": ErrorBody}, 422: {"model": ErrorBody},
                         429: {"model": ErrorBody}})
    def rate_ticket(code: Annotated[str, ticket_code], rating: PhoneRating,
                    lang: Annotated[str, page_lang] = "id") -> dict[str, object]:
        """The visitor's rating of a done ticket (IKM, kiosk.ikm), once per ticket: a second
        one is a 409, one before the ticket is done a 422, each in the visitor's words."""
        try:
            with sessions.begin() as session:
                status, words = rate(session, code, rating, clock(), lang)  # refused: nothing added
        except IntegrityError:  # the kiosk's rating of the same ticket landed first
            status, words = 409, rate_refusal(lang)
        if status != 200:
            raise HTTPException(status, words)
        return {"ok": True, "message": words}

    return app
