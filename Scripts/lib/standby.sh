# A streaming hot standby of the checkout's cluster, and its promotion (contract §11).
# Sourced by Scripts/db after common.sh and cluster_paths; PORT is the cluster's port.
#
# Two nodes, each with a fixed data folder, socket and port:
#   A = the cluster itself ($KHCN_DB_CLUSTER, PORT)   B = "<name>-standby" (PORT+1)
# The primary is the node that is neither in recovery (standby.signal) nor retired
# (KHCN_RETIRED); the standby is the other one. After `failover` B is the primary and A is
# retired; `standby rebuild` makes A the standby of B (and so on, back and forth).

STANDBY_APP=khcn_standby    # the standby's application_name, named in synchronous_standby_names

node_name() { printf '%s' "${KHCN_DB_CLUSTER:-main}"; }
A_NAME=$(node_name)
B_NAME="$A_NAME-standby"
A_DATA=$CLUSTER_DATA A_SOCKET=$CLUSTER_SOCKET A_PORT=$PORT
cluster_paths "$B_NAME"
B_DATA=$CLUSTER_DATA B_SOCKET=$CLUSTER_SOCKET B_PORT=$((PORT + 1))
CLUSTER_DATA=$A_DATA CLUSTER_SOCKET=$A_SOCKET

# on_node A|B COMMAND…: runs a common.sh function (cluster_running, cluster_start, …) on a node.
on_node() {
    local node=$1; shift
    if [ "$node" = A ]; then
        (CLUSTER_DATA=$A_DATA CLUSTER_SOCKET=$A_SOCKET; "$@")
    else
        (CLUSTER_DATA=$B_DATA CLUSTER_SOCKET=$B_SOCKET; "$@")
    fi
}
node_port() { if [ "$1" = A ]; then echo "$A_PORT"; else echo "$B_PORT"; fi; }
node_data() { if [ "$1" = A ]; then echo "$A_DATA"; else echo "$B_DATA"; fi; }
node_socket() { if [ "$1" = A ]; then echo "$A_SOCKET"; else echo "$B_SOCKET"; fi; }
other() { if [ "$1" = A ]; then echo B; else echo A; fi; }

node_exists() { [ -f "$(node_data "$1")/PG_VERSION" ]; }
node_retired() { [ -f "$(node_data "$1")/KHCN_RETIRED" ]; }
node_in_recovery() { [ -f "$(node_data "$1")/standby.signal" ]; }
node_running() { on_node "$1" cluster_running; }
# node_sql NODE SQL: one statement as the superuser over the node's socket, bare result.
node_sql() { psql -X -q -v ON_ERROR_STOP=1 -h "$(node_socket "$1")" -p "$(node_port "$1")" -U postgres -d postgres -tAc "$2"; }

# The primary: A until a failover made B one.
primary_node() {
    if node_exists B && ! node_retired B && ! node_in_recovery B; then echo B; else echo A; fi
}

# sync_on NODE / sync_off NODE: commits on the primary wait until the standby has applied them
# (nothing acknowledged is lost at failover), or no longer wait (a primary without its standby
# would otherwise hang on every commit).
sync_on() {
    node_sql "$1" "alter system set synchronous_standby_names = '$STANDBY_APP'" >/dev/null
    node_sql "$1" "alter system set synchronous_commit = 'remote_apply'" >/dev/null
    node_sql "$1" "select pg_reload_conf()" >/dev/null
}
sync_off() {
    node_sql "$1" "alter system reset synchronous_standby_names" >/dev/null
    node_sql "$1" "alter system reset synchronous_commit" >/dev/null
    node_sql "$1" "select pg_reload_conf()" >/dev/null
}

# wait_streaming PRIMARY: until the standby streams from it (60 s at most).
wait_streaming() {
    local i
    for ((i = 0; i < 120; i++)); do
        [ "$(node_sql "$1" "select count(*) from pg_stat_replication where application_name = '$STANDBY_APP' and state = 'streaming'")" = 1 ] && return 0
        sleep 0.5
    done
    return 1
}

# base_backup PRIMARY STANDBY: a fresh copy of the primary in the standby's empty folder,
# with -R (standby.signal and primary_conninfo over the primary's socket, by peer as postgres).
base_backup() {
    local primary=$1 standby=$2 data
    data=$(node_data "$standby")
    mkdir -p "$data"
    if is_root; then chown postgres: "$data"; fi
    chmod 700 "$data"
    as_owner "$PG_BINDIR/pg_basebackup" -D "$data" -h "$(node_socket "$primary")" -p "$(node_port "$primary")" \
        -U postgres -R -X stream -c fast \
        || { as_owner find "$data" -mindepth 1 -delete 2>/dev/null || true; die "pg_basebackup failed; nothing was started"; }
    # The walreceiver's application_name is cluster_name; the copied ALTER SYSTEM settings of
    # the primary must not make this one wait for a standby of its own once promoted.
    as_owner tee -a "$data/postgresql.auto.conf" >/dev/null <<CONF
cluster_name = '$STANDBY_APP'
synchronous_standby_names = ''
synchronous_commit = 'on'
CONF
}

