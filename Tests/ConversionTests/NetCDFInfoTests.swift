import Foundation
import Testing
import TestSupport

/// `surrogate data info FILE.nc`: variables with their decoded values; times as dates in their
/// own calendar, as cftime gives them.
@Suite("data info on netCDF files")
struct NetCDFInfoTests {
    @Test func timesAreDatesInTheirCalendar() throws {
        let fixtures = try ConversionFixtures()
        let names = ["classic.nc", "offset64.nc", "cdf5.nc", "nc4.nc", "nc4classic.nc"]
        let expected = try PythonPeer.run("""
            import netCDF4, cftime, sys
            for path in sys.argv[1:]:
                with netCDF4.Dataset(path) as ds:
                    t = ds['time']
                    dates = cftime.num2date([t[:].min(), t[:].max()], t.units, t.calendar)
                    print(t.calendar, dates[0].isoformat(), dates[1].isoformat())
            """, arguments: names.map(fixtures.input)).split(separator: "\n")
        for (name, line) in zip(names, expected) {
            let parts = line.split(separator: " ").map(String.init)
            let result = try SurrogateExecutable.run(["data", "info", fixtures.input(name)])
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output.contains("time(time) double [days since 2000-01-01, time]: 4 values, \(parts[1]) … \(parts[2]) (\(parts[0] == "standard" ? "standard" : parts[0]))"),
                    "\(name): \(result.output)")
            #expect(result.output.contains("temp(time, lat, lon) float [K, air_temperature]: 48 values, 3 missing"), "\(result.output)")
            #expect(result.output.contains("precip(time, lat, lon) short [mm d-1, lwe_precipitation_rate] packed ×0.009999999776482582 +10.0 → float: 48 values, 2 missing, range "), "\(result.output)")
        }
        let bad = try SurrogateExecutable.run(["data", "info", fixtures.input("badcalendar.nc")])
        #expect(bad.status == 1 && bad.errors.contains("unknown calendar 'martian'"), "\(bad.errors)")
        let garbage = try SurrogateExecutable.run(["data", "info", fixtures.input("garbage.nc")])
        #expect(garbage.status == 1 && garbage.errors.contains("not a readable netCDF file"), "\(garbage.errors)")
    }
}
