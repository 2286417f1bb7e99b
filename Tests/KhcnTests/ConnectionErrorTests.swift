import Foundation
import Postgres
import TestSupport
import Testing

/// Issue 12: a failed connection says what failed (authentication, no such database, server
/// down), each exit 69, and never prints a password (contract §2, §3).
@Suite struct ConnectionErrorTests {
    /// A role with a password in the test cluster; `pg_hba.conf` asks for scram-sha-256 on
    /// 127.0.0.1 (Scripts/lib/common.sh), so a wrong password is really refused.
    struct PasswordRole {
        let name = "khcn_pw_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let password = "Rightpass-7391"
        var port: String { ProcessInfo.processInfo.environment["PGPORT"] ?? "5432" }

        init() throws {
            try Connection("dbname=postgres").query("CREATE ROLE \(sql: name) LOGIN PASSWORD '\(sql: password)'")
        }

        func url(password: String, database: String = "postgres") -> String {
            "postgresql://\(name):\(password)@127.0.0.1:\(port)/\(database)?connect_timeout=5"
        }

        func drop() { _ = try? Connection("dbname=postgres").query("DROP ROLE IF EXISTS \(sql: name)") }
    }

    @Test func aWrongPasswordSaysAuthenticationFailedNotStartTheServer() throws {
        let role = try PasswordRole()
        defer { role.drop() }
        // The right password gets in (to the unmigrated maintenance database).
        let right = try KhcnRun.run(["enterprise", "list", "--json", "--database-url", role.url(password: role.password)])
        #expect(right.errorObject["type"] as? String == "schema-not-migrated", "\(right.stderr)")
        let run = try KhcnRun.run(["enterprise", "list", "--json", "--database-url", role.url(password: "Wrongpass-1234")])
        #expect(run.status == 69)
        #expect(run.stderr.contains("từ chối đăng nhập: sai mật khẩu hoặc thiếu mật khẩu"), "\(run.stderr)")
        #expect(!run.stderr.contains("Scripts/db start"))
        #expect(run.errorObject["sqlstate"] as? String == "28P01")
        #expect(!(run.stderr + run.stdout).contains("Wrongpass-1234"))
        let english = try KhcnRun.run(["enterprise", "list", "--lang", "en", "--database-url", role.url(password: "Wrongpass-1234")])
        #expect(english.stderr.contains("wrong or missing password"))
    }

    @Test func aMissingDatabaseSaysSo() throws {
        let role = try PasswordRole()
        defer { role.drop() }
        let run = try KhcnRun.run(["enterprise", "list", "--json", "--database-url",
                                   role.url(password: role.password, database: "khcn_no_such_database")])
        #expect(run.status == 69)
        #expect(run.stderr.contains("Máy chủ đang chạy nhưng không có cơ sở dữ liệu này"), "\(run.stderr)")
        #expect(run.stderr.contains("khcn_no_such_database"))
        #expect(run.errorObject["sqlstate"] as? String == "3D000")
        #expect(!(run.stderr + run.stdout).contains(role.password))
    }

    @Test func aPortWithNoServerSaysTheServerIsDown() throws {
        let run = try KhcnRun.run(["enterprise", "list", "--json", "--database-url", "postgresql://clerk:Secretpw-55@127.0.0.1:1/khcn?connect_timeout=2"])
        #expect(run.status == 69)
        #expect(run.stderr.contains("Không có máy chủ cơ sở dữ liệu nào trả lời ở địa chỉ này"), "\(run.stderr)")
        #expect(run.stderr.contains("Scripts/db start"))
        #expect(run.errorObject["sqlstate"] as? String == "08001")
        #expect(!(run.stderr + run.stdout).contains("Secretpw-55"))
    }

    @Test(arguments: [
        "postgresql://clerk:Se%zzcret-pw@127.0.0.1:1/khcn",
        "postgresql://clerk:Secret-pw@[127.0.0.1:1/khcn",
        "postgresql://clerk:Secret-pw@127.0.0.1:1/khcn?bogus=1",
        "host=127.0.0.1 password=Secret-pw dbname",
    ])
    func aConnectionStringThatDoesNotParseNeverPrintsItsPassword(url: String) throws {
        let run = try KhcnRun.run(["enterprise", "list", "--json", "--database-url", url])
        #expect(run.status == 64)
        #expect(run.stderr.contains("Chuỗi kết nối cơ sở dữ liệu (--database-url hoặc KHCN_DATABASE_URL) không đúng dạng"), "\(run.stderr)")
        #expect(!(run.stderr + run.stdout).contains("Secret-pw") && !(run.stderr + run.stdout).contains("cret-pw"), "\(run.stderr)")
    }
}
