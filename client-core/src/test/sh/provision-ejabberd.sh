# Sourced by provision-servers.sh (uses its say, write_wrapper, CACHE and BIN): makes ejabberd 23 available as
#
#   $CACHE/bin/ejabberd   one ejabberd node in the foreground, as the user who runs it (no `su ejabberd`, no
#                         ejabberdctl, no Erlang distribution and so no epmd): config from $EJABBERD_CONFIG_PATH,
#                         log at $EJABBERD_LOG_PATH, Mnesia data in $EJABBERD_SPOOL; further arguments go to erl
#                         (a cluster node adds -name, -setcookie and -start_epmd false there)
#   $CACHE/bin/epmd       Erlang's port mapper, which the cluster tests start on a private port for their nodes
#
# A system ejabberd 23 is used as it is. Otherwise ejabberd and its Erlang runtime are fetched with `apt-get
# download` and unpacked with `dpkg-deb -x` under $CACHE, once, like Prosody.

EJABBERD_SERIES="23"
EJABBERD_PRIVATE="$CACHE/ejabberd-$EJABBERD_SERIES-2"

ejabberd_give_up() {
  say "$1"
  say "Install ejabberd $EJABBERD_SERIES yourself (Debian 12: 'sudo apt-get install ejabberd'; the tests start" \
      "their own node, the system service may stay off), then run the command again."
  exit 1
}

# The ejabberd application folder under a root ("" for the system), e.g. /usr/lib/x86_64-linux-gnu/ejabberd-23.01.
ejabberd_app_dir() {
  local dir
  for dir in "$1"/usr/lib/*-linux-gnu/ejabberd-"$EJABBERD_SERIES".*; do
    [ -d "$dir/ebin" ] && { echo "$dir"; return 0; }
  done
  return 1
}

system_ejabberd_fits() { # with the SQLite driver the single-node fixture stores its data in
  [ -x /usr/bin/erl ] && ejabberd_app_dir "" >/dev/null && ls -d /usr/lib/erlang/lib/p1_sqlite3-* >/dev/null 2>&1
}

# The packages of ejabberd and its whole Erlang runtime (all of them, even those this system has: the private
# copy must be complete), the SQLite driver (the single-node fixture keeps its data in SQLite: ejabberd's default
# Mnesia store loses the last moments' writes to a kill -9), plus the shared libraries (lib*) that this system
# lacks. $@ = options for apt.
ejabberd_packages() {
  apt-cache "$@" depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
      --no-enhances ejabberd erlang-p1-sqlite3 2>/dev/null | grep -E '^(ejabberd|erlang-[a-z0-9.+-]*)$' \
      | grep -v -- '-hipe$' || true
  apt-get "$@" --simulate --no-install-recommends install ejabberd erlang-p1-sqlite3 2>/dev/null \
    | sed -n 's/^Inst \(lib[a-z0-9.+-]*\) .*/\1/p'
}

ejabberd_download() { # into the current folder; the machine's package lists first, then a private copy of them
  local wanted=()
  mapfile -t wanted < <(ejabberd_packages | sort -u)
  if [ "${#wanted[@]}" -gt 1 ] && apt-get download "${wanted[@]}" >download.log 2>&1; then
    return 0
  fi
  local state="$CACHE/apt"
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial"
  local private=(-o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache" -o Debug::NoLocking=1
                 -o APT::Sandbox::User="$(id -un)")
  apt-get "${private[@]}" update >>download.log 2>&1 || return 1
  mapfile -t wanted < <(ejabberd_packages "${private[@]}" | sort -u)
  apt-get "${private[@]}" download "${wanted[@]}" >>download.log 2>&1
}

