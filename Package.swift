// swift-tools-version:6.0
import PackageDescription

/// Release builds serialise every function of our numerical modules for cross-module
/// inlining, so that generic `Tensor<Float>` code called from another module is specialised.
let numericSettings: [SwiftSetting] = [
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "Surrogate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "surrogate", targets: ["surrogate"]),
        .library(name: "TensorCore", targets: ["TensorCore"]),
        .library(name: "Autodiff", targets: ["Autodiff"]),
        .library(name: "NeuralNetworks", targets: ["NeuralNetworks"]),
        .library(name: "Optimizers", targets: ["Optimizers"]),
        .library(name: "NeuralOperators", targets: ["NeuralOperators"]),
        .library(name: "ModelStore", targets: ["ModelStore"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "DatasetIO", targets: ["DatasetIO"]),
        .library(name: "MeshCore", targets: ["MeshCore"]),
        .library(name: "MeshIO", targets: ["MeshIO"]),
        .library(name: "Conversion", targets: ["Conversion"]),
        .library(name: "Training", targets: ["Training"]),
        .library(name: "Serving", targets: ["Serving"]),
        .library(name: "HTTPServer", targets: ["HTTPServer"]),
        .library(name: "GRPCServer", targets: ["GRPCServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // Layer 0: system-library shims (module map + header only).
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5", pkgConfig: "hdf5",
                       providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "CNetCDF", path: "Sources/CNetCDF", pkgConfig: "netcdf",
                       providers: [.apt(["libnetcdf-dev"])]),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibDeflate", path: "Sources/CLibDeflate", pkgConfig: "libdeflate",
                       providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CISAL", path: "Sources/CISAL", pkgConfig: "libisal",
                       providers: [.apt(["libisal-dev"])]),
        .systemLibrary(name: "CFFTW3", path: "Sources/CFFTW3", pkgConfig: "fftw3f",
                       providers: [.apt(["libfftw3-dev"])]),

        // Vectorised elementwise kernels (C, cloned per instruction set and chosen at load time).
        .target(name: "CVectorMath", path: "Sources/CVectorMath",
                cSettings: [.unsafeFlags(["-O3"], .when(configuration: .release))]),

        // Layer 1-2: tensors and reverse-mode differentiation.
        .target(name: "TensorCore",
                dependencies: ["COpenBLAS", "CFFTW3", "CVectorMath", .product(name: "RealModule", package: "swift-numerics")],
                swiftSettings: numericSettings),
        .target(name: "Autodiff", dependencies: ["TensorCore"], swiftSettings: numericSettings),

        // Layer 3: layers and optimisers.
        .target(name: "NeuralNetworks", dependencies: ["TensorCore", "Autodiff"], swiftSettings: numericSettings),
        .target(name: "Optimizers", dependencies: ["TensorCore", "Autodiff", "NeuralNetworks", "CVectorMath",
                                           .product(name: "RealModule", package: "swift-numerics")],
                swiftSettings: numericSettings),

        // Layer 3: classical solvers (training data and oracles) and simulation files.
        .target(name: "Simulation", dependencies: ["TensorCore"], swiftSettings: numericSettings),
        .target(name: "DatasetIO", dependencies: ["TensorCore", "CHDF5", "CNetCDF", "CLibDeflate", "CISAL"], swiftSettings: numericSettings),

        // Layer 2-3: meshes in meshio's data model, and their file formats.
        .target(name: "MeshCore"),
        .target(name: "MeshIO", dependencies: ["MeshCore", "CZlib", "DatasetIO"]),

        // Layer 4: batch conversion of netCDF files (netCDF, PDEBench HDF5, VTU) in worker processes.
        .target(name: "Conversion", dependencies: ["DatasetIO", "TensorCore", "MeshCore", "MeshIO"]),

        // Layer 4: neural operators.
        .target(name: "NeuralOperators", dependencies: ["TensorCore", "Autodiff", "NeuralNetworks", "CVectorMath"],
                swiftSettings: numericSettings),

        // Layer 5: models on disk.
        .target(name: "ModelStore", dependencies: ["TensorCore", "NeuralNetworks", "NeuralOperators", "DatasetIO"]),

        // Layer 6: training runs and evaluation over simulation files.
        .target(name: "Training", dependencies: ["TensorCore", "Autodiff", "NeuralNetworks", "NeuralOperators", "Optimizers",
                                         "ModelStore", "DatasetIO"],
                swiftSettings: numericSettings),

        // Layer 7: the inference server's transport-independent core.
        .target(name: "Serving", dependencies: ["TensorCore", "Training", "CZlib"], swiftSettings: numericSettings),

        // Layer 8: the Open Inference Protocol over HTTP (TCP and Unix domain sockets).
        .target(name: "HTTPServer", dependencies: [
            "Serving",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),

        // Layer 8: the same protocol over gRPC (Triton's `inference.GRPCInferenceService`). The
        // generated code is committed; Protos/generate.sh regenerates it.
        .target(name: "InferenceProtocol", dependencies: [
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ], exclude: ["Protos"]),
        .target(name: "GRPCServer", dependencies: [
            "Serving", "InferenceProtocol",
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),

        // Executable.
        .executableTarget(name: "surrogate", dependencies: [
            "TensorCore", "Autodiff", "NeuralNetworks", "Optimizers", "NeuralOperators", "ModelStore", "DatasetIO", "Simulation", "Training", "CVectorMath",
            "Serving", "HTTPServer", "GRPCServer", "CHDF5", "CNetCDF", "MeshCore", "MeshIO", "Conversion",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: numericSettings),

        // Test support and tests.
        .target(name: "TestSupport", dependencies: ["TensorCore", "Autodiff", "NeuralNetworks", "Optimizers"]),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "TestSupport"]),
        .testTarget(name: "AutodiffTests", dependencies: ["TensorCore", "Autodiff", "TestSupport"]),
        .testTarget(name: "NeuralNetworksTests",
                    dependencies: ["TensorCore", "Autodiff", "NeuralNetworks", "Optimizers", "NeuralOperators", "TestSupport"]),
        .testTarget(name: "OptimizersTests", dependencies: ["TensorCore", "Autodiff", "Optimizers", "TestSupport"]),
        .testTarget(name: "ModelStoreTests",
                    dependencies: ["TensorCore", "NeuralNetworks", "NeuralOperators", "ModelStore", "TestSupport"]),
        .testTarget(name: "SystemLibrariesTests", dependencies: ["CHDF5", "CNetCDF", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["TensorCore", "Simulation"]),
        .testTarget(name: "NeuralOperatorsTests",
                    dependencies: ["TensorCore", "Autodiff", "NeuralNetworks", "NeuralOperators", "Optimizers", "ModelStore",
                                   "TestSupport"]),
        .testTarget(name: "CommandLineTests", dependencies: ["DatasetIO", "Simulation", "MeshCore", "MeshIO", "TestSupport"]),
        .testTarget(name: "TrainingTests",
                    dependencies: ["TensorCore", "NeuralOperators", "ModelStore", "DatasetIO", "Simulation", "Training",
                                   "TestSupport"]),
        .testTarget(name: "ServingTests",
                    dependencies: ["TensorCore", "NeuralOperators", "ModelStore", "Serving", "TestSupport"]),
        .testTarget(name: "HTTPServerTests",
                    dependencies: ["TensorCore", "NeuralNetworks", "NeuralOperators", "ModelStore", "Serving", "TestSupport"]),
        .testTarget(name: "MeshCoreTests", dependencies: ["MeshCore"]),
        .testTarget(name: "MeshIOTests", dependencies: ["MeshCore", "MeshIO", "TestSupport"]),
        .testTarget(name: "DatasetIOTests", dependencies: ["TensorCore", "DatasetIO", "Simulation", "TestSupport"]),
        .testTarget(name: "ConversionTests", dependencies: ["DatasetIO", "Conversion", "TestSupport"]),
    ]
)
