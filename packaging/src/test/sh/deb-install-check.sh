#!/usr/bin/env bash
# Installs the built .deb on this machine with apt-get, runs the installed launcher's self-test, purges the package and
# checks nothing is left behind. Changes the machine: run it as root on a throw-away or CI machine.
#   packaging/src/test/sh/deb-install-check.sh [path/to/jitterbug_*.deb]
set -euo pipefail
cd "$(dirname "$0")/../../.."   # packaging/

deb="${1:-}"
if [ -z "$deb" ]; then
  shopt -s nullglob
  debs=(target/installers/jitterbug_*.deb)
  [ ${#debs[@]} -eq 1 ] || { echo "deb-install-check: expected one target/installers/jitterbug_*.deb, found ${#debs[@]}; build it with ./mvnw -B -Pinstallers -DskipTests package" >&2; exit 1; }
  deb="${debs[0]}"
fi
deb="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
[ "$(id -u)" -eq 0 ] || { echo "deb-install-check: run as root (it installs and purges a package)" >&2; exit 1; }
if dpkg -s jitterbug >/dev/null 2>&1; then
  echo "deb-install-check: jitterbug is already installed here; remove it first (apt-get purge -y jitterbug)" >&2; exit 1
fi

export DEBIAN_FRONTEND=noninteractive
fail() { echo "deb-install-check: FAILED: $*" >&2; exit 1; }

echo "+ apt-get install -y $deb"
apt-get install -y "$deb" > /tmp/jitterbug-apt-install.log 2>&1 || { cat /tmp/jitterbug-apt-install.log; fail "apt-get install"; }
tail -n 3 /tmp/jitterbug-apt-install.log
status="$(dpkg-query -W -f='${Status} ${Version}' jitterbug)"
echo "  dpkg status: $status"
[[ "$status" == "install ok installed "* ]] || fail "package not fully installed: $status"

echo "+ /opt/jitterbug/bin/jitterbug --version"
/opt/jitterbug/bin/jitterbug --version
echo "+ xvfb-run -a /opt/jitterbug/bin/jitterbug --self-test"
out="$(xvfb-run -a /opt/jitterbug/bin/jitterbug --self-test)" || fail "self-test exited $?"
echo "  $out"
[[ "$out" == *"self-test OK: main window rendered"* ]] || fail "unexpected self-test output"

echo "+ apt-get purge -y jitterbug"
apt-get purge -y jitterbug > /tmp/jitterbug-apt-purge.log 2>&1 || { cat /tmp/jitterbug-apt-purge.log; fail "apt-get purge"; }
grep -E "^(Removing|Purging)" /tmp/jitterbug-apt-purge.log | sed 's/^/  /'
dpkg -s jitterbug >/dev/null 2>&1 && fail "dpkg still knows jitterbug after purge"
[ ! -e /opt/jitterbug ] || fail "/opt/jitterbug is still there after purge: $(find /opt/jitterbug | head)"
for entry in /usr/share/applications/jitterbug-jitterbug.desktop; do
  [ ! -e "$entry" ] || fail "$entry is still there after purge"
done
echo "  /opt/jitterbug: gone; menu entry: gone; dpkg: not installed"
echo "deb-install-check: OK"
