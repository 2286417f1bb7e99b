-- Baseline 07 Persons who apply for IP titles (Law 91/2025/QH15 on personal data protection;
-- contract §9). A person's name lives in one cell of `person` and nowhere else: the
-- application, its audit images and import batches refer to the person by id. The sealed
-- audit text therefore never holds the name, so `khcn person erase` overwrites that one cell
-- with a pseudonym and every seal still verifies. (Encrypting names in the images under a
-- per-person key would also work, but would put ciphertext of the name into rows sealed for
-- ever, and make every reader of history decrypt; an id needs neither.)
-- No login reads `person` itself: the view person_visible and the functions of
-- SQL/definitions/11_persons.sql do, with the owner's rights.

CREATE TABLE person (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    province_code text NOT NULL,
    name          text NOT NULL CONSTRAINT person_name_length CHECK (char_length(name) BETWEEN 1 AND 400)
        CONSTRAINT person_name_clean CHECK (khcn_text_is_clean(name, false)),
    created_at    timestamptz NOT NULL DEFAULT now(),
    erased_at     timestamptz,
    erased_by     text,
    CONSTRAINT person_province_known FOREIGN KEY (province_code) REFERENCES province (code)
);
-- One person per name as written, within a province: the register holds nothing else that
-- could tell two namesakes apart.
CREATE UNIQUE INDEX person_name_unique ON person (province_code, name) WHERE erased_at IS NULL;
CREATE INDEX person_name_folded ON person (province_code, khcn_fold(name));

-- Forced row-level security for defence in depth.
ALTER TABLE person ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
REVOKE ALL ON person FROM PUBLIC;
