"""Schemathesis against the API's own OpenAPI document: generated requests never get a 5xx,
and every answer agrees with the published schema (its status code is documented, its body
and content type are the documented ones, errors keep the one `{error, detail}` shape).

Uses schemathesis' Hypothesis strategies directly (one test, every operation) rather than its
pytest plugin, which does not load under this pytest.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from tests.city_server import CityServer

EXAMPLES_PER_OPERATION = 60
CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_schema_conformance,
          checks.response_headers_conformance]


def test_generated_requests_never_fail_and_conform_to_the_schema(city: CityServer) -> None:
    token = city.enrol()["token"]
    schema = schemathesis.openapi.from_url(f"{city.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/v1/enrol", "/v1/ops:batch", "/t/{code}"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case) -> None:
            for headers in ({}, {"Authorization": f"Bearer {token}"}):
                response = case.call(headers=headers, timeout=10)
                case.validate_response(response, checks=CHECKS)

        check()


def test_errors_outside_the_routes_keep_the_one_shape(city: CityServer) -> None:
    import requests

    for method, path, status in (("GET", "/v1/nowhere", 404), ("DELETE", "/v1/enrol", 405),
                                 ("POST", "/v1/enrol", 422)):
        answer = requests.request(method, f"{city.url}{path}", timeout=5, data=b"{not json",
                                  headers={"Content-Type": "application/json"})
        assert answer.status_code == status, (path, answer.text)
        body = answer.json()
        assert set(body) == {"error", "detail"} and isinstance(body["detail"], list), body
