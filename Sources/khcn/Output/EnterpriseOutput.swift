import Registry

extension Printer {
    /// The §6 columns of an enterprise, in order.
    func json(_ enterprise: Enterprise) -> JSON {
        .object([
            ("tax_code", .string(enterprise.taxCode.description)),
            ("name", .string(enterprise.name)),
            ("established_on", .optional(enterprise.establishedOn?.description)),
            ("address", .optional(enterprise.address)),
            ("commune_code", .optional(enterprise.communeCode)),
            ("legal_form", .optional(enterprise.legalForm)),
            ("vsic", .array(enterprise.vsic.map(JSON.string))),
            ("vsic_version", .optional(enterprise.vsicVersion)),
            ("status", .string(enterprise.status.rawValue)),
            ("status_on", .optional(enterprise.statusOn?.description)),
            ("former_province", .optional(enterprise.formerProvince?.rawValue)),
        ])
    }

    /// The enterprise's whole file: its record and what hangs off it.
    func json(_ file: EnterpriseFile) -> JSON {
        json(file.enterprise)
            .adding("certificates", .array(file.certificates.map(json)))
            .adding("funds", .array(file.funds.map(json)))
            .adding("ip_applications", .array(file.ipApplications.map(json)))
    }

    func card(_ file: EnterpriseFile) -> String {
        var sections = [card(file.enterprise)]
        for (title, records, kind) in [
            (text("Giấy chứng nhận doanh nghiệp KH&CN", "S&T enterprise certificates"), file.certificates, RecordKind.certificate),
            (text("Quỹ phát triển KH&CN", "S&T development funds"), file.funds, .fund),
            (text("Đơn sáng chế / giải pháp hữu ích", "Invention and utility-solution applications"), file.ipApplications, .ip),
        ] {
            if records.isEmpty {
                sections.append("  \(title): \(text("chưa có", "none"))")
            } else {
                let columns = (Printer.tableColumns[kind] ?? kind.columns).filter { $0 != "tax_code" }
                sections.append("  \(title):\n" + table(records.map(json), columns: columns).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            }
        }
        return sections.joined(separator: "\n")
    }

    func status(_ status: EnterpriseStatus) -> String { vietnamese ? status.vietnamese : status.english }

    func card(_ enterprise: Enterprise) -> String {
        var statusText = status(enterprise.status)
        if let on = enterprise.statusOn { statusText += text(" từ \(date(on))", " since \(date(on))") }
        var vsic = enterprise.vsic.isEmpty ? "—" : enterprise.vsic.joined(separator: ", ")
        if let version = enterprise.vsicVersion, !enterprise.vsic.isEmpty { vsic += " (VSIC \(version))" }
        return card(text("Doanh nghiệp \(enterprise.taxCode)", "Enterprise \(enterprise.taxCode)"), [
            (text("Mã số thuế", "Tax code"), enterprise.taxCode.description),
            (text("Tên doanh nghiệp", "Name"), enterprise.name),
            (text("Ngày thành lập", "Established"), date(enterprise.establishedOn)),
            (text("Địa chỉ", "Address"), enterprise.address ?? "—"),
            (text("Mã xã", "Commune code"), enterprise.communeCode ?? "—"),
            (text("Loại hình", "Legal form"), enterprise.legalForm ?? "—"),
            (text("Ngành nghề", "Industry codes"), vsic),
            (text("Trạng thái", "Status"), statusText),
            (text("Tỉnh cũ", "Former province"), enterprise.formerProvince.map { vietnamese ? $0.vietnamese : $0.english } ?? "—"),
        ])
    }

    func table(_ enterprises: [Enterprise]) -> String {
        var table = enterpriseTable()
        for enterprise in enterprises { table.append(row(enterprise)) }
        return table.rendered()
    }

    /// The enterprise list's columns, with no rows yet.
    func enterpriseTable() -> Table {
        Table([
            text("Mã số thuế", "Tax code"), text("Tên doanh nghiệp", "Name"), text("Thành lập", "Established"),
            text("Mã xã", "Commune"), text("Trạng thái", "Status"),
        ])
    }

    func row(_ enterprise: Enterprise) -> [String] {
        [enterprise.taxCode.description, enterprise.name, date(enterprise.establishedOn), enterprise.communeCode ?? "—", status(enterprise.status)]
    }

    /// What every enterprise write prints: the record (with warnings), or its JSON.
    func written(_ result: EnterpriseRegister.WriteResult, file: EnterpriseFile? = nil, done: String) {
        if json {
            let object = file.map(json) ?? json(result.enterprise)
            emit(object.adding("warnings", .array(result.warnings.map { .string($0.english) })))
            return
        }
        for warning in result.warnings { warn(text("Cảnh báo: ", "Warning: ") + (vietnamese ? warning.vietnamese : warning.english)) }
        say(done)
        say(card(result.enterprise))
    }
}
