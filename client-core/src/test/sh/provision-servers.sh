#!/usr/bin/env bash
# Makes the XMPP server and the HTTP proxy the tests and the demo need available, with no manual step and no root:
#
#   prosody 0.12 with prosody-modules   -> $CACHE/bin/prosody (and $CACHE/bin/prosodyctl, for its admin shell)
#   tinyproxy (any version)             -> $CACHE/bin/tinyproxy (the proxy tests' real proxy)
#   ejabberd 23 with its Erlang runtime -> $CACHE/bin/ejabberd (see provision-ejabberd.sh)
#   HAProxy 2                           -> $CACHE/bin/haproxy (the cluster tests' balancer; provision-haproxy.sh)
#
# A system Prosody 0.12 with prosody-modules is used as it is. Otherwise the distribution's packages are fetched
# with `apt-get download` (no root needed) and unpacked with `dpkg-deb -x` under $CACHE (~/.cache/jitterbug by
# default), once; later runs reuse that copy. Either way $CACHE/bin/prosody is the one command the tests start
# (ProsodyServer looks for it first). Where neither works, one sentence says what to install, and the build stops.
#
# Called by the build (client-core, phase generate-test-resources). By hand: bash provision-servers.sh
set -euo pipefail

work=""
proxy_work=""
ej_work=""
hap_work=""
CACHE="${JITTERBUG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jitterbug}"
PROSODY_SERIES="0.12"
BIN="$CACHE/bin"
# The layout version: a new one is fetched beside an older copy (which builds still running may be using).
PRIVATE="$CACHE/prosody-$PROSODY_SERIES-2"
# Runtime packages of prosody and prosody-modules that a Debian/Ubuntu base system may lack. Shared libraries the
# system already has are not fetched again (see missing_libraries).
PACKAGES=(prosody prosody-modules lua5.4 liblua5.4-0 lua-bitop lua-expat lua-filesystem lua-sec lua-socket)
# tinyproxy's binary alone (Debian's "tinyproxy" adds only the system service); it needs nothing but libc.
TINYPROXY_PRIVATE="$CACHE/tinyproxy-1"

say() { printf 'jitterbug: %s\n' "$*"; }

give_up() {
  say "$1"
  say "Install Prosody $PROSODY_SERIES and prosody-modules yourself (Debian 12 / Ubuntu 24.04:" \
      "'sudo apt-get install prosody prosody-modules'; elsewhere https://prosody.im/download), then run the command again."
  exit 1
}

system_prosody_fits() {
  local version_file=/usr/lib/prosody/prosody.version
  command -v prosody >/dev/null 2>&1 && [ -f "$version_file" ] \
    && grep -q "^$PROSODY_SERIES\." "$version_file" && [ -f /usr/lib/prosody/modules/mod_sasl2/mod_sasl2.lua ]
}

write_wrapper() { # $1 = the command (prosody, prosodyctl), $2 = the lines that run it
  mkdir -p "$BIN"
  local tmp="$BIN/.$1.$$"
  printf '#!/bin/sh\n# Written by provision-servers.sh; runs the %s the tests use.\n%s\n' "$1" "$2" > "$tmp"
  chmod +x "$tmp"
  mv -f "$tmp" "$BIN/$1"
}

# The shared libraries (lib*) that PACKAGES need, directly or through one another, and that this system lacks (e.g.
# libicu72, libreadline8, libexpat1 on a minimal system): the lib* packages apt would install along with them.
# $@ = options for apt (the private package lists, when the system's are not used).
missing_libraries() {
  apt-get "$@" --simulate --no-install-recommends install "${PACKAGES[@]}" 2>/dev/null \
    | sed -n 's/^Inst \(lib[a-z0-9.+-]*\) .*/\1/p' | sort -u
}

download() { # into the current folder; the machine's package lists first, then a private copy of them
  local wanted=("${PACKAGES[@]}")
  mapfile -t -O "${#wanted[@]}" wanted < <(missing_libraries)
  if apt-get download "${wanted[@]}" >download.log 2>&1; then
    return 0
  fi
  # No package lists (a fresh container) or no permission to use them: fetch the lists privately.
  local state="$CACHE/apt"
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial"
  local private=(-o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache" -o Debug::NoLocking=1
                 -o APT::Sandbox::User="$(id -un)")
  apt-get "${private[@]}" update >>download.log 2>&1 || return 1
  mapfile -t wanted < <(printf '%s\n' "${PACKAGES[@]}"; missing_libraries "${private[@]}")
  apt-get "${private[@]}" download "${wanted[@]}" >>download.log 2>&1
}

