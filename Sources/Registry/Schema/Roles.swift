import Postgres

/// The cluster-wide roles of contract §9. Roles belong to the cluster, not the database, so
/// `khcn db migrate` creates them before it takes its per-database lock, and two databases
/// migrating at once race on `CREATE ROLE`: the loser's duplicate is caught and ignored.
extension Migrator {
    /// The owner (NOLOGIN; CREATEROLE for khcn_user_add, BYPASSRLS for the definer functions:
    /// both deliberate, see SQL/0020) and the three groups, admin ⊃ clerk ⊃ viewer.
    static let rolesSQL = """
        DO $roles$
        DECLARE
            r record;
        BEGIN
            FOR r IN SELECT * FROM (VALUES ('khcn_owner', 'NOLOGIN CREATEROLE BYPASSRLS'), ('khcn_viewer', 'NOLOGIN'),
                                           ('khcn_clerk', 'NOLOGIN'), ('khcn_admin', 'NOLOGIN')) AS v(name, options)
            LOOP
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) THEN
                    BEGIN
                        EXECUTE format('CREATE ROLE %I %s', r.name, r.options);
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN
                        NULL;  -- another database of this cluster made it first
                    END;
                END IF;
            END LOOP;
            FOR r IN SELECT * FROM (VALUES ('khcn_viewer', 'khcn_clerk'), ('khcn_clerk', 'khcn_admin')) AS m(grp, member)
            LOOP
                IF NOT EXISTS (SELECT 1 FROM pg_auth_members WHERE roleid = r.grp::regrole AND member = r.member::regrole) THEN
                    BEGIN
                        EXECUTE format('GRANT %I TO %I', r.grp, r.member);
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN
                        NULL;
                    END;
                END IF;
            END LOOP;
        END $roles$
        """

    /// Creates the roles when any is missing; retries a few times when a parallel migration
    /// of another database touches the same catalog rows ("tuple concurrently updated").
    func ensureRoles() throws {
        let present = try connection.query("""
            SELECT count(*) = 6 FROM (
                SELECT 1 FROM pg_roles WHERE rolname IN ('khcn_owner', 'khcn_viewer', 'khcn_clerk', 'khcn_admin')
                UNION ALL
                SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                 WHERE (g.rolname, u.rolname) IN (('khcn_viewer', 'khcn_clerk'), ('khcn_clerk', 'khcn_admin'))) AS r
            """).scalar == "t"
        if present { return }
        var attempt = 0
        while true {
            do {
                try connection.execute(script: Migrator.rolesSQL)
                return
            } catch let error as PostgresError where error.kind == .server && attempt < 5 && error.sqlstate != "42501" {
                attempt += 1
            }
        }
    }
}
