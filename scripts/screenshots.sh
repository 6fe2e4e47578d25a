#!/usr/bin/env sh
# Renders every visitor screen in both languages, portrait and landscape, on the sample data,
# at a fixed plaza time (a Tuesday morning) so the pictures are comparable run to run.
set -eu
cli="${1:-plaza-kiosk}"
out="${2:-screenshots-out}"
at="${AT:-2026-11-24T10:00}"
mkdir -p "$out"
for screen in home services service search ticket queue staff info attract survey; do
  for lang in id en; do
    for size in 1080x1920 1920x1080; do
      QT_QPA_PLATFORM=offscreen "$cli" screenshot --screen "$screen" --lang "$lang" --size "$size" \
        --at "$at" --out "$out/$screen-$lang-$size.png" >/dev/null 2>&1 || echo "failed: $screen $lang $size"
    done
  done
done
echo "screenshots in $out/"
