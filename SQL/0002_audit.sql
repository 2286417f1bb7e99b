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

-- Attach with: CREATE TRIGGER … AFTER INSERT OR UPDATE OR DELETE ON t FOR EACH ROW
--   EXECUTE FUNCTION khcn_audit('kind', 'key_column' [, 'second_key_column' …]);
-- The key is the key columns joined by '/'. Rows are stored without province_code, with the
-- table's column names (the contract's §6 names). An update that changes nothing is not audited.
CREATE FUNCTION khcn_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    current jsonb;
    the_key text;
    old_key text;
    key_list text[];
BEGIN
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - 'province_code'; END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - 'province_code'; END IF;
    IF TG_OP = 'UPDATE' AND old_row = new_row THEN
        RETURN NULL;
    END IF;
    current := coalesce(new_row, old_row);
    SELECT string_agg(current ->> column_name, '/' ORDER BY position)
      INTO the_key
      FROM unnest(TG_ARGV[1:]) WITH ORDINALITY AS k(column_name, position);
    key_list := ARRAY[the_key];
    IF TG_OP = 'UPDATE' THEN
        SELECT string_agg(old_row ->> column_name, '/' ORDER BY position)
          INTO old_key
          FROM unnest(TG_ARGV[1:]) WITH ORDINALITY AS k(column_name, position);
        IF old_key IS DISTINCT FROM the_key THEN key_list := key_list || old_key; END IF;
    END IF;
    -- Records that belong to an enterprise are also found by its tax code.
    IF current ? 'tax_code' AND NOT (current ->> 'tax_code' = ANY (key_list)) THEN
        key_list := key_list || (current ->> 'tax_code');
    END IF;
    IF old_row ? 'tax_code' AND NOT (old_row ->> 'tax_code' = ANY (key_list)) THEN
        key_list := key_list || (old_row ->> 'tax_code');
    END IF;
    INSERT INTO audit_log (province_code, kind, key, keys, action, actor, reason, legal_ref, batch, old, new)
    VALUES (
        coalesce(to_jsonb(NEW), to_jsonb(OLD)) ->> 'province_code',
        TG_ARGV[0], the_key, key_list, lower(TG_OP),
        coalesce(nullif(current_setting('khcn.actor', true), ''), session_user),
        nullif(current_setting('khcn.reason', true), ''),
        nullif(current_setting('khcn.legal_ref', true), ''),
        nullif(current_setting('khcn.batch', true), '')::bigint,
        old_row, new_row);
    RETURN NULL;
END $$;
