import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

@Suite struct GITests {
    @Test func numbersArePaddedAndCancellationIsAsOf() throws {
        try withRegistry { session in
            let gis = GIRegister(session)
            let record = try gis.add(number: "86", name: "Hàm Yên", product: "Cam sành", granted: CivilDate("2014-08-12"), decision: "1234/QĐ-SHTT",
                                     managingOrg: "UBND huyện Hàm Yên", area: nil, applicationNumber: "6-2013-00012", context: testClerk)
            #expect(fields(record)["certificate_number"] as? String == "00086")
            // psql writers get the same padding.
            try session.connection.query("INSERT INTO gi_certificate (province_code, certificate_number, name, product, granted_on) VALUES ('08', '7', 'Na Hang', 'Chè', '2020-01-01')")
            #expect(fields(try gis.find("7"))["name"] as? String == "Na Hang")
            _ = try gis.cancel(number: "00086", on: CivilDate("2026-01-01"), context: testClerk)
            #expect(try gis.list(asOf: CivilDate("2025-12-31")).count == 2)
            #expect(try gis.list(asOf: CivilDate("2026-01-01")).count == 1)
            #expect(throws: RegistryError.self) { try gis.cancel(number: "86", on: CivilDate("2026-02-01"), context: testClerk) }
            #expect(throws: RegistryError.self) { try gis.add(number: "86", name: "x", product: "y", granted: CivilDate("2014-08-12"), decision: nil, managingOrg: nil, area: nil, applicationNumber: nil, context: testClerk) }
        }
    }
}
