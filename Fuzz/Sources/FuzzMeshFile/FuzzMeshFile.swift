import Foundation
import MeshCore
import MeshIO

/// libFuzzer entry: the first byte picks a reader (Gmsh, VTK legacy, VTU, XDMF with inline
/// data), the rest is the file. Decoding must end in a mesh or a thrown `MeshIOError`, never a
/// crash, a hang or an out-of-bounds read; a mesh that decodes is validated and measured.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMeshFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let families: [MeshFileFormat.Family] = [.gmsh, .vtk, .vtu, .xdmf]
    let family = families[Int(data[0]) % families.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    // XDMF may name HDF5 files: resolve them in a folder that holds none.
    guard let mesh = try? MeshFile.decode(bytes, family: family, path: "/dev/shm/surrogate-fuzz-none/mesh") else { return 0 }
    if (try? mesh.validate()) != nil, mesh.cellCount <= 100_000 {
        _ = mesh.tanglingReport()
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzer(_ argc: UnsafeMutablePointer<Int32>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The executable's entry point (SwiftPM links `main` to `<target>_main`): hands control to
/// libFuzzer's driver, linked from the toolchain's `fuzzer_no_main` runtime.
@_cdecl("FuzzMeshFile_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzer(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzMeshFile(data, size)
    }
}
