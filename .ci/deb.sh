#!/usr/bin/env bash
# The Debian package in CI: build it with cargo-deb, install it with apt-get (which
# pulls in the declared runtime dependencies), check what it put where (binary,
# desktop entry, icons, the project MIME type recognised by content), start the
# installed app under Xvfb on the packaged demo project (.ci/smoke.sh), and
# remove the package again.
# Needs: cargo-deb, Xvfb and ImageMagick (smoke test), desktop-file-utils,
# shared-mime-info and libglib2.0-bin (`gio`) to check the desktop integration.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo

cargo build --release --locked --quiet --bin framescope
mkdir -p target/dist
python3 packaging/third_party.py x86_64-unknown-linux-gnu >target/dist/THIRD-PARTY.txt
deb=$(cargo deb --no-build --locked --output target/dist/ | tail -1)
echo "deb: $deb ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb --info "$deb" | sed -n 's/^ Depends:/deb: depends:/p'

# A framescope package left by an earlier run would make apt-get skip this one.
dpkg -s framescope >/dev/null 2>&1 && $SUDO apt-get remove -y -qq framescope >/dev/null
trap 'dpkg -s framescope >/dev/null 2>&1 && $SUDO apt-get remove -y -qq framescope >/dev/null || true' EXIT
$SUDO apt-get install -y -qq --no-install-recommends "$PWD/$deb" >/dev/null

fail() { echo "deb: $*" >&2; exit 1; }
[ -x /usr/bin/framescope ] || fail "no /usr/bin/framescope"
/usr/bin/framescope --version
desktop-file-validate /usr/share/applications/framescope.desktop
for size in 16 32 48 128 256 512; do
    [ -f "/usr/share/icons/hicolor/${size}x${size}/apps/framescope.png" ] || fail "no ${size}px icon"
done
demo=/usr/share/framescope/demo/demo.ron
[ -f "$demo" ] || fail "no demo project"
[ -n "$(ls /usr/share/framescope/demo/articles)" ] || fail "no demo articles"
# The MIME type is given by content: a project file is one, a plain .ron is not.
type_of() { gio info -a standard::content-type "$1" | sed -n 's/.*standard::content-type: //p'; }
[ "$(type_of "$demo")" = application/x-framescope-project ] || fail "the demo is $(type_of "$demo")"
[ "$(type_of assets/default_dictionary.ron)" != application/x-framescope-project ] ||
    fail "a plain .ron file was taken for a project"
default=$(XDG_DATA_DIRS=/usr/share gio mime application/x-framescope-project | sed -n 1p)
case $default in *framescope.desktop*) ;; *) fail "projects open with: $default" ;; esac
echo "deb: installed; $(basename "$demo") is application/x-framescope-project, opened by framescope.desktop"

bash .ci/smoke.sh /tmp/framescope-deb.png 100 /usr/bin/framescope "$demo" --view frequency

$SUDO apt-get remove -y -qq framescope >/dev/null
[ ! -e /usr/bin/framescope ] || fail "removing the package left /usr/bin/framescope"
trap - EXIT
echo "deb: passed (installed, started, removed)"
