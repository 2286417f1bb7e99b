# Continuous WAL archiving with pgBackRest, base backups, and point-in-time recovery
# (contract §11). Sourced by Scripts/db after common.sh and standby.sh.
#
# The repository lives beside the cluster's data, in a folder the `postgres` user owns
# (`<data>-backrest`), never inside a checkout that user may not reach. Its config file,
# lock and log folders are inside it, so two checkouts or two test clusters never share one.
# Retention: the two newest full backups and the WAL they need (repo1-retention-full=2);
# pgBackRest expires older ones after each backup.

STANZA=khcn
REPO=$(dirname "$A_DATA")/$(basename "$A_DATA")-backrest
REPO_CONF=$REPO/pgbackrest.conf

backrest() { as_owner pgbackrest --config="$REPO_CONF" --stanza="$STANZA" --log-level-console=warn "$@"; }

require_backrest() {
    command -v pgbackrest >/dev/null || fail 69 "pgbackrest is not installed; run Scripts/setup (Debian package pgbackrest)"
    [ -f "$REPO_CONF" ] || fail 69 "archiving is not on for $(node_data A); run: Scripts/db archive on"
}

# write_repo_conf NODE: the repository's config, pointing at the node that is the primary now
# (after a failover the archive follows the new primary).
write_repo_conf() {
    local node=$1
    as_owner tee "$REPO_CONF" >/dev/null <<CONF
# Written by Scripts/db archive on (Scripts/lib/archive.sh); rewritten at each call.
[global]
repo1-path=$REPO/repo
repo1-retention-full=2
lock-path=$REPO/lock
log-path=$REPO/log
log-level-file=info
start-fast=y
compress-type=lz4

[$STANZA]
pg1-path=$(node_data "$node")
pg1-port=$(node_port "$node")
pg1-socket-path=$(node_socket "$node")
pg1-user=postgres
CONF
}

# archive on: archive_mode needs a restart of the primary; stanza-create and check prove that
# a WAL segment reaches the repository before we say it works.
archive_on() {
    local primary
    command -v pgbackrest >/dev/null || fail 69 "pgbackrest is not installed; run Scripts/setup (Debian package pgbackrest)"
    primary=$(primary_node)
    node_running "$primary" || fail 69 "the primary is not running (data $(node_data "$primary")); start it first"
    mkdir -p "$REPO"
    if is_root; then chown postgres: "$REPO"; fi
    chmod 750 "$REPO"
    as_owner mkdir -p "$REPO/repo" "$REPO/lock" "$REPO/log"
    write_repo_conf "$primary"
    local command="pgbackrest --config=$REPO_CONF --stanza=$STANZA archive-push %p"
    node_sql "$primary" "alter system set archive_mode = 'on'" >/dev/null
    node_sql "$primary" "alter system set archive_command = '$command'" >/dev/null
    if [ "$(node_sql "$primary" "show archive_mode")" != on ]; then
        say "restarting the primary to turn archive_mode on…"
        if node_running "$(other "$primary")"; then sync_off "$primary"; fi
        stop_node "$primary"
        start_node "$primary"
        if node_running "$(other "$primary")"; then wait_streaming "$primary" && sync_on "$primary"; fi
    else
        node_sql "$primary" "select pg_reload_conf()" >/dev/null
    fi
    backrest stanza-create >/dev/null || fail 1 "pgbackrest stanza-create failed (log in $REPO/log)"
    backrest check >/dev/null || fail 1 "pgbackrest check failed: WAL does not reach $REPO (log in $REPO/log)"
    say "archiving on: WAL of $(node_data "$primary") goes to $REPO/repo (retention: 2 full backups)"
    say "take a base backup now with: Scripts/db archive backup"
}

archive_backup() {
    require_backrest
    local primary type=full
    primary=$(primary_node)
    node_running "$primary" || fail 69 "the primary is not running (data $(node_data "$primary")); start it first"
    write_repo_conf "$primary"
    backrest --type="$type" backup || fail 1 "pgbackrest backup failed (log in $REPO/log); the repository keeps its earlier backups"
    say "full backup taken into $REPO/repo"
}

archive_status() {
    require_backrest
    local primary
    primary=$(primary_node)
    backrest info || fail 1 "pgbackrest info failed (log in $REPO/log)"
    if node_running "$primary"; then
        psql -X -P footer=off -h "$(node_socket "$primary")" -p "$(node_port "$primary")" -U postgres -d postgres -c "
            select archived_count, last_archived_wal, last_archived_time, failed_count, last_failed_wal
              from pg_stat_archiver"
    fi
}

