-- 0015 Import batches: numbered without gaps, and with the size of what was read.
--
-- Batch ids come from a counter row updated in the batch's own transaction instead of a
-- sequence: a sequence hands out numbers that a rolled-back import (refused by the database,
-- killed, or over --max-errors) never gives back, and a missing batch number reads like a
-- deleted batch. With the counter, a rolled-back import leaves no trace at all, so the ids of
-- the batches in the database run 1, 2, 3, … and a missing one means a removed row. (A dry
-- run never records a batch.) The price: two imports record their batches one after the
-- other: the second waits, from its batch row, until the first commits or rolls back.
--
-- Audit ids (audit_log.id) stay a sequence: any rolled-back write, a dry run included (it runs
-- the upsert to let the database's own rules speak, then rolls back), and a server crash may
-- leave gaps there. Those gaps are never removals; the audit trail's integrity is its seals'
-- hashes over the rows that exist, not the continuity of their ids.

CREATE TABLE import_batch_counter (
    single  boolean PRIMARY KEY DEFAULT true CHECK (single),
    last_id bigint NOT NULL CHECK (last_id >= 0)
);
INSERT INTO import_batch_counter (last_id)
SELECT greatest(coalesce(pg_sequence_last_value(pg_get_serial_sequence('import_batch', 'id')::regclass), 0),
                coalesce((SELECT max(id) FROM import_batch), 0));

ALTER TABLE import_batch ALTER COLUMN id DROP IDENTITY;

-- Runs with its owner's rights, so a login that may record a batch needs no right on the
-- counter; being a trigger, it cannot be called on its own to skip a number.
CREATE FUNCTION import_batch_number() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    UPDATE import_batch_counter SET last_id = last_id + 1 RETURNING last_id INTO NEW.id;
    RETURN NEW;
END $$;
CREATE TRIGGER import_batch_number BEFORE INSERT ON import_batch
    FOR EACH ROW EXECUTE FUNCTION import_batch_number();

-- The number of bytes read (a pipe has no size beforehand); the SHA-256 covers the same bytes.
-- NULL for batches recorded before this migration.
ALTER TABLE import_batch ADD COLUMN size bigint CHECK (size >= 0);
