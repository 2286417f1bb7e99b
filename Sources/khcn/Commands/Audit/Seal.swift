import ArgumentParser
import Registry

extension AuditCommand {
    /// Operators run this daily (README: a systemd timer or a cron line); an admin's right.
    struct Seal: RegistryCommand {
        static let configuration = CommandConfiguration(
            commandName: "seal",
            abstract: words("Niêm phong các dòng nhật ký ghi từ lần niêm phong trước (của các giao dịch đã kết thúc).",
                            "Seal the audit rows written since the last seal whose transactions have all ended."),
            discussion: words("Chỉ quản trị viên; nên chạy hằng ngày (xem README: systemd timer hoặc cron).",
                              "Admin only; run it daily (see the README: a systemd timer or a cron line)."))

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (out, session) = try open()
            let seals = Seals(session)
            guard let seal = try seals.seal() else {
                // Nothing new: the chain's head is still the answer, so scripts always get a seal.
                let latest = try seals.latest()
                if out.json {
                    if let latest {
                        out.emit(.object([
                            ("id", .int(latest.seal.id)), ("from_id", .null), ("to_id", .null), ("count", .int(0)),
                            ("sealed_at", .string(latest.seal.sealedAt)), ("hash", .string(latest.seal.hash)),
                        ]))
                    } else {
                        // No seal yet and nothing to seal: the §9 object, empty.
                        out.emit(.object([
                            ("id", .null), ("from_id", .null), ("to_id", .null), ("count", .int(0)),
                            ("sealed_at", .null), ("hash", .null),
                        ]))
                    }
                } else {
                    out.say(out.text("Không có dòng nhật ký mới nào để niêm phong.", "No new audit rows to seal."))
                    if let latest { out.say(out.text("Dấu niêm phong mới nhất: ", "Latest seal: ") + latest.seal.hash) }
                }
                return
            }
            if out.json {
                out.emit(.object([
                    ("id", .int(seal.id)), ("from_id", .int(seal.fromID)), ("to_id", .int(seal.toID)),
                    ("count", .int(seal.count)), ("sealed_at", .string(seal.sealedAt)), ("hash", .string(seal.hash)),
                ]))
            } else {
                out.say(out.text(
                    "Đã niêm phong \(seal.count) dòng nhật ký (mã \(seal.fromID)–\(seal.toID)) lúc \(out.timestamp(seal.sealedAt)).",
                    "Sealed \(seal.count) audit rows (ids \(seal.fromID)–\(seal.toID)) at \(out.timestamp(seal.sealedAt))."))
                out.say(out.text("Dấu niêm phong số \(seal.id): ", "Seal \(seal.id): ") + seal.hash)
            }
        }
    }
}
