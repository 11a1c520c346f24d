import Foundation
import Testing
import TestSupport

/// How a batch behaves around failures: one line per bad file, the others converted, no
/// partial outputs, `--resume`, `--fail-fast`, and the JSON report.
@Suite("convert: batches and bad input")
struct BatchBehaviourTests {
    @Test func badFilesFailAloneWithOneLineEach() throws {
        let fixtures = try ConversionFixtures()
        let out = fixtures.output("out")
        let crashing = PythonPeer.packageRoot.appendingPathComponent("Tests/CommandLineTests/Fixtures/libhdf5-segfault.h5").path
        let copied = fixtures.input("crashing.nc")
        try FileManager.default.copyItem(atPath: crashing, toPath: copied)
        let bad = ["truncated.nc", "thirteen.nc", "garbage.nc", "empty.nc", "badcalendar.nc", "crashing.nc", "absent.nc"]
        let report = fixtures.output("report.json")
        let result = try fixtures.convert((bad + ["classic.nc"]).map(fixtures.input) + ["--out", out, "--report", report])
        #expect(result.status == 1)
        #expect(result.output.contains("converted 1, skipped 0, failed 7"), "\(result.output)")
        let reasons = [
            "truncated.nc": "not a readable netCDF file (NetCDF: ", "thirteen.nc": "truncated header: 13 bytes",
            "garbage.nc": "not a readable netCDF file (NetCDF: Unknown file format)", "empty.nc": "not a readable netCDF file",
            "badcalendar.nc": "unknown calendar 'martian'", "absent.nc": "file not found", "crashing.nc": "the converter crashed (signal 11) on this file",
        ]
        let decoded = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as! [String: Any]
        let entries = decoded["entries"] as! [[String: Any]]
        #expect(entries.count == 8)
        for entry in entries {
            let input = URL(fileURLWithPath: (entry["inputs"] as! [String])[0]).lastPathComponent
            let reason = entry["reason"] as? String ?? ""
            if input == "classic.nc" {
                #expect(entry["status"] as? String == "converted")
            } else {
                #expect(entry["status"] as? String == "failed", "\(input)")
                #expect(reason.contains(reasons[input]!) && !reason.contains("\n"), "\(input): \(reason)")
            }
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(left == ["classic.nc"], "only the good output, no temporary files: \(left)")
    }

    @Test func resumeSkipsFinishedFilesAndFailFastStops() throws {
        let fixtures = try ConversionFixtures()
        let out = fixtures.output("out")
        let inputs = ["classic.nc", "nc4.nc", "missing.nc"].map(fixtures.input)
        #expect(try fixtures.convert([inputs[0], "--out", out]).status == 0)
        let resumed = try fixtures.convert(inputs + ["--out", out, "--resume"])
        #expect(resumed.status == 0)
        #expect(resumed.output.contains("converted 2, skipped 1, failed 0"), "\(resumed.output)")

        let stopped = try fixtures.convert([fixtures.input("garbage.nc")] + inputs + ["--out", fixtures.output("stop"), "--fail-fast", "--jobs", "1"])
        #expect(stopped.status == 1)
        #expect(stopped.output.contains("converted 0, skipped 0, failed 1, not run 3"), "\(stopped.output)")
    }

    @Test func aFileThatNeverOpensIsStoppedAndTheOthersConvert() throws {
        let fixtures = try ConversionFixtures()
        let pipe = fixtures.input("pipe.nc")
        #expect(mkfifo(pipe, 0o600) == 0)
        let result = try fixtures.convert([pipe, fixtures.input("nc4.nc"), "--out", fixtures.output("out"), "--open-timeout", "3"])
        #expect(result.status == 1)
        #expect(result.output.contains("no header read after 3 s"), "\(result.output)")
        #expect(result.output.contains("converted 1, skipped 0, failed 1"), "\(result.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixtures.output("out")) == ["nc4.nc"])
    }

    @Test func mismatchedFilesDoNotConcatenate() throws {
        let fixtures = try ConversionFixtures()
        let result = try fixtures.convert([fixtures.input("series_000.nc"), fixtures.input("classic.nc"), "--concat", "time", "--out", fixtures.output("out")])
        #expect(result.status == 1)
        #expect(result.output.contains("classic.nc: no variable 'x'"), "\(result.output)")
        let reversed = try fixtures.convert([fixtures.input("series_001.nc"), fixtures.input("series_000.nc"), "--concat", "time", "--out", fixtures.output("out")])
        #expect(reversed.status == 1)
        #expect(reversed.output.contains("does not increase across the concatenated files"), "\(reversed.output)")
        // The same variables on a grid of another size.
        _ = try PythonPeer.run("""
            import xarray as xr, sys
            xr.open_dataset(sys.argv[1], decode_times=False).isel(x=slice(0, 8)).to_netcdf(sys.argv[2])
            """, arguments: [fixtures.input("series_001.nc"), fixtures.input("narrow.nc")])
        let narrow = try fixtures.convert([fixtures.input("series_000.nc"), fixtures.input("narrow.nc"), "--concat", "time", "--out", fixtures.output("out")])
        #expect(narrow.status == 1)
        #expect(narrow.output.contains("narrow.nc: 'x' has dimensions (x=8), but (x=16) in"), "\(narrow.output)")
        let bad = try fixtures.convert([fixtures.input("classic.nc"), "--vars", "nope", "--out", fixtures.output("out")])
        #expect(bad.output.contains("no variable 'nope' (the file has: time, lat, lon, temp, precip)"), "\(bad.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixtures.output("out")).isEmpty)
    }
}
