import Foundation
import Testing
import MeshIO
import MeshCore
import TestSupport

/// meshio (PyPI, in .venv) against us, both ways, for every variant both support: we write and
/// meshio reads; meshio writes and we read. A mesh with all 15 cell types, data and tags.
@Suite("Mesh files with meshio")
struct MeshioInteropTests {
    static let script = """
    import sys, json, numpy as np, meshio
    mode, directory, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    def array(a):
        a = np.asarray(a)
        return {"int": bool(a.dtype.kind in "iu"), "components": 1 if a.ndim == 1 else int(a.shape[1]),
                "values": a.reshape(-1).tolist()}
    def dump(m):
        return {"points": np.asarray(m.points, float).reshape(-1).tolist(), "dim": int(m.points.shape[1]),
                "cells": [{"type": c.type, "data": c.data.reshape(-1).tolist()} for c in m.cells],
                "point_data": {k: array(v) for k, v in m.point_data.items()},
                "cell_data": {k: [array(x) for x in v] for k, v in m.cell_data.items()},
                "field_data": {k: array(v) for k, v in m.field_data.items()}}
    if mode == "read":
        for name in names:
            json.dump(dump(meshio.read(f"{directory}/{name}")), open(f"{directory}/{name}.json", "w"))
    else:
        # meshio's VTK writer pads 2-component point data in place: every write gets a fresh copy.
        fresh = lambda: meshio.read(f"{directory}/seed.vtu")
        full = fresh()
        # meshio 5.3.5 with numpy >= 2 writes ASCII Gmsh data values as 'np.float64(…)' (FORMATS.md):
        # its ASCII Gmsh files carry the tags only.
        tags = meshio.Mesh(full.points, full.cells, point_data={"gmsh:dim_tags": full.point_data["gmsh:dim_tags"]},
                           cell_data={k: v for k, v in full.cell_data.items() if k.startswith("gmsh:")},
                           field_data=full.field_data)
        for version in ("2.2", "4.1"):
            for binary in (False, True):
                v = version.replace(".", "")
                meshio.gmsh.write(f"{directory}/meshio-gmsh{v}-{'binary' if binary else 'ascii'}.msh",
                                  fresh() if binary else tags, fmt_version=version, binary=binary)
                meshio.vtk.write(f"{directory}/meshio-vtk{v.replace('22', '42').replace('41', '51')}-{'binary' if binary else 'ascii'}.vtk",
                                 fresh(), fmt_version=version.replace("2.2", "4.2").replace("4.1", "5.1"), binary=binary)
        meshio.vtu.write(f"{directory}/meshio-vtu-ascii.vtu", fresh(), binary=False)
        meshio.vtu.write(f"{directory}/meshio-vtu-base64.vtu", fresh(), binary=True, compression=None)
        meshio.vtu.write(f"{directory}/meshio-vtu-zlib.vtu", fresh(), binary=True, compression="zlib")
    """

    /// What meshio reads from the files `names` of `directory`, in order.
    static func readWithMeshio(_ names: [String], in directory: URL) throws -> [Mesh] {
        _ = try PythonPeer.run(script, arguments: ["read", directory.path] + names)
        return try names.map { try mesh(json: directory.appendingPathComponent($0 + ".json").path) }
    }

    /// Writes `mesh` as `seed.vtu` (ASCII) in `directory` and runs `python` there (`sys.argv[1]`
    /// is the directory), for meshio to read the seed and write its own files.
    static func meshioWrites(_ mesh: Mesh, in directory: URL, _ python: String) throws {
        try MeshFile.write(mesh, to: directory.appendingPathComponent("seed.vtu").path, format: .vtuAscii)
        _ = try PythonPeer.run(python, arguments: [directory.path])
    }

