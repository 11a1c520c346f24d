import DatasetIO
import Foundation
import MeshCore
import MeshIO

/// libFuzzer entry: the bytes are a netCDF file (classic, 64-bit offset, CDF-5 or netCDF-4).
/// Opening must end in a dataset or a thrown `DatasetError`; every variable of a dataset that
/// opens is then read and CF-decoded (up to a bounded size), never crashing or hanging; and the
/// same file read as an Exodus II mesh ends in a mesh or a thrown `MeshIOError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNetCDFFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = "/dev/shm/surrogate-fuzz-\(getpid()).nc"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)) else { return 0 }
    defer { unlink(path) }
    if let mesh = try? MeshFile.read(path, family: .exodus), (try? mesh.validate()) != nil, mesh.cellCount <= 100_000 {
        _ = mesh.tanglingReport()
    }
    guard let dataset = try? NetCDFDataset.open(path) else { return 0 }
    for variable in dataset.variables where variable.count <= 1 << 20 {
        if variable.type.isNumeric {
            _ = try? dataset.readDecoded(variable)
        } else if variable.type == .char || variable.type == .string {
            _ = try? dataset.readStrings(variable)
        }
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzer(_ argc: UnsafeMutablePointer<Int32>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The executable's entry point (SwiftPM links `main` to `<target>_main`): hands control to
/// libFuzzer's driver, linked from the toolchain's `fuzzer_no_main` runtime.
@_cdecl("FuzzNetCDFFile_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzer(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzNetCDFFile(data, size)
    }
}
