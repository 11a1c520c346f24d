import CHDF5
import Foundation

/// Serialised access to Debian's serial (not thread-safe) HDF5 library, with its automatic
/// error printing switched off and its error stack captured as text.
enum HDF5Library {
    /// Recursive, so that closing an object (in `deinit`) inside a locked call cannot deadlock.
    private static let lock = NSRecursiveLock()
    private static let initialised: Bool = {
        H5open()
        H5Eset_auto2(shim_H5E_DEFAULT(), nil, nil)
        return true
    }()

    /// Runs `body` holding the library lock (initialising the library on first use).
    static func call<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        _ = initialised
        return try body()
    }

    /// The current error stack as one line, innermost message last; the stack is cleared.
    /// Call while holding the lock, right after a failed call.
    static func errorStack() -> String {
        final class Lines { var items: [String] = [] }
        let lines = Lines()
        let context = Unmanaged.passUnretained(lines).toOpaque()
        H5Ewalk2(shim_H5E_DEFAULT(), H5E_WALK_DOWNWARD, { _, error, data in
            guard let error, let data else { return 0 }
            let lines = Unmanaged<Lines>.fromOpaque(data).takeUnretainedValue()
            let function = error.pointee.func_name.map { String(cString: $0) } ?? "?"
            let text = error.pointee.desc.map { String(cString: $0) } ?? ""
            lines.items.append("\(function): \(text)")
            return 0
        }, context)
        H5Eclear2(shim_H5E_DEFAULT())
        return lines.items.isEmpty ? "no HDF5 error stack" : "HDF5: " + lines.items.joined(separator: "; ")
    }
}
