-- Definitions certificates: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

CREATE OR REPLACE FUNCTION st_certificate_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.certificate_number := khcn_clean_text(NEW.certificate_number);
    NEW.issuer := khcn_clean_text(NEW.issuer);
    NEW.revoke_reason := khcn_clean_text(NEW.revoke_reason);
    NEW.basis := CASE
        WHEN NEW.basis IS NULL OR khcn_clean_text(NEW.basis) IS NULL THEN
            CASE WHEN NEW.issued_on < DATE '2025-10-01' THEN '13/2019/NĐ-CP' ELSE '268/2025/NĐ-CP' END
        WHEN NEW.basis LIKE '%13/2019%' THEN '13/2019/NĐ-CP'
        WHEN NEW.basis LIKE '%268/2025%' THEN '268/2025/NĐ-CP'
        ELSE NEW.basis END;
    IF NEW.revoked_on IS NOT NULL AND NEW.revocation_kind IS NULL THEN
        NEW.revocation_kind := 'revoked';
    END IF;
    IF NEW.issued_on > khcn_today() THEN
        PERFORM khcn_refuse('st_certificate_issued_plausible', 'st_certificate', 'issued_on',
            format('issue date %s is in the future', NEW.issued_on),
            format('Ngày cấp %s ở tương lai.', to_char(NEW.issued_on, 'DD/MM/YYYY')));
    END IF;
    IF NEW.revoked_on > khcn_today() THEN
        PERFORM khcn_refuse('st_certificate_revoked_not_future', 'st_certificate', 'revoked_on',
            format('revocation date %s is in the future', NEW.revoked_on),
            format('Ngày thu hồi %s ở tương lai.', to_char(NEW.revoked_on, 'DD/MM/YYYY')));
    END IF;
    -- The CHECK of the same name holds this rule; refused here first to name both dates.
    IF NEW.revoked_on < NEW.issued_on THEN
        PERFORM khcn_refuse('st_certificate_revoked_after_issue', 'st_certificate', 'revoked_on',
            format('revocation date %s is before the issue date %s', NEW.revoked_on, NEW.issued_on),
            format('Ngày thu hồi %s trước ngày cấp %s.', to_char(NEW.revoked_on, 'DD/MM/YYYY'), to_char(NEW.issued_on, 'DD/MM/YYYY')));
    END IF;
    PERFORM khcn_refuse_unless_standing('st_certificate_issued_plausible', 'st_certificate_holder_not_dissolved',
        NEW.province_code, NEW.tax_code, NEW.issued_on, 'Ngày cấp', 'issue date');
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER st_certificate_before_write BEFORE INSERT OR UPDATE ON st_certificate
    FOR EACH ROW EXECUTE FUNCTION st_certificate_before_write();

CREATE OR REPLACE FUNCTION st_certificate_amendment_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    issued date;
BEGIN
    NEW.description := khcn_clean_text(NEW.description);
    NEW.decision := khcn_clean_text(NEW.decision);
    SELECT issued_on INTO issued FROM st_certificate
     WHERE province_code = NEW.province_code AND certificate_number = NEW.certificate_number;
    IF NEW.amended_on < issued OR NEW.amended_on > khcn_today() THEN
        PERFORM khcn_refuse('st_certificate_amendment_dated', 'st_certificate_amendment', 'on',
            format('an amendment dated %s must fall between the issue date %s and today', NEW.amended_on, issued),
            format('Ngày sửa đổi %s phải từ ngày cấp %s đến hôm nay.', to_char(NEW.amended_on, 'DD/MM/YYYY'), to_char(issued, 'DD/MM/YYYY')));
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER st_certificate_amendment_before_write BEFORE INSERT OR UPDATE ON st_certificate_amendment
    FOR EACH ROW EXECUTE FUNCTION st_certificate_amendment_before_write();


