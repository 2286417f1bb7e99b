-- Baseline 06 Enterprise S&T development funds (Quỹ phát triển KH&CN của doanh nghiệp) and their
-- yearly allocations. Money is integer đồng. One fund open at a time per enterprise.
-- Their triggers and the FIFO use of allocations are in SQL/definitions/08_funds.sql.

CREATE TABLE st_fund (
    province_code  text NOT NULL,
    tax_code       text NOT NULL,
    established_on date NOT NULL,
    decision       text CONSTRAINT st_fund_decision_clean CHECK (khcn_text_is_clean(decision, false)),
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

ALTER TABLE st_fund ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE st_fund_allocation ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
GRANT SELECT ON st_fund, st_fund_allocation TO khcn_viewer;
GRANT INSERT, UPDATE, DELETE ON st_fund, st_fund_allocation TO khcn_clerk;
