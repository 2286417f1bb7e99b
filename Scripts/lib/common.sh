# Shared by Scripts/*: where things are, and how to run a PostgreSQL cluster that never runs
# as root. Sourced, not executed.
set -euo pipefail

KHCN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_BINDIR=$(pg_config --bindir 2>/dev/null || true)
if [ -z "$PG_BINDIR" ] || [ ! -x "$PG_BINDIR/initdb" ]; then
    PG_BINDIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi

say() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a server binary as the user that owns the cluster: `postgres` when we are root.
as_owner() {
    # From /, so that a checkout postgres cannot enter does not produce warnings.
    if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# A short, stable tag for this checkout (socket paths must stay under 107 bytes).
checkout_tag() { printf '%s' "$KHCN_ROOT" | cksum | cut -d' ' -f1; }

# cluster_paths NAME: sets CLUSTER_DATA and CLUSTER_SOCKET for a named cluster of this checkout.
# Data lives under .data/ unless we are root and the postgres user cannot reach the checkout,
# in which case it lives in a folder that postgres owns.
cluster_paths() {
    local name=$1 tag
    tag=$(checkout_tag)
    if is_root && ! (cd / && runuser -u postgres -- test -x "$KHCN_ROOT") 2>/dev/null; then
        CLUSTER_DATA=/var/lib/postgresql/khcn-$tag/$name
    elif is_root; then
        CLUSTER_DATA=$KHCN_ROOT/.data/$name
    else
        CLUSTER_DATA=$KHCN_ROOT/.data/$name
    fi
    CLUSTER_SOCKET=/tmp/khcn-$tag-$name
}

# cluster_init: creates the cluster (UTF-8, C.UTF-8) if it does not exist yet.
cluster_init() {
    [ -x "$PG_BINDIR/initdb" ] || die "PostgreSQL server binaries not found; run Scripts/setup"
    if [ ! -f "$CLUSTER_DATA/PG_VERSION" ]; then
        mkdir -p "$CLUSTER_DATA"
        if is_root; then
            chown postgres: "$CLUSTER_DATA"
            # .data itself must be traversable by postgres
            chmod 755 "$(dirname "$CLUSTER_DATA")"
            chown postgres: "$(dirname "$CLUSTER_DATA")" 2>/dev/null || true
        fi
        chmod 700 "$CLUSTER_DATA"
        as_owner "$PG_BINDIR/initdb" -D "$CLUSTER_DATA" -E UTF8 --locale=C.UTF-8 \
            --auth-local=peer --auth-host=scram-sha-256 -U postgres >/dev/null
    fi
    cluster_secure
    mkdir -p "$CLUSTER_SOCKET"
    if is_root; then chown postgres: "$CLUSTER_SOCKET"; fi
    chmod 700 "$CLUSTER_SOCKET"
}

# cluster_secure: no `trust` anywhere (contract §9). The maintenance superuser `postgres`
# comes in over the socket by `peer`, the OS users postgres, root and the checkout's owner
# mapped to it in pg_ident.conf; every other login, and everything over TCP, by SCRAM.
cluster_secure() {
    local me
    me=$(id -un)
    as_owner tee "$CLUSTER_DATA/pg_ident.conf" >/dev/null <<IDENT
# MAPNAME  SYSTEM-USERNAME  PG-USERNAME   (written by Scripts/lib/common.sh)
khcn       postgres         postgres
khcn       root             postgres
khcn       $me              postgres
IDENT
    as_owner tee "$CLUSTER_DATA/pg_hba.conf" >/dev/null <<'HBA'
# TYPE  DATABASE     USER      ADDRESS        METHOD   (written by Scripts/lib/common.sh)
local   all          postgres                 peer map=khcn
local   replication  postgres                 peer map=khcn
local   all          all                      scram-sha-256
host    all          all       127.0.0.1/32   scram-sha-256
host    all          all       ::1/128        scram-sha-256
host    replication  all       127.0.0.1/32   scram-sha-256
HBA
    if cluster_running; then as_owner "$PG_BINDIR/pg_ctl" -D "$CLUSTER_DATA" reload >/dev/null; fi
}

# The demo's personal logins (contract §9) and the 0600 pgpass file holding their generated
# passwords, beside the cluster under .data/ (git-ignored).
DEMO_ADMIN=quantri
DEMO_CLERK=canbo
DEMO_PGPASS=$KHCN_ROOT/.data/pgpass

# Sizes for a registry of a million records on a 2-core, 24 GB machine: room for the
# working set and for WAL between checkpoints during bulk loads.
# Full-page images are compressed with lz4 when the server was built with it (PostgreSQL's own
# packages and the postgres:15 image are): the first change of a page after a checkpoint
# writes the whole page to WAL, and an everyday import changes ~13,000 scattered pages of a
# million-record registry (heap, key, list-order and status-history indexes); pglz
# (`wal_compression=on`) compressing them was half of the import's time (issue 15).
PG_WAL_COMPRESSION=on
case $("$PG_BINDIR/pg_config" --configure 2>/dev/null || pg_config --configure 2>/dev/null || true) in
    *--with-lz4*) PG_WAL_COMPRESSION=lz4 ;;
