/// The database rules that an import also checks row by row in Swift. The database is each
/// rule's home and its guarantee; the copy here exists only because a set-based upsert that
/// the database refuses cannot say which LINE of the file broke the rule, and a clerk fixing
/// a 10,000-row spreadsheet needs the line (contract §6). Each case is the rule's name in the
/// schema (a CHECK constraint, or a trigger's `khcn_refuse`), so the two can be compared
/// (ImportRowRuleTests) and a reader goes from the Swift check to the SQL in one search.
/// `RowRules` checks the first group one row at a time; `RegistryChecks` the rest, set-based.
enum MirroredRule: String, CaseIterable, Sendable {
    case enterpriseEstablishedPlausible = "enterprise_established_plausible"
    case enterpriseStatusOrder = "enterprise_status_order"
    case certificateIssuedPlausible = "st_certificate_issued_plausible"
    case certificateRevokedAfterIssue = "st_certificate_revoked_after_issue"
    case fundClosedAfterEstablished = "st_fund_closed_after_established"
    case fundAllocationFund = "st_fund_allocation_fund_fkey"
    case fundAllocationReport = "st_fund_allocation_report_after_year_start"
    case ipFiledPlausible = "ip_application_filed_plausible"
    case ipPriorityNotAfterFiling = "ip_application_priority_not_after_filing"
    case ipKindMatchesNumber = "ip_application_kind_matches_number"
    case ipHasApplicant = "ip_application_has_applicant"
    case ipPersonById = "ip_application_person_by_id"
    case ipEventOrder = "ip_event_order"
    case ipGrantNumberWithGrant = "ip_event_grant_number_with_grant"
    case giCancelledAfterGrant = "gi_certificate_cancelled_after_grant"
    case ipFeePaidPlausible = "ip_fee_payment_paid_plausible"
    case giManagerFromPlausible = "gi_manager_from_plausible"
    case giUserFromPlausible = "gi_user_from_plausible"
    // Mirrored by the set-based `RegistryChecks`:
    case certificateEnterprise = "st_certificate_enterprise_fkey"
    case certificateHolderNotDissolved = "st_certificate_holder_not_dissolved"
    case fundEnterprise = "st_fund_enterprise_fkey"
    case fundEstablishedPlausible = "st_fund_established_plausible"
    case fundOneOpenPerEnterprise = "st_fund_one_open_per_enterprise"
    case ipApplicantEnterprise = "ip_application_applicant_fkey"
    case ipGrantNumberUnique = "ip_event_grant_number_unique"
    case ipFeeApplication = "ip_fee_payment_application_fkey"
    case giManagerCertificate = "gi_manager_certificate_fkey"
    case giUserCertificate = "gi_user_certificate_fkey"
    case giUserEnterprise = "gi_user_enterprise_fkey"

    /// The rule that refuses a future date in `column` of `kind` (nil: the column may be in
    /// the future, like a GI authorisation's `until_on`, contract §5).
    static func futureDate(_ kind: RecordKind, _ column: String) -> MirroredRule? {
        switch (kind, column) {
        case (_, "until_on"): nil
        case (.enterprise, "established_on"): .enterpriseEstablishedPlausible
        case (.enterprise, "status_on"): .enterpriseStatusOrder
        case (.certificate, "issued_on"): .certificateIssuedPlausible
        case (.certificate, "revoked_on"): .certificateRevokedAfterIssue
        case (.fund, _): .fundClosedAfterEstablished
        // A fund cannot be dated in the future, so no fund matches the allocation's key.
        case (.fundAllocation, "established_on"): .fundAllocationFund
        case (.fundAllocation, "report_received_on"): .fundAllocationReport
        case (.ip, "filed_on"): .ipFiledPlausible
        case (.ip, "priority_on"): .ipPriorityNotAfterFiling
        case (.ip, _): .ipEventOrder
        case (.gi, _): .giCancelledAfterGrant
        case (.ipFee, "paid_on"): .ipFeePaidPlausible
        case (.giManager, "from_on"): .giManagerFromPlausible
        case (.giUser, "from_on"): .giUserFromPlausible
        default: nil
        }
    }
}

/// The cross-field rules of one decoded row (and its dates against today), each refusal
/// naming the `MirroredRule` it stands for. Messages are the import's own (contract §6).
struct RowRules {
    let kind: RecordKind
    let columns: [ImportColumn]
    /// ISO text: ISO dates compare as text.
    let today: String
    /// The date columns that may not lie in the future, with the rule each stands for (found
    /// once, not for every row).
    private let futureDates: [(index: Int, name: String, rule: MirroredRule)]

