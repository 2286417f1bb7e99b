-- 0039 Every name search under 200 ms on the server, one letter included (contract §8, issue 15).
--
-- The trigram index (enterprise_name_search) cannot serve a term of one or two letters, and a
-- common term (`cong ty`) matches most of the province: both then folded and sorted every name
-- (200,000 enterprises as a clerk: 0.4–1.8 s). This index holds the province's enterprises in
-- the list's order (EnterpriseRegister.page: name the Vietnamese way, then tax code) with the
-- folded name beside them, so khcn_enterprise_name_matches (SQL/definitions/06_enterprises.sql)
-- walks it in that order, tests each folded name without unaccenting it again, and stops at the
-- page. Like the trigram index, it is set aside during a first load and built once after it
-- (khcn_defer_search_indexes).
CREATE INDEX enterprise_in_list_order
    ON enterprise (province_code, name COLLATE "vi-VN-x-icu", tax_code, khcn_fold(name));