# Library folders of the private copy, for LD_LIBRARY_PATH.
ejabberd_library_path() {
  local libs="" dir
  for dir in "$EJABBERD_PRIVATE"/usr/lib/*-linux-gnu "$EJABBERD_PRIVATE"/lib/*-linux-gnu; do
    [ -d "$dir" ] && libs="$libs${libs:+:}$dir"
  done
  echo "$libs"
}

provision_private_ejabberd() {
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 \
    || ejabberd_give_up "ejabberd $EJABBERD_SERIES is not installed and this machine has no apt-get/dpkg-deb."
  local started=$SECONDS
  say "ejabberd $EJABBERD_SERIES not found; fetching a private copy into $EJABBERD_PRIVATE (apt-get download, no root needed) ..."
  ej_work=$(mktemp -d "$CACHE/.ejabberd-download.XXXXXX")
  trap 'rm -rf "${work:-}" "${proxy_work:-}" "${ej_work:-}" "${hap_work:-}"' EXIT
  local work_dir="$ej_work"
  if ! (cd "$work_dir" && ejabberd_download); then
    tail -n 5 "$work_dir/download.log" | sed 's/^/  apt: /'
    ejabberd_give_up "Could not download ejabberd's packages (no network, or no apt repository that has them)."
  fi
  mkdir -p "$work_dir/root"
  local deb
  for deb in "$work_dir"/*.deb; do
    dpkg-deb -x "$deb" "$work_dir/root"
  done
  ejabberd_app_dir "$work_dir/root" >/dev/null || ejabberd_give_up "This distribution does not offer ejabberd" \
      "$EJABBERD_SERIES ($(ls "$work_dir" | grep '^ejabberd_' || echo 'no ejabberd package'))."
  rm -rf "$EJABBERD_PRIVATE"
  mv "$work_dir/root" "$EJABBERD_PRIVATE"
  # Debian's erl scripts have /usr/lib/erlang built in: point them at the private copy.
  local erlang="$EJABBERD_PRIVATE/usr/lib/erlang"
  sed -i "s#ROOTDIR=/usr/lib/erlang\$#ROOTDIR=$erlang#" "$erlang"/bin/erl "$erlang"/erts-*/bin/erl
  # Only a copy that runs counts: every native part (the VM, its helpers, the NIFs of ejabberd's libraries) must
  # find its shared libraries.
  local libs missing
  libs=$(ejabberd_library_path)
  missing=$(find "$EJABBERD_PRIVATE" \( -name '*.so' -o -name beam.smp -o -name erl_child_setup \) -type f \
      -exec env LD_LIBRARY_PATH="$libs" ldd {} \; 2>/dev/null | grep 'not found' | sort -u || true)
  if [ -n "$missing" ]; then
    echo "$missing" | sed 's/^/  /' | head -n 10
    ejabberd_give_up "The private copy of ejabberd lacks shared libraries."
  fi
  write_ejabberd_wrapper "$erlang/bin/erl" "$(ejabberd_app_dir "$EJABBERD_PRIVATE")" "$libs"
  basename "$(ejabberd_app_dir "$EJABBERD_PRIVATE")" > "$EJABBERD_PRIVATE/.complete"
  say "$(cat "$EJABBERD_PRIVATE/.complete") ready in $((SECONDS - started)) s ($BIN/ejabberd); later runs reuse it."
}

write_ejabberd_wrapper() { # $1 = erl, $2 = ejabberd's application folder, $3 = extra library path (may be empty)
  local env="export ERL_LIBS='$(dirname "$2")'"
  [ -n "$3" ] && env="$env
export LD_LIBRARY_PATH='$3'\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
  write_wrapper ejabberd "$env
: \"\${EJABBERD_SPOOL:?set EJABBERD_SPOOL (and EJABBERD_CONFIG_PATH, EJABBERD_LOG_PATH)}\"
exec '$1' +K true -noinput -mnesia dir \"\\\"\$EJABBERD_SPOOL\\\"\" -s ejabberd \"\$@\""
}

write_epmd_wrapper() { # $1 = the Erlang root (/usr/lib/erlang or the private copy's)
  local epmd
  epmd=$(ls "$1"/erts-*/bin/epmd 2>/dev/null | head -n 1)
  [ -x "$epmd" ] || ejabberd_give_up "Erlang's epmd is missing from $1."
  grep -q "^exec '$epmd' " "$BIN/epmd" 2>/dev/null || write_wrapper epmd "exec '$epmd' \"\$@\""
}

provision_ejabberd() {
  if system_ejabberd_fits; then
    grep -q "^exec '/usr/bin/erl' " "$BIN/ejabberd" 2>/dev/null \
      || write_ejabberd_wrapper /usr/bin/erl "$(ejabberd_app_dir "")" ""
    write_epmd_wrapper /usr/lib/erlang
  elif [ -f "$EJABBERD_PRIVATE/.complete" ] && [ -x "$BIN/ejabberd" ]; then
    write_epmd_wrapper "$EJABBERD_PRIVATE/usr/lib/erlang" # provisioned by an earlier run
  else
    provision_private_ejabberd
    write_epmd_wrapper "$EJABBERD_PRIVATE/usr/lib/erlang"
  fi
}
