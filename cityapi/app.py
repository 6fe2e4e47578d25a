"""The HTTP face of the city API (FastAPI). Every error is a 4xx with a message, never a 500."""

# No `from __future__ import annotations`: FastAPI resolves the dependencies declared in
# create_app() from live annotations.
import logging
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, Header, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from cityapi import catalog_import as catalogs
from cityapi import changes
from cityapi.devices import Caller, EnrolmentError, authenticate, enrol
from cityapi.models import Plaza
from cityapi.numbers import grant_leases
from cityapi.ops import apply_op
from cityapi.tracking import tracking_page
from kiosk.catalog import CatalogError
from sync.protocol import (
    PROTOCOL_VERSION,
    ChangesResponse,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    LeasesRequest,
    LeasesResponse,
    Op,
    OpResult,
    OpsBatch,
    OpsBatchResponse,
    Snapshot,
    TicketTake,
)

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1_000_000  # a full batch of 200 ops is well under this
ERRORS = {401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 409: {"model": ErrorBody},
          413: {"model": ErrorBody}, 422: {"model": ErrorBody}}


def _error(status: int, message: str, detail: list[str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": message, "detail": detail or []})


def create_app(sessions: sessionmaker[Session]) -> FastAPI:
    app = FastAPI(title="Plaza Kiosk city API", version=f"{PROTOCOL_VERSION}.0",
                  description="Sync protocol v1 for plaza devices (DESIGN §4).")

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return _error(413, f"request body larger than {MAX_BODY_BYTES} bytes")
        return await call_next(request)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        detail = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:10]]
        return _error(422, "the request does not match the protocol", detail)

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, error: HTTPException) -> JSONResponse:
        return _error(error.status_code, str(error.detail))

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
        return {"ok": True, "protocol": PROTOCOL_VERSION}

    @app.post("/v1/enrol", response_model=EnrolResponse, responses=ERRORS)
    def enrol_device(request: EnrolRequest) -> EnrolResponse:
        for attempt in range(5):
            try:
                with sessions.begin() as session:
                    device, token = enrol(session, request.code, request.role,
                                          request.device_name)
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
        return OpsBatchResponse(results=[apply_op(sessions, who, op) for op in batch.ops])

    @app.post("/v1/tickets", response_model=OpResult, responses=ERRORS)
    def take_ticket(ticket: TicketTake, who: Annotated[Caller, Depends(caller)]) -> OpResult:
        """A ticket from an online kiosk, numbered here. Its id is its op id: a retry after a
        lost answer gets the same number."""
        op = Op(op_id=ticket.id, kind="ticket.take", payload=ticket.model_dump(mode="json"))
        return apply_op(sessions, who, op)

    @app.post("/v1/leases", response_model=LeasesResponse, responses=ERRORS)
    def take_leases(wanted: LeasesRequest,
                    who: Annotated[Caller, Depends(caller)]) -> LeasesResponse:
        if who.role != "kiosk":
            raise HTTPException(403, f"a {who.role} does not issue tickets")
        try:
            with sessions.begin() as session:
                return grant_leases(session, who, wanted.leases, datetime.now(UTC))
        except IntegrityError:  # a retry raced its first copy: that one's blocks now stand
            with sessions.begin() as session:
                return grant_leases(session, who, wanted.leases, datetime.now(UTC))

    @app.get("/v1/changes", response_model=ChangesResponse, responses={**ERRORS, 410: {
        "model": ErrorBody}})
    def feed(who: Annotated[Caller, Depends(caller)],
             cursor: Annotated[str, Query(max_length=40)] = "") -> ChangesResponse:
        """Changes since `cursor`; 410 when the cursor is unknown (take `/v1/snapshot`)."""
        with sessions() as session:
            try:
                found, next_cursor, more = changes.since(session, who.plaza, cursor)
            except changes.CursorGone as error:
                raise HTTPException(410, str(error)) from None
        return ChangesResponse(changes=found, next_cursor=next_cursor, has_more=more)

    @app.get("/v1/snapshot", response_model=Snapshot, responses=ERRORS)
    def take_snapshot(who: Annotated[Caller, Depends(caller)]) -> Snapshot:
        with sessions() as session:
            return Snapshot(**changes.snapshot(session, who.plaza))

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
                       entry: Annotated[dict[str, Any], Body()],
                       who: Annotated[Caller, Depends(caller)]) -> dict[str, str]:
        """Add or replace one service (the catalog format's service entry). Every device of
        the plaza gets it through the change feed."""
        if who.role != "admin":
            raise HTTPException(403, "only an admin may change the catalog")
        if entry.get("code") != code:
            raise HTTPException(422, "the entry's code must match the URL")
        try:
            with sessions.begin() as session:
                tag = catalogs.change_service(session, who.plaza, entry)
        except CatalogError as error:
            raise HTTPException(422, str(error)) from None
        log.info("service %s of %s changed; catalog %s", code, who.plaza, tag)
        return {"service": code, "catalog_etag": tag}

    @app.get("/t/{code}", response_class=HTMLResponse)
    def track(code: Annotated[str, PathParam(max_length=16, pattern="^[0-9A-Z]+$")],
              lang: Annotated[str, Query(pattern="^(id|en)$")] = "id") -> HTMLResponse:
        with sessions() as session:
            status, html = tracking_page(session, code, lang)
        return HTMLResponse(html, status_code=status)

    return app
