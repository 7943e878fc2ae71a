#!/usr/bin/env bash
# Smoke test of the real app window: start the binary under Xvfb on the demo
# project, check that it stays up and draws (a screenshot with many colours),
# then close it. Usage: .ci/smoke.sh BINARY [SCREENSHOT.png]
set -euo pipefail
bin=$1
shot=${2:-/tmp/framescope-smoke.png}
disp=:97
while [ -e "/tmp/.X11-unix/X${disp#:}" ]; do disp=":$(( ${disp#:} + 1 ))"; done

Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill "$app" 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${disp#:}" ] && break; sleep 0.1; done

# A private config/data home so the smoke test never sees a user's recent projects.
home=$(mktemp -d)
DISPLAY=$disp XDG_DATA_HOME=$home XDG_CONFIG_HOME=$home "$bin" projects/demo.ron --view frequency \
    >/tmp/framescope-smoke.log 2>&1 & app=$!
sleep 10
if ! kill -0 "$app" 2>/dev/null; then
    echo "smoke: the app exited early" >&2
    cat /tmp/framescope-smoke.log >&2
    exit 1
fi
DISPLAY=$disp import -window root "$shot"
colours=$(identify -format '%k' "$shot")
echo "smoke: app up after 10 s; screenshot $shot has $colours colours"
if [ "$colours" -lt 100 ]; then
    echo "smoke: the window looks blank" >&2
    exit 1
fi
kill "$app"
wait "$app" 2>/dev/null || true
echo "smoke: passed"
