import Foundation
import TensorCore

/// Picks OpenBLAS's kernel for this CPU.
///
/// Debian's OpenBLAS 0.3.21 does not recognise recent AVX-512 Xeons and falls back to its SSE3
/// `Prescott` kernel (about 5× slower). OpenBLAS reads its kernel choice only from the
/// environment at load time, so when the CPU has AVX-512F, nobody has set
/// `OPENBLAS_CORETYPE`, and the library chose Prescott, the process re-executes itself once
/// with `OPENBLAS_CORETYPE=SKYLAKEX`. A machine that sets the variable keeps its choice;
/// `SURROGATE_KEEP_BLAS_KERNEL=1` turns the selection off.
enum BLASKernel {
    static func selectBestKernel() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, environment["SURROGATE_KEEP_BLAS_KERNEL"] == nil,
              BLASInfo.coreName.lowercased() == "prescott", cpuHasAVX512F() else { return }
        setenv("OPENBLAS_CORETYPE", "SKYLAKEX", 1)
        setenv("SURROGATE_KEEP_BLAS_KERNEL", "1", 1)
        var arguments = CommandLine.arguments.map { strdup($0) }
        arguments.append(nil)
        execv("/proc/self/exe", &arguments)
        // execv returned: keep running on the default kernel.
    }

    private static func cpuHasAVX512F() -> Bool {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
        return cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").contains("avx512f") ?? false
    }
}
