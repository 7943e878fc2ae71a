#!/usr/bin/env bash
# Renders every icon file from framescope.svg: PNGs at the freedesktop sizes
# (Linux package, window icon), framescope.ico (Windows resource) and
# framescope.icns (macOS bundle). The outputs are committed, so a build needs
# none of these tools; rerun after editing the SVG.
# Needs: librsvg2-bin (rsvg-convert), icoutils (icotool), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" framescope.svg -o "framescope-$size.png"
done
icotool -c -o framescope.ico framescope-16.png framescope-24.png framescope-32.png \
    framescope-48.png framescope-64.png framescope-128.png --raw=framescope-256.png
# png2icns takes the sizes the icns format has slots for.
png2icns framescope.icns framescope-16.png framescope-32.png framescope-48.png \
    framescope-128.png framescope-256.png framescope-512.png >/dev/null
