#!/usr/bin/env sh
# Checks what pip cannot install: a recent Python with venv, and the system
# libraries Qt needs even offscreen. Names the Debian/Ubuntu package to install.
python="${1:-python3}"
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

# library soname -> Debian package
for pair in libEGL.so.1:libegl1 libGL.so.1:libgl1 libfontconfig.so.1:libfontconfig1 \
            libxkbcommon.so.0:libxkbcommon0 libglib-2.0.so.0:libglib2.0-0 \
            libdbus-1.so.3:libdbus-1-3; do
  lib="${pair%%:*}"; pkg="${pair##*:}"
  if ! ldconfig -p 2>/dev/null | grep -q "$lib"; then
    missing="$missing $pkg"
  fi
done

if [ -n "$missing" ]; then
  echo "Missing system packages needed by Qt:$missing" >&2
  echo "Install them with: sudo apt-get install$missing" >&2
  exit 1
fi
