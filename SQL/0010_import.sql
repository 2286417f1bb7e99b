-- 0010 Import batches: every `khcn import` (not a dry run) is recorded, and every change it
-- makes points at its batch in the audit trail (khcn.batch). A batch can be reverted as long
-- as none of its records changed after it.

CREATE TABLE import_batch (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    province_code text NOT NULL,
    kind          text NOT NULL,     -- enterprises, certificates, funds, fund-allocations, ip, gi
    file_name     text NOT NULL,
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    encoding      text NOT NULL,
    delimiter     text NOT NULL,
    bom           boolean NOT NULL,
    rows          integer NOT NULL DEFAULT 0,
    inserted      integer NOT NULL DEFAULT 0,
    updated       integer NOT NULL DEFAULT 0,
    unchanged     integer NOT NULL DEFAULT 0,
    rejected      integer NOT NULL DEFAULT 0,
    actor         text NOT NULL,
    db_user       text NOT NULL DEFAULT session_user,
    imported_at   timestamptz NOT NULL DEFAULT now(),
    reverted_at   timestamptz,
    reverted_by   text,
    revert_reason text
);

-- audit_log.batch names an import_batch id; no foreign key, because its per-row check would
-- cost a bulk load of a million rows a million lookups (khcn sets it only inside the batch's
-- own transaction).
CREATE INDEX audit_log_batch ON audit_log (batch) WHERE batch IS NOT NULL;

-- Where each kind of record lives, which columns identify a row in its audit images, and
-- the order in which a revert must undo them (children first).
CREATE TABLE khcn_record_table (
    kind         text PRIMARY KEY,
    table_name   regclass NOT NULL,
    row_identity text[] NOT NULL,
    revert_order integer NOT NULL
);
INSERT INTO khcn_record_table VALUES
    ('ip-event', 'ip_event', '{id}', 1),
    ('fund-allocation', 'st_fund_allocation', '{tax_code,established_on,year}', 2),
    ('certificate', 'st_certificate', '{certificate_number}', 3),
    ('fund', 'st_fund', '{tax_code,established_on}', 4),
    ('ip', 'ip_application', '{application_number}', 5),
    ('gi', 'gi_certificate', '{certificate_number}', 6),
    ('enterprise', 'enterprise', '{tax_code}', 7);

-- Puts back every record the batch inserted or changed, audited like any change (the caller
-- sets khcn.actor and khcn.reason). Refused, naming the records, if any changed after it.
CREATE FUNCTION khcn_revert_batch(p_batch bigint) RETURNS integer
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
        SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
          FROM pg_attribute
         WHERE attrelid = target.table_name AND attnum > 0 AND NOT attisdropped
           AND attname <> 'province_code' AND attidentity = '';
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
