-- Baseline 03 The audit trail: every insert, update and delete of every registry table, written
-- by the database in the same transaction, so that changes made with psql are audited too.
-- Who, why and which batch come from transaction-local settings that khcn sets:
--   khcn.actor, khcn.reason, khcn.legal_ref, khcn.batch
-- The triggers that write it, the seal chain over it, and the list of audited tables are in
-- SQL/definitions/04_audit.sql.

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
-- The text rule (contract §4) checks new rows only (NOT VALID): the trail keeps what was
-- written before the rule came (SQL/0014), being append-only.
ALTER TABLE audit_log
    ADD CONSTRAINT audit_log_actor_clean CHECK (khcn_text_is_clean(actor, false)) NOT VALID,
    ADD CONSTRAINT audit_log_reason_clean CHECK (khcn_text_is_clean(reason, false)) NOT VALID,
    ADD CONSTRAINT audit_log_legal_ref_clean CHECK (khcn_text_is_clean(legal_ref, false)) NOT VALID;
CREATE INDEX audit_log_keys ON audit_log USING gin (keys);
-- audit_log.batch names an import_batch id; no foreign key, because its per-row check would
-- cost a bulk load of a million rows a million lookups (khcn sets it only inside the batch's
-- own transaction).
CREATE INDEX audit_log_batch ON audit_log (batch) WHERE batch IS NOT NULL;

-- Seals over the audit trail (contract §9): a chain of SHA-256 hashes, each over the previous
-- seal's hash and the canonical text of every audit row in its id range, so that a row
-- changed, removed or inserted after a seal is found and named by `khcn audit verify`.
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

-- Every province's trail is isolated; viewers read it, nobody writes it but the triggers
-- (which run with the owner's rights). The seal tables are the owner's alone: seal and verify
-- are SECURITY DEFINER functions granted to the groups of contract §9.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
GRANT SELECT ON audit_log TO khcn_viewer;
GRANT SELECT, INSERT ON audit_log TO khcn_owner;
GRANT SELECT ON SEQUENCE audit_log_id_seq TO khcn_owner;
REVOKE ALL ON audit_seal, audit_seal_row FROM PUBLIC;
