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

# library soname -> Debian package
for pair in libEGL.so.1:libegl1 libGL.so.1:libgl1 libfontconfig.so.1:libfontconfig1 \
            libxkbcommon.so.0:libxkbcommon0 libglib-2.0.so.0:libglib2.0-0 \
            libdbus-1.so.3:libdbus-1-3; do
  lib="${pair%%:*}"; pkg="${pair##*:}"
  if ! ldconfig -p 2>/dev/null | grep -q "$lib"; then
    missing="$missing $pkg"
  fi
done

# A real window (make demo) goes through Qt's xcb plugin; Qt's own error can blame the
# wrong library, so check them all here.
if [ "$mode" = "window" ]; then
  for pair in libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 \
              libxcb-image.so.0:libxcb-image0 libxcb-keysyms.so.1:libxcb-keysyms1 \
              libxcb-randr.so.0:libxcb-randr0 libxcb-render-util.so.0:libxcb-render-util0 \
              libxcb-shape.so.0:libxcb-shape0 libxcb-xkb.so.1:libxcb-xkb1 \
              libxkbcommon-x11.so.0:libxkbcommon-x11-0 libX11-xcb.so.1:libx11-xcb1; do
    lib="${pair%%:*}"; pkg="${pair##*:}"
    if ! ldconfig -p 2>/dev/null | grep -q "$lib"; then
      missing="$missing $pkg"
    fi
  done
fi

if [ -n "$missing" ]; then
  echo "Missing system packages needed by Qt:$missing" >&2
  echo "Install them with: sudo apt-get install$missing" >&2
  exit 1
fi
