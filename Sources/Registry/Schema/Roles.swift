import Foundation
import Postgres

/// The cluster-wide roles of contract §9. Roles belong to the cluster, not the database, so
/// `khcn db migrate` creates them before it takes its per-database lock, and two databases
/// migrating at once race on `CREATE ROLE`: the loser's duplicate is caught and ignored.
extension Migrator {
    /// The owner and the three groups, from `SQL/roles.sql` (one home: `Scripts/db restore`
    /// runs the same file before pg_restore).
    func rolesSQL() throws -> String {
        let url = directory.appendingPathComponent("roles.sql")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RegistryError(.bug, type: "internal-error", field: "file", value: url.path,
                                vi: "Thiếu tệp \(url.path).", en: "Missing \(url.path).")
        }
        return String(decoding: data, as: UTF8.self)
    }

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
                try connection.execute(script: try rolesSQL())
                return
            } catch let error as PostgresError where error.kind == .server && attempt < 5 && error.sqlstate != "42501" {
                attempt += 1
            }
        }
    }
}
