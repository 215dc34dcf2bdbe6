# pg_server.sh — sourced by the tests and bench/run that need PostgreSQL servers of their own:
#   pg_init ROOT          find initdb/pg_ctl; servers live in folders under ROOT (made here)
#   pg_start NAME [-c opt=value ...]
#                         initdb ROOT/NAME and start it with its Unix socket in that folder
#                         and no TCP (listen_addresses empty); its socket folder is ROOT/NAME
#   pg_stop_all           stop every server started (immediate) and remove ROOT
# The caller sets `trap pg_stop_all EXIT` so the servers go however the script ends.
# initdb and postgres refuse to run as root: then they run as an unprivileged user.

pg_root=
pg_bin=
pg_names=()
pg_as=()

pg_init() {
  pg_root=$1
  for d in "$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || echo /nonexistent)")")" /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then pg_bin=$d; break; fi
  done
  if [ -z "$pg_bin" ]; then
    echo "PostgreSQL (initdb, pg_ctl) is not installed: ./dev.sh installs the postgresql package" >&2
    return 1
  fi
  mkdir -p "$pg_root"
  chmod 755 "$pg_root"
  if [ "$(id -u)" = 0 ]; then
    local user=postgres
    id "$user" >/dev/null 2>&1 || user=nobody
    chown "$user" "$pg_root"
    pg_as=(runuser -u "$user" --)
  fi
}

pg_start() {
  local name=$1 dir=$pg_root/$1
  shift
  local opts="-k $dir -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off $*"
  "${pg_as[@]}" mkdir "$dir"
  pg_names+=("$name")
  "${pg_as[@]}" "$pg_bin/initdb" -D "$dir/data" -A trust -U mb -E UTF8 --locale=C --no-sync >"$pg_root/$name-initdb.log" 2>&1 \
    || { cat "$pg_root/$name-initdb.log" >&2; return 1; }
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$opts" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
}

pg_stop_all() {
  local n
  for n in "${pg_names[@]}"; do
    "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_root/$n/data" -m immediate stop >/dev/null 2>&1 || true
  done
  pg_names=()
  [ -n "$pg_root" ] && rm -rf "$pg_root"
}
