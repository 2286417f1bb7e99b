-- 0004 One way for triggers to refuse a row: a check_violation that names the constraint
-- and column, with the English message as MESSAGE and the Vietnamese one as HINT, so that
-- khcn can show the clerk the rule in their language and psql users still read why.
CREATE FUNCTION khcn_refuse(p_constraint text, p_table text, p_column text, p_english text, p_vietnamese text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', p_english
        USING ERRCODE = 'check_violation', CONSTRAINT = p_constraint, TABLE = p_table,
              COLUMN = p_column, HINT = p_vietnamese;
END $$;
