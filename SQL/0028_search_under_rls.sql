-- 0028 The name search at the speed of its trigram index for every login (contract §8: a
-- selective term under 50 ms on the server).
--
-- Under row-level security PostgreSQL evaluates a login's own conditions only after the
-- policy's, unless their functions are LEAKPROOF; `LIKE` (textlike) is not, so a clerk's
-- `khcn_fold(name) LIKE '%…%'` could not use `enterprise_name_search` and scanned the province:
-- 3.8 s for a selective term at 1,000,000 enterprises, against 51 ms as the superuser
-- (Scripts/bench as a clerk, issue 11). The match is therefore made here, with the owner's
-- rights, for a province the session may see (SQL/0026 `khcn_session_sees_province`), and the
-- caller joins the tax codes back under its own policy by primary key (texteq is leakproof).
-- With `p_limit`, only the first that many in the list's order (a search with no other filter:
-- a common word then sorts inside and hands back one page, not every match).
CREATE FUNCTION khcn_enterprise_name_matches(p_province text, p_term text, p_limit integer DEFAULT NULL)
RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
ROWS 100 AS $$
BEGIN
    IF NOT khcn_session_sees_province(p_province) THEN RETURN; END IF;
    RETURN QUERY
        SELECT e.tax_code FROM enterprise e
         WHERE e.province_code = p_province AND khcn_fold(e.name) LIKE '%' || khcn_fold(p_term) || '%' ESCAPE '\'
         ORDER BY e.name COLLATE "vi-VN-x-icu", e.tax_code
         LIMIT p_limit;
END $$;
REVOKE ALL ON FUNCTION khcn_enterprise_name_matches(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_enterprise_name_matches(text, text, integer) TO khcn_viewer;
