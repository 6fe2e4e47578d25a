#!/usr/bin/env sh
# Checks what pip cannot install: a recent Python with venv, and the system
# libraries Qt needs even offscreen (and, with "window", for a real X window).
# Names the Debian/Ubuntu packages to install.
python="${1:-python3}"
mode="${2:-}"
missing=""

if ! command -v "$python" >/dev/null 2>&1; then
  echo "Python 3.11 or newer is needed: sudo apt-get install python3 python3-venv" >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Python 3.11 or newer is needed (found $("$python" --version 2>&1))." >&2
  echo "Install a newer python3, or run: make PYTHON=python3.12 ..." >&2
  exit 1
fi
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing="$missing python3-venv"
fi

# The libraries Qt loads (and, with "window", its xcb plugin's), checked the way Qt will
# load them; the list lives in plaza_kiosk/system_libs.py, which the app itself runs too.
# Qt's own error can blame the wrong library, so every one is named here.
libs="$(dirname "$0")/../plaza_kiosk/system_libs.py"
for pkg in $("$python" "$libs" $mode); do
  missing="$missing $pkg"
done

if [ -n "$missing" ]; then
  echo "Missing system packages needed by Qt:$missing" >&2
  echo "Install them with: sudo apt-get install$missing" >&2
  exit 1
fi
