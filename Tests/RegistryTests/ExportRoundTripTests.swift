import Foundation
import Registry
import TestSupport
import Testing

@Suite struct ExportRoundTripTests {
    /// export → import into an empty database → export gives identical bytes, for every kind.
    @Test func everyKindRoundTrips() throws {
        var exports: [RecordKind: [UInt8]] = [:]
        let kinds: [RecordKind] = [.enterprise, .certificate, .fund, .fundAllocation, .ip, .gi, .ipFee, .giManager, .giUser]
        try withRegistry { session in
            let code = try register("0101248141", "Công ty \"Tân Trào\", chi nhánh", in: session)
            _ = try EnterpriseRegister(session).update(code, EnterpriseFields(address: "Tổ 3\nphường Minh Xuân", vsic: ["7210", "2100"], vsicVersion: 2018), context: testClerk)
            let other = try register("0100109106", in: session)
            _ = try EnterpriseRegister(session).setStatus(other, to: .suspended, on: CivilDate("2024-07-01"), context: testClerk)
            _ = try CertificateRegister(session).add(number: "01/2024", taxCode: code, issued: CivilDate("2024-03-01"), issuer: "Sở KH&CN", basis: nil, results: [], context: testClerk)
            _ = try CertificateRegister(session).revoke(number: "01/2024", on: CivilDate("2026-02-01"), reason: "không báo cáo", invalidate: true, context: testClerk)
            _ = try FundRegister(session).add(taxCode: code, established: CivilDate("2024-02-01"), decision: "05/QĐ", capital: Money(dong: 1_500_000_000), notified: CivilDate("2024-02-10"), context: testClerk)
            _ = try FundRegister(session).allocate(taxCode: code, year: 2024, allocated: Money(dong: 300_000_000), spent: Money(dong: 1), reportReceived: CivilDate("2025-03-20"), context: testClerk)
            let number = try ApplicationNumber(parsing: "2-2024-00321")
            _ = try IPRegister(session).add(kind: .utilitySolution, number: number, filed: CivilDate("2024-05-10"), title: "Thiết bị", applicantTaxCode: code, applicantName: nil, ipc: ["A23F 3/06", "B01D"], priority: CivilDate("2024-01-05"), context: testClerk)
            for (event, day, grant) in [(IPEvent.published, "2025-01-20", nil), (.examinationRequested, "2025-02-03", nil), (.granted, "2026-04-15", "2-0003456"), (.checked, "2026-11-02", nil)] as [(IPEvent, String, String?)] {
                _ = try IPRegister(session).record(number: number, event: event, on: CivilDate(day), grantNumber: grant, context: testClerk)
            }
            _ = try GIRegister(session).add(number: "86", name: "Hàm Yên", product: "Cam sành", granted: CivilDate("2014-08-12"), decision: nil, managingOrg: "UBND huyện Hàm Yên", area: "Huyện Hàm Yên, tỉnh Tuyên Quang", applicationNumber: nil, context: testClerk)
            _ = try IPRegister(session).payFees(number: number, years: [2, 1], on: CivilDate("2026-05-01"), context: testClerk)
            _ = try GIRegister(session).setManager(number: "86", org: "UBND tỉnh Tuyên Quang", on: CivilDate("2025-07-01"), decision: "12/QĐ-UBND", context: testClerk)
            _ = try GIRegister(session).authorize(number: "86", taxCode: code, on: CivilDate("2024-01-15"), until: CivilDate("2029-01-14"), decision: "56/QĐ, \"SKHCN\"", context: testClerk)
            _ = try GIRegister(session).authorize(number: "86", taxCode: other, on: CivilDate("2024-02-01"), until: nil, decision: nil, context: testClerk)
            for kind in kinds {
                var bytes: [UInt8] = []
                try Exporter(session).export(kind) { bytes.append(contentsOf: $0) }
                exports[kind] = bytes
            }
        }
        try withRegistry { session in
            for kind in kinds {
                let report = try importing(session, kind, try temporaryFile(exports[kind]!))
                #expect(report.valid, "\(kind): \(report.errors)")
                var bytes: [UInt8] = []
                try Exporter(session).export(kind) { bytes.append(contentsOf: $0) }
                #expect(bytes == exports[kind]!, "\(kind)")
            }
        }
    }
}
