/// Why a CF calendar, time units string or time value could not be used; each message is one line.
public enum CFTimeError: Error, CustomStringConvertible, Equatable {
    /// A `calendar` attribute that is not a CF calendar.
    case unknownCalendar(String)
    /// A `units` string that is not "<unit> since <date>".
    case badUnits(String)
    /// Months or years, which CF discourages; cftime allows only `months` with 360_day and
    /// `common_years` with noleap, where they have a fixed length.
    case unsupportedUnit(units: String, calendar: CFCalendar)
    /// A reference date the calendar does not have (2001-02-29 in noleap, year 0 in standard, …).
    case invalidReference(units: String, calendar: CFCalendar)
    /// A conversion between units of different calendars.
    case calendarMismatch(CFCalendar, CFCalendar)
    /// A time value that is not finite, or more than ±2⁶³ µs (292 277 years) from the reference.
    case outOfRange(Double)

    public var description: String {
        switch self {
        case let .unknownCalendar(name):
            "unknown calendar '\(name)': expected standard (or gregorian), proleptic_gregorian, julian, "
                + "noleap (or 365_day), all_leap (or 366_day) or 360_day"
        case let .badUnits(units):
            "cannot parse time units '\(units)': expected '<unit> since yyyy-mm-dd[ hh:mm[:ss[.ffffff]]][ ±hh[:mm]|Z|UTC]' "
                + "with unit days, hours, minutes, seconds, milliseconds or microseconds"
        case let .unsupportedUnit(units, calendar):
            "time units '\(units)' are not allowed with the \(calendar.rawValue) calendar: months and years have no "
                + "fixed length (only 'months' with 360_day and 'common_years' with noleap are accepted); use days"
        case let .invalidReference(units, calendar):
            "time units '\(units)': the reference date does not exist in the \(calendar.rawValue) calendar"
        case let .calendarMismatch(from, to):
            "cannot convert times from the \(from.rawValue) calendar to the \(to.rawValue) calendar"
        case let .outOfRange(value):
            "time value \(value) is not finite or lies more than 292 277 years from the reference date"
        }
    }
}
