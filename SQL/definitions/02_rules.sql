-- Definitions rules: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- 0004 One way for triggers to refuse a row: a check_violation that names the constraint
-- and column, with the English message as MESSAGE and the Vietnamese one as HINT, so that
-- khcn can show the clerk the rule in their language and psql users still read why.
-- The one way for a trigger or function to refuse a row: a check_violation naming the rule
-- as CONSTRAINT, the English message as MESSAGE and the Vietnamese one as HINT. A refusal
-- that says no more than its rule passes only the name: table, field and messages then come
-- from khcn_rule. (SQL/0004's signature, now with defaults.) `p_sqlstate`: a foreign key
-- checked by a trigger once per statement (SQL/0044) refuses as the key did, 23503.
DROP FUNCTION IF EXISTS khcn_refuse(text, text, text, text, text);
CREATE OR REPLACE FUNCTION khcn_refuse(p_constraint text, p_table text DEFAULT NULL, p_column text DEFAULT NULL,
                                       p_english text DEFAULT NULL, p_vietnamese text DEFAULT NULL,
                                       p_sqlstate text DEFAULT 'check_violation')
RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    r khcn_rule;
BEGIN
    SELECT * INTO r FROM khcn_rule WHERE name = p_constraint;
    RAISE EXCEPTION '%', coalesce(p_english, r.en, p_constraint)
        USING ERRCODE = p_sqlstate, CONSTRAINT = p_constraint, TABLE = coalesce(p_table, r.table_name, ''),
              COLUMN = coalesce(p_column, r.field, ''), HINT = coalesce(p_vietnamese, r.vi, p_constraint);
END $$;

CREATE OR REPLACE FUNCTION khcn_add_text_rule_row(p_table text, p_column text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO khcn_rule (name, table_name, field, vi, en, basis, basis_en)
    VALUES (p_table || '_' || p_column || '_clean', p_table, p_column,
            format('Trường %s chứa ký tự điều khiển hoặc ký tự đổi chiều văn bản (U+0000–001F, U+007F–009F, U+202A–202E, U+2066–2069), không được phép (hợp đồng §4).', p_column),
            format('Field %s holds a control character or a bidirectional override (U+0000–001F, U+007F–009F, U+202A–202E, U+2066–2069), which is not allowed (contract §4).', p_column),
            'hợp đồng §4 (văn bản)', 'contract §4 (text)')
    ON CONFLICT (name) DO NOTHING
$$;

-- 0034 The kind of each rule (contract §5: `khcn rules [--kind KIND]`, JSON key `kind`): the
-- record kind of §5/§6 its table belongs to (enterprises, certificates, funds,
-- fund-allocations, ip, ip-fees, gi, gi-managers, gi-users), else the part of the registry it
-- guards (targets, watch, persons, users, provinces, audit, imports, schema).
CREATE OR REPLACE FUNCTION khcn_rule_kind(p_table text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE p_table
    WHEN 'enterprise' THEN 'enterprises'
    WHEN 'enterprise_status_change' THEN 'enterprises'
    WHEN 'st_certificate' THEN 'certificates'
    WHEN 'st_certificate_amendment' THEN 'certificates'
    WHEN 'st_fund' THEN 'funds'
    WHEN 'st_fund_allocation' THEN 'fund-allocations'
    WHEN 'ip_application' THEN 'ip'
    WHEN 'ip_event' THEN 'ip'
    WHEN 'ip_fee_payment' THEN 'ip-fees'
    WHEN 'gi_certificate' THEN 'gi'
    WHEN 'gi_manager' THEN 'gi-managers'
    WHEN 'gi_user' THEN 'gi-users'
    WHEN 'target' THEN 'targets'
    WHEN 'target_observation' THEN 'targets'
    WHEN 'watch_rule' THEN 'watch'
    WHEN 'person' THEN 'persons'
    WHEN 'khcn_user' THEN 'users'
    WHEN 'khcn_user_province' THEN 'users'
    WHEN 'province' THEN 'provinces'
    WHEN 'province_former' THEN 'provinces'
    WHEN 'audit_log' THEN 'audit'
    WHEN 'audit_seal' THEN 'audit'
    WHEN 'audit_seal_row' THEN 'audit'
    WHEN 'import_batch' THEN 'imports'
    WHEN 'import_batch_counter' THEN 'imports'
    ELSE 'schema'
END;
GRANT EXECUTE ON FUNCTION khcn_rule_kind(text) TO khcn_viewer;