    init(kind: RecordKind, columns: [ImportColumn], today: String) {
        self.kind = kind
        self.columns = columns
        self.today = today
        futureDates = columns.indices.compactMap { index in
            let name = columns[index].name
            guard name.hasSuffix("_on"), let rule = MirroredRule.futureDate(kind, name) else { return nil }
            return (index, name, rule)
        }
    }

    func problems(_ values: [StagedValue?], at record: CSVRecord) -> [ImportProblem] {
        let row = Row(columns: columns, values: values, record: record)
        var problems: [ImportProblem] = []
        for (index, name, rule) in futureDates {
            guard let date = row[index], date > today else { continue }
            problems.append(row.problem(rule, name, "Ngày \(date) ở tương lai.", "The date \(date) is in the future."))
        }
        switch kind {
        case .ip: problems += applicationProblems(row)
        case .certificate:
            if let issued = row["issued_on"], let revoked = row["revoked_on"], revoked < issued {
                problems.append(row.problem(.certificateRevokedAfterIssue, "revoked_on", "Ngày thu hồi trước ngày cấp.", "Revoked before it was issued."))
            }
        case .fund:
            if let established = row["established_on"], let closed = row["closed_on"], closed < established {
                problems.append(row.problem(.fundClosedAfterEstablished, "closed_on", "Ngày giải thể quỹ trước ngày lập quỹ.", "Closed before it was set up."))
            }
        default:
            break
        }
        return problems
    }

    private func applicationProblems(_ row: Row) -> [ImportProblem] {
        var problems: [ImportProblem] = []
        if let kindWord = row["kind"], let number = row["application_number"], number.first != (kindWord == "invention" ? "1" : "2") {
            problems.append(row.problem(.ipKindMatchesNumber, "kind", "Loại không khớp chữ số đầu của số đơn \(number).",
                                        "The kind does not match the type digit of \(number)."))
        }
        if row["applicant_tax_code"] == nil && row["applicant_name"] == nil {
            var missing = row.problem(.ipHasApplicant, "applicant_name", "Cần mã số thuế hoặc tên chủ đơn.", "The applicant's tax code or name is needed.")
            missing.kind = .missingCell
            missing.value = ""
            problems.append(missing)
        }
        if row["applicant_type"] == "person" && (row["applicant_name"] == nil || row["applicant_tax_code"] != nil) {
            problems.append(row.problem(.ipPersonById, "applicant_type", "Chủ đơn là cá nhân: cần tên chủ đơn, không kèm mã số thuế.",
                                        "A person applicant has a name and no tax code."))
        }
        if (row["granted_on"] == nil) != (row["grant_number"] == nil) {
            problems.append(row.problem(.ipGrantNumberWithGrant, "grant_number", "Ngày cấp bằng và số bằng phải đi cùng nhau.",
                                        "granted_on and grant_number go together."))
        }
        if let filed = row["filed_on"] {
            if let priority = row["priority_on"], priority > filed {
                problems.append(row.problem(.ipPriorityNotAfterFiling, "priority_on", "Ngày ưu tiên \(priority) sau ngày nộp đơn \(filed).",
                                            "The priority date \(priority) is after the filing date \(filed)."))
            }
            let events = ["published_on", "examination_requested_on", "granted_on", "refused_on", "withdrawn_on", "lapsed_on",
                          "invalidated_on", "restored_on", "checked_on"]
            for name in events {
                if let date = row[name], date < filed {
                    problems.append(row.problem(.ipEventOrder, name, "Ngày \(date) trước ngày nộp đơn \(filed).", "\(date) is before the filing date \(filed)."))
                }
            }
        }
        return problems
    }

    /// One record's values, read by column name.
    private struct Row {
        let columns: [ImportColumn]
        let values: [StagedValue?]
        let record: CSVRecord

        subscript(_ name: String) -> String? {
            columns.firstIndex { $0.name == name }.flatMap { self[$0] }
        }

        subscript(_ index: Int) -> String? {
            switch values[index] {
            case nil: nil
            case .cell(let range): String(decoding: record.bytes[range], as: UTF8.self)
            case .text(let text): text
            }
        }

        /// A refusal of `rule`, located at this record.
        func problem(_ rule: MirroredRule, _ field: String, _ vi: String, _ en: String) -> ImportProblem {
            var problem = ImportProblem(.constraint, line: record.line, record: record.number, field: field, value: self[field], vi: vi, en: en)
            problem.rule = rule.rawValue
            return problem
        }
    }
}
