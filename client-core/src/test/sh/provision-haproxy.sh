# Sourced by provision-servers.sh (uses its say, write_wrapper, CACHE and BIN): makes HAProxy 2 available as
#
#   $CACHE/bin/haproxy   the load balancer of the cluster tests (TLS termination, health checks, stickiness,
#                        a 503 rate limit); any HAProxy 2.x, the system's or a private copy
#
# A system HAProxy is used as it is. Otherwise the distribution's package and the shared libraries this system
# lacks (e.g. liblua5.3-0, libopentracing on Debian 12) are fetched with `apt-get download` and unpacked with
# `dpkg-deb -x` under $CACHE, once, like Prosody.

HAPROXY_PRIVATE="$CACHE/haproxy-2-1"

haproxy_give_up() {
  say "$1"
  say "Install HAProxy 2 yourself (Debian/Ubuntu: 'sudo apt-get install haproxy'; the tests start their own, the" \
      "system service may stay off), then run the command again."
  exit 1
}

# haproxy plus the lib* packages apt would install along with it on this system. $@ = options for apt.
haproxy_packages() {
  echo haproxy
  apt-get "$@" --simulate --no-install-recommends install haproxy 2>/dev/null \
    | sed -n 's/^Inst \(lib[a-z0-9.+-]*\) .*/\1/p'
}

haproxy_download() { # into the current folder; the machine's package lists first, then a private copy of them
  local wanted=()
  mapfile -t wanted < <(haproxy_packages | sort -u)
  apt-get download "${wanted[@]}" >download.log 2>&1 && return 0
  local state="$CACHE/apt"
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial"
  local private=(-o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache" -o Debug::NoLocking=1
                 -o APT::Sandbox::User="$(id -un)")
  apt-get "${private[@]}" update >>download.log 2>&1 || return 1
  mapfile -t wanted < <(haproxy_packages "${private[@]}" | sort -u)
  apt-get "${private[@]}" download "${wanted[@]}" >>download.log 2>&1
}

provision_haproxy() {
  if command -v haproxy >/dev/null 2>&1; then
    [ -x "$BIN/haproxy" ] && grep -q "^exec haproxy " "$BIN/haproxy" || write_wrapper haproxy "exec haproxy \"\$@\""
    return 0
  fi
  if [ -f "$HAPROXY_PRIVATE/.complete" ] && [ -x "$BIN/haproxy" ]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 \
    || haproxy_give_up "HAProxy is not installed and this machine has no apt-get/dpkg-deb to fetch a private copy."
  local started=$SECONDS
  say "HAProxy not found; fetching a private copy into $HAPROXY_PRIVATE (apt-get download, no root needed) ..."
  hap_work=$(mktemp -d "$CACHE/.haproxy-download.XXXXXX")
  trap 'rm -rf "${work:-}" "${proxy_work:-}" "${ej_work:-}" "${hap_work:-}"' EXIT
  if ! (cd "$hap_work" && haproxy_download); then
    tail -n 5 "$hap_work/download.log" | sed 's/^/  apt: /'
    haproxy_give_up "Could not download HAProxy's packages (no network, or no apt repository that has them)."
  fi
  mkdir -p "$hap_work/root"
  local deb
  for deb in "$hap_work"/*.deb; do
    dpkg-deb -x "$deb" "$hap_work/root"
  done
  local libs="" dir
  for dir in "$hap_work"/root/usr/lib/*-linux-gnu "$hap_work"/root/lib/*-linux-gnu; do
    [ -d "$dir" ] && libs="$libs${libs:+:}${dir/#$hap_work\/root/$HAPROXY_PRIVATE}"
  done
  rm -rf "$HAPROXY_PRIVATE"
  mv "$hap_work/root" "$HAPROXY_PRIVATE"
  # Only a copy that runs counts.
  if ! LD_LIBRARY_PATH="$libs" "$HAPROXY_PRIVATE/usr/sbin/haproxy" -v >"$hap_work/check.log" 2>&1; then
    sed 's/^/  /' "$hap_work/check.log" | head -n 5
    haproxy_give_up "The private copy of HAProxy does not run."
  fi
  local env=""
  [ -n "$libs" ] && env="export LD_LIBRARY_PATH='$libs'\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}
"
  write_wrapper haproxy "${env}exec '$HAPROXY_PRIVATE/usr/sbin/haproxy' \"\$@\""
  head -n 1 "$hap_work/check.log" > "$HAPROXY_PRIVATE/.complete"
  say "$(cat "$HAPROXY_PRIVATE/.complete") ready in $((SECONDS - started)) s ($BIN/haproxy); later runs reuse it."
}
