@testable import khcn
import Registry
import TestSupport
import Testing

/// `ip list --json` (issue 15): the list streams the database's JSON re-indented byte for byte
/// and no longer joins the enterprises; what it prints must be exactly what the former path
/// printed (`JSON.parse(…).rendered()` per record, PrettyJSONTests.former), for a clerk and
/// for a viewer (who sees a person applicant as initials, contract §9), today and `--as-of`.
@Suite struct IPListJSONTests {
    static let lists: [[String]] = [
        [], ["--as-of", "2019-12-31"], ["--as-of", "2023-06-01"], ["--kind", "utility-solution"], ["--kind", "invention", "--as-of", "2021-06-30"],
        ["--status", "granted"], ["--status", "lapsed", "--as-of", "2023-06-01"], ["--status", "refused"], ["--as-of", "2000-01-01"],
    ]

    /// What the list printed before, from the records the register hands over.
    static func former(_ records: [CanonicalRecord]) -> String {
        records.isEmpty ? "[]\n" : "[\n  " + records.map { PrettyJSONTests.former($0.json) }.joined(separator: ",\n  ") + "\n]\n"
    }

    @Test func printsTheSameBytesAsTheFormerPathForClerkAndViewer() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        func khcn(_ arguments: String...) throws {
            let run = try KhcnRun.run(arguments, database: database)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
        try khcn("enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty TNHH Chè Đinh Tuyên", "--established", "2010-01-15")
        try khcn("ip", "add", "--kind", "invention", "--application-number", "1-2020-00001", "--filed", "2020-01-15",
                 "--title", #"Máy "sao" chè \ Tân Cương “A” – 2"#, "--applicant-tax-code", "0101248141", "--ipc", "A01G 9/14", "--ipc", "C12N")
        try khcn("ip", "add", "--kind", "utility-solution", "--application-number", "2-2021-00002", "--filed", "2021-03-01",
                 "--title", "Khay sấy", "--applicant-name", "Nguyễn Văn An", "--applicant-type", "person")
        try khcn("ip", "add", "--kind", "invention", "--application-number", "1-2019-00003", "--filed", "2019-06-01",
                 "--title", #"Quy trình "ủ" chè \ mới"#, "--applicant-name", "Viện Chè")
        for (number, event, on, grant) in [
            ("1-2020-00001", "published", "2020-06-01", nil), ("1-2020-00001", "examination-requested", "2020-07-01", nil),
            ("1-2020-00001", "granted", "2022-01-10", "1-0000001"), ("1-2020-00001", "checked", "2023-01-01", nil),
            ("1-2019-00003", "published", "2019-12-01", nil), ("1-2019-00003", "withdrawn", "2021-01-01", nil),
            ("2-2021-00002", "granted", "2022-05-05", "2-0000002"), ("2-2021-00002", "lapsed", "2023-05-05", nil),
            ("2-2021-00002", "restored", "2023-08-01", nil),
        ] as [(String, String, String, String?)] {
            let run = try KhcnRun.run(["ip", "record", number, "--event", event, "--on", on] + (grant.map { ["--grant-number", $0] } ?? []), database: database)
            #expect(run.status == 0, "ip record \(number) \(event): \(run.stderr)")
        }
        for role in [Role.clerk, .viewer] {
            let login = try database.createLogin(role)
            let session = try login.session()
            for options in Self.lists {
                let run = try KhcnRun.run(["ip", "list", "--json"] + options, database: database, as: login)
                #expect(run.status == 0, "\(options): \(run.stderr)")
                func value(_ option: String) -> String? { options.firstIndex(of: option).map { options[$0 + 1] } }
                let records = try IPRegister(session).list(
                    kind: value("--kind").flatMap(IPKind.init(rawValue:)), status: value("--status").flatMap(IPStatus.init(rawValue:)),
                    asOf: value("--as-of").flatMap(CivilDate.init(iso:)))
                #expect(run.stdout == Self.former(records), "\(role) \(options)")
            }
            let today = try KhcnRun.run(["ip", "list", "--json"], database: database, as: login).stdout
            #expect(today.contains(role == .viewer ? #""applicant_name": "N. V. A.","# : #""applicant_name": "Nguyễn Văn An","#))
            #expect(today.contains(#""title": "Máy \"sao\" chè \\ Tân Cương “A” – 2","#))
        }
        // A golden text, fixed: the one application filed by the end of 2019, as it stood then.
        let early = try KhcnRun.run(["ip", "list", "--as-of", "2019-12-31", "--json"], database: database)
        #expect(early.stdout == Self.golden2019)
        #expect(try KhcnRun.run(["ip", "list", "--as-of", "2000-01-01", "--json"], database: database).stdout == "[]\n")
    }

    static let golden2019 = #"""
        [
          {
            "kind": "invention",
            "application_number": "1-2019-00003",
            "filed_on": "2019-06-01",
            "title": "Quy trình \"ủ\" chè \\ mới",
            "applicant_tax_code": null,
            "applicant_name": "Viện Chè",
            "ipc": [],
            "published_on": "2019-12-01",
            "examination_requested_on": null,
            "granted_on": null,
            "grant_number": null,
            "refused_on": null,
            "withdrawn_on": null,
            "lapsed_on": null,
            "invalidated_on": null,
            "restored_on": null,
            "checked_on": null,
            "applicant_type": "organisation",
            "applicant_person_id": null,
            "priority_on": null,
            "status": "published",
            "expires_on": "2039-06-01",
            "events": [
              {
                "event": "published",
                "on": "2019-12-01",
                "grant_number": null
              }
            ]
          }
        ]

        """#
}
