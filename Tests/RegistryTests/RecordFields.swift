import Foundation
@testable import Registry

/// Reads a canonical record's JSON.
func fields(_ record: CanonicalRecord) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(record.json.utf8))) as? [String: Any] ?? [:]
}
