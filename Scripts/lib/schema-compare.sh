#!/usr/bin/env bash
# Proof that two SQL/ folders build the same schema and seeds (README, "Migrations").
#
#   Scripts/lib/schema-compare.sh [--upgrade] OLD_SQL_DIR [NEW_SQL_DIR]
#
# --upgrade: the old side is what a deployed database becomes, migrated from OLD_SQL_DIR and
# then again from NEW_SQL_DIR (edited definitions applied again, later numbered files once),
# compared with a database built from NEW_SQL_DIR alone. E.g. the landed SQL of a stop:
#   mkdir /tmp/landed && git archive 3e14da7 SQL | tar -x -C /tmp/landed
#   Scripts/lib/schema-compare.sh --upgrade /tmp/landed/SQL
#
# e.g. the numbered chain 0001–0035 before the baseline:
#   mkdir /tmp/oldsql && for f in $(git ls-tree --name-only 0a4756a SQL/); do
#       git show 0a4756a:$f > /tmp/oldsql/${f#SQL/}; done
#   Scripts/lib/schema-compare.sh /tmp/oldsql
#
# Starts a throwaway cluster, migrates one database from each folder with `khcn db migrate`
# (KHCN_BIN, default .build/debug/khcn; KHCN_OLD_BIN for the old side, default the same) and
# compares, line by line: a catalogue listing (columns, constraints, indexes, functions as
# pg_get_functiondef, triggers, policies, views, owners, ACLs, RLS flags, comments, sequences,
# extensions) and the seeded rows of every table. The bookkeeping tables khcn_migrations and
# khcn_definitions are left out of the rows (their rows say how each database was built).
# Prints the differences (none: exit 0) and keeps both listings in $KHCN_COMPARE_OUT
# (default /tmp/khcn-schema-compare).
source "$(dirname "$0")/common.sh"

upgrade=0
if [ "${1:-}" = --upgrade ]; then upgrade=1; shift; fi
OLD=$(cd "${1:?usage: schema-compare.sh [--upgrade] OLD_SQL_DIR [NEW_SQL_DIR]}" && pwd)
NEW=$(cd "${2:-$KHCN_ROOT/SQL}" && pwd)
BIN=${KHCN_BIN:-$KHCN_ROOT/.build/debug/khcn}
OLD_BIN=${KHCN_OLD_BIN:-$BIN}
OUT=${KHCN_COMPARE_OUT:-/tmp/khcn-schema-compare}
[ -x "$BIN" ] || die "$BIN not found: run swift build (or set KHCN_BIN)"
mkdir -p "$OUT"

PORT=${KHCN_COMPARE_PORT:-$((56000 + $$ % 1000))}
cluster_paths "compare-$$"
cleanup() {
    cluster_stop || true
    rm -rf "$CLUSTER_DATA" "$CLUSTER_SOCKET"
}
trap cleanup EXIT
cluster_start "$PORT"

