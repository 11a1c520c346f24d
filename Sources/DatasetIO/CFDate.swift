import Foundation

/// A date and time of day in some CF calendar (the calendar is not stored), like a
/// `cftime.datetime`: time arithmetic resolves seconds to the microsecond.
public struct CFDate: Equatable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    /// Seconds with their fraction, in [0, 60).
    public var second: Double

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// ISO 8601 as cftime's `isoformat()`: "2000-01-01T00:00:00", with ".ffffff" only when the
    /// microseconds are not zero, and negative years as "-0001".
    public var description: String {
        let (seconds, microseconds) = microsecondOfMinute.quotientAndRemainder(dividingBy: 1_000_000)
        let text = String(format: year < 0 ? "%05ld" : "%04ld", year)
            + String(format: "-%02ld-%02ldT%02ld:%02ld:%02ld", month, day, hour, minute, seconds)
        return microseconds == 0 ? text : text + String(format: ".%06ld", microseconds)
    }

    /// `second` in whole microseconds, rounded to nearest.
    private var microsecondOfMinute: Int { Int((second * 1e6).rounded()) }
}

extension CFDate {
    static let microsecondsPerDay = 86_400_000_000

    /// The date `microsecond` microseconds (in 0..<86 400 000 000) into day `dayNumber` of `calendar`.
    init(calendar: CFCalendar, dayNumber: Int, microsecond: Int) {
        let (year, month, day) = calendar.date(dayNumber: dayNumber)
        let (minutes, microsecondOfMinute) = microsecond.quotientAndRemainder(dividingBy: 60_000_000)
        self.init(year: year, month: month, day: day, hour: minutes / 60, minute: minutes % 60,
                  second: Double(microsecondOfMinute / 1_000_000) + Double(microsecondOfMinute % 1_000_000) / 1e6)
    }

    /// The day number in `calendar` and the microsecond of that day: 3 600 000 000·hour +
    /// 60 000 000·minute + round(10⁶·second).
    func position(in calendar: CFCalendar) -> (day: Int, microsecond: Int) {
        (calendar.dayNumber(year: year, month: month, day: day), 3_600_000_000 * hour + 60_000_000 * minute + microsecondOfMinute)
    }
}
