import ArgumentParser
import Registry

extension AuditCommand {
    /// Recomputes every seal. A hash copied from an earlier printed report (`--seal`) catches
    /// even a superuser who rewrote every later seal consistently (contract §9).
    struct Verify: RegistryCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: words("Tính lại mọi dấu niêm phong: thoát 0 khi nguyên vẹn, 65 và nêu chỗ sai khác đầu tiên.",
                            "Recompute every seal: exit 0 when intact, 65 naming the first difference."),
            discussion: words("Ví dụ:\n  khcn audit verify --seal <mã niêm phong in trên báo cáo năm trước>",
                              "Example:\n  khcn audit verify --seal <the seal printed on last year's report>"))

        @Option(name: .customLong("seal"), help: .vi("Mã niêm phong (64 chữ số thập lục phân) in trên một báo cáo trước; nhắc lại cho nhiều mã.",
                                                        en: "A seal hash printed on an earlier report; repeat for several."))
        var known: [String] = []
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            for hash in known where hash.count != 64 || !hash.allSatisfy(\.isHexDigit) {
                throw UsageProblem.sealNotHash.error(hash)
            }
        }

        func run() throws {
            let (out, session) = try openForReading()
            let result = try Seals(session).verify(known: known)
            if out.json {
                // Contract §9: exactly `{"id", "what"}`; which seal or hash is named on stderr.
                let difference: JSON = result.intact ? .null : .object([
                    ("id", .optional(result.differenceID)), ("what", .optional(result.difference?.rawValue)),
                ])
                out.emit(.object([
                    ("intact", .bool(result.intact)), ("seals", .int(result.seals)), ("rows", .int(result.rows)),
                    ("first_difference", difference),
                ]))
            }
            if result.intact {
                if !out.json {
                    out.say(out.text("Nhật ký nguyên vẹn: \(result.seals) dấu niêm phong, \(result.rows) dòng đã kiểm tra.",
                                     "The audit trail is intact: \(result.seals) seals, \(result.rows) rows checked."))
                }
                return
            }
            let message = describe(result, out)
            if out.json { out.warn(message) } else { out.say(message) }
            throw ExitCode(65)
        }

        private func describe(_ result: SealVerification, _ out: Printer) -> String {
            let id = result.differenceID.map(String.init) ?? "?"
            let seal = result.differenceSeal.map(String.init) ?? "?"
            let (vi, en): (String, String) = switch result.difference {
            case .changed?:
                ("Dòng nhật ký \(id) đã bị sửa sau khi niêm phong (dấu số \(seal)).", "Audit row \(id) was changed after it was sealed (seal \(seal)).")
            case .removed?:
                ("Dòng nhật ký \(id) đã bị xóa khỏi khoảng đã niêm phong (dấu số \(seal)).", "Audit row \(id) was removed from a sealed range (seal \(seal)).")
            case .inserted?:
                ("Dòng nhật ký \(id) đã bị chèn vào khoảng đã niêm phong (dấu số \(seal)).", "Audit row \(id) was inserted into a sealed range (seal \(seal)).")
            case .seal?:
                ("Dấu niêm phong số \(seal) không khớp với các dòng nó niêm phong: chuỗi dấu đã bị sửa.",
                 "Seal \(seal) no longer matches the rows it sealed: the chain was altered.")
            case .notInChain?, nil:
                ("Dấu niêm phong \(result.missingHash ?? "") không còn trong chuỗi: các dấu sau nó đã bị viết lại.",
                 "Seal \(result.missingHash ?? "") is no longer in the chain: the seals were rewritten.")
            }
            return out.text(vi, en)
        }
    }
}
