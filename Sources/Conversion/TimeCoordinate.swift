import DatasetIO

/// A variable's CF time encoding (`units` "<unit> since <date>" and `calendar`), checked when
/// a conversion starts so that an unknown calendar or malformed units fail the file up front.
struct TimeCoordinate {
    let units: CFTimeUnits

    /// The encoding of `variable`, nil when its units are not a time ("… since …").
    init?(_ variable: NetCDFVariable, path: String) throws {
        guard let text = variable.text("units"), text.lowercased().contains(" since ") else { return nil }
        do {
            units = try CFTimeUnits(text, calendar: CFCalendar(attribute: variable.text("calendar")))
        } catch {
            throw ConversionError.unsupported(path: path, reason: "'\(variable.path)': \(error)")
        }
    }

    /// Whether `variable` is the time axis by CF's rules: time units, or `axis = "T"`.
    static func isTime(_ variable: NetCDFVariable) -> Bool {
        variable.text("axis")?.uppercased() == "T" || (variable.text("units")?.lowercased().contains(" since ") ?? false)
    }
}
