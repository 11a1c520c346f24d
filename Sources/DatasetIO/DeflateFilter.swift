import CHDF5
import CISAL
import CLibDeflate
import Foundation

/// HDF5's deflate filter (id 1, what netCDF-4 compression is) served by faster deflate
/// libraries than zlib, for this process. Levels 1 and 2 (asked for speed) compress with ISA-L's
/// igzip, levels 3–9 with libdeflate, and decompression is libdeflate's. On
/// `Benchmarks/netcdf_convert.sh`'s float fields, against zlib's level 1 (33–40 MB/s, output
/// 0.676 of the input): igzip level 1 runs at 376 MB/s for 0.712, libdeflate level 3 at 71 MB/s
/// for 0.677. Every stream is standard zlib, so every reader decodes it. `surrogate convert`
/// installs it in its worker processes.
///
/// The public `H5Zregister` refuses to replace a predefined filter, so this calls the library's
/// own `H5Z_register` (exported by libhdf5 1.8 to 1.14 with the same signature), which replaces
/// a registered class of the same id. Where it is missing, zlib stays in use.
public enum DeflateFilter {
    /// Replaces the deflate filter (once per process); false when the library does not allow it.
    @discardableResult
    public static func install() -> Bool { installed }

    private typealias Register = @convention(c) (UnsafePointer<H5Z_class2_t>) -> herr_t

    private static let installed: Bool = HDF5Library.call {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "H5Z_register") else { return false }
        var filter = H5Z_class2_t(version: Int32(H5Z_CLASS_T_VERS), id: H5Z_filter_t(H5Z_FILTER_DEFLATE), encoder_present: 1,
                                  decoder_present: 1, name: UnsafePointer(strdup("deflate (ISA-L, libdeflate)")), can_apply: nil,
                                  set_local: nil, filter: deflateFilter)
        return unsafeBitCast(symbol, to: Register.self)(&filter) >= 0
    }
}

/// One compressor per level and one decompressor, made on first use (HDF5 calls filters under
/// its lock, one at a time).
nonisolated(unsafe) private var compressors = [OpaquePointer?](repeating: nil, count: 13)
nonisolated(unsafe) private var decompressor: OpaquePointer?

/// The filter function (`H5Z_func_t`): compresses `bytes` of `*buffer` at level `values[0]`
/// or on `H5Z_FLAG_REVERSE` decompresses, growing the output until it fits (up to deflate's
/// 1032:1 bound); replaces `*buffer` and returns the result's size, or 0 on failure.
private func deflateFilter(flags: UInt32, count: Int, values: UnsafePointer<UInt32>?, bytes: Int,
                          bufferSize: UnsafeMutablePointer<Int>?, buffer: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int {
    guard let bufferSize, let buffer, let input = buffer.pointee else { return 0 }
    if flags & UInt32(H5Z_FLAG_REVERSE) != 0 {
        if decompressor == nil { decompressor = libdeflate_alloc_decompressor() }
        guard let decompressor else { return 0 }
        var capacity = max(bufferSize.pointee, bytes * 4, 4096)
        let limit = bytes * 1100 + (1 << 20)
        while capacity <= limit {
            guard let output = H5allocate_memory(capacity, false) else { return 0 }
            var produced = 0
            let result = libdeflate_zlib_decompress(decompressor, input, bytes, output, capacity, &produced)
            if result == LIBDEFLATE_SUCCESS {
                H5free_memory(input)
                (buffer.pointee, bufferSize.pointee) = (output, capacity)
                return produced
            }
            H5free_memory(output)
            guard result == LIBDEFLATE_INSUFFICIENT_SPACE else { return 0 }
            capacity *= 2
        }
        return 0
    }
    let level = count > 0 ? Int(min(values?[0] ?? 6, 12)) : 6
    if level == 1 || level == 2 {
        return replace(buffer, bufferSize, capacity: bytes + bytes / 8 + 1024) { output, capacity in
            shim_isal_zlib_compress(input, bytes, output, capacity, Int32(level))
        }
    }
    if compressors[level] == nil { compressors[level] = libdeflate_alloc_compressor(Int32(level)) }
    guard let compressor = compressors[level] else { return 0 }
    return replace(buffer, bufferSize, capacity: libdeflate_zlib_compress_bound(compressor, bytes)) { output, capacity in
        libdeflate_zlib_compress(compressor, input, bytes, output, capacity)
    }
}

/// Fills a new HDF5 buffer of `capacity` bytes with `produce` (which returns the bytes written,
/// 0 on failure); on success it replaces `*buffer`, freeing the old one, and returns the count.
private func replace(_ buffer: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ bufferSize: UnsafeMutablePointer<Int>, capacity: Int,
                     _ produce: (UnsafeMutableRawPointer, Int) -> Int) -> Int {
    guard let output = H5allocate_memory(capacity, false) else { return 0 }
    let produced = produce(output, capacity)
    guard produced > 0 else {
        H5free_memory(output)
        return 0
    }
    H5free_memory(buffer.pointee)
    (buffer.pointee, bufferSize.pointee) = (output, capacity)
    return produced
}
