import Foundation

/// A CF time `units` attribute, "<unit> since <reference date>", in one calendar: decodes and
/// encodes time values as cftime's `num2date` and `date2num` do.
///
/// Times are kept as whole microseconds from the reference (cftime's resolution, exact within
/// ±2⁶³ µs ≈ ±292 277 years) and dates as (day number, microsecond of day), so no precision
/// is lost to a large Double of seconds since some epoch.
public struct CFTimeUnits: Equatable, Sendable {
    public let calendar: CFCalendar
    /// The reference date in UTC (a time-zone offset in the string is subtracted).
    public let reference: CFDate
    private let unitMicroseconds: Int
    private let referenceDay: Int
    private let referenceMicrosecond: Int

    /// Parses "<unit> since <date>". The unit (case-insensitive) is microseconds, milliseconds,
    /// seconds, minutes, hours or days, or one of cftime's abbreviations (microsec(s); millisec(s),
    /// msec(s), ms; second, sec(s), s; minute, min(s); hour, hr(s), h; day, d), plus, as in cftime,
    /// `months` (30 days) in 360_day and `common_years` (365 days) in noleap. The date is
    /// "[±]Y-M-D[(T| )h:m[:s[.f]]][ ][Z|UTC|GMT|±h[h][[:]mm]]", fractions cut to the microsecond:
    /// "1970-1-1 0:0:0", "2000-01-01T12:00:00Z", "2000-01-01 00:00:00.5 +05:30", "1992-10-08 15:15:42 -6".
    public init(_ units: String, calendar: CFCalendar) throws {
        var scanner = UnitsScanner(units)
        guard let parsed = scanner.units() else { throw CFTimeError.badUnits(units) }
        switch parsed.unit {
        case "microseconds", "microsecond", "microsecs", "microsec": unitMicroseconds = 1
        case "milliseconds", "millisecond", "millisecs", "millisec", "msecs", "msec", "ms": unitMicroseconds = 1000
        case "seconds", "second", "secs", "sec", "s": unitMicroseconds = 1_000_000
        case "minutes", "minute", "mins", "min": unitMicroseconds = 60_000_000
        case "hours", "hour", "hrs", "hr", "h": unitMicroseconds = 3_600_000_000
        case "days", "day", "d": unitMicroseconds = CFDate.microsecondsPerDay
        case "months" where calendar == .day360, "month" where calendar == .day360:
            unitMicroseconds = 30 * CFDate.microsecondsPerDay
        case "common_years" where calendar == .noleap, "common_year" where calendar == .noleap:
            unitMicroseconds = 365 * CFDate.microsecondsPerDay
        case "months", "month", "common_years", "common_year", "years", "year", "yrs", "yr":
            throw CFTimeError.unsupportedUnit(units: units, calendar: calendar)
        default: throw CFTimeError.badUnits(units)
        }
        let day = calendar.dayNumber(year: parsed.year, month: parsed.month, day: parsed.day)
        guard calendar.date(dayNumber: day) == (parsed.year, parsed.month, parsed.day) else {
            throw CFTimeError.invalidReference(units: units, calendar: calendar)
        }
        let (carry, microsecond) = floorDivision(parsed.microsecond - 60_000_000 * parsed.zoneMinutes, CFDate.microsecondsPerDay)
        (self.calendar, referenceDay, referenceMicrosecond) = (calendar, day + carry, microsecond)
        reference = CFDate(calendar: calendar, dayNumber: referenceDay, microsecond: referenceMicrosecond)
    }

    /// The date `value` units after the reference (`cftime.num2date`). Throws `outOfRange` for
    /// NaN, ±∞ and values beyond ±2⁶³ µs, where cftime fails too.
    public func date(_ value: Double) throws -> CFDate {
        let (day, microsecond) = position(try microseconds(value))
        return CFDate(calendar: calendar, dayNumber: day, microsecond: microsecond)
    }

