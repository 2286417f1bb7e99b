-- Baseline 10 Import batches: every `khcn import` (not a dry run) is recorded, and every change it
-- makes points at its batch in the audit trail (khcn.batch). A batch can be reverted as long
-- as none of its records changed after it (khcn_revert_batch, SQL/definitions/12_import.sql).
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

CREATE TABLE import_batch (
    id            bigint NOT NULL PRIMARY KEY,   -- from import_batch_counter (trigger import_batch_number)
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
    actor         text NOT NULL CONSTRAINT import_batch_actor_clean CHECK (khcn_text_is_clean(actor, false)),
    db_user       text NOT NULL DEFAULT session_user,
    imported_at   timestamptz NOT NULL DEFAULT now(),
    reverted_at   timestamptz,
    reverted_by   text CONSTRAINT import_batch_reverted_by_clean CHECK (khcn_text_is_clean(reverted_by, false)),
    revert_reason text CONSTRAINT import_batch_revert_reason_clean CHECK (khcn_text_is_clean(revert_reason, false)),
    -- The number of bytes read (a pipe has no size beforehand); the SHA-256 covers the same
    -- bytes. NULL for batches recorded before SQL/0015.
    size          bigint CHECK (size >= 0),
    CONSTRAINT import_batch_province_known FOREIGN KEY (province_code) REFERENCES province
);

CREATE TABLE import_batch_counter (
    single  boolean PRIMARY KEY DEFAULT true CHECK (single),
    last_id bigint NOT NULL CHECK (last_id >= 0)
);
INSERT INTO import_batch_counter (last_id) VALUES (0);

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
    ('enterprise', 'enterprise', '{tax_code}', 7),
    ('certificate-amendment', 'st_certificate_amendment', '{certificate_number,amended_on,kind}', 0);

-- A first bulk load into an empty table builds its search indexes once afterwards
-- (contract §8). Dropping an index needs the owner, so clerks ask the functions of
-- SQL/definitions/12_import.sql, which act only on the registry's own tables and only rebuild
-- what they dropped.
CREATE TABLE khcn_deferred_index (
    table_name regclass NOT NULL,
    definition text NOT NULL
);

-- A clerk records a batch, its counts and its revert; never who made it.
ALTER TABLE import_batch ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
GRANT SELECT ON import_batch, import_batch_counter, khcn_record_table TO khcn_viewer;
GRANT INSERT (province_code, kind, file_name, sha256, encoding, delimiter, bom, actor, size) ON import_batch TO khcn_clerk;
GRANT UPDATE (rows, inserted, updated, unchanged, rejected, reverted_at, reverted_by, revert_reason) ON import_batch TO khcn_clerk;
