#!/usr/bin/env bash
# Runs the date-sensitive tests again with the wall clock moved to the plaza's hard cases
# (tests/clock_moments.py): a Friday at 12:30 WITA, a Saturday, 31 December at 23:59 WITA and a
# national holiday. `make test` is the run on today's date.
#   scripts/test-clocks.sh .venv/bin/python [TEST PATHS...]
# tests/conftest.py moves the clock with time-machine when $PLAZA_TEST_CLOCK names an instant;
# it ticks on from there. Only the wall clock moves: the monotonic clock that timeouts and
# waits use stays true. (libfaketime moves both, and Python's timed waits then never end.)
set -euo pipefail
python="${1:-.venv/bin/python}"
shift || true
tests=(tests/kiosk tests/sync tests/cityapi/test_counters.py tests/integration/test_hall_flow.py
       tests/integration/test_kiosk_sync.py tests/ui/test_kiosk_shell.py tests/ui/test_visitor_flow.py)
[ "$#" -gt 0 ] && tests=("$@")

"$python" tests/clock_moments.py | while read -r name instant; do
  echo "=== tests at $name ($instant) ==="
  PLAZA_TEST_CLOCK="$instant" QT_QPA_PLATFORM=offscreen \
    "$python" -m pytest -q -p no:cacheprovider -m 'not soak' -n "${WORKERS:-2}" "${tests[@]}"
done
