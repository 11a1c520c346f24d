// swift-tools-version:6.0
// Fuzz targets, built by `make fuzz` with `-sanitize=fuzzer,address` (libFuzzer from the Swift
// toolchain). Kept out of the main package so that normal builds are not instrumented.
import PackageDescription

let package = Package(
    name: "SurrogateFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "FuzzSimulationFile",
                          dependencies: [.product(name: "DatasetIO", package: "main")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzMeshFile",
                          dependencies: [.product(name: "MeshCore", package: "main"), .product(name: "MeshIO", package: "main")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzNetCDFFile",
                          dependencies: [.product(name: "DatasetIO", package: "main"), .product(name: "MeshCore", package: "main"),
                                         .product(name: "MeshIO", package: "main")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
