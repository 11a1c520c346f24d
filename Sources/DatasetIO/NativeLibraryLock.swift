/// The one lock around Debian's serial HDF5 library, for other modules that call C libraries
/// built on it (netCDF-4 reads and writes HDF5 files through the same, not thread-safe, libhdf5).
public enum NativeLibraryLock {
    /// Runs `body` holding the lock that every HDF5 call of `DatasetIO` holds (recursive).
    public static func run<R>(_ body: () throws -> R) rethrows -> R {
        try HDF5Library.call(body)
    }
}
