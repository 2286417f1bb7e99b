import ArgumentParser
import Registry

extension DB {
    /// Schema version, pending migrations, and what we are connected to (never a password).
    struct Status: SchemaCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: words("Phiên bản lược đồ, bản cập nhật đang chờ, máy chủ, cơ sở dữ liệu, người dùng.", "Schema version, pending migrations, server, database, user."))

        @OptionGroup var global: GlobalOptions

        func run(_ out: Printer, on session: RegistrySession) throws {
            let connection = session.connectionInfo
            let status = try session.migrator().status()
            let version = connection.serverVersion
            let server = "PostgreSQL \(version / 10000).\(version % 10000)"
            let host = connection.host.hasPrefix("/") ? "socket \(connection.host)" : connection.host
            if out.json {
                out.emit(.object([
                    ("schema_version", .int(status.current)),
                    ("applied", .array(status.applied.map { .object([("version", .int($0.version)), ("name", .string($0.name)), ("applied_at", .string($0.appliedAt))]) })),
                    ("pending", .array(status.pending.map { .string($0.name) })),
                    ("edited", .array(status.edited.map { .string($0.name) })),
                    ("definitions_pending", .array(status.definitionsPending.map { .string($0.name) })),
                    ("server", .object([("version", .string(server)), ("host", .string(connection.host)), ("port", .string(connection.port))])),
                    ("database", .string(connection.database)),
                    ("user", .string(connection.user)),
                    ("province", .string(session.province.code)),
                ]))
                return
            }
            out.say(out.card(out.text("Cơ sở dữ liệu", "Database"), [
                (out.text("Máy chủ", "Server"), "\(server), \(host), port \(connection.port)"),
                (out.text("Cơ sở dữ liệu", "Database"), connection.database),
                (out.text("Người dùng", "User"), connection.user),
                (out.text("Tỉnh", "Province"), session.province.code),
                (out.text("Phiên bản lược đồ", "Schema version"), String(status.current)),
                (out.text("Chờ áp dụng", "Pending"), status.pending.isEmpty ? out.text("không có", "none") : status.pending.map(\.name).joined(separator: ", ")),
                (out.text("Định nghĩa chờ áp dụng lại", "Definitions to re-apply"),
                 status.definitionsPending.isEmpty ? out.text("không có", "none") : status.definitionsPending.map(\.name).joined(separator: ", ")),
            ]))
            for edited in status.edited {
                out.warn(out.text("Cảnh báo: \(edited.name) đã bị sửa sau khi áp dụng.", "Warning: \(edited.name) was edited after it was applied."))
            }
        }
    }
}
