import DatasetIO

/// The variables a conversion keeps: those named (or all), plus the coordinate variables of
/// their dimensions and the auxiliary coordinates and cell bounds their attributes name
/// (`coordinates`, `bounds`), so that the output stays self-describing. File order is kept.
enum VariableSelection {
    static func resolve(_ names: [String], in dataset: NetCDFDataset) throws -> [NetCDFVariable] {
        let convertible = dataset.variables.filter { $0.type.size != nil }
        guard !names.isEmpty else { return convertible }
        var wanted = Set<String>()
        for name in names {
            guard let variable = dataset.variable(name) else {
                throw ConversionError.missingVariable(path: dataset.path, name: name, available: convertible.map(\.path))
            }
            wanted.insert(variable.path)
            for dimension in variable.dimensions {
                if let coordinate = coordinate(dimension, near: variable, in: dataset) { wanted.insert(coordinate.path) }
            }
            let named = [variable.text("coordinates"), variable.text("bounds")].compactMap { $0 }
                .flatMap { $0.split(separator: " ").map(String.init) }
            for auxiliary in named {
                if let found = dataset.variable(sibling(auxiliary, of: variable)) ?? dataset.variable(auxiliary) { wanted.insert(found.path) }
            }
        }
        return convertible.filter { wanted.contains($0.path) }
    }

    /// The coordinate variable of `dimension`: in the variable's group or the nearest ancestor.
    static func coordinate(_ dimension: NetCDFDimension, near variable: NetCDFVariable, in dataset: NetCDFDataset) -> NetCDFVariable? {
        var group = variable.group
        while true {
            if let found = dataset.variables.first(where: { $0.group == group && $0.name == dimension.name && $0.isCoordinate }) {
                return found
            }
            if group == "/" { return nil }
            let parent = group[..<group.lastIndex(of: "/")!]
            group = parent.isEmpty ? "/" : String(parent)
        }
    }

    private static func sibling(_ name: String, of variable: NetCDFVariable) -> String {
        variable.group == "/" ? name : String(variable.group.dropFirst()) + "/" + name
    }
}
