import Conversion
import Testing

/// `--isel` slices resolve as Python's do.
@Suite("DimensionSlice")
struct DimensionSliceTests {
    @Test func resolvesLikePythonSlices() throws {
        let cases: [(String, Int, (Int, Int, Int))] = [
            ("0:100:2", 10, (0, 5, 2)), ("2:", 10, (2, 8, 1)), ("-3:", 10, (7, 3, 1)), ("::4", 10, (0, 3, 4)),
            ("5:2", 10, (5, 0, 1)), ("-1", 10, (9, 1, 1)), ("3", 10, (3, 1, 1)), (":-2", 10, (0, 8, 1)), ("1:100:3", 10, (1, 3, 3)),
        ]
        for (text, length, expected) in cases {
            let resolved = try DimensionSlice(parsing: text).resolve(length: length, dimension: "t")
            #expect(resolved.start == expected.0 && resolved.count == expected.1 && resolved.stride == expected.2, "\(text)")
        }
    }

    @Test func rejectsBadSlices() {
        for text in ["a:b", "1:2:0", "1:2:3:4", "", "1:2:-1"] {
            #expect(throws: ConversionError.self, "\(text)") { try DimensionSlice(parsing: text) }
        }
        #expect(throws: ConversionError.self) { try DimensionSlice(parsing: "10").resolve(length: 10, dimension: "t") }
    }
}
