import ArgumentParser
import Registry

/// `khcn audit`: the seal chain over the audit trail (contract §9).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: words("Niêm phong nhật ký thay đổi và kiểm tra các dấu niêm phong.", "Seal the audit trail and verify its seals."),
        subcommands: [Seal.self, Verify.self])
}
