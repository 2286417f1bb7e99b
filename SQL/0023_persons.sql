-- 0023 Persons who apply for IP titles (Law 91/2025/QH15 on personal data protection;
-- contract §9). A person's name lives in one cell of `person` and nowhere else: the
-- application, its audit images and import batches refer to the person by id. The sealed
-- audit text therefore never holds the name, so `khcn person erase` overwrites that one cell
-- with a pseudonym and every seal still verifies. (Encrypting names in the images under a
-- per-person key would also work, but would put ciphertext of the name into rows sealed for
-- ever, and make every reader of history decrypt; an id needs neither.)

CREATE TABLE person (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    province_code text NOT NULL,
    name          text NOT NULL CONSTRAINT person_name_length CHECK (char_length(name) BETWEEN 1 AND 400),
    created_at    timestamptz NOT NULL DEFAULT now(),
    erased_at     timestamptz,
    erased_by     text
);
-- One person per name as written, within a province: the register holds nothing else that
-- could tell two namesakes apart.
CREATE UNIQUE INDEX person_name_unique ON person (province_code, name) WHERE erased_at IS NULL;
CREATE INDEX person_name_folded ON person (province_code, khcn_fold(name));

-- "Nguyễn Văn An" → "N. V. A." (what a viewer sees).
CREATE FUNCTION khcn_initials(name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN (SELECT string_agg(left(w, 1) || '.', ' ' ORDER BY n)
          FROM regexp_split_to_table(name, '\s+') WITH ORDINALITY AS t(w, n) WHERE w <> '');

-- Viewers read persons only through this view: initials unless the reader is a clerk or an
-- admin (or the database's superuser); an erased person shows the pseudonym to everyone.
CREATE VIEW person_visible AS
SELECT id, province_code,
       CASE WHEN erased_at IS NOT NULL OR pg_has_role('khcn_clerk', 'MEMBER') THEN name
            ELSE khcn_initials(name) END AS name,
       erased_at IS NOT NULL AS erased, erased_at
  FROM person;

-- Audited, but by id: the images hold no name (it would be sealed for ever).
CREATE FUNCTION khcn_person_audit() RETURNS trigger
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
CREATE TRIGGER person_audit AFTER INSERT OR UPDATE OR DELETE ON person
    FOR EACH ROW EXECUTE FUNCTION khcn_person_audit();

-- The person with this name in the province, registered on first use. Runs with the owner's
-- rights so that no login needs to read or write `person` itself.
CREATE FUNCTION khcn_person_for(p_province text, p_name text) RETURNS bigint
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

-- The applicant is an enterprise (tax code), an organisation or a person (contract §9).
ALTER TABLE ip_application
    ADD COLUMN applicant_type text NOT NULL DEFAULT 'organisation'
        CONSTRAINT ip_application_applicant_type_known CHECK (applicant_type IN ('organisation', 'person')),
    ADD COLUMN applicant_person_id bigint REFERENCES person (id),
    DROP CONSTRAINT ip_application_has_applicant,
    ADD CONSTRAINT ip_application_has_applicant
        CHECK (applicant_tax_code IS NOT NULL OR applicant_name IS NOT NULL OR applicant_person_id IS NOT NULL),
    -- A person's name is never stored on the application (nor, therefore, in its audit images).
    ADD CONSTRAINT ip_application_person_by_id
        CHECK ((applicant_type = 'person') = (applicant_person_id IS NOT NULL)
               AND (applicant_type <> 'person' OR (applicant_name IS NULL AND applicant_tax_code IS NULL)));
CREATE INDEX ip_application_by_person ON ip_application (applicant_person_id) WHERE applicant_person_id IS NOT NULL;

-- A person applicant written by name (khcn, import, psql) is turned into the person's id
-- before the row, and so its audit image, is stored. Named after ip_application_before_write
-- so that it runs after the name has been cleaned.
CREATE FUNCTION ip_application_person() RETURNS trigger
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
CREATE TRIGGER ip_application_person BEFORE INSERT OR UPDATE ON ip_application
    FOR EACH ROW EXECUTE FUNCTION ip_application_person();

-- The canonical IP view shows the applicant's name as the reader may see it, and the
-- applicant's type (contract §6 column `applicant_type`) and person id after the §6 columns.
CREATE OR REPLACE VIEW ip_canonical AS
SELECT a.province_code, a.kind, a.application_number, a.filed_on, a.title,
       a.applicant_tax_code, coalesce(p.name, a.applicant_name) AS applicant_name, a.ipc,
       max(e.event_on) FILTER (WHERE e.event = 'published') AS published_on,
       max(e.event_on) FILTER (WHERE e.event = 'examination-requested') AS examination_requested_on,
       max(e.event_on) FILTER (WHERE e.event = 'granted') AS granted_on,
       max(e.grant_number) FILTER (WHERE e.event = 'granted') AS grant_number,
       max(e.event_on) FILTER (WHERE e.event = 'refused') AS refused_on,
       max(e.event_on) FILTER (WHERE e.event = 'withdrawn') AS withdrawn_on,
       max(e.event_on) FILTER (WHERE e.event = 'lapsed') AS lapsed_on,
       max(e.event_on) FILTER (WHERE e.event = 'invalidated') AS invalidated_on,
       max(e.event_on) FILTER (WHERE e.event = 'restored') AS restored_on,
       max(e.event_on) FILTER (WHERE e.event = 'checked') AS checked_on,
       a.applicant_type, a.applicant_person_id
  FROM ip_application a
  LEFT JOIN person_visible p ON p.id = a.applicant_person_id
  LEFT JOIN ip_event e ON e.province_code = a.province_code AND e.application_number = a.application_number
 GROUP BY a.province_code, a.application_number, p.name;

-- Erasure (Law 91/2025/QH15 art. 9: the right to have one's data deleted): the name becomes
-- a pseudonym in its only cell. The erasure's own audit row holds ids and times, and a
-- reason that named the person is stored with the pseudonym in its place.
CREATE FUNCTION khcn_person_erase(p_id bigint) RETURNS text
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

ALTER TABLE person OWNER TO khcn_owner;
REVOKE ALL ON person FROM PUBLIC, khcn_viewer, khcn_clerk, khcn_admin;
GRANT SELECT ON person_visible TO khcn_viewer;
GRANT INSERT ON audit_log TO khcn_owner;
ALTER FUNCTION khcn_person_for(text, text) OWNER TO khcn_owner;
ALTER FUNCTION khcn_person_erase(bigint) OWNER TO khcn_owner;
REVOKE EXECUTE ON FUNCTION khcn_person_for(text, text), khcn_person_erase(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_person_for(text, text) TO khcn_clerk;
GRANT EXECUTE ON FUNCTION khcn_person_erase(bigint) TO khcn_admin;
