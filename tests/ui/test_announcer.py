"""The display board's voice: calls are played one after another by a real player process,
and a missing or failing player leaves the calls as text, without an error."""

from __future__ import annotations

import logging
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk import voice
from ui.announcer import Announcer

# A stand-in for aplay: it records when it starts and ends, keeps a copy of what it was given
# to play, and takes 0.2 s, like a short call.
PLAYER = textwrap.dedent("""
    import shutil, sys, time
    log, wav = sys.argv[1], sys.argv[2]
    with open(log, "a") as f:
        f.write(f"start {time.monotonic()}\\n")
    count = sum(1 for line in open(log) if line.startswith("start"))
    shutil.copy(wav, f"{log}.{count}.wav")
    time.sleep(0.2)
    with open(log, "a") as f:
        f.write(f"end {time.monotonic()}\\n")
""")

FAILING = "import sys; print('aplay: main:831: audio open error: No such file', file=sys.stderr); sys.exit(1)"


@pytest.fixture
def announcer_factory(qtbot):
    made: list[Announcer] = []

    def make(**kwargs) -> Announcer:
        announcer = Announcer(**kwargs)
        made.append(announcer)
        return announcer

    yield make
    for announcer in made:
        announcer.stop()


def _collect(announcer: Announcer) -> tuple[list[str], list[str]]:
    spoken: list[str] = []
    done: list[str] = []
    announcer.spoken.connect(spoken.append)
    announcer.done.connect(done.append)
    return spoken, done


def test_calls_are_played_one_after_another_in_order(qtbot, announcer_factory, tmp_path: Path) -> None:
    script = tmp_path / "player.py"
    script.write_text(PLAYER)
    log = tmp_path / "played.log"
    announcer = announcer_factory(player=[sys.executable, str(script), str(log)])
    spoken, done = _collect(announcer)
    calls = [("A-012", "3"), ("B-007", "10"), ("A-K7-111", "12A")]

    for number, counter in calls:  # quickly, as three counters calling at once
        announcer.announce(number, counter)
    qtbot.waitUntil(lambda: len(done) == 3, timeout=4000)

    texts = [voice.call_text(n, c) for n, c in calls]
    assert spoken == texts and done == texts
    events = [line.split() for line in log.read_text().splitlines()]
    assert [kind for kind, _ in events] == ["start", "end"] * 3
    times = [float(t) for _, t in events]
    assert times == sorted(times)  # each call ends before the next starts: never spoken over
    for i, (number, counter) in enumerate(calls, start=1):
        played = Path(f"{log}.{i}.wav").read_bytes()
        assert played == voice.assemble(voice.clip_paths(voice.call_clips(number, counter)))
    assert not list(tmp_path.glob("plaza-call-*"))


def test_a_failing_player_leaves_text_and_one_warning(qtbot, announcer_factory, tmp_path: Path,
                                                      caplog) -> None:
    script = tmp_path / "failing.py"
    script.write_text(FAILING)
    announcer = announcer_factory(player=[sys.executable, str(script)])
    spoken, done = _collect(announcer)

    with caplog.at_level(logging.INFO, logger="ui.announcer"):
        announcer.announce("A-012", "3")
        announcer.announce("A-013", "3")
        qtbot.waitUntil(lambda: len(done) == 2, timeout=3000)

    assert spoken == ["Nomor antrian A nol dua belas, silakan menuju loket tiga",
                      "Nomor antrian A nol tiga belas, silakan menuju loket tiga"]
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "exited with 1" in warnings[0].getMessage()
    assert "audio open error" in warnings[0].getMessage()
    assert not any(r.exc_info for r in caplog.records)


def test_without_a_player_calls_are_text_only(qtbot, announcer_factory, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="ui.announcer"):
        announcer = announcer_factory(player=None)
        spoken, done = _collect(announcer)
        announcer.announce("B-100", "1")
        qtbot.waitUntil(lambda: len(done) == 1, timeout=2000)
    assert spoken == ["Nomor antrian B seratus, silakan menuju loket satu"]
    assert "No audio player" in caplog.text
    assert not any(r.levelno >= logging.ERROR for r in caplog.records)


def test_missing_clips_are_named_once_and_nothing_is_played(qtbot, announcer_factory,
                                                             tmp_path: Path, caplog) -> None:
    script = tmp_path / "player.py"
    script.write_text(PLAYER)
    log = tmp_path / "played.log"
    announcer = announcer_factory(player=[sys.executable, str(script), str(log)],
                                  voice_dir=tmp_path / "voice")
    spoken, done = _collect(announcer)
    with caplog.at_level(logging.INFO, logger="ui.announcer"):
        announcer.announce("A-012", "3")
        announcer.announce("A-012", "3")
        qtbot.waitUntil(lambda: len(done) == 2, timeout=2000)
    assert len(spoken) == 2
    missing = [r.getMessage() for r in caplog.records if "missing" in r.getMessage()]
    assert len(missing) == 1 and "chime, dua, nol, nomor-antrian" in missing[0]
    assert not log.exists()


def test_stop_ends_a_call_at_once_and_drops_the_queue(qtbot, announcer_factory,
                                                      tmp_path: Path) -> None:
    script = tmp_path / "slow.py"
    script.write_text("import time; time.sleep(30)")
    announcer = announcer_factory(player=[sys.executable, str(script)])
    spoken, _ = _collect(announcer)
    announcer.announce("A-001", "1")
    announcer.announce("A-002", "1")
    qtbot.waitUntil(lambda: len(spoken) == 1, timeout=2000)

    announcer.stop()

    assert not announcer._thread.is_alive()
    announcer.announce("A-003", "1")  # after stop: ignored, no error
    qtbot.wait(50)
    assert spoken == ["Nomor antrian A nol nol satu, silakan menuju loket satu"]


def test_the_queue_keeps_the_newest_calls(qtbot, announcer_factory, tmp_path: Path, caplog) -> None:
    script = tmp_path / "slow.py"
    script.write_text("import time; time.sleep(0.3)")
    announcer = announcer_factory(player=[sys.executable, str(script)], max_queue=2)
    spoken, done = _collect(announcer)
    announcer.announce("A-001", "1")
    qtbot.waitUntil(lambda: len(spoken) == 1, timeout=2000)
    with caplog.at_level(logging.WARNING, logger="ui.announcer"):
        for n in (2, 3, 4):
            announcer.announce(f"A-00{n}", "1")
    assert announcer.pending() == 2
    assert "not announcing A-002" in caplog.text
    qtbot.waitUntil(lambda: len(done) == 3, timeout=3000)
    assert spoken == [voice.call_text(f"A-00{n}", "1") for n in (1, 3, 4)]