start_node() { on_node "$1" cluster_start "$(node_port "$1")"; }
stop_node() { on_node "$1" cluster_stop; }
# stop_both: `Scripts/db stop` stops the cluster and its standby, whichever is the primary;
# the primary stops waiting for the standby first, so that its next start does not hang.
stop_both() {
    local primary
    primary=$(primary_node)
    if node_running "$primary"; then sync_off "$primary"; fi
    stop_node "$(other "$primary")"
    stop_node "$primary"
}

standby_start() {
    local primary standby
    primary=$(primary_node); standby=$(other "$primary")
    node_running "$primary" || fail 69 "the primary is not running (data $(node_data "$primary")); start it first"
    if node_retired "$standby"; then
        fail 75 "$(node_data "$standby") is a retired primary; make it the new standby with: Scripts/db standby rebuild"
    fi
    if ! node_exists "$standby"; then base_backup "$primary" "$standby"; fi
    start_node "$standby"
    wait_streaming "$primary" || fail 69 "the standby started but does not stream from the primary (see $(node_data "$standby")/server.log); if its WAL is gone, run: Scripts/db standby rebuild"
    sync_on "$primary"
    say "standby streaming: data $(node_data "$standby"), port $(node_port "$standby"); commits on port $(node_port "$primary") wait for it (remote_apply)"
}

standby_stop() {
    local primary standby
    primary=$(primary_node); standby=$(other "$primary")
    if node_running "$primary"; then sync_off "$primary"; fi
    stop_node "$standby"
    say "standby stopped; the primary on port $(node_port "$primary") no longer waits for it"
}

standby_status() {
    local primary standby
    primary=$(primary_node); standby=$(other "$primary")
    say "primary: data $(node_data "$primary"), port $(node_port "$primary")$(node_running "$primary" || echo ' (not running)')"
    if node_retired "$standby"; then
        say "retired old primary: $(node_data "$standby") (Scripts/db standby rebuild makes it the standby)"
        exit 3
    fi
    if ! node_running "$standby"; then say "no standby running (Scripts/db standby start)"; exit 3; fi
    say "standby: data $(node_data "$standby"), port $(node_port "$standby")"
    node_running "$primary" || exit 3
    psql -X -P footer=off -h "$(node_socket "$primary")" -p "$(node_port "$primary")" -U postgres -d postgres -c "
        select application_name, state, sync_state,
               coalesce(replay_lag, interval '0') as replay_lag,
               pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)) as replay_behind
          from pg_stat_replication"
}

# standby_rebuild: the retired old primary (or a standby that fell too far behind) becomes a
# fresh standby of the current primary.
standby_rebuild() {
    local primary standby
    primary=$(primary_node); standby=$(other "$primary")
    node_running "$primary" || fail 69 "the primary is not running (data $(node_data "$primary")); start it first"
    if node_running "$standby"; then sync_off "$primary"; stop_node "$standby"; fi
    if node_exists "$standby" || [ -d "$(node_data "$standby")" ]; then
        as_owner find "$(node_data "$standby")" -mindepth 1 -delete
    fi
    base_backup "$primary" "$standby"
    standby_start
}

# failover: the old primary stops and is retired for good (KHCN_RETIRED, which cluster_start
# refuses, and standby.signal, so even a bare pg_ctl start cannot make it a primary); then
# the standby, which applied every acknowledged commit, is promoted.
failover() {
    local primary standby
    primary=$(primary_node); standby=$(other "$primary")
    node_running "$standby" || fail 69 "no standby is running to promote (Scripts/db standby start)"
    stop_node "$primary"
    printf 'retired by Scripts/db failover at %s; the primary is now %s (port %s)\n' \
        "$(date -Is)" "$(node_data "$standby")" "$(node_port "$standby")" | as_owner tee "$(node_data "$primary")/KHCN_RETIRED" >/dev/null
    as_owner touch "$(node_data "$primary")/standby.signal"
    as_owner "$PG_BINDIR/pg_ctl" -D "$(node_data "$standby")" -w -t 60 promote >/dev/null \
        || fail 1 "pg_ctl promote failed (see $(node_data "$standby")/server.log)"
    sync_off "$standby"
    say "promoted: the primary is now data $(node_data "$standby"), port $(node_port "$standby"); the old primary $(node_data "$primary") is retired"
}
