-- Definitions text: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- The first refused character, written U+XXXX (NULL when the text is clean).
CREATE OR REPLACE FUNCTION khcn_text_first_refused(t text, allow_line_breaks boolean DEFAULT false) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN 'U+' || upper(lpad(to_hex(ascii(substring(t FROM khcn_text_refused_pattern(allow_line_breaks)))), 4, '0'));

-- The text of a column as the rule sees it (a text[] column: its elements joined by a space).
CREATE OR REPLACE FUNCTION khcn_text_column_expression(p_table regclass, p_column text) RETURNS text
LANGUAGE sql STABLE
RETURN (SELECT CASE WHEN a.atttypid = 'text[]'::regtype THEN format('array_to_string(%I, '' '')', p_column)
                    ELSE quote_ident(p_column) END
          FROM pg_attribute a WHERE a.attrelid = p_table AND a.attname = p_column AND NOT a.attisdropped);

-- Adds CHECK <table>_<column>_clean; khcn names the field from that constraint name.
-- `validated` false: only new rows are checked (the audit trail, which can never be corrected).
-- The text rule's constraints (SQL/0014) get their row as they are made.
CREATE OR REPLACE FUNCTION khcn_add_text_rule(p_table regclass, p_column text, p_allow_line_breaks boolean DEFAULT false,
                                              p_validated boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (khcn_text_is_clean(%s, %L))%s',
                   p_table, p_table::text || '_' || p_column || '_clean',
                   khcn_text_column_expression(p_table, p_column), p_allow_line_breaks,
                   CASE WHEN p_validated THEN '' ELSE ' NOT VALID' END);
    PERFORM khcn_add_text_rule_row(p_table::text, p_column);
END $$;

