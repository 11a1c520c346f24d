import Foundation
import Testing
import DatasetIO
import TestSupport

/// CF time decoding and encoding against cftime's `num2date` and `date2num`.
@Suite("CF time units and calendars against cftime")
struct CFTimeTests {
    /// Units strings tried in every calendar, with their length in seconds.
    static let units: [(String, Double)] = [
        ("days since 1970-01-01", 86400), ("hours since 1582-10-15 12:00", 3600),
        ("seconds since 2000-01-01T12:00:00Z", 1), ("minutes since 1-1-1 0:0:0", 60),
        ("milliseconds since 1900-02-28 23:59:59.5", 1e-3), ("microseconds since 2000-01-01 00:00:00 +05:30", 1e-6),
        ("days since -100-03-01", 86400), ("hours since 1582-10-04 06:00:00 -06:00", 3600),
        ("d since 9999-12-30 23:00:00", 86400), ("secs since 2100-02-28 UTC", 1),
    ]

    /// Reads {"calendar": c, "cases": [{"units": u, "values": [...]}]} from the file argv[1]; prints
    /// per case num2date's dates as [y, m, d, h, min, s, µs], their isoformat and date2num of them.
    static let oracle = """
    import sys, json, warnings, numpy as np, cftime
    warnings.filterwarnings("ignore")
    request = json.load(open(sys.argv[1]))
    out = []
    for case in request["cases"]:
        dates = cftime.num2date(np.array(case["values"], dtype=float), case["units"], calendar=request["calendar"])
        values = cftime.date2num(list(dates), case["units"], calendar=request["calendar"])
        out.append({"dates": [[d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond] for d in dates],
                    "iso": [d.isoformat() for d in dates], "values": [float(v) for v in values]})
    print(json.dumps(out))
    """

    struct OracleCase: Decodable {
        let dates: [[Int]]
        let iso: [String]
        let values: [Double]
    }

    /// SplitMix64, so that the values are the same on every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Runs `oracle` on `cases` (units, values) in `calendar`.
    func cftime(_ calendar: CFCalendar, _ cases: [(String, [Double])]) throws -> [OracleCase] {
        let body = cases.map { units, values in
            "{\"units\": \"\(units)\", \"values\": [\(values.map { "\($0)" }.joined(separator: ", "))]}"
        }
        let file = try PythonPeer.temporaryDirectory().appendingPathComponent("request.json")
        try "{\"calendar\": \"\(calendar.rawValue)\", \"cases\": [\(body.joined(separator: ", "))]}"
            .write(to: file, atomically: true, encoding: .utf8)
        return try JSONDecoder().decode([OracleCase].self, from: Data(PythonPeer.run(Self.oracle, arguments: [file.path]).utf8))
    }

    /// The date as microseconds from 1970-01-01 of `calendar`.
    func microseconds(_ date: CFDate, in calendar: CFCalendar) -> Int {
        calendar.dayNumber(year: date.year, month: date.month, day: date.day) * 86_400_000_000
            + (date.hour * 60 + date.minute) * 60_000_000 + Int((date.second * 1e6).rounded())
    }

