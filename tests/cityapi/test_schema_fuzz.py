"""Schemathesis against the API's own OpenAPI document: generated requests never get a 5xx.

Uses schemathesis' Hypothesis strategies directly (one test, every operation) rather than its
pytest plugin, which does not load under this pytest.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.city_server import CityServer

EXAMPLES_PER_OPERATION = 60


def test_generated_requests_never_cause_a_server_error(city: CityServer) -> None:
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
                assert response.status_code < 500, (case.method, case.path, response.text[:300])

        check()
