import DatasetIO
import Foundation

/// What `surrogate data info` prints for a netCDF file: format, groups and dimensions, then
/// per variable its type, dimensions, CF encoding and a summary of its decoded values — times
/// as dates in their calendar, other numbers as count, missing and range.
enum NetCDFSummary {
    /// Variables with more values than this are described but not read.
    static let maximumValues = 50_000_000

    /// A netCDF file by extension or by the classic format's magic bytes.
    static func isNetCDF(_ path: String) -> Bool {
        if ["nc", "nc4", "cdf", "netcdf"].contains(URL(fileURLWithPath: path).pathExtension.lowercased()) { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 3)) == Data("CDF".utf8)
    }

    static func lines(_ dataset: NetCDFDataset) throws -> [String] {
        var lines = ["\(dataset.path): \(dataset.format.rawValue)" + (dataset.groups.isEmpty ? "" : ", groups \(dataset.groups.joined(separator: " "))")]
        var seen = Set<String>()
        let dimensions = dataset.variables.flatMap(\.dimensions).filter { seen.insert($0.group + "/" + $0.name).inserted }
        lines.append("  dimensions: " + dimensions.map { "\($0.name) = \($0.length)\($0.isUnlimited ? " (unlimited)" : "")" }.joined(separator: ", "))
        for variable in dataset.variables { lines.append("  " + (try describe(variable, in: dataset))) }
        for (name, value) in dataset.globalAttributes { lines.append("  :\(name) = \(value)") }
        return lines
    }

    private static func describe(_ variable: NetCDFVariable, in dataset: NetCDFDataset) throws -> String {
        var text = "\(variable.path)(\(variable.dimensions.map(\.name).joined(separator: ", "))) \(variable.type)"
        let cf = [variable.text("units"), variable.text("standard_name")].compactMap { $0 }
        if !cf.isEmpty { text += " [\(cf.joined(separator: ", "))]" }
        let decoding = CFDecoding(variable)
        if decoding.isPacked {
            text += " packed ×\(decoding.scale ?? 1) +\(decoding.offset ?? 0) → \(decoding.decodedType)"
        }
        guard variable.type.isNumeric else { return text }
        guard variable.count <= maximumValues else { return text + ": \(variable.count) values, not read" }
        let values = try dataset.readDecoded(variable)
        let present = values.filter { !$0.isNaN }
        text += ": \(values.count) values"
        if present.count < values.count { text += ", \(values.count - present.count) missing" }
        guard let low = present.min(), let high = present.max() else { return text }
        if let units = variable.text("units"), units.lowercased().contains(" since ") {
            let time = try CFTimeUnits(units, calendar: CFCalendar(attribute: variable.text("calendar")))
            return text + ", \(try time.date(low)) … \(try time.date(high)) (\(time.calendar.rawValue))"
        }
        return text + ", range \(low) … \(high)"
    }
}
