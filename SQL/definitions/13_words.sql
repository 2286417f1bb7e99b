-- Definitions words: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- 0025 The Vietnamese HINT of an IP event refused (khcn_refuse, 0004) named the event and the
-- application's status by their stored English codes: "Sự kiện examination-requested ngày…",
-- "khi đó đơn đang ở trạng thái withdrawn". Contract §2 wants a clerk's sentence wholly in
-- Vietnamese, so two small functions give the same words as khcn's Output/Labels.swift
-- (lower-cased, as they stand inside a sentence). The trigger that embeds them is replaced
-- once, in SQL/0026 (which also gives it the owner's rights); its English MESSAGE (psql,
-- `--json`, `--lang en`) is unchanged.

-- Labels.events, in the middle of a sentence; an unknown code is shown as it is.
CREATE OR REPLACE FUNCTION khcn_event_word(p_event text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_event
        WHEN 'filed' THEN 'nộp đơn'
        WHEN 'published' THEN 'công bố đơn'
        WHEN 'examination-requested' THEN 'yêu cầu thẩm định nội dung'
        WHEN 'granted' THEN 'cấp bằng'
        WHEN 'refused' THEN 'từ chối'
        WHEN 'withdrawn' THEN 'rút đơn'
        WHEN 'lapsed' THEN 'mất hiệu lực'
        WHEN 'invalidated' THEN 'hủy bỏ hiệu lực'
        WHEN 'restored' THEN 'khôi phục hiệu lực'
        WHEN 'checked' THEN 'đối chiếu với Cục SHTT'
        WHEN 'fee-paid' THEN 'nộp phí duy trì'
        ELSE p_event END
$$;

-- Labels.statuses of an IP application (ip_status_on), in the middle of a sentence.
CREATE OR REPLACE FUNCTION khcn_status_word(p_status text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_status
        WHEN 'filed' THEN 'đã nộp đơn'
        WHEN 'published' THEN 'đã công bố'
        WHEN 'under_examination' THEN 'đang thẩm định nội dung'
        WHEN 'granted' THEN 'đã cấp bằng'
        WHEN 'refused' THEN 'bị từ chối'
        WHEN 'withdrawn' THEN 'đã rút đơn'
        WHEN 'lapsed' THEN 'mất hiệu lực'
        WHEN 'expired' THEN 'hết thời hạn bảo hộ'
        WHEN 'invalidated' THEN 'bị hủy bỏ hiệu lực'
        WHEN 'protected' THEN 'đang được bảo hộ'
        WHEN 'cancelled' THEN 'đã chấm dứt'
        WHEN 'valid' THEN 'còn hiệu lực'
        WHEN 'revoked' THEN 'đã thu hồi'
        WHEN 'open' THEN 'đang hoạt động'
        WHEN 'closed' THEN 'đã giải thể'
        WHEN 'active' THEN 'đang hoạt động'
        WHEN 'suspended' THEN 'tạm ngừng kinh doanh'
        WHEN 'dissolved' THEN 'đã giải thể'
        ELSE p_status END
$$;

