-- 0035 Two holes in "no one gets where they don't belong" (contract §9), found in review:
--
-- 1. The person functions of 0023 run with the owner's rights and never asked which provinces
--    the login holds: a clerk of 08 could call khcn_person_for('01', name) (learning whether
--    the name is registered in 01, or adding it there), an admin of 08 erase a person of 01.
--    They are renamed to *_any (granted to no one; the owner still calls them) and the granted
--    names become thin wrappers that first check the province, as the IP event trigger does
--    (SQL/0026 khcn_session_sees_province). A person outside the login's provinces is "not
--    found", exactly like one that does not exist, so an erase reveals nothing either.
-- 2. The status history enterprise_status_change is written only by the enterprise triggers
--    (0003), yet the grant loop of 0020 gave clerks INSERT/UPDATE/DELETE on it (it has a
--    province_code) and it has no audit trigger: psql with a clerk's password could rewrite
--    "was it dissolved on D", which certificates, funds and targets rely on. The two trigger
--    functions now run with the owner's rights, and the clerks' write grants are revoked.

ALTER FUNCTION khcn_person_for(text, text) RENAME TO khcn_person_for_any;
ALTER FUNCTION khcn_person_erase(bigint) RENAME TO khcn_person_erase_any;
REVOKE EXECUTE ON FUNCTION khcn_person_for_any(text, text) FROM khcn_clerk;
REVOKE EXECUTE ON FUNCTION khcn_person_erase_any(bigint) FROM khcn_admin;

CREATE FUNCTION khcn_person_for(p_province text, p_name text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF NOT khcn_session_sees_province(p_province) THEN
        RAISE EXCEPTION 'province % is not granted to %', p_province, session_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN khcn_person_for_any(p_province, p_name);
END $$;

CREATE FUNCTION khcn_person_erase(p_id bigint) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM person WHERE id = p_id AND khcn_session_sees_province(province_code)) THEN
        RAISE EXCEPTION 'no person %', p_id USING ERRCODE = 'no_data_found';
    END IF;
    RETURN khcn_person_erase_any(p_id);
END $$;

ALTER FUNCTION khcn_person_for(text, text) OWNER TO khcn_owner;
ALTER FUNCTION khcn_person_erase(bigint) OWNER TO khcn_owner;
REVOKE EXECUTE ON FUNCTION khcn_person_for(text, text), khcn_person_erase(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_person_for(text, text) TO khcn_clerk;
GRANT EXECUTE ON FUNCTION khcn_person_erase(bigint) TO khcn_admin;

ALTER FUNCTION enterprise_record_status() SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION enterprise_record_first_status() SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION enterprise_record_status() OWNER TO khcn_owner;
ALTER FUNCTION enterprise_record_first_status() OWNER TO khcn_owner;
REVOKE INSERT, UPDATE, DELETE ON enterprise_status_change FROM khcn_clerk;
