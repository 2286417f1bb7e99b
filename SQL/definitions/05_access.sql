-- Definitions access: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- The provinces granted to the session's login (empty for any other login; a superuser
-- bypasses row-level security anyway). Policies call it as `(SELECT khcn_my_provinces())::text[]`,
-- an InitPlan: once per statement, never once per row of a million-row import.
-- In PL/pgSQL, whose query plan is kept for the session: every policy reads this once per
-- execution of a query (an InitPlan), and a query run once per row (a trigger's, or a
-- function's such as enterprise_status_on, for each certificate an import writes) ran it as
-- often; as an SQL function with a SET clause it was planned again each time (issue 15:
-- 2,000 calls of enterprise_status_on as a clerk 111–136 ms, 40–58 ms in PL/pgSQL).
CREATE OR REPLACE FUNCTION khcn_my_provinces() RETURNS text[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    RETURN (SELECT coalesce(array_agg(p.province_code ORDER BY p.position), '{}')
              FROM khcn_user_province p JOIN khcn_user u USING (login)
             WHERE p.login = session_user AND u.disabled_at IS NULL);
END $$;

-- The registered full name of the session's login, or NULL for a login khcn did not make.
CREATE OR REPLACE FUNCTION khcn_registered_name() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $$ SELECT full_name FROM khcn_user WHERE login = session_user $$;

-- Who the session is, for khcn to check rights and the province before it writes (the
-- database checks them again: this only gives a clearer message).
CREATE OR REPLACE FUNCTION khcn_session_identity(OUT login text, OUT full_name text, OUT role text, OUT provinces text[])
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

-- An import batch records who really imported it.
CREATE OR REPLACE FUNCTION import_batch_identity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.actor := coalesce(khcn_registered_name(), NEW.actor);
    NEW.db_user := session_user;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER import_batch_identity BEFORE INSERT ON import_batch
    FOR EACH ROW EXECUTE FUNCTION import_batch_identity();

-- Forced row-level security keyed on the session's granted provinces. Later migrations call
-- this for every new table that holds a province code.
CREATE OR REPLACE FUNCTION khcn_isolate_by_province(target regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('DROP POLICY IF EXISTS province_isolation ON %s', target);
    EXECUTE format('CREATE POLICY province_isolation ON %s '
                   'USING (province_code = ANY ((SELECT khcn_my_provinces())::text[])) '
                   'WITH CHECK (province_code = ANY ((SELECT khcn_my_provinces())::text[]))', target);
END $$;

-- Gives the owner role every table, view, sequence and function of the schema (migrations
-- run as a superuser; `khcn db migrate` calls this after every run, so later files need not).
CREATE OR REPLACE FUNCTION khcn_claim_ownership() RETURNS integer
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

-- 0021 Personal logins (contract §9: khcn user add|grant|revoke|disable|enable|password).
-- Made and changed only by these SECURITY DEFINER functions, owned by khcn_owner (which
-- holds CREATEROLE so that no admin needs it). Each acts only on logins registered in
-- khcn_user, so an admin can never touch the superuser, the owner or another cluster user.
-- Passwords arrive already hashed (SCRAM-SHA-256, hashed by libpq on the client).
CREATE OR REPLACE FUNCTION khcn_user_check_login(p_login text) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_login IS NULL OR p_login !~ '^[a-z][a-z0-9_]{1,62}$' OR p_login ~ '^(pg_|khcn_)' THEN
        PERFORM khcn_refuse('khcn_user_login_format', 'khcn_user', 'login',
            format('a login is 2 to 63 lower-case letters, digits or _, starting with a letter and not with pg_ or khcn_: "%s"', p_login),
            format('Tên đăng nhập gồm 2–63 chữ thường không dấu, chữ số hoặc _, bắt đầu bằng chữ cái, không bắt đầu bằng pg_ hay khcn_: “%s”.', p_login));
    END IF;
END $$;

CREATE OR REPLACE FUNCTION khcn_user_check_password(p_password text) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_password IS NULL OR p_password !~ '^SCRAM-SHA-256\$[0-9]+:' THEN
        PERFORM khcn_refuse('khcn_user_password_hashed', 'khcn_user', 'password',
            'a password must arrive hashed as SCRAM-SHA-256 (PQencryptPasswordConn), never in plain text',
            'Mật khẩu phải được băm SCRAM-SHA-256 trước khi gửi, không bao giờ gửi nguyên văn.');
    END IF;
END $$;

-- The registered login, locked for the change; no_data_found (khcn: exit 3) when unknown.
CREATE OR REPLACE FUNCTION khcn_user_get(p_login text) RETURNS khcn_user
LANGUAGE plpgsql AS $$
DECLARE
    u khcn_user;
BEGIN
    SELECT * INTO u FROM khcn_user WHERE login = p_login FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no khcn login "%"', p_login USING ERRCODE = 'no_data_found', HINT = format('Không có tài khoản khcn “%s”.', p_login);
    END IF;
    RETURN u;
END $$;
REVOKE ALL ON FUNCTION khcn_user_get(text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION khcn_user_add(p_login text, p_full_name text, p_role text, p_provinces text[], p_password text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    PERFORM khcn_user_check_login(p_login);
    PERFORM khcn_user_check_password(p_password);
    IF p_role IS NULL OR p_role NOT IN ('admin', 'clerk', 'viewer') THEN
        PERFORM khcn_refuse('khcn_user_role_known', 'khcn_user', 'role',
            format('the role must be admin, clerk or viewer, not "%s"', p_role),
            format('Vai trò phải là admin, clerk hoặc viewer, không phải “%s”.', p_role));
    END IF;
    IF coalesce(cardinality(p_provinces), 0) = 0 THEN
        PERFORM khcn_refuse('khcn_user_province_required', 'khcn_user_province', 'province',
            'a login needs at least one province', 'Tài khoản cần được cấp ít nhất một tỉnh.');
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
        PERFORM khcn_refuse('khcn_user_login_unique', 'khcn_user', 'login',
            format('a database role named "%s" already exists', p_login),
            format('Đã có một vai trò cơ sở dữ liệu tên “%s”.', p_login));
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L IN ROLE %I',
                   p_login, p_password, 'khcn_' || p_role);
    INSERT INTO khcn_user (login, full_name, role) VALUES (p_login, khcn_clean_text(p_full_name), p_role);
    INSERT INTO khcn_user_province (login, province_code)
    SELECT p_login, code FROM unnest(p_provinces) WITH ORDINALITY AS g(code, n) GROUP BY code ORDER BY min(n);
END $$;
REVOKE ALL ON FUNCTION khcn_user_add(text,text,text,text[],text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_user_add(text,text,text,text[],text) TO khcn_admin;

CREATE OR REPLACE FUNCTION khcn_user_grant(p_login text, p_province text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    PERFORM khcn_user_get(p_login);
    INSERT INTO khcn_user_province (login, province_code) VALUES (p_login, p_province) ON CONFLICT DO NOTHING;
END $$;
REVOKE ALL ON FUNCTION khcn_user_grant(text,text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_user_grant(text,text) TO khcn_admin;

CREATE OR REPLACE FUNCTION khcn_user_revoke(p_login text, p_province text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    PERFORM khcn_user_get(p_login);
    DELETE FROM khcn_user_province WHERE login = p_login AND province_code = p_province;
    IF NOT FOUND THEN
        PERFORM khcn_refuse('khcn_user_province_granted', 'khcn_user_province', 'province',
            format('province %s is not granted to %s', p_province, p_login),
            format('Tỉnh %s chưa được cấp cho %s.', p_province, p_login));
    END IF;
END $$;
REVOKE ALL ON FUNCTION khcn_user_revoke(text,text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_user_revoke(text,text) TO khcn_admin;

-- Disabling keeps the login's history: the role stays, it can no longer log in.
CREATE OR REPLACE FUNCTION khcn_user_set_disabled(p_login text, p_disabled boolean, p_reason text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    PERFORM khcn_user_get(p_login);
    IF p_disabled AND p_login = session_user THEN
        PERFORM khcn_refuse('khcn_user_not_self', 'khcn_user', 'login',
            'a login cannot disable itself', 'Không thể tự khóa tài khoản của chính mình.');
    END IF;
    EXECUTE format('ALTER ROLE %I %s', p_login, CASE WHEN p_disabled THEN 'NOLOGIN' ELSE 'LOGIN' END);
    UPDATE khcn_user
       SET disabled_at = CASE WHEN p_disabled THEN now() END,
           disabled_reason = CASE WHEN p_disabled THEN khcn_clean_text(p_reason) END
     WHERE login = p_login;
END $$;
REVOKE ALL ON FUNCTION khcn_user_set_disabled(text,boolean,text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_user_set_disabled(text,boolean,text) TO khcn_admin;

-- Any login sets its own password; an admin sets another's.
CREATE OR REPLACE FUNCTION khcn_user_password(p_login text, p_password text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF p_login <> session_user AND NOT pg_has_role(session_user, 'khcn_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'only an admin sets the password of another login' USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM khcn_user_check_password(p_password);
    PERFORM khcn_user_get(p_login);
    EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_password);
END $$;
REVOKE ALL ON FUNCTION khcn_user_password(text,text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_user_password(text,text) TO khcn_viewer;

-- 0026 IP events checked with the owner's rights, so that a clerk's import is as fast as the
-- superuser's (contract §8: the bench imports as a clerk with row-level security on).
--
-- ip_event_before_insert looks up the application by its primary key for every event row
-- (itself and through ip_status_on). As a clerk, row-level security adds the policy's
-- `province_code = ANY ($0)` to those lookups; with the generic plan of a PL/pgSQL statement,
-- on a table loaded in the same transaction (no statistics yet), the planner then prices the
-- (province_code, filed_on) index below the primary key and reads every application of the
-- province per event row: 12,000 applications took 147 s as a clerk against 3.5 s for 4,000 as
-- the superuser (quadratic; the bench's 200,000 would take hours). Run as the owner, which
-- bypasses row-level security, the lookups use the primary key again.
--
-- What it may read stays what the session may see: for a province not granted to the
-- session's login the trigger returns at once, exactly as before (its lookups then found
-- nothing under the policy), and the policy's WITH CHECK refuses the row.

-- Whether the session's login sees the rows of a province: a superuser or a BYPASSRLS login
-- sees all; any other login the provinces granted to it (the policies' rule, SQL/0020).
CREATE OR REPLACE FUNCTION khcn_session_sees_province(p_province text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND (rolsuper OR rolbypassrls))
        OR p_province = ANY (khcn_my_provinces())
$$;
REVOKE ALL ON FUNCTION khcn_session_sees_province(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_session_sees_province(text) TO khcn_viewer;

-- Every table with a province code is isolated (row-level security is enabled beside each
-- table in the baseline), except the national reference list province_former. The policy is
-- re-made each time this file is applied.
SELECT khcn_isolate_by_province(t)
  FROM unnest('{audit_log,enterprise,enterprise_status_change,st_certificate,st_certificate_amendment,st_fund,
                st_fund_allocation,ip_application,ip_event,ip_fee_payment,gi_certificate,gi_manager,gi_user,
                person,import_batch,target,target_observation,ip_watch_state,st_fund_allocation_use,
                st_certificate_holder}'::regclass[]) AS t;
