-- 0020 Who may do what, and in which provinces (contract §9), held by the database itself so
-- that psql with a clerk's own credentials meets the same rules as khcn.
--
-- `khcn db migrate` creates the cluster-wide roles before this file runs (Migrator.ensureRoles):
--   khcn_owner   NOLOGIN, owns every table and function. BYPASSRLS, deliberately: the SECURITY
--                DEFINER functions below (audit triggers, login management, the seal chain)
--                must see every province. CREATEROLE, deliberately: logins are made by
--                khcn_user_add() and no person's login ever gets CREATEROLE (in PostgreSQL 15
--                it is nearly superuser). Nobody can log in as the owner.
--   khcn_viewer  NOLOGIN group: reads.
--   khcn_clerk   NOLOGIN group, member of khcn_viewer: register writes, imports, reverts,
--                target observations.
--   khcn_admin   NOLOGIN group, member of khcn_clerk: logins, target rules (and, in later
--                files, audit seals and person erasure).

-- Personal logins, made by khcn_user_add(); their registered full name is the actor of every
-- change they make (contract §2).
CREATE TABLE khcn_user (
    login           name PRIMARY KEY,
    full_name       text NOT NULL CONSTRAINT khcn_user_full_name_clean
                        CHECK (full_name = khcn_clean_text(full_name) AND char_length(full_name) <= 200),
    role            text NOT NULL CONSTRAINT khcn_user_role_known CHECK (role IN ('admin', 'clerk', 'viewer')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL DEFAULT session_user,
    disabled_at     timestamptz,
    disabled_reason text
);

-- The provinces a login works in; the first granted is its default (contract §9).
CREATE TABLE khcn_user_province (
    login         name NOT NULL REFERENCES khcn_user ON DELETE CASCADE,
    province_code text NOT NULL CONSTRAINT khcn_user_province_code_format CHECK (province_code ~ '^[0-9]{2}$'),
    position      bigint GENERATED ALWAYS AS IDENTITY,
    granted_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (login, province_code)
);

-- The provinces granted to the session's login (empty for any other login; a superuser
-- bypasses row-level security anyway). Policies call it as `(SELECT khcn_my_provinces())::text[]`,
-- an InitPlan: once per statement, never once per row of a million-row import.
CREATE FUNCTION khcn_my_provinces() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $$
    SELECT coalesce(array_agg(p.province_code ORDER BY p.position), '{}')
      FROM khcn_user_province p JOIN khcn_user u USING (login)
     WHERE p.login = session_user AND u.disabled_at IS NULL
$$;

-- The registered full name of the session's login, or NULL for a login khcn did not make.
CREATE FUNCTION khcn_registered_name() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $$ SELECT full_name FROM khcn_user WHERE login = session_user $$;

-- Who the session is, for khcn to check rights and the province before it writes (the
-- database checks them again: this only gives a clearer message).
CREATE FUNCTION khcn_session_identity(OUT login text, OUT full_name text, OUT role text, OUT provinces text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $$
    SELECT r.rolname::text, khcn_registered_name(),
           CASE WHEN r.rolsuper THEN 'superuser'
                WHEN pg_has_role(session_user, 'khcn_admin', 'MEMBER') THEN 'admin'
                WHEN pg_has_role(session_user, 'khcn_clerk', 'MEMBER') THEN 'clerk'
                WHEN pg_has_role(session_user, 'khcn_viewer', 'MEMBER') THEN 'viewer' END,
           khcn_my_provinces()
      FROM pg_roles r WHERE r.rolname = session_user
$$;

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

-- The audit trail is written only by these trigger functions, with the owner's rights:
-- no login holds any write privilege on audit_log, and db_user is session_user.
ALTER FUNCTION khcn_audit_insert() SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION khcn_audit_update() SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION khcn_audit_delete() SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp;

-- An import batch records who really imported it.
CREATE FUNCTION import_batch_identity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.actor := coalesce(khcn_registered_name(), NEW.actor);
    NEW.db_user := session_user;
    RETURN NEW;
END $$;
CREATE TRIGGER import_batch_identity BEFORE INSERT ON import_batch
    FOR EACH ROW EXECUTE FUNCTION import_batch_identity();

-- Forced row-level security keyed on the session's granted provinces. Later migrations call
-- this for every new table that holds a province code.
CREATE FUNCTION khcn_isolate_by_province(target regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('DROP POLICY IF EXISTS province_isolation ON %s', target);
    EXECUTE format('CREATE POLICY province_isolation ON %s '
                   'USING (province_code = ANY ((SELECT khcn_my_provinces())::text[])) '
                   'WITH CHECK (province_code = ANY ((SELECT khcn_my_provinces())::text[]))', target);
END $$;

-- Every table with a province code: isolated; viewers read; clerks write the registers.
DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                AND c.relname NOT IN ('khcn_user_province')
                AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'province_code' AND NOT a.attisdropped)
    LOOP
        PERFORM khcn_isolate_by_province(t);
        EXECUTE format('GRANT SELECT ON %s TO khcn_viewer', t);
        IF t::text NOT IN ('audit_log', 'import_batch', 'target') THEN
            EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO khcn_clerk', t);
        END IF;
    END LOOP;
END $$;

-- Import batches: a clerk records a batch, its counts and its revert; never who made it.
GRANT INSERT (province_code, kind, file_name, sha256, encoding, delimiter, bom, actor) ON import_batch TO khcn_clerk;
GRANT UPDATE (rows, inserted, updated, unchanged, rejected, reverted_at, reverted_by, revert_reason) ON import_batch TO khcn_clerk;
-- Targets are the plan's: only an admin chooses a counting rule (contract §9).
GRANT UPDATE (rule) ON target TO khcn_admin;

-- Tables without a province code: reference data everyone reads; logins for admins.
DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                AND c.relname NOT IN ('khcn_user', 'khcn_user_province')
                AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'province_code' AND NOT a.attisdropped)
    LOOP
        EXECUTE format('GRANT SELECT ON %s TO khcn_viewer', t);
    END LOOP;
END $$;
GRANT SELECT ON khcn_user, khcn_user_province TO khcn_admin;

-- Views check the rights and policies of whoever reads them (the owner bypasses row-level
-- security, so a view running with its rights would show every province).
DO $$
DECLARE
    v regclass;
BEGIN
    FOR v IN SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind = 'v'
                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER VIEW %s SET (security_invoker = true)', v);
        EXECUTE format('GRANT SELECT ON %s TO khcn_viewer', v);
    END LOOP;
END $$;

-- Gives the owner role every table, view, sequence and function of the schema (migrations
-- run as a superuser; `khcn db migrate` calls this after every run, so later files need not).
CREATE FUNCTION khcn_claim_ownership() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    o record;
    n integer := 0;
BEGIN
    FOR o IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
              WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                AND c.relowner <> 'khcn_owner'::regrole
                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO khcn_owner',
                       CASE o.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, o.name);
        n := n + 1;
    END LOOP;
    FOR o IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace
              WHERE s.nspname = 'public' AND p.proowner <> 'khcn_owner'::regrole
                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO khcn_owner', o.name);
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;
SELECT khcn_claim_ownership();
