-- 0022 Seals over the audit trail (contract §9): a chain of SHA-256 hashes, each over the
-- previous seal's hash and the canonical text of every audit row in its id range, so that a
-- row changed, removed or inserted after a seal is found and named by `khcn audit verify`.

-- The roles of contract §9. Roles are cluster-wide and test databases migrate in parallel,
-- so each is created only when missing and a concurrent twin's creation is not an error.
DO $$
DECLARE
    spec text[];
BEGIN
    FOREACH spec SLICE 1 IN ARRAY ARRAY[
        ['khcn_owner', 'NOLOGIN BYPASSRLS'], ['khcn_viewer', 'NOLOGIN'],
        ['khcn_clerk', 'NOLOGIN'], ['khcn_admin', 'NOLOGIN']] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = spec[1]) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I %s', spec[1], spec[2]);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END;
        END IF;
    END LOOP;
    -- admin ⊃ clerk ⊃ viewer.
    FOREACH spec SLICE 1 IN ARRAY ARRAY[['khcn_viewer', 'khcn_clerk'], ['khcn_clerk', 'khcn_admin']] LOOP
        IF NOT pg_has_role(spec[2], spec[1], 'MEMBER') THEN
            BEGIN
                EXECUTE format('GRANT %I TO %I', spec[1], spec[2]);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END;
        END IF;
    END LOOP;
END $$;

-- Which rows a seal may cover. Audit ids are taken before commit, so a transaction still in
-- progress can hold an id below one that is already visible; sealing past it would let its
-- later commit land inside a sealed range. Every transaction that writes audit rows therefore
-- first announces, as a shared advisory lock visible in pg_locks until it ends, an id below
-- every id it will take (the identity sequence's last value then). A seal covers ids up
-- to the smallest announced floor, never further; ids of rolled-back transactions are gaps
-- that were never part of any sealed range. Lock keys are negative (−1 − floor), so they
-- cannot meet the positive keys of other advisory locks (the migrator's).
CREATE FUNCTION khcn_audit_announce() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    floor_id bigint;
BEGIN
    SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END INTO floor_id FROM audit_log_id_seq;
    PERFORM pg_advisory_xact_lock_shared(-1 - floor_id);
    RETURN floor_id;
END $$;

-- Once per transaction (the setting is transaction-local, and rolls back with a savepoint
-- together with the lock taken under it).
CREATE FUNCTION khcn_audit_before_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('khcn.audit_floor', true), '') = '' THEN
        PERFORM set_config('khcn.audit_floor', khcn_audit_announce()::text, true);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_log_announce BEFORE INSERT ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_before_insert();

-- The canonical text of an audit row: every column as a JSON object (jsonb's text form is
-- deterministic: keys ordered, no insignificant space), the time in UTC whatever the
-- session's time zone, and NULL columns left out, so that a column added to audit_log later
-- does not change the text of rows sealed before it.
CREATE FUNCTION khcn_audit_canonical(a audit_log) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT jsonb_object_agg(e.key, e.value)
          FROM jsonb_each(to_jsonb(a) || jsonb_build_object(
                   'at', to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))) AS e
         WHERE e.value <> 'null'::jsonb)::text;

CREATE TABLE audit_seal (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_id       bigint NOT NULL,      -- the previous seal's to_id + 1 (1 for the first)
    to_id         bigint NOT NULL CHECK (to_id >= from_id),
    count         bigint NOT NULL CHECK (count > 0),
    sealed_at     timestamptz NOT NULL,
    sealed_by     text NOT NULL DEFAULT session_user,
    previous_hash text,                 -- hex; NULL for the first seal
    hash          text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);

-- Which row was touched, not whether: the chain hash is the guarantee; these 8-byte prefixes
-- of each row's SHA-256 only let verify name the first row changed, removed or inserted.
CREATE TABLE audit_seal_row (
    id     bigint PRIMARY KEY,          -- audit_log.id
    digest bytea NOT NULL
);

CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION khcn_audit_is_append_only();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_is_append_only();
CREATE TRIGGER audit_seal_row_append_only BEFORE UPDATE OR DELETE ON audit_seal_row
    FOR EACH ROW EXECUTE FUNCTION khcn_audit_is_append_only();
CREATE TRIGGER audit_seal_row_no_truncate BEFORE TRUNCATE ON audit_seal_row
    FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_is_append_only();

-- The hash of a seal: SHA-256 over the previous hash, the seal's own fields, and the SHA-256
-- of each row's canonical text in id order.
CREATE FUNCTION khcn_audit_seal_hash(previous text, from_id bigint, to_id bigint, count bigint,
                                     sealed_at timestamptz, row_digests bytea) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN encode(sha256(convert_to(format('khcn-seal|%s|%s|%s|%s|%s|', coalesce(previous, ''), from_id, to_id, count,
                                       to_char(sealed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 'UTF8')
                     || row_digests), 'hex');

-- Seals the rows written since the last seal whose transactions have all ended. Returns the
-- new seal, or nothing when there is nothing to seal. Runs with the owner's rights (it reads
-- every province's rows) and answers only ids, counts and hashes.
CREATE FUNCTION khcn_audit_seal() RETURNS SETOF audit_seal
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

-- Recomputes every seal from the rows as they are now, in chain order, and checks that each
-- hash in `known` (printed on earlier reports) is still one of the chain's. The first
-- difference is a row `changed`, `removed` or `inserted` in a sealed range, a `seal` whose
-- stored fields no longer match (difference_id is then NULL), or a known hash `not-in-chain`.
CREATE FUNCTION khcn_audit_verify(known text[] DEFAULT '{}')
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

-- What a printed report shows in its footer: the latest seal, and how many audit rows came
-- after it (a count, never their content).
CREATE FUNCTION khcn_audit_latest_seal()
RETURNS TABLE (id bigint, hash text, sealed_at timestamptz, rows_after bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
BEGIN ATOMIC
    SELECT s.id, s.hash, s.sealed_at, (SELECT count(*) FROM audit_log a WHERE a.id > s.to_id)
      FROM audit_seal s ORDER BY s.id DESC LIMIT 1;
END;

-- Owner's rights, given to the groups of contract §9: seal is an admin's, verify a viewer's.
GRANT SELECT ON audit_log TO khcn_owner;
GRANT SELECT ON SEQUENCE audit_log_id_seq TO khcn_owner;
ALTER TABLE audit_seal OWNER TO khcn_owner;
ALTER TABLE audit_seal_row OWNER TO khcn_owner;
REVOKE ALL ON audit_seal, audit_seal_row FROM PUBLIC;
ALTER FUNCTION khcn_audit_announce() OWNER TO khcn_owner;
ALTER FUNCTION khcn_audit_seal() OWNER TO khcn_owner;
ALTER FUNCTION khcn_audit_verify(text[]) OWNER TO khcn_owner;
ALTER FUNCTION khcn_audit_latest_seal() OWNER TO khcn_owner;
REVOKE EXECUTE ON FUNCTION khcn_audit_announce(), khcn_audit_seal(), khcn_audit_verify(text[]), khcn_audit_latest_seal() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_audit_announce() TO khcn_clerk;
GRANT EXECUTE ON FUNCTION khcn_audit_seal() TO khcn_admin;
GRANT EXECUTE ON FUNCTION khcn_audit_verify(text[]), khcn_audit_latest_seal() TO khcn_viewer;
