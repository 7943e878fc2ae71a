#!/usr/bin/env bash
# Smoke test of a real app window: start COMMAND under a private Xvfb display,
# check that it stays up for 10 s and draws (a screenshot with at least
# MIN_COLOURS colours), then close it. COMMAND is the app opened on the demo
# project: the Linux binary, the installed package, or the .exe under Wine.
# Usage: .ci/smoke.sh SCREENSHOT.png MIN_COLOURS COMMAND [ARGS…]
set -euo pipefail
shot=$1
min_colours=$2
shift 2
disp=:97
while [ -e "/tmp/.X11-unix/X${disp#:}" ] || [ -e "/tmp/.X${disp#:}-lock" ]; do
    disp=":$(( ${disp#:} + 1 ))"
done

Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
app=""
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; kill "$xvfb" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${disp#:}" ] && break; sleep 0.1; done

# A private config/data home so the smoke test never sees a user's recent
# projects, and never leaves settings behind.
home=$(mktemp -d)
log=$(mktemp)
DISPLAY=$disp XDG_DATA_HOME=$home XDG_CONFIG_HOME=$home "$@" >"$log" 2>&1 & app=$!
sleep 10
if ! kill -0 "$app" 2>/dev/null; then
    echo "smoke: the app exited early ($*)" >&2
    cat "$log" >&2
    exit 1
fi
DISPLAY=$disp import -window root "$shot"
colours=$(identify -format '%k' "$shot")
echo "smoke: $1 up after 10 s; screenshot $shot has $colours colours"
if [ "$colours" -lt "$min_colours" ]; then
    echo "smoke: the window looks blank (fewer than $min_colours colours)" >&2
    cat "$log" >&2
    exit 1
fi
kill "$app"
wait "$app" 2>/dev/null || true
app=""
rm -rf "$home" "$log"
echo "smoke: passed"
