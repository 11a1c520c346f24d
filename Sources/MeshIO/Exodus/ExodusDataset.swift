import DatasetIO
import Foundation

/// The netCDF file under an Exodus II mesh, read through `DatasetIO`'s netCDF reader, with
/// the lookups the Exodus reader needs and its errors as `MeshIOError`s naming the variable.
struct ExodusDataset {
    let path: String
    let dataset: NetCDFDataset
    private let dimensionLengths: [String: Int]

    init(path: String) throws {
        self.path = path
        do { dataset = try NetCDFDataset.open(path) } catch DatasetError.fileNotFound {
            throw MeshIOError.fileNotFound(path: path)
        } catch let DatasetError.notNetCDF(_, detail) {
            throw MeshIOError.unknownFormat(path: path, reason: "not a readable netCDF file (\(detail))")
        } catch {
            throw MeshIOError.unknownFormat(path: path, reason: "not a readable netCDF file (\(Self.reason(error)))")
        }
        dimensionLengths = Dictionary(dataset.dimensions.map { ($0.name, $0.length) }, uniquingKeysWith: { first, _ in first })
    }

    /// The length of root dimension `name`, or nil when there is none.
    func dimension(_ name: String) -> Int? { dimensionLengths[name] }

    /// Root variable `name`, or nil.
    func variable(_ name: String) -> NetCDFVariable? { dataset.variable(name) }

    func shape(_ name: String) throws -> [Int] { try required(name).shape }

    /// Elements `start ..< start + count` (per axis) of variable `name`, or all of it.
    func doubles(_ name: String, start: [Int]? = nil, count: [Int]? = nil) throws -> [Double] {
        let variable = try required(name)
        let slab = start.map { Hyperslab(start: $0, count: count ?? variable.shape) }
        return try reading(name) { try dataset.readDoubles(variable, slab) }
    }

    /// Like `doubles`, as integers (reals are truncated; NaN or a value beyond ±2⁵³ is an error).
    func integers(_ name: String) throws -> [Int] {
        let values = try doubles(name)
        if let bad = values.firstIndex(where: { !($0.magnitude <= 0x1p53) }) {
            throw MeshIOError.malformed(path: path, at: .entry(variable: name, index: bad), reason: "\(values[bad]) is not an index")
        }
        return values.map { Int($0) }
    }

    /// The rows of a 2-D char variable (names padded with NULs), trimmed of spaces.
    func strings(_ name: String) throws -> [String] {
        let variable = try required(name)
        guard variable.shape.count == 2 else {
            throw MeshIOError.malformed(path: path, at: .variable(name), reason: "expected a 2-D char array, found shape \(variable.shape)")
        }
        return try reading(name) { try dataset.readStrings(variable) }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Text attribute `attribute` of variable `name`.
    func text(attribute: String, of name: String) -> String? { variable(name)?.text(attribute) }

    private func required(_ name: String) throws -> NetCDFVariable {
        guard let variable = variable(name) else { throw MeshIOError.malformed(path: path, at: .variable(name), reason: "missing") }
        return variable
    }

    private func reading<T>(_ name: String, _ read: () throws -> T) throws -> T {
        do { return try read() } catch {
            throw MeshIOError.malformed(path: path, at: .variable(name), reason: Self.reason(error))
        }
    }

    /// A `DatasetError`'s message without the file's path (the `MeshIOError` names it).
    private static func reason(_ error: any Error) -> String {
        switch error {
        case let DatasetError.inconsistent(_, _, reason): reason
        case let DatasetError.readFailed(_, _, detail), let DatasetError.notNetCDF(_, detail): detail
        case let DatasetError.nonNumeric(_, _, type): "holds \(type), not numbers"
        default: "\(error)"
        }
    }
}
