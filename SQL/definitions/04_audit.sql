-- Definitions audit: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- Nothing entered is ever lost: the trail itself cannot be edited or emptied.
CREATE OR REPLACE FUNCTION khcn_audit_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION khcn_audit_is_append_only();

CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_is_append_only();

-- The key of a row image: its key columns joined by '/'; the keys it is found by: that key,
-- and the owning enterprise's tax code for records that belong to one.
CREATE OR REPLACE FUNCTION khcn_audit_key(image jsonb, key_columns text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT string_agg(image ->> c, '/' ORDER BY n) FROM unnest(key_columns) WITH ORDINALITY AS k(c, n));

CREATE OR REPLACE FUNCTION khcn_audit_keys(image jsonb, key_columns text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN image ? 'tax_code' AND image ->> 'tax_code' IS DISTINCT FROM khcn_audit_key(image, key_columns)
    THEN ARRAY[khcn_audit_key(image, key_columns), image ->> 'tax_code']
    ELSE ARRAY[khcn_audit_key(image, key_columns)] END;

-- Who and why, from the transaction-local settings (the database user when not set).
-- The actor of a change: a personal login writes under its registered name and nobody
-- else's (contract §2); any other login under khcn.actor, else its own name.
CREATE OR REPLACE FUNCTION khcn_audit_actor() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    registered text := khcn_registered_name();
    declared text := nullif(btrim(normalize(current_setting('khcn.actor', true), NFC)), '');
BEGIN
    IF registered IS NULL THEN
        RETURN coalesce(declared, session_user);
    END IF;
    IF declared IS NOT NULL AND declared <> registered THEN
        RAISE EXCEPTION 'login % writes as "%", not as "%"', session_user, registered, declared
            USING ERRCODE = 'insufficient_privilege', HINT = format('Tài khoản %s chỉ ghi dưới tên “%s”.', session_user, registered);
    END IF;
    RETURN registered;
END $$;

CREATE OR REPLACE FUNCTION khcn_audit_setting(name text) RETURNS text LANGUAGE sql STABLE
RETURN nullif(current_setting(name, true), '');

-- Updates that change a row's key (a rekey, or a move to another province): one row at a
-- time, so that the old and the new key are linked (the row trigger audit_update fires only
-- for those, by its WHEN clause). Every other update is audited once per statement by
-- khcn_audit_update_set below. An update that changes nothing is not audited (a move to another
-- province changes the row, though not its image). Rows are stored without province_code, with
-- the table's column names (the contract's §6 names); keys are read from the whole row, as the
-- statement triggers read them (khcn_user_province's key holds its province).
CREATE OR REPLACE FUNCTION khcn_audit_update() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    old_whole jsonb := to_jsonb(OLD);
    new_whole jsonb := to_jsonb(NEW);
    key_columns text[] := TG_ARGV[1:];
    key_list text[];
BEGIN
    IF old_whole = new_whole THEN
        RETURN NULL;
    END IF;
    key_list := khcn_audit_keys(new_whole, key_columns);
    IF khcn_audit_key(old_whole, key_columns) IS DISTINCT FROM key_list[1] THEN
        key_list := key_list || khcn_audit_keys(old_whole, key_columns);
    END IF;
    INSERT INTO audit_log (province_code, kind, key, keys, action, actor, reason, legal_ref, batch, old, new)
    VALUES (NEW.province_code, TG_ARGV[0], key_list[1], key_list, 'update', khcn_audit_actor(),
            khcn_audit_setting('khcn.reason'), khcn_audit_setting('khcn.legal_ref'),
            khcn_audit_setting('khcn.batch')::bigint, old_whole - 'province_code', new_whole - 'province_code');
    RETURN NULL;
END $$;

-- The forms before the image columns were passed (issue 15), dropped before their successors
-- are made: a call of khcn_audit_key_sql would otherwise match both.
DROP FUNCTION IF EXISTS khcn_audit_rows_sql(text, text[]);
DROP FUNCTION IF EXISTS khcn_audit_update_rows_sql(text[], text[]);
DROP FUNCTION IF EXISTS khcn_audit_key_sql(text[]);

-- Inserts and deletes: once per statement over the transition table, so that a bulk load
-- of a million rows is audited by one set-based INSERT rather than a million trigger calls.
-- The key expression is built once per statement (a function call per row costs seconds).
-- A key column is read from the image, except province_code, which the image leaves out and
-- the row gives as `province` (khcn_user_province's key holds it).
CREATE OR REPLACE FUNCTION khcn_audit_key_sql(key_columns text[], image text DEFAULT 'image', province text DEFAULT 'province_code')
RETURNS text
LANGUAGE sql IMMUTABLE
RETURN (SELECT CASE WHEN count(*) = 1 THEN min(v)
                    ELSE 'concat_ws(''/'', ' || string_agg(v, ', ' ORDER BY n) || ')' END
          FROM unnest(key_columns) WITH ORDINALITY AS k(c, n),
               LATERAL (SELECT CASE c WHEN 'province_code' THEN province ELSE format('%s ->> %L', image, c) END AS v) e);

-- The columns of a table's row image, in the table's order: all but province_code (the audit
-- row's own column); `settable`: also without identity columns (what a revert writes back from
-- an image, khcn_revert_batch). Issue 15: the image is to_jsonb of a LATERAL (SELECT r.column, …)
-- of these, 2.0 s for 1,000,000 enterprises, where to_jsonb(r) - 'province_code' took 3.2 s
-- (jsonb_delete copies the whole image again); the images are the same (AuditImageTests).
-- Read from the catalogue at each statement, so a column added later is in every image.
CREATE OR REPLACE FUNCTION khcn_audit_image_columns(target regclass, settable boolean DEFAULT false) RETURNS text[]
LANGUAGE sql STABLE
RETURN ARRAY(SELECT a.attname::text FROM pg_attribute a
              WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'province_code'
                AND (NOT settable OR a.attidentity = '')
              ORDER BY a.attnum);

-- The select list `r.column, …` of an image's columns.
CREATE OR REPLACE FUNCTION khcn_audit_image_select(image_columns text[]) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN (SELECT string_agg(format('r.%I', c), ', ' ORDER BY n) FROM unnest(image_columns) WITH ORDINALITY AS i(c, n));

-- The INSERT into audit_log for the rows of a statement's transition table (which only the
-- trigger function itself can read, so each trigger EXECUTEs this text). Each row's image is
-- made once: `OFFSET 0` keeps the planner from pulling the subquery up into the outer SELECT,
-- which copied to_jsonb into every expression that reads the image (9 calls per row; issue
-- 15: 200,000 inserted enterprises spent 8.4 s in this statement).
CREATE OR REPLACE FUNCTION khcn_audit_rows_sql(action text, key_columns text[], image_columns text[]) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN format($sql$
        INSERT INTO audit_log (province_code, kind, key, keys, action, actor, reason, legal_ref, batch, old, new)
        SELECT province_code, $1, key,
               CASE WHEN image ? 'tax_code' AND image ->> 'tax_code' <> key THEN ARRAY[key, image ->> 'tax_code'] ELSE ARRAY[key] END,
               %L, $2, $3, $4, $5, %s, %s
          FROM (SELECT province_code, image, %s AS key
                  FROM (SELECT r.province_code, to_jsonb(x) AS image FROM %I r CROSS JOIN LATERAL (SELECT %s) x OFFSET 0) AS i) AS rows
        $sql$,
        action,
        CASE action WHEN 'delete' THEN 'image' ELSE 'NULL::jsonb' END,
        CASE action WHEN 'insert' THEN 'image' ELSE 'NULL::jsonb' END,
        khcn_audit_key_sql(key_columns),
        CASE action WHEN 'insert' THEN 'inserted_rows' ELSE 'deleted_rows' END,
        khcn_audit_image_select(image_columns));

CREATE OR REPLACE FUNCTION khcn_audit_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    EXECUTE khcn_audit_rows_sql('insert', TG_ARGV[1:], khcn_audit_image_columns(TG_RELID))
    USING TG_ARGV[0], khcn_audit_actor(), khcn_audit_setting('khcn.reason'), khcn_audit_setting('khcn.legal_ref'),
          khcn_audit_setting('khcn.batch')::bigint;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION khcn_audit_delete() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    EXECUTE khcn_audit_rows_sql('delete', TG_ARGV[1:], khcn_audit_image_columns(TG_RELID))
    USING TG_ARGV[0], khcn_audit_actor(), khcn_audit_setting('khcn.reason'), khcn_audit_setting('khcn.legal_ref'),
          khcn_audit_setting('khcn.batch')::bigint;
    RETURN NULL;
END $$;

-- Updates that keep the key: once per statement over the transition tables, old and new
-- paired by primary key, those whose audit key also stayed (any other row was recorded by
-- audit_update). The same facts as the row trigger wrote (issue 15: an everyday import
-- updates thousands of rows, and a PL/pgSQL call with an INSERT per row was most of its
-- cost). The pairing would be wrong only for one statement that moves a row onto the key
-- another of its rows leaves (PostgreSQL's row-by-row key check lets that through only in a
-- lucky row order); no khcn command runs one (`enterprise rekey` moves one row, its cascades
-- move the rows of one owner to a key not in use).
-- The rows are paired as they are, each pairing column compared on its own (the planner does
-- not hash a row value: it sorted both sides by it, a record comparison per step, about half
-- of this statement's time for the 5,000 rows the everyday file updates; issue 15), and the
-- two images of a pair are made once it is known to have changed: an unchanged row is told by
-- comparing its image columns with their own equality, which says what comparing the two
-- images said (jsonb compares numbers, text and arrays by value, as their types do). Making
-- the images before pairing kept both sides' images in two materialised lists: the audit of
-- the everyday file's 5,000 updates took 78 ms that way, 72 ms this way (medians of 10
-- alternations in the trigger, by hand; issue 15, stop 27). Transition tables have
-- no statistics, so the planner takes each column to hold 200 values and prices a hash join of
-- thousands of rows as if every bucket held many: khcn_audit_update_set plans with merge
-- joins off.
CREATE OR REPLACE FUNCTION khcn_audit_update_rows_sql(key_columns text[], identity_columns text[], image_columns text[]) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN (SELECT format($sql$
        INSERT INTO audit_log (province_code, kind, key, keys, action, actor, reason, legal_ref, batch, old, new)
        SELECT province_code, $1, key,
               CASE WHEN image ? 'tax_code' AND image ->> 'tax_code' IS DISTINCT FROM key THEN ARRAY[key, image ->> 'tax_code'] ELSE ARRAY[key] END,
               'update', $2, $3, $4, $5, old_image, image
          FROM (SELECT province_code, image, old_image, %1$s AS key
                  FROM (SELECT n.province_code, to_jsonb(x) AS image, to_jsonb(y) AS old_image
                          FROM new_rows n JOIN old_rows o ON %2$s
                         CROSS JOIN LATERAL (SELECT %3$s) x
                         CROSS JOIN LATERAL (SELECT %4$s) y
                         WHERE ROW(%4$s) IS DISTINCT FROM ROW(%3$s)
                        OFFSET 0) AS i) AS rows
        $sql$,
        khcn_audit_key_sql(key_columns),
        (SELECT string_agg(DISTINCT format('o.%1$I = n.%1$I', c), ' AND ')
           FROM unnest('{province_code}' || identity_columns || key_columns) AS c),
        (SELECT string_agg(format('n.%I', c), ', ' ORDER BY n) FROM unnest(image_columns) WITH ORDINALITY AS i(c, n)),
        (SELECT string_agg(format('o.%I', c), ', ' ORDER BY n) FROM unnest(image_columns) WITH ORDINALITY AS i(c, n))));

CREATE OR REPLACE FUNCTION khcn_audit_update_set() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET enable_mergejoin = off AS $$
BEGIN
    EXECUTE khcn_audit_update_rows_sql(TG_ARGV[2:TG_ARGV[1]::int + 1], TG_ARGV[TG_ARGV[1]::int + 2:], khcn_audit_image_columns(TG_RELID))
    USING TG_ARGV[0], khcn_audit_actor(), khcn_audit_setting('khcn.reason'), khcn_audit_setting('khcn.legal_ref'),
          khcn_audit_setting('khcn.batch')::bigint;
    RETURN NULL;
END $$;

-- The two update triggers of an audited table (re-made whenever this file is applied, so a
-- table audited before per row is audited per statement from then on). A row's identity is
-- its primary key; the row trigger fires when it or the audit key changes.
CREATE OR REPLACE FUNCTION khcn_attach_update_audit(target regclass, kind text, key_columns text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    identity_columns text[] := (SELECT array_agg(a.attname::text ORDER BY k.n)
                                  FROM pg_index x CROSS JOIN unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                                  JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                                 WHERE x.indrelid = target AND x.indisprimary);
    watched text[] := ARRAY(SELECT c FROM unnest('{province_code}' || identity_columns || key_columns) WITH ORDINALITY AS u(c, n)
                             GROUP BY c ORDER BY min(n));
    arguments text := (SELECT string_agg(quote_literal(a), ', ') FROM unnest(kind || key_columns) AS a);
    set_arguments text;
BEGIN
    IF identity_columns IS NULL THEN
        RAISE EXCEPTION 'audited table % has no primary key to pair its updates by', target;
    END IF;
    -- kind, the number of key columns, the key columns, the identity columns.
    set_arguments := (SELECT string_agg(quote_literal(a), ', ')
                        FROM unnest(ARRAY[kind, cardinality(key_columns)::text] || key_columns || identity_columns) AS a);
    EXECUTE format('CREATE OR REPLACE TRIGGER audit_update AFTER UPDATE ON %s '
                   'FOR EACH ROW WHEN (ROW(%s) IS DISTINCT FROM ROW(%s)) EXECUTE FUNCTION khcn_audit_update(%s)',
                   target,
                   (SELECT string_agg(format('OLD.%I', c), ', ') FROM unnest(watched) AS c),
                   (SELECT string_agg(format('NEW.%I', c), ', ') FROM unnest(watched) AS c), arguments);
    EXECUTE format('CREATE OR REPLACE TRIGGER audit_update_set AFTER UPDATE ON %s '
                   'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_update_set(%s)', target, set_arguments);
END $$;

-- Every registry table is audited with: SELECT khcn_attach_audit('table', 'kind', '{key columns}');
-- (re-running it re-makes the update triggers only)
CREATE OR REPLACE FUNCTION khcn_attach_audit(target regclass, kind text, key_columns text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    arguments text := (SELECT string_agg(quote_literal(a), ', ') FROM unnest(kind || key_columns) AS a);
BEGIN
    PERFORM khcn_attach_update_audit(target, kind, key_columns);
    IF EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = target AND g.tgname = 'audit_insert') THEN
        RETURN;
    END IF;
    EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS inserted_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_insert(%s)', target, arguments);
    EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS deleted_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_delete(%s)', target, arguments);
END $$;

-- Which rows a seal may cover. Audit ids are taken before commit, so a transaction still in
-- progress can hold an id below one that is already visible; sealing past it would let its
-- later commit land inside a sealed range. Every transaction that writes audit rows therefore
-- first announces, as a shared advisory lock visible in pg_locks until it ends, an id below
-- every id it will take (the identity sequence's last value then). A seal covers ids up
-- to the smallest announced floor, never further; ids of rolled-back transactions are gaps
-- that were never part of any sealed range. Lock keys are negative (−1 − floor), so they
-- cannot meet the positive keys of other advisory locks (the migrator's).
CREATE OR REPLACE FUNCTION khcn_audit_announce() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    floor_id bigint;
BEGIN
    SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END INTO floor_id FROM audit_log_id_seq;
    PERFORM pg_advisory_xact_lock_shared(-1 - floor_id);
    RETURN floor_id;
END $$;
REVOKE ALL ON FUNCTION khcn_audit_announce() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_audit_announce() TO khcn_clerk;

-- Once per transaction (the setting is transaction-local, and rolls back with a savepoint
-- together with the lock taken under it).
CREATE OR REPLACE FUNCTION khcn_audit_before_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('khcn.audit_floor', true), '') = '' THEN
        PERFORM set_config('khcn.audit_floor', khcn_audit_announce()::text, true);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER audit_log_announce BEFORE INSERT ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_before_insert();

-- The canonical text of an audit row: every column as a JSON object (jsonb's text form is
-- deterministic: keys ordered, no insignificant space), the time in UTC whatever the
-- session's time zone, and NULL columns left out, so that a column added to audit_log later
-- does not change the text of rows sealed before it.
CREATE OR REPLACE FUNCTION khcn_audit_canonical(a audit_log) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT jsonb_object_agg(e.key, e.value)
          FROM jsonb_each(to_jsonb(a) || jsonb_build_object(
                   'at', to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))) AS e
         WHERE e.value <> 'null'::jsonb)::text;

CREATE OR REPLACE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION khcn_audit_is_append_only();

CREATE OR REPLACE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_is_append_only();

CREATE OR REPLACE TRIGGER audit_seal_row_append_only BEFORE UPDATE OR DELETE ON audit_seal_row
    FOR EACH ROW EXECUTE FUNCTION khcn_audit_is_append_only();

CREATE OR REPLACE TRIGGER audit_seal_row_no_truncate BEFORE TRUNCATE ON audit_seal_row
    FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_is_append_only();

-- The hash of a seal: SHA-256 over the previous hash, the seal's own fields, and the SHA-256
-- of each row's canonical text in id order.
CREATE OR REPLACE FUNCTION khcn_audit_seal_hash(previous text, from_id bigint, to_id bigint, count bigint,
                                     sealed_at timestamptz, row_digests bytea) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN encode(sha256(convert_to(format('khcn-seal|%s|%s|%s|%s|%s|', coalesce(previous, ''), from_id, to_id, count,
                                       to_char(sealed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 'UTF8')
                     || row_digests), 'hex');

-- Seals the rows written since the last seal whose transactions have all ended. Returns the
-- new seal, or nothing when there is nothing to seal. Runs with the owner's rights (it reads
-- every province's rows) and answers only ids, counts and hashes.
CREATE OR REPLACE FUNCTION khcn_audit_seal() RETURNS SETOF audit_seal
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    latest audit_seal;
    lower_id bigint;
    upper_id bigint;
    floor_id bigint;
    n bigint;
    digests bytea;
    sealed_time timestamptz := now();
    sealed audit_seal;
BEGIN
    -- Each statement below must see the commits before it (see khcn_audit_announce).
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'audit seal runs at READ COMMITTED, not %', current_setting('transaction_isolation')
            USING ERRCODE = 'invalid_transaction_state';
    END IF;
    LOCK TABLE audit_seal IN EXCLUSIVE MODE;   -- one chain: one sealer at a time
    SELECT * INTO latest FROM audit_seal ORDER BY id DESC LIMIT 1;
    lower_id := coalesce(latest.to_id, 0) + 1;
    -- First the rows already visible, then the floors announced by transactions still open.
    SELECT max(id) INTO upper_id FROM audit_log;
    SELECT min(-1 - ((l.classid::bigint << 32) | l.objid::bigint)) INTO floor_id
      FROM pg_locks l
     WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.pid IS DISTINCT FROM pg_backend_pid()
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND ((l.classid::bigint << 32) | l.objid::bigint) < 0;
    upper_id := least(upper_id, floor_id);
    IF upper_id IS NULL OR upper_id < lower_id THEN
        RETURN;
    END IF;
    -- A new snapshot: every transaction holding an id up to upper_id has ended by now.
    WITH r AS MATERIALIZED (
        SELECT a.id, sha256(convert_to(khcn_audit_canonical(a), 'UTF8')) AS d
          FROM audit_log a WHERE a.id BETWEEN lower_id AND upper_id),
    kept AS (INSERT INTO audit_seal_row (id, digest) SELECT r.id, substr(r.d, 1, 8) FROM r)
    SELECT count(*), string_agg(r.d, ''::bytea ORDER BY r.id) INTO n, digests FROM r;
    IF n = 0 THEN
        RETURN;   -- only gaps (rolled-back transactions): nothing to seal yet
    END IF;
    INSERT INTO audit_seal (from_id, to_id, count, sealed_at, previous_hash, hash)
    VALUES (lower_id, upper_id, n, sealed_time, latest.hash,
            khcn_audit_seal_hash(latest.hash, lower_id, upper_id, n, sealed_time, digests))
    RETURNING * INTO sealed;
    RETURN NEXT sealed;
END $$;
REVOKE ALL ON FUNCTION khcn_audit_seal() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_audit_seal() TO khcn_admin;

-- Recomputes every seal from the rows as they are now, in chain order, and checks that each
-- hash in `known` (printed on earlier reports) is still one of the chain's. The first
-- difference is a row `changed`, `removed` or `inserted` in a sealed range, a `seal` whose
-- stored fields no longer match (difference_id is then NULL), or a known hash `not-in-chain`.
CREATE OR REPLACE FUNCTION khcn_audit_verify(known text[] DEFAULT '{}')
RETURNS TABLE (intact boolean, seals bigint, rows bigint, difference_id bigint, difference_what text,
               difference_seal bigint, difference_hash text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    s audit_seal;
    previous text;
    expected_from bigint := 1;
    n bigint;
    digests bytea;
    recomputed text;
    chain text[] := '{}';
    missing text;
BEGIN
    seals := 0;
    rows := 0;
    FOR s IN SELECT * FROM audit_seal ORDER BY id LOOP
        seals := seals + 1;
        SELECT coalesce(a.id, r.id),
               CASE WHEN r.id IS NULL THEN 'inserted' WHEN a.id IS NULL THEN 'removed' ELSE 'changed' END
          INTO difference_id, difference_what
          FROM (SELECT x.id, substr(sha256(convert_to(khcn_audit_canonical(x), 'UTF8')), 1, 8) AS d
                  FROM audit_log x WHERE x.id BETWEEN s.from_id AND s.to_id) a
          FULL JOIN (SELECT y.id, y.digest FROM audit_seal_row y WHERE y.id BETWEEN s.from_id AND s.to_id) r ON r.id = a.id
         WHERE a.id IS NULL OR r.id IS NULL OR a.d <> r.digest
         ORDER BY 1 LIMIT 1;
        IF difference_id IS NOT NULL THEN
            intact := false; difference_seal := s.id;
            RETURN NEXT; RETURN;
        END IF;
        SELECT count(*), string_agg(d, ''::bytea ORDER BY id) INTO n, digests
          FROM (SELECT x.id, sha256(convert_to(khcn_audit_canonical(x), 'UTF8')) AS d
                  FROM audit_log x WHERE x.id BETWEEN s.from_id AND s.to_id) a;
        recomputed := khcn_audit_seal_hash(previous, s.from_id, s.to_id, n, s.sealed_at, coalesce(digests, ''::bytea));
        rows := rows + n;
        IF s.from_id <> expected_from OR s.previous_hash IS DISTINCT FROM previous
           OR s.count <> n OR s.hash <> recomputed THEN
            intact := false; difference_what := 'seal'; difference_seal := s.id;
            RETURN NEXT; RETURN;
        END IF;
        chain := chain || recomputed;
        previous := recomputed;
        expected_from := s.to_id + 1;
    END LOOP;
    SELECT k INTO missing FROM unnest(known) AS k WHERE NOT lower(trim(k)) = ANY (chain) LIMIT 1;
    IF missing IS NOT NULL THEN
        intact := false; difference_what := 'not-in-chain'; difference_hash := missing;
        RETURN NEXT; RETURN;
    END IF;
    intact := true;
    RETURN NEXT;
END $$;
REVOKE ALL ON FUNCTION khcn_audit_verify(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_audit_verify(text[]) TO khcn_viewer;

-- What a printed report shows in its footer: the latest seal, and how many audit rows came
-- after it (a count, never their content).
CREATE OR REPLACE FUNCTION khcn_audit_latest_seal()
RETURNS TABLE (id bigint, hash text, sealed_at timestamptz, rows_after bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
BEGIN ATOMIC
    SELECT s.id, s.hash, s.sealed_at, (SELECT count(*) FROM audit_log a WHERE a.id > s.to_id)
      FROM audit_seal s ORDER BY s.id DESC LIMIT 1;
END;
REVOKE ALL ON FUNCTION khcn_audit_latest_seal() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_audit_latest_seal() TO khcn_viewer;

-- The ids of the audit rows `khcn history` shows for these keys in a province: the rows found
-- by any of them (their own key, an owner's tax code, a rekey's old key: SQL/0045), and by every
-- key an enterprise had before a rekey (followed back through its rekeys), with the rows of no
-- province. Ids only: the caller reads the rows under its own policy. With the owner's rights,
-- once the session is seen to see the province: under the policy PostgreSQL applies a login's
-- `&&` and `@>` (not leakproof) only after it, so no index served the search and a clerk's
-- history read the whole trail (issue 15: 1.1–1.3 s at 2,000,000 audit rows; milliseconds by
-- the indexes). No JIT: the recursive step's estimate (a million) would compile it (~180 ms).
-- No sequential scan: every step is a look-up by key, which a small trail would otherwise scan.
CREATE OR REPLACE FUNCTION khcn_audit_history_ids(p_province text, p_keys text[]) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET jit = off
SET enable_seqscan = off
ROWS 100 AS $$
    WITH RECURSIVE linked(k) AS (
        SELECT unnest(p_keys) WHERE khcn_session_sees_province(p_province)
        UNION
        SELECT unnest(a.keys) FROM audit_log a
          JOIN linked l ON a.key = l.k OR (cardinality(a.keys) > 1 AND a.keys @> ARRAY[l.k])
         WHERE a.kind = 'enterprise' AND a.action = 'update' AND a.province_code = p_province
           AND a.old ->> 'tax_code' IS DISTINCT FROM a.new ->> 'tax_code'
    )
    SELECT id FROM audit_log
     WHERE (key = ANY (ARRAY(SELECT k FROM linked)) OR (cardinality(keys) > 1 AND keys && ARRAY(SELECT k FROM linked)))
       AND (province_code = p_province OR province_code IS NULL)
$$;
REVOKE ALL ON FUNCTION khcn_audit_history_ids(text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_audit_history_ids(text, text[]) TO khcn_viewer;

-- The audited tables, each with its kind (audit_log.kind) and the columns of its key. A table
-- whose insert and delete triggers exist keeps them (khcn_attach_audit creates those, it does
-- not replace them: to change a table's kind or key, drop its audit_* triggers in a numbered
-- migration); its two update triggers are re-made each time, in their current form.
-- Persons are audited by id only (khcn_person_audit, 11_persons.sql).
SELECT khcn_attach_audit(t, kind, key_columns)
  FROM (VALUES ('enterprise'::regclass, 'enterprise', '{tax_code}'::text[]),
               ('st_certificate', 'certificate', '{certificate_number}'),
               ('st_certificate_amendment', 'certificate-amendment', '{certificate_number}'),
               ('st_fund', 'fund', '{tax_code,established_on}'),
               ('st_fund_allocation', 'fund-allocation', '{tax_code,established_on,year}'),
               ('ip_application', 'ip', '{application_number}'),
               ('ip_event', 'ip-event', '{application_number}'),
               ('ip_fee_payment', 'ip-fee', '{application_number}'),     -- `khcn history N` finds the payments
               ('gi_certificate', 'gi', '{certificate_number}'),
               ('gi_manager', 'gi-manager', '{certificate_number}'),
               ('gi_user', 'gi-user', '{certificate_number}'),
               ('target', 'target', '{code}'),
               ('target_observation', 'target-observation', '{code,observed_on}'),
               -- Grants of provinces, in the province granted (khcn_user has no province: its
               -- row keeps who made it and when and why it was disabled).
               ('khcn_user_province', 'user-province', '{login,province_code}')) AS a(t, kind, key_columns)
;

