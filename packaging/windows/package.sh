#!/usr/bin/env bash
# Builds the Windows package from Linux: a release framescope.exe cross-built
# for x86_64-pc-windows-gnu (icon and version information from build.rs), with
# the licences, a README and the demo project, zipped as
#   target/dist/framescope-VERSION-windows-x86_64.zip
# Needs: rustup target x86_64-pc-windows-gnu, Debian's gcc-mingw-w64-x86-64
# (linker and windres), zip, python3. Prints the zip's path last.
# Usage: packaging/windows/package.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
target=x86_64-pc-windows-gnu
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
name=framescope-$version-windows-x86_64

cargo build --release --locked --quiet --target "$target" --bin framescope --bin framescope-cli

stage=target/dist/$name
rm -rf "$stage" "$stage.zip"
mkdir -p "$stage/demo"
cp "target/$target/release/framescope.exe" "target/$target/release/framescope-cli.exe" "$stage/"
# The standard library's debug information is most of the .exe's size; function
# names (for crash-log backtraces) stay.
x86_64-w64-mingw32-strip --strip-debug "$stage"/*.exe
cp LICENSE-MIT LICENSE-APACHE assets/fonts/DejaVu-LICENSE.txt "$stage/"
python3 packaging/third_party.py "$target" >"$stage/THIRD-PARTY.txt"
cp projects/demo.ron "$stage/demo/"
cp -r projects/demo "$stage/demo/articles"
cp packaging/windows/README.txt "$stage/"
# Windows' own editors read LF fine now, but Notepad on older systems does not.
for f in "$stage"/*.txt "$stage"/LICENSE-*; do
    sed -i 's/\r*$/\r/' "$f"
done
(cd target/dist && zip -q -r -9 "$name.zip" "$name")
echo "target/dist/$name.zip"
