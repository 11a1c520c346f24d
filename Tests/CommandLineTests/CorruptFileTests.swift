import Foundation
import Testing
import TestSupport

/// Commands that read user files survive files that crash libhdf5 itself.
@Suite("Corrupt files on the command line")
struct CorruptFileTests {
    /// A 6 KB file found by `make fuzz` on which Debian's libhdf5 1.10.8 segfaults while opening.
    static var crashingFile: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/libhdf5-segfault.h5").path
    }

    @Test func aFileThatCrashesLibhdf5GivesAOneLineError() throws {
        for command in [["data", "info"], ["data", "scan"]] {
            let result = try SurrogateExecutable.run(command + [Self.crashingFile])
            #expect(result.status == 1, "\(command): \(result.errors)")
            #expect(result.errors.hasPrefix("Error: \(Self.crashingFile): corrupt HDF5 file (libhdf5 crashed"),
                    "\(command): \(result.errors)")
            #expect(result.errors.split(separator: "\n").count == 1)
        }
    }

    @Test func garbageGivesLibhdf5sOwnReasonInOneLine() throws {
        let path = try PythonPeer.temporaryDirectory().appendingPathComponent("garbage.h5").path
        try Data((0..<4096).map { UInt8($0 % 251) }).write(to: URL(fileURLWithPath: path))
        let result = try SurrogateExecutable.run(["data", "info", path])
        #expect(result.status == 1)
        #expect(result.errors.contains("\(path): not a readable HDF5 file (HDF5: "), "\(result.errors)")
        #expect(result.errors.split(separator: "\n").count == 1)
    }
}
