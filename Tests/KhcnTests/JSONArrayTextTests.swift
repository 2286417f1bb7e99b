@testable import khcn
import Testing

/// Every streamed `--json` list (record lists, `enterprise list`, `watch`, `progress`) lays its
/// array out through `JSONArrayText`: element by element it must print exactly what
/// `JSON.array(…)` rendered whole at the same depth, the layout the lists printed before they
/// streamed.
@Suite struct JSONArrayTextTests {
    @Test(arguments: [1, 2, 3, 4], [0, 1, 3])
    func streamedArraysAreTheWholeArraysBytes(level: Int, count: Int) {
        let elements: [JSON] = (0..<count).map { .object([("key", .string("k\($0)")), ("nested", .array([.int($0), .null]))]) }
        var array = JSONArrayText(level: level)
        var streamed = ""
        for element in elements { streamed += array.separator() + element.rendered(depth: level) }
        streamed += array.end
        #expect(streamed == JSON.array(elements).rendered(depth: level - 1))
    }
}