    /// `date` in these units (`cftime.date2num`): the offset t from the reference in whole
    /// microseconds (seconds rounded to the microsecond) over the unit u, correctly rounded while
    /// |t| < 2⁵³ and ⌊t/u⌋ + (t mod u)/u beyond.
    public func value(_ date: CFDate) -> Double {
        let (day, microsecond) = date.position(in: calendar)
        guard let offset = offset(day: day, microsecond: microsecond) else {
            return (Double(day - referenceDay) * 86_400e6 + Double(microsecond - referenceMicrosecond)) / Double(unitMicroseconds)
        }
        if offset.magnitude < 1 << 53 { return Double(offset) / Double(unitMicroseconds) }
        let (quotient, remainder) = offset.quotientAndRemainder(dividingBy: unitMicroseconds)
        return Double(quotient) + Double(remainder) / Double(unitMicroseconds)
    }

    /// `values` re-expressed in `other` units of the same calendar: t = x·u + (reference −
    /// other reference), in exact whole microseconds plus the sub-microsecond fraction f of x·u,
    /// becomes ⌊t/u′⌋ + (t mod u′ + f)/u′. NaN and ±∞ pass through unchanged.
    public func converting(_ values: [Double], to other: CFTimeUnits) throws -> [Double] {
        guard calendar == other.calendar else { throw CFTimeError.calendarMismatch(calendar, other.calendar) }
        return try values.map { value in
            guard value.isFinite else { return value }
            guard let product = scaled(value) else { throw CFTimeError.outOfRange(value) }
            let (day, microsecond) = position(product.whole)
            guard let offset = other.offset(day: day, microsecond: microsecond) else { throw CFTimeError.outOfRange(value) }
            let fraction = Double(product.remainder) / Double(sign: .plus, exponent: product.shift, significand: 1)
            let (quotient, remainder) = offset.quotientAndRemainder(dividingBy: other.unitMicroseconds)
            return Double(quotient) + (Double(remainder) + fraction) / Double(other.unitMicroseconds)
        }
    }

    /// value·u exactly, as ⌊value·u⌋ and the rest, remainder / 2^shift: with value = ±M·2^E
    /// (M an integer below 2⁵³), value·u is the Int128 ±M·u shifted by E. Shifts are capped at
    /// 120 bits, which only changes products below 2⁻²² µs, by less than that. Nil for NaN, ±∞
    /// and |value·u| ≥ 2⁶³.
    private func scaled(_ value: Double) -> (whole: Int, remainder: Int128, shift: Int)? {
        guard value.isFinite, abs(value * Double(unitMicroseconds)) < 0x1p63 else { return nil }
        let normal = value.exponentBitPattern != 0
        let magnitude = Int128(value.significandBitPattern | (normal ? 1 << 52 : 0)) * Int128(unitMicroseconds)
        let product = value.sign == .minus ? -magnitude : magnitude
        let exponent = normal ? Int(value.exponentBitPattern) - 1075 : -1074
        if exponent >= 0 { return (Int(product << exponent), 0, 0) }
        let shift = min(-exponent, 120)
        return (Int(product >> shift), product & ((1 << shift) - 1), shift)
    }

    /// value·u rounded to whole microseconds as cftime does: to nearest, ties to even, except
    /// that for units of a second or longer a result 1 µs past (short of) a whole second is
    /// rounded down (up) instead (cftime issue #187).
    private func microseconds(_ value: Double) throws -> Int {
        guard case let (whole, remainder, shift)? = scaled(value) else { throw CFTimeError.outOfRange(value) }
        let (doubled, one) = (remainder << 1, Int128(1) << shift)
        let nearest = doubled > one || (doubled == one && whole % 2 != 0) ? whole + 1 : whole
        guard unitMicroseconds >= 1_000_000 else { return nearest }
        switch floorDivision(nearest, 1_000_000).remainder {
        case 1: return whole
        case 999_999: return remainder > 0 ? whole + 1 : whole
        default: return nearest
        }
    }

    /// The day number and microsecond of day `microseconds` after the reference.
    private func position(_ microseconds: Int) -> (day: Int, microsecond: Int) {
        let (days, microsecond) = microseconds.quotientAndRemainder(dividingBy: CFDate.microsecondsPerDay)
        let (carry, microsecondOfDay) = floorDivision(referenceMicrosecond + microsecond, CFDate.microsecondsPerDay)
        return (referenceDay + days + carry, microsecondOfDay)
    }

    /// Microseconds from the reference to `microsecond` into day `day`; nil beyond Int's range.
    private func offset(day: Int, microsecond: Int) -> Int? {
        let (product, overflow) = (day - referenceDay).multipliedReportingOverflow(by: CFDate.microsecondsPerDay)
        let (sum, sumOverflow) = product.addingReportingOverflow(microsecond - referenceMicrosecond)
        return overflow || sumOverflow ? nil : sum
    }
}

