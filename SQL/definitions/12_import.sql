-- Definitions import: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- Puts back every record the batch inserted or changed, audited like any change (the caller
-- sets khcn.actor and khcn.reason). Refused, naming the records, if any changed after it.
CREATE OR REPLACE FUNCTION khcn_revert_batch(p_batch bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    b import_batch;
    last_change bigint;
    conflicts text;
    target record;
    columns text;
    match text;
    undone integer := 0;
    n integer;
BEGIN
    SELECT * INTO b FROM import_batch WHERE id = p_batch FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no import batch %', p_batch USING ERRCODE = 'no_data_found';
    END IF;
    IF b.reverted_at IS NOT NULL THEN
        PERFORM khcn_refuse('import_batch_revert_once', 'import_batch', 'batch',
            format('batch %s was already reverted on %s', p_batch, b.reverted_at),
            format('Lô %s đã được hoàn tác lúc %s.', p_batch, to_char(b.reverted_at, 'DD/MM/YYYY HH24:MI')));
    END IF;
    SELECT max(id) INTO last_change FROM audit_log WHERE batch = p_batch;
    SELECT string_agg(DISTINCT later.kind || ' ' || later.key, ', ')
      INTO conflicts
      FROM audit_log later
     WHERE later.id > last_change AND later.province_code = b.province_code
       AND EXISTS (SELECT 1 FROM audit_log mine
                    WHERE mine.batch = p_batch
                      AND ((mine.kind = later.kind AND mine.key = later.key)
                           OR (mine.kind = 'enterprise' AND later.keys @> ARRAY[mine.key])));
    IF conflicts IS NOT NULL THEN
        PERFORM khcn_refuse('import_batch_revert_unchanged', 'import_batch', 'batch',
            format('batch %s cannot be reverted: these records changed after it: %s', p_batch, conflicts),
            format('Không hoàn tác được lô %s: các hồ sơ sau đã thay đổi sau lô: %s', p_batch, conflicts));
    END IF;
    -- Putting a status back to an earlier date is what a revert is for (audited all the same).
    PERFORM set_config('khcn.reverting', 'on', true);
    FOR target IN SELECT * FROM khcn_record_table ORDER BY revert_order LOOP
        match := (SELECT string_agg(format('t.%I::text = a.image ->> %L', c, c), ' AND ') FROM unnest(target.row_identity) c);
        EXECUTE format(
            'DELETE FROM %s t USING (SELECT new AS image FROM audit_log WHERE batch = $1 AND kind = $2 AND action = ''insert'') a
              WHERE t.province_code = $3 AND %s', target.table_name, match)
            USING p_batch, target.kind, b.province_code;
        GET DIAGNOSTICS n = ROW_COUNT;
        undone := undone + n;
        columns := (SELECT string_agg(quote_ident(i.column_name), ', ' ORDER BY i.position)
                      FROM unnest(khcn_audit_image_columns(target.table_name, true)) WITH ORDINALITY AS i(column_name, position));
        EXECUTE format(
            'UPDATE %1$s t SET (%2$s) = (SELECT %2$s FROM jsonb_populate_record(NULL::%1$s, a.image))
               FROM (SELECT old AS image FROM audit_log WHERE batch = $1 AND kind = $2 AND action = ''update'') a
              WHERE t.province_code = $3 AND %3$s', target.table_name, columns, match)
            USING p_batch, target.kind, b.province_code;
        GET DIAGNOSTICS n = ROW_COUNT;
        undone := undone + n;
    END LOOP;
    PERFORM set_config('khcn.reverting', '', true);
    UPDATE import_batch
       SET reverted_at = now(), reverted_by = khcn_audit_actor(), revert_reason = khcn_audit_setting('khcn.reason')
     WHERE id = p_batch;
    RETURN undone;
END $$;

-- Runs with its owner's rights, so a login that may record a batch needs no right on the
-- counter; being a trigger, it cannot be called on its own to skip a number.
CREATE OR REPLACE FUNCTION import_batch_number() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    UPDATE import_batch_counter SET last_id = last_id + 1 RETURNING last_id INTO NEW.id;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER import_batch_number BEFORE INSERT ON import_batch
    FOR EACH ROW EXECUTE FUNCTION import_batch_number();

CREATE OR REPLACE FUNCTION khcn_defer_search_indexes(p_table regclass) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    i record;
    n integer := 0;
    empty boolean;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM khcn_record_table WHERE table_name = p_table) THEN
        RAISE EXCEPTION '% is not a registry table', p_table USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %s)', p_table) INTO empty;
    IF NOT empty THEN RETURN 0; END IF;
    FOR i IN SELECT x.indexrelid::regclass AS name, pg_get_indexdef(x.indexrelid) AS definition
               FROM pg_index x
              WHERE x.indrelid = p_table AND NOT x.indisunique AND NOT x.indisprimary
                AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
    LOOP
        INSERT INTO khcn_deferred_index VALUES (p_table, i.definition);
        EXECUTE format('DROP INDEX %s', i.name);
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;
REVOKE ALL ON FUNCTION khcn_defer_search_indexes(regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_defer_search_indexes(regclass) TO khcn_clerk;

-- The one-argument form (before a first load's indexes were built side by side, issue 15):
-- dropped, or a call with one argument would match both it and its successor.
DROP FUNCTION IF EXISTS khcn_rebuild_search_indexes(regclass);

-- Builds again what khcn_defer_search_indexes set aside for p_table: every index, or only the
-- one named p_index. A first load builds them after it has committed, each index in its own
-- transaction, several sessions side by side (a CREATE INDEX takes a SHARE lock, which does
-- not conflict with another's; PostgreSQL 15 builds a GIN index on one core). An index set
-- aside by a load whose process died before building it stays listed until the next import
-- of its table or `khcn db migrate` builds it. IF NOT EXISTS: an index an operator has
-- already made again by hand is left as it is. Only stored definitions are run: p_index only
-- chooses among them. Returns how many definitions it took.
CREATE OR REPLACE FUNCTION khcn_rebuild_search_indexes(p_table regclass, p_index text DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    d text;
    n integer := 0;
BEGIN
    FOR d IN DELETE FROM khcn_deferred_index
              WHERE table_name = p_table AND (p_index IS NULL OR khcn_deferred_index_name(definition) = p_index)
             RETURNING definition LOOP
        EXECUTE regexp_replace(d, '^CREATE INDEX ', 'CREATE INDEX IF NOT EXISTS ');
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;
REVOKE ALL ON FUNCTION khcn_rebuild_search_indexes(regclass, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_rebuild_search_indexes(regclass, text) TO khcn_clerk;

-- The name of a set-aside index, from its definition (pg_get_indexdef's
-- `CREATE INDEX name ON …`).
CREATE OR REPLACE FUNCTION khcn_deferred_index_name(definition text) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN substring(definition FROM '^CREATE INDEX (\S+) ON ');

-- The names of the indexes set aside for p_table and not yet built again, in definition order
-- (the sessions that share the building agree on who builds which).
CREATE OR REPLACE FUNCTION khcn_deferred_search_indexes(p_table regclass) RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT khcn_deferred_index_name(definition) FROM khcn_deferred_index WHERE table_name = p_table ORDER BY definition
$$;
REVOKE ALL ON FUNCTION khcn_deferred_search_indexes(regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_deferred_search_indexes(regclass) TO khcn_clerk;
