import Foundation

/// A CF `calendar` attribute, with cftime's day arithmetic for each calendar.
///
/// Years are numbered as cftime does by default: `standard` and `julian` have no year 0
/// (year −1, i.e. 1 BC, precedes year 1 and is a leap year); `proleptic_gregorian` and the
/// idealised calendars count astronomically, with a year 0.
public enum CFCalendar: String, Sendable, CaseIterable {
    /// Mixed Julian/Gregorian: Julian up to 1582-10-04, followed by Gregorian 1582-10-15.
    case standard
    case prolepticGregorian = "proleptic_gregorian"
    case julian
    /// 365 days every year.
    case noleap
    /// 366 days every year.
    case allLeap = "all_leap"
    /// Twelve months of 30 days.
    case day360 = "360_day"

    /// Parses a `calendar` attribute: nil or empty is `standard`; case-insensitive, surrounding
    /// white space and NULs ignored; the synonyms `gregorian`, `365_day` and `366_day` accepted.
    public init(attribute: String?) throws {
        let name = (attribute ?? "").trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\0")))
            .lowercased()
        switch name {
        case "", "gregorian": self = .standard
        case "365_day": self = .noleap
        case "366_day": self = .allLeap
        default:
            guard let calendar = CFCalendar(rawValue: name) else { throw CFTimeError.unknownCalendar(attribute ?? "") }
            self = calendar
        }
    }

    /// Days from 1970-01-01 of this calendar to the given date (negative before it).
    ///
    /// Counting starts on 1 March so that the leap day ends the counted year: with y′ the year
    /// of that March and d′ = ⌊(153·m′ + 2)/5⌋ + day − 1 the day within it (m′ = 0 for March),
    /// the Gregorian count is 146097·⌊y′/400⌋ + 365·r + ⌊r/4⌋ − ⌊r/100⌋ + d′ (r = y′ mod 400),
    /// the Julian one 1461·⌊y′/4⌋ + 365·(y′ mod 4) + d′, noleap 365·y′ + d′, all_leap 366·y′ + d′;
    /// 360_day is 360·year + 30·(month − 1) + day − 1. `standard` uses the Julian count before
    /// 1582-10-15 (shifted by the 13 days Julian 1970-01-01 trails Gregorian 1970-01-01), so
    /// 1582-10-15 follows 1582-10-04 (the missing 10-05…10-14 count as 10-15…10-24).
    public func dayNumber(year: Int, month: Int, day: Int) -> Int {
        switch self {
        case .standard where (year, month, day) < (1582, 10, 15):
            CFCalendar.julian.dayNumber(year: year, month: month, day: day) + Self.julianLag
        case .standard: CFCalendar.prolepticGregorian.dayNumber(year: year, month: month, day: day)
        default: count(year: year, month: month, day: day) - count(year: 1970, month: 1, day: 1)
        }
    }

    /// The (year, month, day) `dayNumber` days after 1970-01-01: the inverse of `dayNumber`.
    ///
    /// The March-based year is ⌊n/L⌋ for a cycle of L days (400 Gregorian years, 4 Julian
    /// years, one idealised year), with the Gregorian and Julian year within the cycle
    /// (c − ⌊c/1460⌋ + ⌊c/36524⌋ − ⌊c/146096⌋)/365 and (c − ⌊c/1460⌋)/365 for day c of the cycle;
    /// the month is m′ = ⌊(5·d′ + 2)/153⌋.
    public func date(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        switch self {
        case .standard where dayNumber < Self.gregorianStart:
            return CFCalendar.julian.date(dayNumber: dayNumber - Self.julianLag)
        case .standard: return CFCalendar.prolepticGregorian.date(dayNumber: dayNumber)
        case .day360:
            let n = dayNumber + count(year: 1970, month: 1, day: 1)
            let (year, dayOfYear) = floorDivision(n, 360)
            return (year, dayOfYear / 30 + 1, dayOfYear % 30 + 1)
        default:
            let n = dayNumber + count(year: 1970, month: 1, day: 1)
            let (marchYear, dayOfYear): (Int, Int)
            switch self {
            case .prolepticGregorian:
                let (era, c) = floorDivision(n, 146097)
                let yearOfEra = (c - c / 1460 + c / 36524 - c / 146096) / 365
                (marchYear, dayOfYear) = (400 * era + yearOfEra, c - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100))
            case .julian:
                let (era, c) = floorDivision(n, 1461)
                let yearOfEra = (c - c / 1460) / 365
                (marchYear, dayOfYear) = (4 * era + yearOfEra, c - 365 * yearOfEra)
            default: (marchYear, dayOfYear) = floorDivision(n, self == .noleap ? 365 : 366)
            }
            let marchMonth = (5 * dayOfYear + 2) / 153
            let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
            let year = marchYear + (month <= 2 ? 1 : 0)
            return (hasYearZero ? year : (year <= 0 ? year - 1 : year), month, dayOfYear - (153 * marchMonth + 2) / 5 + 1)
        }
    }

    /// Whether the calendar has a year 0 (cftime's `has_year_zero` defaults).
    private var hasYearZero: Bool { self != .standard && self != .julian }

    /// Days from an arbitrary per-calendar origin (see `dayNumber`); not for `standard`.
    private func count(year: Int, month: Int, day: Int) -> Int {
        if self == .day360 { return 360 * year + 30 * (month - 1) + day - 1 }
        let astronomical = !hasYearZero && year < 0 ? year + 1 : year
        let marchYear = astronomical - (month <= 2 ? 1 : 0)
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        switch self {
        case .prolepticGregorian:
            let (era, yearOfEra) = floorDivision(marchYear, 400)
            return 146097 * era + 365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        case .julian:
            let (era, yearOfEra) = floorDivision(marchYear, 4)
            return 1461 * era + 365 * yearOfEra + dayOfYear
        default: return (self == .noleap ? 365 : 366) * marchYear + dayOfYear
        }
    }

    /// Julian 1970-01-01 is Gregorian 1970-01-14.
    private static let julianLag = 13
    /// The day number of 1582-10-15, the first Gregorian day of `standard`.
    private static let gregorianStart = CFCalendar.prolepticGregorian.dayNumber(year: 1582, month: 10, day: 15)
}

/// (⌊a/b⌋, a mod b) with the remainder in 0..<b, for b > 0.
func floorDivision(_ a: Int, _ b: Int) -> (quotient: Int, remainder: Int) {
    let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
    return remainder < 0 ? (quotient - 1, remainder + b) : (quotient, remainder)
}
