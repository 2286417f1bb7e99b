-- 0034 The kind of each rule (contract §5: `khcn rules [--kind KIND]`, JSON key `kind`): the
-- record kind of §5/§6 its table belongs to (enterprises, certificates, funds,
-- fund-allocations, ip, ip-fees, gi, gi-managers, gi-users), else the part of the registry it
-- guards (targets, watch, persons, users, provinces, audit, imports, schema).
CREATE FUNCTION khcn_rule_kind(p_table text) RETURNS text
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
