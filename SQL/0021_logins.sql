-- 0021 Personal logins (contract §9: khcn user add|grant|revoke|disable|enable|password).
-- Made and changed only by these SECURITY DEFINER functions, owned by khcn_owner (which
-- holds CREATEROLE so that no admin needs it). Each acts only on logins registered in
-- khcn_user, so an admin can never touch the superuser, the owner or another cluster user.
-- Passwords arrive already hashed (SCRAM-SHA-256, hashed by libpq on the client).

CREATE FUNCTION khcn_user_check_login(p_login text) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_login IS NULL OR p_login !~ '^[a-z][a-z0-9_]{1,62}$' OR p_login ~ '^(pg_|khcn_)' THEN
        PERFORM khcn_refuse('khcn_user_login_format', 'khcn_user', 'login',
            format('a login is 2 to 63 lower-case letters, digits or _, starting with a letter and not with pg_ or khcn_: "%s"', p_login),
            format('Tên đăng nhập gồm 2–63 chữ thường không dấu, chữ số hoặc _, bắt đầu bằng chữ cái, không bắt đầu bằng pg_ hay khcn_: “%s”.', p_login));
    END IF;
END $$;

CREATE FUNCTION khcn_user_check_password(p_password text) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_password IS NULL OR p_password !~ '^SCRAM-SHA-256\$[0-9]+:' THEN
        PERFORM khcn_refuse('khcn_user_password_hashed', 'khcn_user', 'password',
            'a password must arrive hashed as SCRAM-SHA-256 (PQencryptPasswordConn), never in plain text',
            'Mật khẩu phải được băm SCRAM-SHA-256 trước khi gửi, không bao giờ gửi nguyên văn.');
    END IF;
END $$;

-- The registered login, locked for the change; no_data_found (khcn: exit 3) when unknown.
CREATE FUNCTION khcn_user_get(p_login text) RETURNS khcn_user
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

CREATE FUNCTION khcn_user_add(p_login text, p_full_name text, p_role text, p_provinces text[], p_password text) RETURNS void
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

CREATE FUNCTION khcn_user_grant(p_login text, p_province text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    PERFORM khcn_user_get(p_login);
    INSERT INTO khcn_user_province (login, province_code) VALUES (p_login, p_province) ON CONFLICT DO NOTHING;
END $$;

CREATE FUNCTION khcn_user_revoke(p_login text, p_province text) RETURNS void
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

-- Disabling keeps the login's history: the role stays, it can no longer log in.
CREATE FUNCTION khcn_user_set_disabled(p_login text, p_disabled boolean, p_reason text) RETURNS void
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

-- Any login sets its own password; an admin sets another's.
CREATE FUNCTION khcn_user_password(p_login text, p_password text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF p_login <> session_user AND NOT pg_has_role(session_user, 'khcn_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'only an admin sets the password of another login' USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM khcn_user_check_password(p_password);
    PERFORM khcn_user_get(p_login);
    EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_password);
END $$;

REVOKE ALL ON FUNCTION khcn_user_add(text, text, text, text[], text), khcn_user_grant(text, text),
    khcn_user_revoke(text, text), khcn_user_set_disabled(text, boolean, text), khcn_user_password(text, text),
    khcn_user_get(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_user_add(text, text, text, text[], text), khcn_user_grant(text, text),
    khcn_user_revoke(text, text), khcn_user_set_disabled(text, boolean, text) TO khcn_admin;
GRANT EXECUTE ON FUNCTION khcn_user_password(text, text) TO khcn_viewer;

-- Grants of provinces are audited like any record, in the province granted. (khcn_user has no
-- province, so its row keeps who made it and when and why it was disabled.)
SELECT khcn_attach_audit('khcn_user_province', 'user-province', '{login,province_code}');

-- A first bulk load into an empty table builds its search indexes once afterwards
-- (contract §8). Dropping an index needs the owner, so clerks ask these functions, which act
-- only on the registry's own tables and only rebuild what they dropped.
CREATE TABLE khcn_deferred_index (
    table_name regclass NOT NULL,
    definition text NOT NULL
);

CREATE FUNCTION khcn_defer_search_indexes(p_table regclass) RETURNS integer
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

CREATE FUNCTION khcn_rebuild_search_indexes(p_table regclass) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    d text;
    n integer := 0;
BEGIN
    FOR d IN DELETE FROM khcn_deferred_index WHERE table_name = p_table RETURNING definition LOOP
        EXECUTE d;
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;

-- Rebuilding an index creates it in the schema: the owner needs CREATE there (PostgreSQL 15
-- gives PUBLIC no CREATE on schema public).
GRANT USAGE, CREATE ON SCHEMA public TO khcn_owner;

REVOKE ALL ON FUNCTION khcn_defer_search_indexes(regclass), khcn_rebuild_search_indexes(regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_defer_search_indexes(regclass), khcn_rebuild_search_indexes(regclass) TO khcn_clerk;

SELECT khcn_claim_ownership();
