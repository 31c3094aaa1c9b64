#!/usr/bin/env bash
# Regenerates every icon file from the two SVG drawings. Run it after editing an SVG, then commit the results.
#   jitterbug.svg        the mark, used for 32 px and up
#   jitterbug-small.svg  the same mark simplified for 16 and 24 px (a detailed drawing turns to mush at that size)
# Needs Debian packages: librsvg2-bin (rsvg-convert), imagemagick (/usr/bin/convert), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")"

require() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "generate.sh: '$1' is missing; install the Debian package '$2' (sudo apt-get install -y $2)" >&2
    exit 1
  fi
}
require rsvg-convert librsvg2-bin
require png2icns icnsutils
# /usr/bin/convert explicitly: some machines put a different tool called 'convert' earlier on the PATH.
CONVERT=/usr/bin/convert
[ -x "$CONVERT" ] || { echo "generate.sh: $CONVERT is missing; install the Debian package 'imagemagick'" >&2; exit 1; }

mkdir -p png
for size in 16 24; do
  rsvg-convert --width "$size" --height "$size" jitterbug-small.svg --output "png/jitterbug-$size.png"
done
for size in 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" jitterbug.svg --output "png/jitterbug-$size.png"
done

# Windows: one .ico holding every size Windows asks for (256 is the largest an .ico entry can be).
"$CONVERT" png/jitterbug-{16,24,32,48,64,128,256}.png jitterbug.ico

# macOS: .icns takes only the sizes its format defines (16, 32, 48, 128, 256, 512).
png2icns jitterbug.icns png/jitterbug-{16,32,48,128,256,512}.png >/dev/null

echo "generate.sh: wrote png/jitterbug-{16,24,32,48,64,128,256,512}.png, jitterbug.ico, jitterbug.icns"