provision_private() {
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 \
    || give_up "Prosody $PROSODY_SERIES is not installed and this machine has no apt-get/dpkg-deb to fetch a private copy."
  local started=$SECONDS
  say "Prosody $PROSODY_SERIES not found; fetching a private copy into $PRIVATE (apt-get download, no root needed) ..."
  work=$(mktemp -d "$CACHE/.prosody-download.XXXXXX")
  trap 'rm -rf "${work:-}" "${proxy_work:-}" "${ej_work:-}" "${hap_work:-}"' EXIT
  if ! (cd "$work" && download); then
    tail -n 5 "$work/download.log" | sed 's/^/  apt: /'
    give_up "Could not download Prosody's packages (no network, or no apt repository that has them)."
  fi
  mkdir -p "$work/root"
  for deb in "$work"/*.deb; do
    dpkg-deb -x "$deb" "$work/root"
  done
  local root="$work/root" version
  version=$(cat "$root/usr/lib/prosody/prosody.version" 2>/dev/null || echo unknown)
  case "$version" in
    "$PROSODY_SERIES".*) ;;
    *) give_up "This distribution offers Prosody $version, but the tests need $PROSODY_SERIES." ;;
  esac
  rm -rf "$PRIVATE"
  mv "$root" "$PRIVATE"
  # The launcher has the install paths built in: point them at the private copy.
  sed -i -e "s#^CFG_SOURCEDIR=.*#CFG_SOURCEDIR='$PRIVATE/usr/lib/prosody';#" \
         -e "s#^CFG_PLUGINDIR=.*#CFG_PLUGINDIR='$PRIVATE/usr/lib/prosody/modules/';#" \
         -e "s#^CFG_CONFIGDIR=.*#CFG_CONFIGDIR='$PRIVATE/etc/prosody';#" \
         "$PRIVATE/usr/bin/prosody" "$PRIVATE/usr/bin/prosodyctl"
  local libs="" dir
  for dir in "$PRIVATE"/usr/lib/*-linux-gnu "$PRIVATE"/lib/*-linux-gnu; do
    [ -d "$dir" ] && libs="$libs${libs:+:}$dir"
  done
  local lua_cpath="" lua_path="$PRIVATE/usr/share/lua/5.4/?.lua;$PRIVATE/usr/share/lua/5.4/?/init.lua"
  for dir in "$PRIVATE"/usr/lib/*-linux-gnu/lua/5.4; do
    [ -d "$dir" ] && lua_cpath="$lua_cpath$dir/?.so;"
  done
  # Only a copy that runs counts as provisioned: the interpreter and every native module Prosody needs (its own
  # util.*, lxp, socket, lfs, ssl) must load, with their shared libraries. Otherwise say what is missing and stop
  # here; a later run tries again.
  local modules
  modules=$(cd "$PRIVATE/usr/lib/prosody" && printf "'%s', " util/*.so | sed 's#/#.#g; s#\.so##g')
  if ! LD_LIBRARY_PATH="$libs" LUA_PATH="$lua_path;;" LUA_CPATH="$PRIVATE/usr/lib/prosody/?.so;$lua_cpath;" \
      "$PRIVATE/usr/bin/lua5.4" -e "
        local failed = false
        for _, name in ipairs({ $modules 'lxp', 'socket', 'lfs', 'ssl' }) do
          local ok, err = pcall(require, name)
          if not ok then print(name .. ': ' .. (tostring(err):gsub('%s+', ' ')):sub(1, 400)); failed = true end
        end
        os.exit(failed and 1 or 0)" > "$work/check.log" 2>&1; then
    sed 's/^/  /' "$work/check.log" | head -n 10
    give_up "The private copy of Prosody cannot load what it needs."
  fi
  local env="export LD_LIBRARY_PATH='$libs'\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}
export LUA_PATH='$lua_path;;' LUA_CPATH='$lua_cpath;'"
  local command
  for command in prosody prosodyctl; do
    write_wrapper "$command" "$env
exec '$PRIVATE/usr/bin/lua5.4' '$PRIVATE/usr/bin/$command' \"\$@\""
  done
  echo "$version" > "$PRIVATE/.complete"
  say "Prosody $version ready in $((SECONDS - started)) s ($BIN/prosody); later runs reuse it."
}

# Fetches tinyproxy-bin like Prosody's packages (the machine's package lists, else a private copy of them).
download_tinyproxy() {
  apt-get download tinyproxy-bin >download.log 2>&1 && return 0
  local state="$CACHE/apt"
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial"
  local private=(-o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache" -o Debug::NoLocking=1
                 -o APT::Sandbox::User="$(id -un)")
  apt-get "${private[@]}" update >>download.log 2>&1 || return 1
  apt-get "${private[@]}" download tinyproxy-bin >>download.log 2>&1
}

provision_tinyproxy() {
  if command -v tinyproxy >/dev/null 2>&1; then
    [ -x "$BIN/tinyproxy" ] && grep -q "^exec tinyproxy " "$BIN/tinyproxy" \
      || write_wrapper tinyproxy "exec tinyproxy \"\$@\""
    return 0
  fi
  if [ -f "$TINYPROXY_PRIVATE/.complete" ] && [ -x "$BIN/tinyproxy" ]; then
    return 0
  fi
  local hint="Install tinyproxy yourself (Debian/Ubuntu: 'sudo apt-get install tinyproxy-bin'), then run the command again."
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 \
    || { say "tinyproxy is not installed and this machine has no apt-get/dpkg-deb to fetch a private copy."; say "$hint"; exit 1; }
  local started=$SECONDS
  say "tinyproxy not found; fetching a private copy into $TINYPROXY_PRIVATE (apt-get download, no root needed) ..."
  proxy_work=$(mktemp -d "$CACHE/.tinyproxy-download.XXXXXX")
  trap 'rm -rf "${work:-}" "${proxy_work:-}" "${ej_work:-}" "${hap_work:-}"' EXIT
  if ! (cd "$proxy_work" && download_tinyproxy); then
    tail -n 5 "$proxy_work/download.log" | sed 's/^/  apt: /'
    say "Could not download tinyproxy (no network, or no apt repository that has it)."; say "$hint"; exit 1
  fi
  mkdir -p "$proxy_work/root"
  dpkg-deb -x "$proxy_work"/tinyproxy-bin_*.deb "$proxy_work/root"
  if ! "$proxy_work/root/usr/bin/tinyproxy" -v >"$proxy_work/check.log" 2>&1; then
    sed 's/^/  /' "$proxy_work/check.log" | head -n 5
    say "The private copy of tinyproxy does not run."; say "$hint"; exit 1
  fi
  rm -rf "$TINYPROXY_PRIVATE"
  mv "$proxy_work/root" "$TINYPROXY_PRIVATE"
  write_wrapper tinyproxy "exec '$TINYPROXY_PRIVATE/usr/bin/tinyproxy' \"\$@\""
  touch "$TINYPROXY_PRIVATE/.complete"
  say "$(cat "$proxy_work/check.log") ready in $((SECONDS - started)) s ($BIN/tinyproxy); later runs reuse it."
}

main() {
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.provision.lock"
  flock 9 2>/dev/null || true # parallel builds wait for one another here
  if system_prosody_fits; then
    local command
    for command in prosody prosodyctl; do
      [ -x "$BIN/$command" ] && grep -q "^exec $command " "$BIN/$command" \
        || write_wrapper "$command" "exec $command \"\$@\""
    done
  elif [ -f "$PRIVATE/.complete" ] && [ -x "$BIN/prosody" ] && [ -x "$BIN/prosodyctl" ]; then
    : # provisioned by an earlier run
  else
    provision_private
  fi
  provision_tinyproxy
  provision_ejabberd
  provision_haproxy
}

# shellcheck source=provision-ejabberd.sh
. "$(dirname "${BASH_SOURCE[0]}")/provision-ejabberd.sh"
# shellcheck source=provision-haproxy.sh
. "$(dirname "${BASH_SOURCE[0]}")/provision-haproxy.sh"

main "$@"
