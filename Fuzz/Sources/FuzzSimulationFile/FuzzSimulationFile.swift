import DatasetIO
import Foundation

/// libFuzzer entry: the input bytes are written as an HDF5 file and opened as a simulation
/// data set; every metadata path and a small read must end in a value or a thrown error, never
/// a crash. Reads larger than a million values are skipped (they are bounded by the file's own
/// claims, not by the fuzzer's memory limit).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSimulationFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = "/dev/shm/surrogate-fuzz-\(getpid()).h5"
    FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    defer { unlink(path) }
    if let file = try? HDF5File.open(path) {
        _ = try? file.attributes(named: SimulationDataset.knownAttributes)
        _ = try? file.childNames()
    }
    guard let dataset = try? SimulationDataset(path: path) else { return 0 }
    _ = dataset.parameters
    let count = min(dataset.sampleCount, 2)
    if dataset.outputShape(samples: count).reduce(1, &*) <= 1_000_000 {
        _ = try? dataset.read(samples: 0..<count)
    }
    if dataset.outputShape(samples: count, timeStride: 3, spaceStride: 2).reduce(1, &*) <= 1_000_000 {
        _ = try? dataset.read(samples: 0..<count, timeStride: 3, spaceStride: 2)
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzer(_ argc: UnsafeMutablePointer<Int32>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The executable's entry point (SwiftPM links `main` to `<target>_main`): hands control to
/// libFuzzer's driver, linked from the toolchain's `fuzzer_no_main` runtime.
@_cdecl("FuzzSimulationFile_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzer(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzSimulationFile(data, size)
    }
}
