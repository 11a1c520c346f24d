import COpenBLAS
import CFFTW3

/// Which numerical libraries this process runs on, for logs and `surrogate info`.
public enum BLASInfo {
    /// OpenBLAS's build configuration, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH ... Prescott`.
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// The kernel OpenBLAS selected for this CPU (`Prescott`, `Haswell`, `SkylakeX`, …).
    public static var coreName: String { String(cString: openblas_get_corename()) }

    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    public static func setThreadCount(_ count: Int) { openblas_set_num_threads(Int32(count)) }

    /// FFTW's version string.
    public static var fftwVersion: String { String(cString: shim_fftwf_version()) }

    /// One line for logs.
    public static var summary: String {
        "BLAS: \(configuration) (kernel \(coreName), \(threadCount) threads); FFT: \(fftwVersion)"
    }
}