    /// Values around dates that stress each calendar (leap days, month ends, the 1582 switch,
    /// years 1, 1600, 1900, 2000, 2100, 9999, year 0 or −1), ±1 µs, plus random values of every
    /// magnitude from 10⁻⁶ units to 3000 years, a quarter of them whole or quarter units.
    func values(_ units: CFTimeUnits, secondsPerUnit: Double, calendar: CFCalendar, random: inout SplitMix) -> [Double] {
        var dates = [(1, 1, 1), (1, 12, 30), (-1, 12, 30), (1582, 10, 4), (1582, 10, 15), (1582, 10, 16)]
        for year in [1, 4, 100, 1600, 1900, 2000, 2100, 9999] {
            dates += [(year, 1, 1), (year, 2, 28), (year, 3, 1), (year, 12, 30)]
            dates += calendar == .noleap ? [] : [(year, 2, 29)]
            dates += calendar == .day360 ? [(year, 2, 30)] : [(year, 12, 31)]
        }
        dates += calendar == .prolepticGregorian || calendar == .day360 ? [(0, 2, 29), (0, 3, 1)] : []
        dates += calendar == .standard ? [(1582, 10, 3), (1582, 2, 28), (1582, 12, 31), (-4713, 1, 1)] : []
        let microsecond = 1e-6 / secondsPerUnit
        var values = [0, 0.5, -0.5, 1, -1, microsecond, -microsecond, 0.1, -0.1, 1.0 / 3]
        for (year, month, day) in dates {
            for (hour, minute, second) in [(0, 0, 0), (23, 59, 59.999999)] {
                let value = units.value(CFDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
                values += [value, value + microsecond, value - microsecond]
            }
        }
        let largest = log10(3000 * 365.25 * 86400 / secondsPerUnit)
        for index in 0..<200 {
            let value = pow(10, Double.random(in: -6...largest, using: &random)) * (Bool.random(using: &random) ? 1 : -1)
            values.append(index % 4 == 0 ? (value * 4).rounded() / 4 : value)
        }
        return values
    }

    @Test(arguments: CFCalendar.allCases)
    func decodeAndEncodeMatchCftime(calendar: CFCalendar) throws {
        var random = SplitMix(state: 42)
        var cases = Self.units
        cases += calendar == .day360 ? [("months since 2000-01-01", 30 * 86400)] : []
        cases += calendar == .noleap ? [("common_years since 2000-01-01", 365 * 86400)] : []
        let parsed = try cases.map { try CFTimeUnits($0.0, calendar: calendar) }
        let requests = zip(cases, parsed).map { unit, units in
            (unit.0, values(units, secondsPerUnit: unit.1, calendar: calendar, random: &random))
        }
        let reference = try cftime(calendar, requests)
        var failures = [String](), compared = 0, inexact = 0
        for ((name, values), (units, expected)) in zip(requests, zip(parsed, reference)) {
            for (index, value) in values.enumerated() {
                let fields = expected.dates[index]
                let theirs = CFDate(year: fields[0], month: fields[1], day: fields[2], hour: fields[3], minute: fields[4],
                                    second: Double(fields[5]) + Double(fields[6]) / 1e6)
                let ours = try units.date(value)
                let difference = abs(microseconds(ours, in: calendar) - microseconds(theirs, in: calendar))
                if difference > 1 { failures.append("\(name): \(value) → \(ours), cftime \(expected.iso[index])") }
                if theirs.description != expected.iso[index] {
                    failures.append("\(name): description \(theirs), cftime \(expected.iso[index])")
                }
                let encoded = units.value(theirs), want = expected.values[index]
                if abs(encoded - want) > 2 * want.ulp {
                    failures.append("\(name): value(\(expected.iso[index])) = \(encoded), cftime \(want)")
                }
                inexact += difference != 0 || encoded != want ? 1 : 0
                compared += 1
            }
        }
        #expect(compared > 2000)
        #expect(failures.isEmpty, "\(failures.count) of \(compared) differ from cftime: \(failures.prefix(8))")
        // cftime rounds value × unit in 80-bit long double and divides correctly rounded beyond
        // 2⁵³ µs, so a near-tie may rarely land 1 µs or 1 ulp the other way.
        #expect(inexact <= compared / 1000, "\(inexact) of \(compared) values 1 µs or 1 ulp away from cftime")
    }

    @Test func referenceDateFormsMatchCftime() throws {
        let forms = ["days since 1970-01-01", "days since 1970-1-1 0:0:0", "seconds since 2000-01-01 00:00:00.5",
                     "hours since 2000-01-01T12:00:00Z", "Hours Since 2000-01-01 12:00:00 +05:30",
                     "minutes since 2000-01-01T12:00:00-0600", "s since 2000-01-01 12:00:00 -06:00",
                     "ms since 2000-01-01 12:00:00 UTC", "days since 12345-06-07 08:09:10.25", "days since 1582-10-04 23:00 -02",
                     "msecs since 2000-03-01 00:30 +01:00", "hrs since 1900-01-01 00:00:00.000000001"]
        for calendar in [CFCalendar.standard, .prolepticGregorian] {
            let reference = try cftime(calendar, forms.map { ($0, [0]) })
            for (units, expected) in zip(forms, reference) {
                #expect(try CFTimeUnits(units, calendar: calendar).reference.description == expected.iso[0], "\(units)")
            }
        }
        // UDUNITS' one-digit zone hours; cftime ignores " -6", so it is checked against "-06:00".
        #expect(try CFTimeUnits("hours since 1992-10-08 15:15:42.5 -6", calendar: .standard)
            == CFTimeUnits("hours since 1992-10-08 15:15:42.5 -06:00", calendar: .standard))
        let negative = try CFTimeUnits("days since -4713-11-24 12:00", calendar: .prolepticGregorian)
        #expect(negative.reference == CFDate(year: -4713, month: 11, day: 24, hour: 12))
        #expect(negative.reference.description == "-4713-11-24T12:00:00")
    }

