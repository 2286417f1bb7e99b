-- The cluster-wide roles of contract §9, outside the numbered migrations because roles belong
-- to the cluster, not to a database: `khcn db migrate` runs this before the migrations, and
-- `Scripts/db restore` runs it before pg_restore (a pg_dump archive names roles but does not
-- create them). Idempotent, and safe when several databases of the cluster run it at once.
-- The owner: NOLOGIN; CREATEROLE for khcn_user_add, BYPASSRLS for the definer functions (both
-- deliberate, see SQL/0020). The three groups: admin ⊃ clerk ⊃ viewer.
DO $roles$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('khcn_owner', 'NOLOGIN CREATEROLE BYPASSRLS'), ('khcn_viewer', 'NOLOGIN'),
                                   ('khcn_clerk', 'NOLOGIN'), ('khcn_admin', 'NOLOGIN')) AS v(name, options)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I %s', r.name, r.options);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- another database of this cluster made it first
            END;
        END IF;
    END LOOP;
    FOR r IN SELECT * FROM (VALUES ('khcn_viewer', 'khcn_clerk'), ('khcn_clerk', 'khcn_admin')) AS m(grp, member)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_auth_members WHERE roleid = r.grp::regrole AND member = r.member::regrole) THEN
            BEGIN
                EXECUTE format('GRANT %I TO %I', r.grp, r.member);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END $roles$
