#!/usr/bin/env bash
# The Windows package in CI: cross-build and zip it (packaging/windows/package.sh),
# unzip it, and run what is in the zip under Wine inside Xvfb:
#  - `framescope-cli.exe count` and `framescope.exe count` on the demo project print
#    exactly what the Linux build prints;
#  - the app opens the demo project, stays up 10 s and draws (.ci/smoke.sh, ≥ 64
#    colours), and writes nothing into the folder it runs from.
# Usage: .ci/windows.sh LINUX_BINARY [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
linux_bin=$(realpath "$1")
shot=${2:-/tmp/framescope-wine.png}

zip=$(bash packaging/windows/package.sh | tail -1)
echo "windows: $zip ($(du -k "$zip" | cut -f1) KiB)"
work=$(mktemp -d)
trap 'wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
unzip -q "$zip" -d "$work"
dir=$(echo "$work"/framescope-*)

# Both executables carry the icon and the version information (build.rs).
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
for exe in framescope.exe framescope-cli.exe; do
    resources=$(wrestool -l "$dir/$exe")
    grep -q -- '--type=14 ' <<<"$resources" || { echo "windows: $exe has no icon" >&2; exit 1; }
    wrestool -x --raw --type=16 "$dir/$exe" | strings -el | grep -qx "$version" ||
        { echo "windows: $exe has no version information $version" >&2; exit 1; }
done
echo "windows: icon and version $version in framescope.exe and framescope-cli.exe"

# Wine 8.0 lacks bcryptprimitives.dll (ProcessPrng), which Rust's std imports;
# Windows 10 and later have it. A shim for this test only, never in the package:
# ProcessPrng filled by RtlGenRandom (SystemFunction036, advapi32).
cat >"$work/shim.c" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    return SystemFunction036(data, (ULONG)length);
}
C
x86_64-w64-mingw32-gcc -shared -O2 -o "$dir/bcryptprimitives.dll" "$work/shim.c" -ladvapi32

export WINEPREFIX=$work/prefix WINEDEBUG=-all
# No Mono or Gecko installer prompts while the prefix is made.
export WINEDLLOVERRIDES="mscoree,mshtml="
cd "$dir"
before=$(find . | sort)

"$linux_bin" count "$repo/projects/demo.ron" >"$work/linux.csv"
wine framescope-cli.exe count 'demo\demo.ron' >"$work/windows-cli.csv"
wine framescope.exe count 'demo\demo.ron' >"$work/windows.csv"
for out in windows-cli windows; do
    if ! cmp -s "$work/linux.csv" "$work/$out.csv"; then
        echo "windows: $out.csv differs from the Linux build's count" >&2
        diff "$work/linux.csv" "$work/$out.csv" | head -20 >&2
        exit 1
    fi
done
echo "windows: count under Wine = Linux count ($(wc -l <"$work/linux.csv") lines)"
# Wine's desktop process, started by the runs above without a display, would
# keep the next program off the screen: stop this prefix's Wine first.
wineserver -k 2>/dev/null || true

bash "$repo/.ci/smoke.sh" "$shot" 64 wine framescope.exe 'demo\demo.ron' --view frequency
wineserver -k 2>/dev/null || true
after=$(find . | sort)
if [ "$before" != "$after" ]; then
    echo "windows: the app wrote into the folder it ran from:" >&2
    diff <(echo "$before") <(echo "$after") >&2
    exit 1
fi
echo "windows: passed"
