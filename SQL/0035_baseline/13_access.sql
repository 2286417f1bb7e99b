-- Baseline 13 Who may do what, and in which provinces (contract §9), held by the database itself so
-- that psql with a clerk's own credentials meets the same rules as khcn.
--
-- `khcn db migrate` creates the cluster-wide roles before the migrations run (SQL/roles.sql):
--   khcn_owner   NOLOGIN, owns every table and function. BYPASSRLS, deliberately: the SECURITY
--                DEFINER functions (audit triggers, login management, the seal chain) must see
--                every province. CREATEROLE, deliberately: logins are made by khcn_user_add()
--                and no person's login ever gets CREATEROLE (in PostgreSQL 15 it is nearly
--                superuser). Nobody can log in as the owner.
--   khcn_viewer  NOLOGIN group: reads.
--   khcn_clerk   NOLOGIN group, member of khcn_viewer: register writes, imports, reverts,
--                target observations.
--   khcn_admin   NOLOGIN group, member of khcn_clerk: logins, target rules, audit seals and
--                person erasure.
-- Every table with a province code has forced row-level security (enabled beside each table in
-- this baseline; the policy, province_isolation, is khcn_isolate_by_province in
-- SQL/definitions/05_access.sql). Each area's file grants its tables; the functions' grants
-- stand beside the functions. `khcn db migrate` gives every object to khcn_owner after each
-- run (khcn_claim_ownership).

-- Personal logins, made by khcn_user_add(); their registered full name is the actor of every
-- change they make (contract §2).
CREATE TABLE khcn_user (
    login           name PRIMARY KEY,
    full_name       text NOT NULL CONSTRAINT khcn_user_full_name_clean
                        CHECK (full_name = khcn_clean_text(full_name) AND char_length(full_name) <= 200),
    role            text NOT NULL CONSTRAINT khcn_user_role_known CHECK (role IN ('admin', 'clerk', 'viewer')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL DEFAULT session_user,
    disabled_at     timestamptz,
    disabled_reason text
);

-- The provinces a login works in; the first granted is its default (contract §9).
CREATE TABLE khcn_user_province (
    login         name NOT NULL REFERENCES khcn_user ON DELETE CASCADE,
    province_code text NOT NULL CONSTRAINT khcn_user_province_code_format CHECK (province_code ~ '^[0-9]{2}$'),
    position      bigint GENERATED ALWAYS AS IDENTITY,
    granted_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (login, province_code)
);
GRANT SELECT ON khcn_user, khcn_user_province TO khcn_admin;

-- Every login reads the schema version (a printed report names it; `khcn db status`).
GRANT SELECT ON khcn_migrations TO khcn_viewer;

-- Rebuilding an index creates it in the schema: the owner needs CREATE there (PostgreSQL 15
-- gives PUBLIC no CREATE on schema public).
GRANT USAGE, CREATE ON SCHEMA public TO khcn_owner;
