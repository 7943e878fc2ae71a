#!/usr/bin/env bash
# Assembles Framescope.app around a macOS framescope binary:
#   Framescope.app/Contents/Info.plist           (this folder's, with the version)
#   Framescope.app/Contents/MacOS/framescope     (the binary given)
#   Framescope.app/Contents/Resources/framescope.icns, demo/, licences
# Usage: packaging/macos/bundle.sh BINARY OUT_DIR
# On a Mac (see README "Install"): build for both architectures, join them with
# `lipo -create -output framescope target/{aarch64,x86_64}-apple-darwin/release/framescope`,
# run this script, then `hdiutil create -volname Framescope -srcfolder OUT_DIR
# -ov -format UDZO framescope-VERSION-macos.dmg`. This machine cannot link for
# macOS (no Apple SDK), so CI runs the script on the Linux binary to check the
# bundle's layout and its Info.plist only.
set -euo pipefail
binary=$1
out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
app=$out/Framescope.app
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources/demo"
sed "s/@VERSION@/$version/g" "$root/packaging/macos/Info.plist" >"$app/Contents/Info.plist"
printf 'APPL????' >"$app/Contents/PkgInfo"
cp "$binary" "$app/Contents/MacOS/framescope"
chmod 755 "$app/Contents/MacOS/framescope"
cp "$root/packaging/icons/framescope.icns" "$app/Contents/Resources/"
cp "$root/projects/demo.ron" "$app/Contents/Resources/demo/"
cp -r "$root/projects/demo" "$app/Contents/Resources/demo/articles"
cp "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$root/assets/fonts/DejaVu-LICENSE.txt" \
    "$app/Contents/Resources/"
echo "$app"
