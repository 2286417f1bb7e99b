import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

@Suite struct EnterpriseFileTests {
    @Test func deleteIsRefusedWhileRecordsPointAtItAndRekeyCarriesThem() throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            _ = try CertificateRegister(session).add(number: "01", taxCode: code, issued: CivilDate("2024-03-01"), issuer: nil, basis: nil, results: [], context: testClerk)
            _ = try FundRegister(session).add(taxCode: code, established: CivilDate("2024-02-01"), decision: nil, capital: nil, notified: nil, context: testClerk)
            let refused = try #require(throws: RegistryError.self) { try EnterpriseRegister(session).delete(code, context: testClerk) }
            #expect(refused.type == "foreign-key-error")
            #expect(refused.exitCode == 65)
            let fixed = try TaxCode(parsing: "0100109106")
            _ = try EnterpriseRegister(session).rekey(code, to: fixed, context: testClerk)
            let file = try EnterpriseRegister(session).file(fixed)
            #expect(file.certificates.count == 1)
            #expect(file.funds.count == 1)
            #expect(fields(file.certificates[0])["tax_code"] as? String == "0100109106")
            let kinds = Set(try History(session).changes(key: "0100109106").map(\.kind))
            #expect(kinds == ["enterprise", "certificate", "fund"])
        }
    }

    @Test func exportIsCanonicalCSV() throws {
        try withRegistry { session in
            let code = try register("0101248141", "Công ty \"Tân Trào\", chi nhánh", in: session)
            _ = try EnterpriseRegister(session).update(code, EnterpriseFields(vsic: ["7210", "2100"], vsicVersion: 2018), context: testClerk)
            var bytes: [UInt8] = []
            try Exporter(session).export(.enterprise) { bytes.append(contentsOf: $0) }
            #expect(String(decoding: bytes, as: UTF8.self) == """
                tax_code,name,established_on,address,commune_code,legal_form,vsic,vsic_version,status,status_on,former_province
                0101248141,"Công ty ""Tân Trào"", chi nhánh",2015-01-01,,,,7210|2100,2018,active,2015-01-01,

                """)
        }
    }
}
