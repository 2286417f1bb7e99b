import ArgumentParser
import Foundation
import Registry

/// Who writes and why (contract §2), then where (the options of §2, `Scope`): the one option
/// group a command that changes the registry declares.
struct WriteOptionsIn<Scope: CommandScope>: ChangeOptions {
    @Option(name: .long, help: .actor) var actor: String?
    @Option(name: .long, help: .vi("Lý do thay đổi (lưu vào nhật ký).", en: "Why the change is made (kept in the audit trail).")) var reason: String?
    @Option(name: .long, help: .legalRef) var legalRef: String?
    @OptionGroup var scope: Scope

    var global: GlobalOptions { scope.global }

    func context() throws(RegistryError) -> ChangeContext {
        try WriteOptions.context(actor: actor, reason: reason, legalRef: legalRef)
    }
}

/// The write options of almost every command; `user add|grant|revoke` take `UserWriteOptions`.
typealias WriteOptions = WriteOptionsIn<GlobalOptions>
typealias UserWriteOptions = WriteOptionsIn<UserGlobalOptions>

/// How who and why are read, for every write options group.
extension WriteOptionsIn where Scope == GlobalOptions {
    static func context(actor: String?, reason: String?, legalRef: String?) throws(RegistryError) -> ChangeContext {
        let environment = ProcessInfo.processInfo.environment
        let named = actor ?? environment["KHCN_ACTOR"].flatMap { $0.isEmpty ? nil : $0 }
        let declared = named ?? WriteOptions.loginName
        let actor = try CleanText.clean(declared, field: "actor", label: ("Người thực hiện", "The actor"), maxLength: 200, required: true)!
        let reason = try CleanText.clean(reason, field: "reason", label: ("Lý do", "The reason"), maxLength: 2000, required: false)
        let legalRef = try CleanText.clean(legalRef, field: "legal_ref", label: ("Căn cứ", "The legal reference"), maxLength: 200, required: false)
        return ChangeContext(actor: actor, reason: reason, legalRef: legalRef, actorIsExplicit: named != nil)
    }

    static var loginName: String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}

/// Who writes and why, where the reason is required (contract §5: `enterprise rekey`,
/// `enterprise delete`, `certificate revoke`, `import revert`): the parser refuses a missing
/// `--reason` (64) and the usage line shows it as required, not as an option.
struct ReasonedWriteOptions: ChangeOptions {
    @Option(name: .long, help: .vi("Lý do (bắt buộc; lưu vào nhật ký).", en: "Why (required; kept in the audit trail).")) var reason: String
    @Option(name: .long, help: .actor) var actor: String?
    @Option(name: .long, help: .legalRef) var legalRef: String?
    @OptionGroup var global: GlobalOptions

    func context() throws(RegistryError) -> ChangeContext {
        try WriteOptions.context(actor: actor, reason: reason, legalRef: legalRef)
    }
}

/// The options that say who changes the registry and why: `WriteOptions`, or
/// `ReasonedWriteOptions` where the contract requires the reason.
protocol ChangeOptions: ParsableArguments {
    /// The options of §2 that come with them.
    var global: GlobalOptions { get }
    /// The actor, reason and legal reference, cleaned (a control character or an over-long
    /// value is refused, 65).
    func context() throws(RegistryError) -> ChangeContext
}
