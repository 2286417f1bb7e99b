import Foundation
import Postgres
import Registry
import TestSupport
import Testing

/// `khcn user …` and the rights of contract §9, driven through the built binary as the
/// logins themselves (SCRAM over 127.0.0.1; passwords only in a 0600 PGPASSFILE).
@Suite struct UserCommandTests {
    @Test func viewersWriteIsExit77NamingTheRight() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let viewer = try database.createLogin(.viewer)
        let run = try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty A", "--json"], as: viewer)
        #expect(run.status == 77)
        #expect(run.errorObject["type"] as? String == "permission-error")
        #expect(run.errorObject["value"] as? String == "register-write")
        #expect(run.stderr.contains("ghi sổ đăng ký"))
        let list = try KhcnRun.run(["enterprise", "list", "--json"], as: viewer)
        #expect(list.status == 0)
    }

    @Test func clerkNamingAnUngrantedProvinceOrAnotherActorIsExit77() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk, fullName: "Nguyễn Thị Lan")
        let elsewhere = try KhcnRun.run(["enterprise", "list", "--province", "01", "--json"], as: clerk)
        #expect(elsewhere.status == 77)
        #expect(elsewhere.errorObject["field"] as? String == "province")
        let forged = try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty A", "--actor", "Trần Văn Bình", "--json"], as: clerk)
        #expect(forged.status == 77)
        #expect(forged.errorObject["field"] as? String == "actor")
        let own = try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty A", "--json"], as: clerk,
                                  environment: ["KHCN_ACTOR": "Nguyễn Thị Lan"])
        #expect(own.status == 0)
        let history = try KhcnRun.run(["history", "0101248141", "--json"], as: clerk)
        let change = (history.json as? [[String: Any]])?.first
        #expect(change?["actor"] as? String == "Nguyễn Thị Lan")
        #expect(change?["db_user"] as? String == clerk.login)
        let setRule = try KhcnRun.run(["targets", "set-rule", "ip-filings", "granted", "--json"], as: clerk)
        #expect(setRule.status == 77)
    }

    @Test func adminAddsListsGrantsRevokesDisablesAndEnablesALogin() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let admin = try database.createLogin(.admin, fullName: "Lê Quản Trị")
        let login = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
        let password = "mật khẩu của chị Hà 2025"
        let add = try KhcnRun.run(["user", "add", login, "--role", "clerk", "--full-name", "Phạm Thu Hà", "--province", "08", "--password-stdin", "--json"],
                                  as: admin, input: password + "\n")
        #expect(add.status == 0, "\(add.stderr) \(add.stdout)")
        #expect(!add.stdout.contains(password) && !add.stderr.contains(password))
        #expect(add.object["provinces"] as? [String] == ["08"])
        #expect(try KhcnRun.run(["user", "grant", login, "--province", "01", "--json"], as: admin).object["provinces"] as? [String] == ["08", "01"])
        #expect(try KhcnRun.run(["user", "revoke", login, "--province", "01", "--json"], as: admin).object["provinces"] as? [String] == ["08"])
        let list = try KhcnRun.run(["user", "list", "--json"], as: admin)
        let row = (list.json as? [[String: Any]])?.first { $0["login"] as? String == login }
        #expect(row?["full_name"] as? String == "Phạm Thu Hà")
        #expect(row?["role"] as? String == "clerk")
        #expect(row?["disabled"] as? Bool == false)
        #expect(Set((row ?? [:]).keys) == ["login", "full_name", "role", "provinces", "disabled"])
        // The new login works with the password it was given, over SCRAM.
        let conninfo = "host=127.0.0.1 port=\(ProcessInfo.processInfo.environment["PGPORT"] ?? "5432") dbname=\(database.name) user=\(login) sslmode=disable password="
        #expect(try Connection(conninfo + "'\(password)'").query("SELECT current_user").scalar == login)
        let stored = try database.connect().query("SELECT rolpassword FROM pg_authid WHERE rolname = \(login)").scalar
        #expect(stored?.hasPrefix("SCRAM-SHA-256$") == true)
        #expect(try KhcnRun.run(["user", "disable", login, "--reason", "nghỉ việc", "--json"], as: admin).object["disabled"] as? Bool == true)
        #expect(throws: PostgresError.self) { _ = try Connection(conninfo + "'\(password)'") }
        #expect(try KhcnRun.run(["user", "enable", login, "--reason", "trở lại", "--json"], as: admin).status == 0)
        // An admin sets another's password; the clerk then changes its own.
        let reset = try KhcnRun.run(["user", "password", login, "--password-stdin"], as: admin, input: "mật khẩu tạm thời 1")
        #expect(reset.status == 0, "\(reset.stderr)")
        let clerkEnvironment = [
            "KHCN_DATABASE_URL": "postgresql://\(login)@127.0.0.1:\(ProcessInfo.processInfo.environment["PGPORT"] ?? "5432")/\(database.name)?sslmode=disable",
            "PGPASSWORD": "mật khẩu tạm thời 1",
        ]
        let own = try KhcnRun.run(["user", "password", "--password-stdin"], input: "mật khẩu mới của Hà", environment: clerkEnvironment)
        #expect(own.status == 0, "\(own.stderr)")
        #expect(try Connection(conninfo + "'mật khẩu mới của Hà'").query("SELECT 1").scalar == "1")
        let other = try KhcnRun.run(["user", "password", admin.login, "--password-stdin", "--json"], input: "đổi mật khẩu người khác",
                                    environment: clerkEnvironment.merging(["PGPASSWORD": "mật khẩu mới của Hà"]) { $1 })
        #expect(other.status == 77)
        let missing = try KhcnRun.run(["user", "disable", "t_nobody", "--reason", "x", "--json"], as: admin)
        #expect(missing.status == 3)
    }

    @Test func clerkCannotManageLogins() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)
        let run = try KhcnRun.run(["user", "add", "t_someone", "--role", "admin", "--full-name", "X", "--province", "08", "--password-stdin", "--json"],
                                  as: clerk, input: "một mật khẩu dài\n")
        #expect(run.status == 77)
        #expect(run.errorObject["value"] as? String == "users")
    }
}
