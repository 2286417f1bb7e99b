import ArgumentParser

/// `khcn audit`: the seal chain over the audit trail (contract §9).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Seal the audit trail and verify its seals (nhật ký kiểm toán).",
        subcommands: [Seal.self, Verify.self])
}
