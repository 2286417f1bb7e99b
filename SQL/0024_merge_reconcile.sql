-- 0024 Where the work of issues 7 and 8 meets: the rules that came in beside the roles
-- (SQL/0013–0015) and the persons (SQL/0023) get the grants, policies and text rules that
-- SQL/0014 and SQL/0020 give every other table.

-- Import batches record the size of what was read (SQL/0015): a clerk writes it with the batch.
GRANT INSERT (size) ON import_batch TO khcn_clerk;

-- The national list of provinces and the provinces merged into each (SQL/0014) are reference
-- data, the same for every login (`khcn province list`): readable by all, written by none.
-- SQL/0020 isolated every table with a `province_code` column, this one included.
DROP POLICY IF EXISTS province_isolation ON province_former;
ALTER TABLE province_former NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY;
REVOKE INSERT, UPDATE, DELETE ON province_former FROM khcn_clerk;

-- Persons (SQL/0023): a province code like every registry table (a foreign key to the list,
-- forced row-level security for defence in depth: no login reads `person` itself), and the
-- text rule of contract §4 on the name.
ALTER TABLE person ADD CONSTRAINT person_province_known FOREIGN KEY (province_code) REFERENCES province (code);
SELECT khcn_isolate_by_province('person');
REVOKE ALL ON person FROM khcn_viewer, khcn_clerk, khcn_admin;
INSERT INTO khcn_text_column VALUES ('person', 'name', false, '{id}');
SELECT khcn_add_text_rule('person', 'name', false);

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

-- ip_canonical was replaced by SQL/0023: it reads with the reader's rights, as SQL/0020 set.
ALTER VIEW ip_canonical SET (security_invoker = true);

-- The IP record as it stood on D (SQL/0013) with the applicant's type and person id (SQL/0023),
-- a person's name as the reader may see it. Same derivation of status and events as 0013.
DROP FUNCTION ip_as_of(text, date);
CREATE FUNCTION ip_as_of(p_province text, d date)
RETURNS TABLE (
    province_code text, kind text, application_number text, filed_on date, title text,
    applicant_tax_code text, applicant_name text, ipc text[],
    published_on date, examination_requested_on date, granted_on date, grant_number text, refused_on date,
    withdrawn_on date, lapsed_on date, invalidated_on date, restored_on date, checked_on date,
    applicant_type text, applicant_person_id bigint,
    status text, expires_on date, events json)
LANGUAGE sql STABLE AS $$
SELECT x.province_code, x.kind, x.application_number, x.filed_on, x.title, x.applicant_tax_code,
       coalesce(p.name, x.applicant_name), x.ipc,
       x.published_on, x.examination_requested_on, x.granted_on, x.grant_number, x.refused_on,
       x.withdrawn_on, x.lapsed_on, x.invalidated_on, x.restored_on, x.checked_on,
       x.applicant_type, x.applicant_person_id,
       CASE WHEN x.last_reset IS NULL THEN
                CASE WHEN x.examined THEN 'under_examination' WHEN x.published THEN 'published' ELSE 'filed' END
            WHEN x.last_reset = 'granted' OR (x.last_reset = 'lapsed' AND x.last_reset_or_restore = 'restored') THEN
                CASE WHEN d > x.expires_on THEN 'expired' ELSE 'granted' END
            ELSE x.last_reset END,
       x.expires_on, x.events
  FROM (SELECT a.province_code, a.kind, a.application_number, a.filed_on, a.title, a.applicant_tax_code,
               a.applicant_name, a.ipc, a.applicant_type, a.applicant_person_id,
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
               (array_agg(e.event ORDER BY e.event_on DESC, e.id DESC)
                    FILTER (WHERE e.event IN ('granted', 'refused', 'withdrawn', 'lapsed', 'invalidated')))[1] AS last_reset,
               (array_agg(e.event ORDER BY e.event_on DESC, e.id DESC)
                    FILTER (WHERE e.event IN ('granted', 'refused', 'withdrawn', 'lapsed', 'invalidated', 'restored')))[1]
                   AS last_reset_or_restore,
               coalesce(bool_or(e.event = 'examination-requested'), false) AS examined,
               coalesce(bool_or(e.event = 'published'), false) AS published,
               ip_expires_on(a.kind, a.filed_on) AS expires_on,
               coalesce(json_agg(json_build_object('event', e.event, 'on', e.event_on, 'grant_number', e.grant_number)
                                 ORDER BY e.event_on, e.id) FILTER (WHERE e.id IS NOT NULL), '[]') AS events
          FROM ip_application a
          LEFT JOIN ip_event e
            ON e.province_code = a.province_code AND e.application_number = a.application_number AND e.event_on <= d
         WHERE a.province_code = p_province AND a.filed_on <= d
         GROUP BY a.province_code, a.application_number) AS x
  LEFT JOIN person_visible p ON p.id = x.applicant_person_id
$$;