# One line per object and property, so that `diff` names exactly what differs.
CATALOGUE=$(cat <<'SQL'
WITH rel AS (
    SELECT c.oid, c.relname, c.relkind FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'c')
)
SELECT line FROM (
    SELECT 'extension ' || extname || ' ' || extversion AS line FROM pg_extension
    UNION ALL
    SELECT format('schema public owner=%s acl=%s', nspowner::regrole, nspacl) FROM pg_namespace WHERE nspname = 'public'
    UNION ALL
    SELECT format('relation %s kind=%s owner=%s acl=%s rls=%s force=%s options=%s', c.relname, c.relkind, c.relowner::regrole,
                  (SELECT array_agg(a ORDER BY a::text) FROM unnest(c.relacl) a), c.relrowsecurity, c.relforcerowsecurity, c.reloptions)
      FROM pg_class c JOIN rel USING (oid) WHERE rel.relkind <> 'i'
    UNION ALL
    SELECT format('column %s.%s #%s %s notnull=%s default=%s identity=%s generated=%s collation=%s acl=%s', r.relname, a.attname,
                  row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum), format_type(a.atttypid, a.atttypmod), a.attnotnull,
                  pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, a.attcollation, a.attacl)
      FROM pg_attribute a JOIN rel r ON r.oid = a.attrelid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attnum > 0 AND NOT a.attisdropped AND r.relkind IN ('r', 'p', 'v', 'm', 'c')
    UNION ALL
    SELECT format('constraint %s.%s %s validated=%s deferrable=%s', r.relname, c.conname, pg_get_constraintdef(c.oid),
                  c.convalidated, c.condeferrable)
      FROM pg_constraint c JOIN rel r ON r.oid = c.conrelid
    UNION ALL
    SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN rel r ON r.oid = i.indrelid
    UNION ALL
    SELECT format('view %s %s', r.relname, pg_get_viewdef(r.oid)) FROM rel r WHERE r.relkind IN ('v', 'm')
    UNION ALL
    SELECT format('sequence %s %s last=%s', s.seqrelid::regclass, format_type(s.seqtypid, NULL), pg_sequence_last_value(s.seqrelid))
      FROM pg_sequence s JOIN rel r ON r.oid = s.seqrelid
    UNION ALL
    SELECT format('function %s owner=%s acl=%s%s', p.oid::regprocedure, p.proowner::regrole,
                  (SELECT array_agg(a ORDER BY a::text) FROM unnest(p.proacl) a), E'\n' || pg_get_functiondef(p.oid))
      FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT format('trigger %s.%s enabled=%s %s', r.relname, t.tgname, t.tgenabled, pg_get_triggerdef(t.oid))
      FROM pg_trigger t JOIN rel r ON r.oid = t.tgrelid WHERE NOT t.tgisinternal
    UNION ALL
    SELECT format('policy %s.%s %s permissive=%s roles=%s using=%s check=%s', tablename, policyname, cmd, permissive, roles, qual, with_check)
      FROM pg_policies WHERE schemaname = 'public'
    UNION ALL
    SELECT format('comment %s: %s', pg_describe_object(d.classoid, d.objoid, d.objsubid), d.description)
      FROM pg_description d
     WHERE (d.classoid = 'pg_class'::regclass AND d.objoid IN (SELECT oid FROM rel))
        OR (d.classoid = 'pg_proc'::regclass AND d.objoid IN (SELECT oid FROM pg_proc WHERE pronamespace = 'public'::regnamespace))
        OR (d.classoid = 'pg_constraint'::regclass AND d.objoid IN (SELECT c.oid FROM pg_constraint c JOIN rel r ON r.oid = c.conrelid))
        OR (d.classoid = 'pg_trigger'::regclass AND d.objoid IN (SELECT t.oid FROM pg_trigger t JOIN rel r ON r.oid = t.tgrelid))
        OR (d.classoid = 'pg_policy'::regclass)
    UNION ALL
    SELECT format('default-acl %s %s %s', defaclrole::regrole, defaclobjtype, defaclacl) FROM pg_default_acl
) AS everything
ORDER BY line
SQL
)

# The rows of every table but the bookkeeping, each table sorted (insertion order is not schema).
ROWS=$(cat <<'SQL'
SELECT format('SELECT %L || '' '' || x::text FROM %I x', c.relname, c.relname)
  FROM pg_class c
 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
   AND c.relname NOT IN ('khcn_migrations', 'khcn_definitions')
 ORDER BY c.relname
SQL
)

dump() {
    local database=$1 sql=$2 bin=$3 name=$4 then=${5:-}
    local url="postgresql:///$database?host=$CLUSTER_SOCKET&port=$PORT&user=postgres"
    cluster_psql "$PORT" -d postgres -c "CREATE DATABASE $database"
    say "Migrating $database from $sql with $bin…"
    KHCN_SQL_DIR=$sql "$bin" db migrate --database-url "$url" >/dev/null
    if [ -n "$then" ]; then
        say "…then from $then with $BIN (the upgrade)…"
        KHCN_SQL_DIR=$then "$BIN" db migrate --database-url "$url" >/dev/null
    fi
    cluster_psql "$PORT" -d "$database" -At -c "$CATALOGUE" | grep -v -e '^relation khcn_definitions ' -e '^column khcn_definitions\.' >"$OUT/$name.catalogue"
    cluster_psql "$PORT" -d "$database" -At -c "$ROWS" |
        while read -r query; do cluster_psql "$PORT" -d "$database" -At -c "$query ORDER BY 1"; done >"$OUT/$name.rows"
    PGHOST=$CLUSTER_SOCKET PGPORT=$PORT PGUSER=postgres "$PG_BINDIR/pg_dump" --schema-only --exclude-table=khcn_definitions "$database" >"$OUT/$name.schema.sql"
}

if ((upgrade)); then dump khcn_old "$OLD" "$OLD_BIN" old "$NEW"; else dump khcn_old "$OLD" "$OLD_BIN" old; fi
dump khcn_new "$NEW" "$BIN" new

status=0
say "Catalogue ($OUT/old.catalogue vs new.catalogue):"
diff "$OUT/old.catalogue" "$OUT/new.catalogue" || status=1
say "Seeded rows ($OUT/old.rows vs new.rows):"
diff "$OUT/old.rows" "$OUT/new.rows" || status=1
say "pg_dump --schema-only (khcn_definitions left out), lines sorted:"
diff <(grep -v -e "^\\\\restrict" -e "^\\\\unrestrict" "$OUT/old.schema.sql" | sort) <(grep -v -e "^\\\\restrict" -e "^\\\\unrestrict" "$OUT/new.schema.sql" | sort) || status=1
if [ "$status" = 0 ]; then
    say "Same schema and seeds: $(wc -l <"$OUT/new.catalogue") catalogue lines, $(wc -l <"$OUT/new.rows") rows."
fi
exit "$status"