esac
# shared_buffers: a quarter of the machine's memory, from 128 MB up to 2 GB. An everyday import
# at 1,000,000 enterprises touches pages all over the table and its indexes (over 0.5 GB: heap
# 258 MB, list order 150, trigrams 79, key 30), and at 512 MB the runs that found them evicted
# read them back and wrote dirty ones out first (issue 15, stop 29, by hand on a 1M registry,
# nine runs after each restart, medians: 0.690, 0.651, 0.633 s at 512 MB with runs up to
# 0.92 s; 0.627, 0.624, 0.629 s at 2 GB, none above 0.72; the reference's `\copy` 0.23 s either way).
PG_SHARED_BUFFERS_MB=$(awk '/^MemTotal:/ { mb = int($2 / 1024 / 4); print (mb < 128 ? 128 : (mb > 2048 ? 2048 : mb)) }' /proc/meminfo 2>/dev/null || true)
PG_SHARED_BUFFERS_MB=${PG_SHARED_BUFFERS_MB:-512}
PG_TUNING="-c shared_buffers=${PG_SHARED_BUFFERS_MB}MB -c max_wal_size=4GB -c checkpoint_timeout=15min -c wal_compression=$PG_WAL_COMPRESSION -c work_mem=32MB"

# Huge pages for the server's shared memory (PostgreSQL 15 manual, 19.4.5 "Linux Huge Pages";
# `huge_pages = try`, the default, takes them when the kernel has enough reserved, else starts
# on ordinary pages). Every new backend maps each 4 kB page of shared memory it touches with a
# page fault of its own: an everyday import's backend took ~14,000 of them at 1,000,000
# enterprises, its trigram merger ~7,000 (`perf record -e page-faults`), ~9,000 in all with
# 2 MB pages. Measured by hand on a 1M registry (issue 15, stop 30), six restarts alternating,
# nine runs each after three to warm up, medians: the everyday import 0.615, 0.602, 0.607 s on
# 4 kB pages, 0.556, 0.552, 0.563 s on huge pages; the reference's `\copy` 0.229, 0.227, 0.232
# against 0.214, 0.214, 0.215 s.
# When we are root, the kernel's pool (vm.nr_hugepages) is raised to what this cluster needs
# (`postgres -C shared_memory_size_in_huge_pages`), never beyond and never lowered: one cluster's
# worth at most (a quarter of the memory, by shared_buffers above), which the first cluster
# running holds and any other started beside it (a test's standby) does without. The pool stays
# reserved after the cluster stops, as an operator's `sysctl vm.nr_hugepages` would.
cluster_reserve_huge_pages() {
    is_root && [ -w /proc/sys/vm/nr_hugepages ] || return 0
    local need total
    # shellcheck disable=SC2086  # PG_TUNING is a list of -c options
    need=$(as_owner "$PG_BINDIR/postgres" -D "$CLUSTER_DATA" -C shared_memory_size_in_huge_pages $PG_TUNING 2>/dev/null) || return 0
    total=$(cat /proc/sys/vm/nr_hugepages 2>/dev/null) || return 0
    case "$need$total" in *[!0-9]*|'') return 0 ;; esac   # -1: no huge pages on this system
    if [ "$total" -lt "$need" ]; then
        echo "$need" >/proc/sys/vm/nr_hugepages 2>/dev/null || true
    fi
}

cluster_running() {
    [ -f "$CLUSTER_DATA/postmaster.pid" ] && as_owner "$PG_BINDIR/pg_ctl" -D "$CLUSTER_DATA" status >/dev/null 2>&1
}

# cluster_start PORT: starts the server on loopback and a unix socket only.
cluster_start() {
    local port=$1
    # A primary that failed over is never started again as a primary (contract §11).
    if [ -f "$CLUSTER_DATA/KHCN_RETIRED" ]; then
        die "$CLUSTER_DATA is a retired primary ($(cat "$CLUSTER_DATA/KHCN_RETIRED" 2>/dev/null | head -n 1)); it is never started as a primary again. Make it the new standby with: Scripts/db standby rebuild"
    fi
    cluster_init
    if cluster_running; then return 0; fi
    cluster_reserve_huge_pages
    as_owner "$PG_BINDIR/pg_ctl" -D "$CLUSTER_DATA" -w -t 60 -l "$CLUSTER_DATA/server.log" \
        -o "-p $port -k $CLUSTER_SOCKET -c listen_addresses=127.0.0.1 -c timezone=Asia/Ho_Chi_Minh $PG_TUNING" \
        start >/dev/null || { tail -n 20 "$CLUSTER_DATA/server.log" >&2 || true; die "the PostgreSQL server did not start"; }
}

cluster_stop() {
    if cluster_running; then
        as_owner "$PG_BINDIR/pg_ctl" -D "$CLUSTER_DATA" -m fast -w stop >/dev/null
    fi
}

# Runs psql against the cluster as the postgres superuser.
cluster_psql() {
    local port=$1; shift
    psql -X -q -v ON_ERROR_STOP=1 -h "$CLUSTER_SOCKET" -p "$port" -U postgres "$@"
}
