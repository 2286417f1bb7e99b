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

-- ip_as_of (SQL/0013) gains the applicant type and person in SQL/0027, with the priority date.
