"""A request body past the server's limit is refused while it streams in, chunked or not,
with or without a token, before it is parsed: no request makes the server hold it."""

from __future__ import annotations

import socket
import time

import pytest

from cityapi.settings import ServerSettings
from tests.city_server import CityServer

LIMIT = ServerSettings().max_body_bytes
CHUNK = b"A" * 65536


def _stream_chunked(port: int, path: str, total: int) -> tuple[bytes, int]:
    """Send `total` bytes as a chunked JSON body; stop as soon as the server answers.
    Returns (the answer's first bytes, bytes sent)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n".encode())
    sent, answer = 0, b""
    sock.setblocking(False)
    deadline = time.monotonic() + 30
    try:
        while sent < total and time.monotonic() < deadline:
            try:
                answer += sock.recv(4096)
                if answer:
                    break
            except BlockingIOError:
                pass
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK))
                sent += len(CHUNK)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                time.sleep(0.01)
        sock.setblocking(True)
        sock.settimeout(10)
        while b"\r\n\r\n" not in answer:
            more = sock.recv(4096)
            if not more:
                break
            answer += more
    except (ConnectionResetError, BrokenPipeError):
        pass
    finally:
        sock.close()
    return answer, sent


@pytest.mark.parametrize("path", ["/v1/enrol", "/v1/ops:batch", "/v1/tickets"])
def test_a_chunked_body_past_the_limit_is_refused_as_it_streams(city: CityServer, path) -> None:
    total = 300 * LIMIT  # 300 MB, were it all read
    answer, sent = _stream_chunked(city.port, path, total)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"request body larger than" in answer or b"413" in answer
    # Refused near the limit: what was sent beyond it sits in socket buffers, never parsed.
    assert sent < 40 * LIMIT, f"the server read {sent} bytes before refusing"


def test_a_declared_length_past_the_limit_is_refused_before_reading(city: CityServer) -> None:
    import requests

    answer = requests.post(f"{city.url}/v1/enrol", data=b"{" + b" " * (LIMIT + 1) + b"}",
                           headers={"Content-Type": "application/json"}, timeout=10)
    assert answer.status_code == 413
    assert answer.json()["error"].startswith("request body larger than")


def test_a_body_within_the_limit_still_works_chunked(city: CityServer) -> None:
    import requests

    code = city.code()
    body = (b'{"code": "%s", "role": "kiosk", "device_name": "k-1"}' % code.encode())
    answer = requests.post(f"{city.url}/v1/enrol", data=iter([body[:10], body[10:]]),
                           headers={"Content-Type": "application/json"}, timeout=10)
    assert answer.status_code == 200, answer.text


@pytest.fixture
def strict_city(city: CityServer):
    """The same database behind an API whose per-address limits are small."""
    from cityapi.app import create_app

    settings = ServerSettings(sign_in_rate="3/minute", enrol_rate="2/minute",
                              tracking_rate="4/minute")
    strict = CityServer("", city.sessions, city.clock,
                        app=create_app(city.sessions, city.clock, settings))
    strict.start()
    yield strict
    strict.stop()


def test_sign_in_enrolment_and_tracking_are_rate_limited_per_address(strict_city) -> None:
    import requests

    url = strict_city.url
    enrols = [requests.post(f"{url}/v1/enrol", timeout=5, json={
        "code": "WRONG-CODE-0000", "role": "kiosk", "device_name": "k"}) for _ in range(3)]
    assert [a.status_code for a in enrols] == [403, 403, 429]
    assert int(enrols[-1].headers["Retry-After"]) >= 1
    assert enrols[-1].json()["error"].startswith("too many requests")
    pages = [requests.get(f"{url}/t/ABCDEFGH12", timeout=5).status_code for _ in range(5)]
    assert pages == [404, 404, 404, 404, 429]


def test_sign_ins_past_the_rate_are_refused_before_any_pin_is_checked(strict_city) -> None:
    import requests

    from sync.client import CityClient

    token = strict_city.enrolment("counter").token
    client = CityClient(strict_city.url, token, retries=0)
    answers = [client.sign_in("nobody", "1234", "1").problem for _ in range(3)]
    assert answers == ["wrong_pin", "wrong_pin", "wrong_pin"]
    refused = requests.post(f"{strict_city.url}/v1/counter/sign-in", timeout=5,
                            headers={"Authorization": f"Bearer {token}"},
                            json={"staff": "nobody", "pin": "1234", "counter": "1"})
    assert refused.status_code == 429
    client.close()