    @Test func unknownCalendarsAndBadUnitsGiveOneLineErrors() throws {
        #expect(try CFCalendar(attribute: nil) == .standard)
        #expect(try CFCalendar(attribute: "") == .standard)
        #expect(try CFCalendar(attribute: "Gregorian") == .standard)
        #expect(try CFCalendar(attribute: "365_DAY") == .noleap)
        #expect(try CFCalendar(attribute: " 366_day\0") == .allLeap)
        #expect(try CFCalendar(attribute: "360_day") == .day360)
        #expect(try CFCalendar.allCases.allSatisfy { try CFCalendar(attribute: $0.rawValue) == $0 })
        #expect(throws: CFTimeError.unknownCalendar("tai")) { try CFCalendar(attribute: "tai") }
        let calendarMessage = CFTimeError.unknownCalendar("lunar").description
        for name in ["'lunar'", "standard", "gregorian", "proleptic_gregorian", "julian", "noleap", "365_day", "all_leap",
                     "366_day", "360_day"] {
            #expect(calendarMessage.contains(name))
        }

        let unparsable = ["", "days", "days since", "since 2000-01-01", "days since yesterday", "fortnights since 2000-01-01",
                          "days after 2000-01-01", "days since 2000-01", "days since 2000-01-01 25:00",
                          "days since 2000-01-01T", "days since 2000-01-01 12:00 and more", "days since 2000-01-01 +5:3"]
        for units in unparsable {
            #expect(throws: CFTimeError.badUnits(units)) { try CFTimeUnits(units, calendar: .standard) }
            let message = CFTimeError.badUnits(units).description
            #expect(message.contains("'\(units)'") && !message.contains("\n"))
        }
        for (units, calendar) in [("months since 2000-01-01", CFCalendar.noleap), ("years since 2000-01-01", .day360),
                                  ("common_years since 2000-01-01", .standard), ("year since 2000-01-01", .noleap)] {
            #expect(throws: CFTimeError.unsupportedUnit(units: units, calendar: calendar)) {
                try CFTimeUnits(units, calendar: calendar)
            }
        }
        #expect(CFTimeError.unsupportedUnit(units: "years since 1", calendar: .julian).description.contains("use days"))
        for (units, calendar) in [("days since 2001-02-29", CFCalendar.noleap), ("days since 0-01-01", .standard),
                                  ("days since 0-01-01", .julian), ("days since 2000-01-31", .day360),
                                  ("days since 1582-10-10", .standard), ("days since 1900-02-29", .prolepticGregorian)] {
            #expect(throws: CFTimeError.invalidReference(units: units, calendar: calendar)) {
                try CFTimeUnits(units, calendar: calendar)
            }
        }
        let days = try CFTimeUnits("days since 1970-01-01", calendar: .standard)
        for value in [Double.nan, .infinity, -.infinity, 1e300, 1.1e8] {
            #expect(throws: CFTimeError.self) { try days.date(value) }
        }
        #expect(CFTimeError.outOfRange(.nan).description.contains("292 277 years"))
    }

    @Test func dayNumbersInvertInEveryCalendar() {
        for calendar in CFCalendar.allCases {
            for day in stride(from: -3_000_000, through: 3_000_000, by: 997) {
                let (year, month, dayOfMonth) = calendar.date(dayNumber: day)
                #expect(calendar.dayNumber(year: year, month: month, day: dayOfMonth) == day, "\(calendar) \(day)")
            }
            #expect(calendar.dayNumber(year: 1970, month: 1, day: 1) == 0)
        }
        let standard = CFCalendar.standard, day360 = CFCalendar.day360
        #expect(standard.dayNumber(year: 1582, month: 10, day: 15) - standard.dayNumber(year: 1582, month: 10, day: 4) == 1)
        #expect(standard.date(dayNumber: standard.dayNumber(year: 1, month: 1, day: 1) - 1) == (-1, 12, 31))
        #expect(day360.dayNumber(year: 2000, month: 3, day: 1) - day360.dayNumber(year: 2000, month: 2, day: 30) == 1)
        #expect(CFDate(year: 2000, month: 1, day: 1).description == "2000-01-01T00:00:00")
        let lastMoment = CFDate(year: -1, month: 12, day: 31, hour: 23, minute: 59, second: 59.25)
        #expect(lastMoment.description == "-0001-12-31T23:59:59.250000")
    }

    @Test func convertingBetweenUnitsRoundTripsAndMatchesCftime() throws {
        let days = try CFTimeUnits("days since 2000-01-01", calendar: .standard)
        let hours = try CFTimeUnits("hours since 1999-12-31 12:00", calendar: .standard)
        var random = SplitMix(state: 7)
        let grid = (0..<500).map { _ in Double(Int.random(in: -3_000_000...3_000_000, using: &random)) / 4 }
        let arbitrary = (0..<500).map { _ in
            pow(10, Double.random(in: -6...6, using: &random)) * (Bool.random(using: &random) ? 1 : -1)
        }
        let values = grid + arbitrary
        let converted = try days.converting(values, to: hours)
        let back = try hours.converting(converted, to: days)
        for (value, (there, again)) in zip(grid, zip(converted, back)) {
            #expect(there == value * 24 + 12 && again == value, "\(value) → \(there) → \(again)")
        }
        for (value, (there, again)) in zip(arbitrary, zip(converted[grid.count...], back[grid.count...])) {
            #expect(abs(again - value) <= there.ulp / 24 + value.ulp, "\(value) → \(there) → \(again)")
        }
        let oracle = try PythonPeer.run("""
            import sys, json, numpy as np, cftime
            dates = cftime.num2date(np.array(json.loads(sys.argv[1])), "days since 2000-01-01")
            print(json.dumps([float(x) for x in cftime.date2num(dates, "hours since 1999-12-31 12:00")]))
            """, arguments: ["[" + values.map { "\($0)" }.joined(separator: ",") + "]"])
        let reference = try JSONDecoder().decode([Double].self, from: Data(oracle.utf8))
        for (there, want) in zip(converted, reference) {
            #expect(abs(there - want) <= 1e-6 / 3600 + 2 * want.ulp, "\(there) vs cftime \(want)")
        }
        #expect(try days.converting([.nan, .infinity], to: hours).map(\.isFinite) == [false, false])
        #expect(throws: CFTimeError.calendarMismatch(.standard, .noleap)) {
            try days.converting([0], to: CFTimeUnits("days since 2000-01-01", calendar: .noleap))
        }
    }
}
