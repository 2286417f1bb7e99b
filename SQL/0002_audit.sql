-- 0002 The audit trail: every insert, update and delete of every registry table, written by
-- the database in the same transaction, so that changes made with psql are audited too.
-- Who, why and which batch come from transaction-local settings that khcn sets:
--   khcn.actor, khcn.reason, khcn.legal_ref, khcn.batch

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    province_code text,
    kind        text NOT NULL,               -- enterprise, certificate, fund, …
    key         text NOT NULL,               -- the record's natural key after the change
    keys        text[] NOT NULL,             -- every key the change is found by (old key of a rekey, owner's tax code)
    action      text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    actor       text NOT NULL,               -- declared by the clerk (--actor), else the login name
    db_user     text NOT NULL DEFAULT session_user,  -- what the clerk cannot choose
    reason      text,
    legal_ref   text,
    batch       bigint,
    old         jsonb,
    new         jsonb
);
CREATE INDEX audit_log_keys ON audit_log USING gin (keys);

-- Nothing entered is ever lost: the trail itself cannot be edited or emptied.
CREATE FUNCTION khcn_audit_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION khcn_audit_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_is_append_only();

-- The key of a row image: its key columns joined by '/'; the keys it is found by: that key,
-- and the owning enterprise's tax code for records that belong to one.
CREATE FUNCTION khcn_audit_key(image jsonb, key_columns text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT string_agg(image ->> c, '/' ORDER BY n) FROM unnest(key_columns) WITH ORDINALITY AS k(c, n));

CREATE FUNCTION khcn_audit_keys(image jsonb, key_columns text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN image ? 'tax_code' AND image ->> 'tax_code' IS DISTINCT FROM khcn_audit_key(image, key_columns)
    THEN ARRAY[khcn_audit_key(image, key_columns), image ->> 'tax_code']
    ELSE ARRAY[khcn_audit_key(image, key_columns)] END;

-- Who and why, from the transaction-local settings (the database user when not set).
CREATE FUNCTION khcn_audit_actor() RETURNS text LANGUAGE sql STABLE
RETURN coalesce(nullif(current_setting('khcn.actor', true), ''), session_user);
CREATE FUNCTION khcn_audit_setting(name text) RETURNS text LANGUAGE sql STABLE
RETURN nullif(current_setting(name, true), '');

-- Updates: one row at a time, so that a changed key (a rekey) links old and new keys.
-- An update that changes nothing is not audited. Rows are stored without province_code,
-- with the table's column names (the contract's §6 names).
CREATE FUNCTION khcn_audit_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb := to_jsonb(OLD) - 'province_code';
    new_row jsonb := to_jsonb(NEW) - 'province_code';
    key_columns text[] := TG_ARGV[1:];
    key_list text[];
BEGIN
    IF old_row = new_row THEN
        RETURN NULL;
    END IF;
    key_list := khcn_audit_keys(new_row, key_columns);
    IF khcn_audit_key(old_row, key_columns) IS DISTINCT FROM key_list[1] THEN
        key_list := key_list || khcn_audit_keys(old_row, key_columns);
    END IF;
    INSERT INTO audit_log (province_code, kind, key, keys, action, actor, reason, legal_ref, batch, old, new)
    VALUES (NEW.province_code, TG_ARGV[0], key_list[1], key_list, 'update', khcn_audit_actor(),
            khcn_audit_setting('khcn.reason'), khcn_audit_setting('khcn.legal_ref'),
            khcn_audit_setting('khcn.batch')::bigint, old_row, new_row);
    RETURN NULL;
END $$;

-- Inserts and deletes: once per statement over the transition table, so that a bulk load
-- of a million rows is audited by one set-based INSERT rather than a million trigger calls.
-- The key expression is built once per statement (a function call per row costs seconds).
CREATE FUNCTION khcn_audit_key_sql(key_columns text[]) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN (SELECT CASE WHEN count(*) = 1 THEN format('image ->> %L', min(c))
                    ELSE 'concat_ws(''/'', ' || string_agg(format('image ->> %L', c), ', ' ORDER BY n) || ')' END
          FROM unnest(key_columns) WITH ORDINALITY AS k(c, n));

-- The INSERT into audit_log for the rows of a statement's transition table (which only the
-- trigger function itself can read, so each trigger EXECUTEs this text).
CREATE FUNCTION khcn_audit_rows_sql(action text, key_columns text[]) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN format($sql$
        INSERT INTO audit_log (province_code, kind, key, keys, action, actor, reason, legal_ref, batch, old, new)
        SELECT image ->> 'province_code', $1, key,
               CASE WHEN image ? 'tax_code' AND image ->> 'tax_code' <> key THEN ARRAY[key, image ->> 'tax_code'] ELSE ARRAY[key] END,
               %L, $2, $3, $4, $5, %s, %s
          FROM (SELECT image, %s AS key FROM (SELECT to_jsonb(r) AS image FROM %I r) AS i) AS rows
        $sql$,
        action,
        CASE action WHEN 'delete' THEN 'image - ''province_code''' ELSE 'NULL::jsonb' END,
        CASE action WHEN 'insert' THEN 'image - ''province_code''' ELSE 'NULL::jsonb' END,
        khcn_audit_key_sql(key_columns),
        CASE action WHEN 'insert' THEN 'inserted_rows' ELSE 'deleted_rows' END);

CREATE FUNCTION khcn_audit_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE khcn_audit_rows_sql('insert', TG_ARGV[1:])
    USING TG_ARGV[0], khcn_audit_actor(), khcn_audit_setting('khcn.reason'), khcn_audit_setting('khcn.legal_ref'),
          khcn_audit_setting('khcn.batch')::bigint;
    RETURN NULL;
END $$;

CREATE FUNCTION khcn_audit_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE khcn_audit_rows_sql('delete', TG_ARGV[1:])
    USING TG_ARGV[0], khcn_audit_actor(), khcn_audit_setting('khcn.reason'), khcn_audit_setting('khcn.legal_ref'),
          khcn_audit_setting('khcn.batch')::bigint;
    RETURN NULL;
END $$;

-- Every registry table is audited with: SELECT khcn_attach_audit('table', 'kind', '{key columns}');
CREATE FUNCTION khcn_attach_audit(target regclass, kind text, key_columns text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    arguments text := (SELECT string_agg(quote_literal(a), ', ') FROM unnest(kind || key_columns) AS a);
BEGIN
    EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS inserted_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_insert(%s)', target, arguments);
    EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION khcn_audit_update(%s)', target, arguments);
    EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS deleted_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION khcn_audit_delete(%s)', target, arguments);
END $$;
