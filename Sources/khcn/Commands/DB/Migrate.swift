import ArgumentParser
import Registry

extension DB {
    /// Applies `SQL/` in order; safe to repeat and to run twice at once.
    struct Migrate: SchemaCommand {
        static let configuration = CommandConfiguration(commandName: "migrate", abstract: words("Áp dụng các bản cập nhật lược đồ trong SQL/ theo thứ tự; chạy lại không sao.", "Apply SQL/ migrations in order; safe to repeat."))

        @OptionGroup var global: GlobalOptions

        func run(_ out: Printer, on session: RegistrySession) throws {
            let migrator = try session.migrator()
            let applied = try migrator.migrate()
            let built = try migrator.buildSetAsideSearchIndexes()
            let status = try migrator.status()
            if out.json {
                out.emit(.object([
                    ("applied", .array(applied.map { .string($0.name) })),
                    ("schema_version", .int(status.current)),
                ]))
                return
            }
            if applied.isEmpty {
                out.say(out.text("Lược đồ đã mới nhất (phiên bản \(status.current)).", "Schema already up to date (version \(status.current))."))
            } else {
                for migration in applied { out.say(out.text("Đã áp dụng \(migration.name)", "Applied \(migration.name)")) }
                out.say(out.text("Lược đồ ở phiên bản \(status.current).", "Schema at version \(status.current)."))
            }
            if built > 0 {
                out.say(out.text("Đã dựng \(built) chỉ mục tìm kiếm mà một lần nhập trước chưa kịp dựng lại.",
                                 "Built \(built) search indexes that an earlier import had not built again yet."))
            }
        }
    }
}
