"""Applying the city server's change feed to the local store: kinds this version does not
know are skipped (a newer server keeps older kiosks working), and a snapshot is the whole
truth about staff overrides."""

from __future__ import annotations

import logging

from kiosk import feed
from kiosk.availability import StaffOverride
from kiosk.local_plaza import LocalPlaza


def test_a_kind_this_version_does_not_know_is_skipped_once_logged(plaza: LocalPlaza, clock,
                                                                   caplog) -> None:
    day = plaza.today().isoformat()
    page = [("ikm.answer", {"ticket": "x", "answers": [4, 4, 3]}),
            ("service.override", {"service": "kk", "service_day": day, "state": "closed"}),
            ("ikm.answer", {"ticket": "y", "answers": [1]})]
    with caplog.at_level(logging.WARNING, logger="kiosk.feed"):
        feed.apply(plaza.store, page, "42", clock())
    assert plaza.service_states()["kk"].override is StaffOverride.CLOSED  # the rest applied
    assert feed.setting(plaza.store, feed.CURSOR) == "42"
    assert sum("ikm.answer" in record.message for record in caplog.records) <= 1


def test_a_snapshot_clears_overrides_lifted_while_away(plaza: LocalPlaza, clock) -> None:
    plaza.set_override("ktp-el", StaffOverride.CLOSED)  # known here, lifted on the server since
    day = plaza.today().isoformat()
    feed.apply(plaza.store, [("service.override", {"service": "kk", "service_day": day,
                                                   "state": "open"})],
               "7", clock(), overrides_from=plaza.today())
    states = plaza.service_states()
    assert states["ktp-el"].override is None
    assert states["kk"].override is StaffOverride.OPEN
