-- 0006 Enterprise S&T development funds (Quỹ phát triển KH&CN của doanh nghiệp) and their
-- yearly allocations. Money is integer đồng. One fund open at a time per enterprise.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE st_fund (
    province_code  text NOT NULL,
    tax_code       text NOT NULL,
    established_on date NOT NULL,
    decision       text,
    capital        bigint CONSTRAINT st_fund_capital_not_negative CHECK (capital >= 0),
    notified_on    date,
    closed_on      date,
    CONSTRAINT st_fund_pkey PRIMARY KEY (province_code, tax_code, established_on),
    CONSTRAINT st_fund_enterprise_fkey FOREIGN KEY (province_code, tax_code)
        REFERENCES enterprise ON UPDATE CASCADE ON DELETE RESTRICT,
    CONSTRAINT st_fund_closed_after_established CHECK (closed_on >= established_on),
    CONSTRAINT st_fund_notified_after_established CHECK (notified_on >= established_on),
    -- Two funds of one enterprise never overlap in time (so at most one is open).
    CONSTRAINT st_fund_one_open_per_enterprise EXCLUDE USING gist (
        province_code WITH =, tax_code WITH =, daterange(established_on, closed_on, '[)') WITH &&)
);

CREATE TABLE st_fund_allocation (
    province_code      text NOT NULL,
    tax_code           text NOT NULL,
    established_on     date NOT NULL,     -- the fund's
    year               smallint NOT NULL CONSTRAINT st_fund_allocation_year_plausible CHECK (year BETWEEN 1990 AND 2200),
    allocated          bigint NOT NULL CONSTRAINT st_fund_allocation_allocated_not_negative CHECK (allocated >= 0),
    spent              bigint CONSTRAINT st_fund_allocation_spent_not_negative CHECK (spent >= 0),
    report_received_on date,
    CONSTRAINT st_fund_allocation_pkey PRIMARY KEY (province_code, tax_code, established_on, year),
    CONSTRAINT st_fund_allocation_fund_fkey FOREIGN KEY (province_code, tax_code, established_on)
        REFERENCES st_fund ON UPDATE CASCADE ON DELETE RESTRICT,
    CONSTRAINT st_fund_allocation_report_after_year_start CHECK (report_received_on >= make_date(year, 1, 1))
);

CREATE FUNCTION st_fund_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    holder enterprise;
    last_year int;
BEGIN
    NEW.decision := khcn_clean_text(NEW.decision);
    IF NEW.established_on > khcn_today() OR NEW.closed_on > khcn_today() OR NEW.notified_on > khcn_today() THEN
        PERFORM khcn_refuse('st_fund_closed_after_established', 'st_fund', 'established_on',
            'fund dates cannot be in the future', 'Ngày của quỹ không được ở tương lai.');
    END IF;
    SELECT * INTO holder FROM enterprise WHERE province_code = NEW.province_code AND tax_code = NEW.tax_code;
    IF FOUND AND (TG_OP = 'INSERT' OR NEW.established_on IS DISTINCT FROM OLD.established_on) THEN
        IF NEW.established_on < holder.established_on THEN
            PERFORM khcn_refuse('st_fund_established_plausible', 'st_fund', 'established_on',
                format('fund established %s, before the enterprise itself (%s)', NEW.established_on, holder.established_on),
                format('Quỹ thành lập ngày %s, trước cả doanh nghiệp (%s).', to_char(NEW.established_on, 'DD/MM/YYYY'), to_char(holder.established_on, 'DD/MM/YYYY')));
        END IF;
        IF enterprise_status_on(NEW.province_code, NEW.tax_code, NEW.established_on) = 'dissolved' THEN
            PERFORM khcn_refuse('st_fund_established_plausible', 'st_fund', 'established_on',
                format('enterprise %s was dissolved on or before %s', NEW.tax_code, NEW.established_on),
                format('Doanh nghiệp %s đã giải thể trước hoặc vào ngày %s.', NEW.tax_code, to_char(NEW.established_on, 'DD/MM/YYYY')));
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.closed_on IS NOT NULL THEN
        SELECT max(year) INTO last_year FROM st_fund_allocation
         WHERE province_code = OLD.province_code AND tax_code = OLD.tax_code AND established_on = OLD.established_on;
        IF last_year > extract(year FROM NEW.closed_on) THEN
            PERFORM khcn_refuse('st_fund_closed_after_established', 'st_fund', 'closed_on',
                format('the fund has an allocation for %s, after its closure on %s', last_year, NEW.closed_on),
                format('Quỹ có trích lập năm %s, sau ngày giải thể %s.', last_year, to_char(NEW.closed_on, 'DD/MM/YYYY')));
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER st_fund_before_write BEFORE INSERT OR UPDATE ON st_fund
    FOR EACH ROW EXECUTE FUNCTION st_fund_before_write();
SELECT khcn_attach_audit('st_fund', 'fund', '{tax_code,established_on}');

CREATE FUNCTION st_fund_allocation_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    fund st_fund;
BEGIN
    SELECT * INTO fund FROM st_fund
     WHERE province_code = NEW.province_code AND tax_code = NEW.tax_code AND established_on = NEW.established_on;
    IF FOUND AND (NEW.year < extract(year FROM fund.established_on)
                  OR NEW.year > extract(year FROM coalesce(fund.closed_on, DATE '9999-12-31'))) THEN
        PERFORM khcn_refuse('st_fund_allocation_year_plausible', 'st_fund_allocation', 'year',
            format('year %s is outside the fund''s life (%s – %s)', NEW.year, fund.established_on, coalesce(fund.closed_on::text, 'open')),
            format('Năm %s nằm ngoài thời gian hoạt động của quỹ (%s – %s).', NEW.year,
                   to_char(fund.established_on, 'DD/MM/YYYY'), coalesce(to_char(fund.closed_on, 'DD/MM/YYYY'), 'nay')));
    END IF;
    IF NEW.report_received_on > khcn_today() THEN
        PERFORM khcn_refuse('st_fund_allocation_report_after_year_start', 'st_fund_allocation', 'report_received_on',
            'the report date is in the future', 'Ngày nhận báo cáo ở tương lai.');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER st_fund_allocation_before_write BEFORE INSERT OR UPDATE ON st_fund_allocation
    FOR EACH ROW EXECUTE FUNCTION st_fund_allocation_before_write();
SELECT khcn_attach_audit('st_fund_allocation', 'fund-allocation', '{tax_code,established_on,year}');
