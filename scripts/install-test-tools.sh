#!/usr/bin/env bash
# The system tools some tests use that pip cannot install: Debian's chromium (the ticket's
# phone page in a real headless browser, driven by Playwright; Playwright's own browser
# download is not used), poppler-utils (the report's PDF read back as text) and Pango (the
# text library WeasyPrint draws the PDF with). Installs what is missing with apt-get when run
# as root (CI), else names the packages. Without them those tests skip, except under CI.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
ldconfig -p | grep -q 'libpango-1.0.so.0' || missing+=(libpango-1.0-0)
ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpangoft2-1.0-0)
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} (Debian packages) for the browser and report tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "The browser and report tests need: sudo apt-get install ${missing[*]}" >&2
  [ -z "${CI:-}" ] || exit 1
fi