/// A cursor over the ASCII bytes of a units string.
private struct UnitsScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    /// The whole string: unit word (lowercased), reference date fields, microsecond of the
    /// day and time-zone offset in minutes; nil unless every byte fits the grammar.
    mutating func units() -> (unit: String, year: Int, month: Int, day: Int, microsecond: Int, zoneMinutes: Int)? {
        skipBlanks()
        let letters = run { $0 == UInt8(ascii: "_") || (65...90).contains($0) || (97...122).contains($0) }
        let unit = String(decoding: letters, as: UTF8.self).lowercased()
        guard !unit.isEmpty, skipBlanks() > 0, take("since"), skipBlanks() > 0 else { return nil }
        let sign = take("-") ? -1 : 1
        if sign > 0 { _ = take("+") }
        guard let year = number(1...10), year <= Int(Int32.max), take("-"), let month = number(1...2), take("-"),
              let day = number(1...2) else { return nil }
        var microsecond = 0
        let blanks = skipBlanks()
        if take("T") || (blanks > 0 && index < bytes.count && isDigit(bytes[index])) {
            guard let hour = number(1...2), hour < 24, take(":"), let minute = number(1...2), minute < 60 else { return nil }
            var second = 0, fraction = 0
            if take(":") {
                guard let whole = number(1...2), whole < 60 else { return nil }
                second = whole
                if take(".") {
                    let digits = run(isDigit)
                    guard !digits.isEmpty else { return nil }
                    let kept = digits.prefix(6)
                    fraction = (kept.count..<6).reduce(decimal(kept)) { value, _ in 10 * value }
                }
            }
            microsecond = ((60 * hour + minute) * 60 + second) * 1_000_000 + fraction
            skipBlanks()
        }
        var zoneMinutes = 0
        if index < bytes.count, !take("Z"), !take("UTC"), !take("GMT") {
            guard let zone = zone() else { return nil }
            zoneMinutes = zone
        }
        skipBlanks()
        return index == bytes.count ? (unit, sign * year, month, day, microsecond, zoneMinutes) : nil
    }

    /// "±h", "±hh", "±h:mm", "±hh:mm" or "±hhmm", in minutes east of UTC.
    private mutating func zone() -> Int? {
        let sign = take("-") ? -1 : (take("+") ? 1 : 0)
        let digits = run(isDigit)
        guard sign != 0, (1...4).contains(digits.count) else { return nil }
        let value = decimal(digits)
        let hours = digits.count <= 2 ? value : value / 100
        var minutes = digits.count <= 2 ? 0 : value % 100
        if digits.count <= 2, take(":") {
            guard let parsed = number(2...2) else { return nil }
            minutes = parsed
        }
        return hours < 24 && minutes < 60 ? sign * (60 * hours + minutes) : nil
    }

    /// A decimal number of `digits` digits (longer runs are left for the caller to reject).
    private mutating func number(_ digits: ClosedRange<Int>) -> Int? {
        let start = index
        while index < bytes.count, index - start < digits.upperBound, isDigit(bytes[index]) { index += 1 }
        guard index - start >= digits.lowerBound else { return nil }
        return decimal(bytes[start..<index])
    }

    /// Consumes `word` if it comes next, ignoring ASCII case.
    private mutating func take(_ word: String) -> Bool {
        let expected = Array(word.lowercased().utf8)
        guard bytes.count - index >= expected.count,
              zip(bytes[index...], expected).allSatisfy({ ((65...90).contains($0) ? $0 + 32 : $0) == $1 }) else { return false }
        index += expected.count
        return true
    }

    @discardableResult
    private mutating func skipBlanks() -> Int { run { $0 == 32 || $0 == 9 }.count }

    private mutating func run(_ accepts: (UInt8) -> Bool) -> ArraySlice<UInt8> {
        let start = index
        while index < bytes.count, accepts(bytes[index]) { index += 1 }
        return bytes[start..<index]
    }

    private func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }

    private func decimal(_ digits: ArraySlice<UInt8>) -> Int { digits.reduce(0) { 10 * $0 + Int($1 - 48) } }
}
