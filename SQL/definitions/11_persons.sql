-- Definitions persons: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- "Nguyễn Văn An" → "N. V. A." (what a viewer sees).
CREATE OR REPLACE FUNCTION khcn_initials(name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN (SELECT string_agg(left(w, 1) || '.', ' ' ORDER BY n)
          FROM regexp_split_to_table(name, '\s+') WITH ORDINALITY AS t(w, n) WHERE w <> '');

-- Viewers read persons only through this view: initials unless the reader is a clerk or an
-- admin (or the database's superuser); an erased person shows the pseudonym to everyone.
-- The view through which logins read persons runs with its owner's rights (no login may read
-- `person`), so it filters by the login's provinces itself: the owner bypasses row-level
-- security. The maintenance superuser sees every province.
CREATE OR REPLACE VIEW person_visible AS
SELECT id, province_code,
       CASE WHEN erased_at IS NOT NULL OR pg_has_role('khcn_clerk', 'MEMBER') THEN name
            ELSE khcn_initials(name) END AS name,
       erased_at IS NOT NULL AS erased, erased_at
  FROM person
 WHERE province_code = ANY ((SELECT khcn_my_provinces())::text[])
    OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user);
GRANT SELECT ON person_visible TO khcn_viewer;

-- Audited, but by id: the images hold no name (it would be sealed for ever).
CREATE OR REPLACE FUNCTION khcn_person_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_image jsonb := CASE WHEN TG_OP <> 'INSERT' THEN jsonb_build_object('id', OLD.id, 'erased_at', OLD.erased_at, 'erased_by', OLD.erased_by) END;
    new_image jsonb := CASE WHEN TG_OP <> 'DELETE' THEN jsonb_build_object('id', NEW.id, 'erased_at', NEW.erased_at, 'erased_by', NEW.erased_by) END;
    subject person := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    IF TG_OP = 'UPDATE' AND old_image = new_image THEN RETURN NULL; END IF;
    INSERT INTO audit_log (province_code, kind, key, keys, action, actor, reason, legal_ref, batch, old, new)
    VALUES (subject.province_code, 'person', subject.id::text, ARRAY[subject.id::text], lower(TG_OP), khcn_audit_actor(),
            khcn_audit_setting('khcn.reason'), khcn_audit_setting('khcn.legal_ref'),
            khcn_audit_setting('khcn.batch')::bigint, old_image, new_image);
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER person_audit AFTER INSERT OR UPDATE OR DELETE ON person
    FOR EACH ROW EXECUTE FUNCTION khcn_person_audit();

-- The person with this name in the province, registered on first use. Runs with the owner's
-- rights so that no login needs to read or write `person` itself.
CREATE OR REPLACE FUNCTION khcn_person_for_any(p_province text, p_name text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    found bigint;
BEGIN
    SELECT id INTO found FROM person WHERE province_code = p_province AND name = p_name AND erased_at IS NULL;
    IF found IS NULL THEN
        INSERT INTO person (province_code, name) VALUES (p_province, p_name)
        ON CONFLICT (province_code, name) WHERE erased_at IS NULL DO NOTHING
        RETURNING id INTO found;
        IF found IS NULL THEN
            SELECT id INTO found FROM person WHERE province_code = p_province AND name = p_name AND erased_at IS NULL;
        END IF;
    END IF;
    RETURN found;
END $$;
REVOKE ALL ON FUNCTION khcn_person_for_any(text,text) FROM PUBLIC;

-- A person applicant written by name (khcn, import, psql) is turned into the person's id
-- before the row, and so its audit image, is stored. Named after ip_application_before_write
-- so that it runs after the name has been cleaned.
CREATE OR REPLACE FUNCTION ip_application_person() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.applicant_type = 'person' AND NEW.applicant_name IS NOT NULL THEN
        NEW.applicant_person_id := khcn_person_for(NEW.province_code, NEW.applicant_name);
        NEW.applicant_name := NULL;
    ELSIF NEW.applicant_type = 'organisation' THEN
        NEW.applicant_person_id := NULL;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER ip_application_person BEFORE INSERT OR UPDATE ON ip_application
    FOR EACH ROW EXECUTE FUNCTION ip_application_person();

-- Erasure (Law 91/2025/QH15 art. 9: the right to have one's data deleted): the name becomes
-- a pseudonym in its only cell. The erasure's own audit row holds ids and times, and a
-- reason that named the person is stored with the pseudonym in its place.
CREATE OR REPLACE FUNCTION khcn_person_erase_any(p_id bigint) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    subject person;
    pseudonym text;
BEGIN
    SELECT * INTO subject FROM person WHERE id = p_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no person %', p_id USING ERRCODE = 'no_data_found';
    END IF;
    IF subject.erased_at IS NOT NULL THEN
        PERFORM khcn_refuse('person_erase_once', 'person', 'id',
            format('person %s was already erased on %s', p_id, subject.erased_at),
            format('Cá nhân %s đã được xóa tên lúc %s.', p_id, to_char(subject.erased_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')));
    END IF;
    pseudonym := format('Cá nhân #%s', p_id);
    PERFORM set_config('khcn.reason', replace(coalesce(current_setting('khcn.reason', true), ''), subject.name, pseudonym), true);
    UPDATE person SET name = pseudonym, erased_at = now(), erased_by = khcn_audit_actor() WHERE id = p_id;
    RETURN pseudonym;
END $$;
REVOKE ALL ON FUNCTION khcn_person_erase_any(bigint) FROM PUBLIC;

CREATE OR REPLACE FUNCTION khcn_person_for(p_province text, p_name text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF NOT khcn_session_sees_province(p_province) THEN
        RAISE EXCEPTION 'province % is not granted to %', p_province, session_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN khcn_person_for_any(p_province, p_name);
END $$;
REVOKE ALL ON FUNCTION khcn_person_for(text,text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_person_for(text,text) TO khcn_clerk;

CREATE OR REPLACE FUNCTION khcn_person_erase(p_id bigint) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM person WHERE id = p_id AND khcn_session_sees_province(province_code)) THEN
        RAISE EXCEPTION 'no person %', p_id USING ERRCODE = 'no_data_found';
    END IF;
    RETURN khcn_person_erase_any(p_id);
END $$;
REVOKE ALL ON FUNCTION khcn_person_erase(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_person_erase(bigint) TO khcn_admin;

