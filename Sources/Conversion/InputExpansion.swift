import Foundation

/// Input arguments to files: a glob pattern (expanded here, so quoted patterns work and long
/// lists do not hit the shell's limits) or a directory (its `*.nc`, `*.nc4`, `*.cdf` files),
/// each expanded in name order, or a path; the arguments' order is kept (it is the order of a
/// concatenation) and repeats are dropped.
enum InputExpansion {
    static let extensions: Set<String> = ["nc", "nc4", "cdf", "netcdf"]

    static func files(_ patterns: [String]) throws -> [String] {
        var files = [String]()
        for pattern in patterns {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: pattern, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    let names = try FileManager.default.contentsOfDirectory(atPath: pattern)
                    files += names.filter { extensions.contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }.sorted()
                        .map { URL(fileURLWithPath: pattern).appendingPathComponent($0).path }
                } else {
                    files.append(pattern)
                }
                continue
            }
            var matches = glob_t()
            defer { globfree(&matches) }
            guard glob(pattern, 0, nil, &matches) == 0 else {
                files.append(pattern)  // reported as missing by its job
                continue
            }
            for index in 0..<Int(matches.gl_pathc) {
                if let path = matches.gl_pathv[index] { files.append(String(cString: path)) }
            }
        }
        var seen = Set<String>()
        return files.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }
}