    /// A mesh from the JSON dump of a meshio mesh.
    static func mesh(json path: String) throws -> Mesh {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        func array(_ any: Any) -> DataArray {
            let entry = any as! [String: Any]
            let values = entry["values"] as! [NSNumber]
            let components = entry["components"] as! Int
            return entry["int"] as! Bool ? DataArray(ints: values.map(\.intValue), components: components)
                : DataArray(doubles: values.map(\.doubleValue), components: components)
        }
        let cells = (object["cells"] as! [[String: Any]]).map {
            CellBlock(type: CellType(rawValue: $0["type"] as! String)!, connectivity: ($0["data"] as! [NSNumber]).map(\.intValue))
        }
        return Mesh(dimension: object["dim"] as! Int, points: (object["points"] as! [NSNumber]).map(\.doubleValue), cellBlocks: cells,
                    pointData: (object["point_data"] as! [String: Any]).mapValues(array),
                    cellData: (object["cell_data"] as! [String: [Any]]).mapValues { $0.map(array) },
                    fieldData: (object["field_data"] as! [String: Any]).mapValues(array))
    }

    /// What to leave out of a comparison for a variant (named as our formats are).
    static func comparison(_ variant: String) -> (ignoring: Set<String>, realData: Bool, fieldData: Bool) {
        let data: Set = ["u", "velocity", "label", "pressure"]
        switch variant {
        case "gmsh41-binary": return ([], true, true)
        case "gmsh22-binary": return (["gmsh:dim_tags"], true, true)
        case "gmsh41-ascii": return (data, true, true)
        case "gmsh22-ascii": return (data.union(["gmsh:dim_tags"]), true, true)
        // meshio pads 2-component point data to 3 in VTK legacy, and writes no field data to VTK or VTU.
        case let name where name.hasPrefix("vtk"): return (["gmsh:dim_tags"], false, false)
        default: return ([], false, false)
        }
    }

    @Test func weWriteEveryVariantAndMeshioReadsTheSameMesh() throws {
        let directory = try PythonPeer.temporaryDirectory()
        let mesh = MeshCatalogue.mesh(CellType.allCases)
        let formats = MeshFileFormat.allCases.filter { [.gmsh, .vtk, .vtu].contains($0.family) }
        let names = formats.map { "ours-\($0.rawValue).\($0.family.fileExtension)" }
        for (format, name) in zip(formats, names) {
            try MeshFile.write(mesh, to: directory.appendingPathComponent(name).path, format: format)
        }
        _ = try PythonPeer.run(Self.script, arguments: ["read", directory.path] + names)
        for (format, name) in zip(formats, names) {
            let read = try Self.mesh(json: directory.appendingPathComponent(name + ".json").path)
            var (ignoring, realData, _) = Self.comparison(format.rawValue)
            ignoring.subtract(["u", "velocity", "label", "pressure"])
            if format.family == .vtk { ignoring.remove("gmsh:dim_tags") }
            // meshio 5.3.5 swaps the values of equally sized appended FieldData arrays between
            // names (our reader reads them back right: see the round trips).
            let fieldData = format.family != .vtk && ![.vtuAppended, .vtuAppendedZlib].contains(format)
            let difference = MeshComparison.difference(read, mesh, ignoring: ignoring, realData: realData, fieldData: fieldData)
            #expect(difference == nil, "meshio reading \(name): \(difference ?? "")")
        }
    }

    @Test func meshioWritesEveryVariantAndWeReadTheSameMesh() throws {
        let directory = try PythonPeer.temporaryDirectory()
        let mesh = MeshCatalogue.mesh(CellType.allCases)
        try MeshFile.write(mesh, to: directory.appendingPathComponent("seed.vtu").path, format: .vtuAscii)
        _ = try PythonPeer.run(Self.script, arguments: ["write", directory.path])
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("meshio-") }.sorted()
        #expect(written.count == 11)
        for name in written {
            let variant = String(name.dropFirst("meshio-".count).prefix { $0 != "." })
            let read = try MeshFile.read(directory.appendingPathComponent(name).path)
            let (ignoring, realData, fieldData) = Self.comparison(variant)
            let difference = MeshComparison.difference(read, mesh, ignoring: ignoring, realData: realData, fieldData: fieldData)
            #expect(difference == nil, "reading meshio's \(name): \(difference ?? "")")
            #expect(MeshComparison.misplacedNode(read) == nil, "\(name)")
        }
    }
}