-- SQL/0041: per enterprise with a certificate, its first certificate's issue date and whether it
-- holds one not revoked, as certificate_as_of says with every certificate recorded (the state on
-- any D from today on: no certificate is issued or revoked in the future). The target
-- st-enterprises counts these rows for such a D (definitions/15_targets.sql) instead of grouping
-- every certificate of the province (issue 15: ~100,000 at 1,000,000 enterprises).
-- The state of the enterprises named (province, tax code, in step); none for one without a
-- certificate. Read through certificate_as_of (one home of "the certificates on D"), once per
-- province, joined to the keys: for a few keys (a clerk's write) each is an index probe; for
-- many (an import of 100,000 certificates, TRUNCATE's refill) the province's certificates are
-- hashed once. Never a nested loop over the keys with the table inside: on a first import the
-- table's statistics still say "empty", and that plan (a scan of every certificate for every
-- enterprise) ran 20 minutes for 100,000 certificates at 1,000,000 enterprises (stop 20's bench).
CREATE OR REPLACE FUNCTION st_certificate_holders(p_provinces text[], p_tax_codes text[])
RETURNS TABLE (province_code text, tax_code text, first_issued_on date, holds_valid boolean)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF cardinality(p_tax_codes) <= 100 THEN
        RETURN QUERY SELECT * FROM st_certificate_holders_few(p_provinces, p_tax_codes);
    ELSE
        RETURN QUERY SELECT * FROM st_certificate_holders_many(p_provinces, p_tax_codes);
    END IF;
END $$;

CREATE OR REPLACE FUNCTION st_certificate_holders_few(p_provinces text[], p_tax_codes text[])
RETURNS TABLE (province_code text, tax_code text, first_issued_on date, holds_valid boolean)
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp
SET enable_seqscan = off SET enable_bitmapscan = off AS $$
SELECT k.province_code, k.tax_code, min(c.issued_on), bool_or(c.status = 'valid')
  FROM (SELECT DISTINCT * FROM unnest(p_provinces, p_tax_codes) AS k (province_code, tax_code)) k
 CROSS JOIN LATERAL certificate_as_of(k.province_code, 'infinity') c
 WHERE c.tax_code = k.tax_code
 GROUP BY k.province_code, k.tax_code
$$;

CREATE OR REPLACE FUNCTION st_certificate_holders_many(p_provinces text[], p_tax_codes text[])
RETURNS TABLE (province_code text, tax_code text, first_issued_on date, holds_valid boolean)
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp
SET enable_nestloop = off AS $$
SELECT c.province_code, c.tax_code, min(c.issued_on), bool_or(c.status = 'valid')
  FROM (SELECT DISTINCT p FROM unnest(p_provinces) p) p
 CROSS JOIN LATERAL certificate_as_of(p.p, 'infinity') c
 WHERE (c.province_code, c.tax_code) IN (SELECT * FROM unnest(p_provinces, p_tax_codes))
 GROUP BY c.province_code, c.tax_code
$$;

-- Recomputes the kept state of the enterprises named.
CREATE OR REPLACE FUNCTION st_certificate_holder_recompute(p_provinces text[], p_tax_codes text[]) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, public, pg_temp AS $$
DELETE FROM st_certificate_holder k USING unnest(p_provinces, p_tax_codes) AS c (province_code, tax_code)
 WHERE k.province_code = c.province_code AND k.tax_code = c.tax_code;
INSERT INTO st_certificate_holder SELECT * FROM st_certificate_holders(p_provinces, p_tax_codes);
$$;

-- The whole state (khcn_rebuild_derived after any definitions file, and TRUNCATE).
CREATE OR REPLACE FUNCTION st_certificate_holder_fill() RETURNS void
LANGUAGE sql SET search_path = pg_catalog, public, pg_temp AS $$
DELETE FROM st_certificate_holder;
INSERT INTO st_certificate_holder
SELECT h.* FROM (SELECT array_agg(province_code) AS provinces, array_agg(tax_code) AS tax_codes FROM st_certificate) c
 CROSS JOIN LATERAL st_certificate_holders(c.provinces, c.tax_codes) h;
$$;

CREATE OR REPLACE FUNCTION st_certificate_holder_truncated() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    PERFORM st_certificate_holder_fill();
    RETURN NULL;
END $$;

-- Kept by statement triggers over the certificates a statement changed (an import of 100,000
-- certificates recomputes each enterprise once); for an update, also the enterprises a
-- certificate left (a tax code renumbered by the enterprise's cascade). With the owner's
-- rights: a clerk reads the state, only these triggers write it.
CREATE OR REPLACE FUNCTION st_certificate_holder_refresh() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    -- Two transactions writing certificates of one enterprise at once would each compute its
    -- state without the other's: the second waits here until the first commits, then reads
    -- afresh. One lock per province the statement touches (a transaction-scoped advisory lock,
    -- taken in the provinces' order, so two writers never wait for each other crosswise), not
    -- one per enterprise: locking the enterprises' rows, as ip_watch_state_refresh locks its
    -- applications, cost more than the recompute itself on an import (20,000 certificates: ~2 s
    -- of a ~12 s statement, against ~0.6 s). Writers of certificates of one province take turns
    -- (a clerk's write is one statement); other provinces and readers never wait (review of stop 20:
    -- a table lock made a clerk of 01 wait for 08's whole import).
    IF TG_OP = 'UPDATE' THEN
        PERFORM pg_advisory_xact_lock(hashtext('st_certificate_holder'), hashtext(p.province_code))
           FROM (SELECT province_code FROM changed UNION SELECT province_code FROM changed_before ORDER BY 1) p;
    ELSE
        PERFORM pg_advisory_xact_lock(hashtext('st_certificate_holder'), hashtext(p.province_code))
           FROM (SELECT DISTINCT province_code FROM changed ORDER BY 1) p;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        PERFORM st_certificate_holder_recompute(array_agg(c.province_code), array_agg(c.tax_code))
           FROM (SELECT province_code, tax_code FROM changed UNION SELECT province_code, tax_code FROM changed_before) c;
    ELSE
        PERFORM st_certificate_holder_recompute(array_agg(c.province_code), array_agg(c.tax_code))
           FROM (SELECT DISTINCT province_code, tax_code FROM changed) c;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER st_certificate_holder_insert AFTER INSERT ON st_certificate
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION st_certificate_holder_refresh();
CREATE OR REPLACE TRIGGER st_certificate_holder_update AFTER UPDATE ON st_certificate
    REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION st_certificate_holder_refresh();
CREATE OR REPLACE TRIGGER st_certificate_holder_delete AFTER DELETE ON st_certificate
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION st_certificate_holder_refresh();
CREATE OR REPLACE TRIGGER st_certificate_holder_truncate AFTER TRUNCATE ON st_certificate
    FOR EACH STATEMENT EXECUTE FUNCTION st_certificate_holder_truncated();