# pitr_target TIME: ISO 8601, with or without an offset; no offset means Asia/Ho_Chi_Minh
# (contract §11). Printed with microseconds and offset, the form recovery_target_time takes.
pitr_target() {
    local input=$1
    [[ $input =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}([T\ ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$ ]] \
        || fail 64 "'$input' is not an ISO 8601 time (e.g. 2026-12-03T14:30:00, local time in Asia/Ho_Chi_Minh, or with an offset +07:00)"
    TZ=Asia/Ho_Chi_Minh date -d "${input/T/ }" '+%Y-%m-%d %H:%M:%S.%6N%:z' 2>/dev/null \
        || fail 64 "'$input' is not a valid time"
}

# pitr TIME: the cluster as it was at TIME. The current data folder is moved aside first and
# put back if anything fails, so a failed recovery loses nothing; on success it is kept as
# <data>.before-pitr-<stamp> until the operator removes it (it holds what came after TIME).
pitr() {
    local input=${1:?usage: Scripts/db pitr TIME}
    local target data aside stamp primary
    target=$(pitr_target "$input")
    require_backrest
    # The archive cannot hold what has not happened yet.
    [ "$(TZ=Asia/Ho_Chi_Minh date -d "$target" +%s)" -le "$(date +%s)" ] \
        || fail 64 "$input is in the future; point-in-time recovery goes back to a moment that has passed"
    primary=$(primary_node)
    [ "$primary" = A ] || fail 69 "the primary is the promoted standby $(node_data B); point-in-time recovery restores $(node_data A) only. Rebuild the pair first."
    if node_running B; then fail 75 "a standby is running; stop it first (Scripts/db standby stop), then rebuild it after the recovery"; fi
    data=$(node_data A)
    backrest info --output=json | grep -q '"backup":\[{' || fail 69 "the repository has no base backup yet; take one with Scripts/db archive backup"
    # The newest backup that ended by TARGET. pgBackRest's own choice wants one that ended a
    # whole second before it; one that ended in the same second may still do (PostgreSQL
    # refuses, and we put everything back, if it ended after TARGET).
    local set
    set=$(backrest info --output=json | python3 -c '
import json, sys
target = int(sys.argv[1])
sets = [b for stanza in json.load(sys.stdin) for b in stanza.get("backup", []) if b["timestamp"]["stop"] <= target]
print(max(sets, key=lambda b: b["timestamp"]["stop"])["label"] if sets else "")' "$(TZ=Asia/Ho_Chi_Minh date -d "$target" +%s)")
    [ -n "$set" ] || fail 65 "no backup in $REPO/repo ended before $target; the earliest moment to recover to is the end of the first backup (Scripts/db archive status). Nothing was changed."
    stamp=$(date +%Y%m%d%H%M%S)
    aside=$data.before-pitr-$stamp
    stop_node A
    restore_aside() {
        trap - EXIT INT TERM
        stop_node A 2>/dev/null || true
        as_owner rm -rf "$data"
        as_owner mv "$aside" "$data"
    }
    as_owner mv "$data" "$aside"
    # From here until the recovered cluster is a primary, any way out (an error, Ctrl-C, a
    # kill) puts the old folder back: a half-recovered cluster is never left in its place.
    trap 'restore_aside; start_node A' EXIT
    trap 'exit 130' INT TERM
    as_owner mkdir -m 700 "$data"
    if ! backrest --set="$set" --type=time --target="$target" --target-action=promote restore; then
        restore_aside; start_node A
        fail 1 "pgbackrest could not restore backup $set (above; log in $REPO/log); the cluster is as it was"
    fi
    # Recovery runs at start; the server promotes when it reaches TARGET. If the WAL ends
    # before TARGET (after the last archived segment), PostgreSQL stops with a FATAL error:
    # the cluster is put back as it was.
    local i state=recovering
    if ! (on_node A cluster_start "$A_PORT") 2>/dev/null; then state=failed; fi
    for ((i = 0; i < 600; i++)); do
        if ! node_running A; then state=failed; break; fi
        [ "$(node_sql A "select pg_is_in_recovery()" 2>/dev/null)" = f ] && state=done && break
        sleep 0.5
    done
    if [ "$state" != done ]; then
        local why
        why=$(grep -h "FATAL" "$data/server.log" 2>/dev/null | tail -n 1)
        restore_aside; start_node A
        fail 65 "recovery to $target did not complete${why:+ ($why)}; the cluster is as it was. Is the time after the last archived WAL, or before the first backup?"
    fi
    trap - EXIT INT TERM
    say "recovered $(node_data A) to $target; what it held before is kept in $aside (remove it when no longer needed)"
}
