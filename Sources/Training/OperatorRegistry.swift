import NeuralNetworks
import NeuralOperators

/// Code that works with any trainable base operator, called with the concrete type.
public protocol OperatorVisitor {
    associatedtype Result
    func visit<Base: TrainableOperator1d>(_ base: Base.Type) throws -> Result where Base.Scalar == Float
}

/// The base operators `surrogate train` and `surrogate evaluate` know, by configuration name.
public enum OperatorRegistry {
    public static let names = ["fno1d", "unet1d"]

    /// Calls `visitor` with the base named `name` (a configuration name, or a checkpoint's
    /// architecture id such as `fno1d-conditioned`); nil for an unknown name.
    public static func visit<Visitor: OperatorVisitor>(_ name: String, _ visitor: Visitor) throws -> Visitor.Result? {
        let base = name.hasSuffix("-conditioned") ? String(name.dropLast("-conditioned".count)) : name
        switch base {
        case "fno1d": return try visitor.visit(FNO1d<Float>.self)
        case "unet1d": return try visitor.visit(UNet1d<Float>.self)
        default: return nil
        }
    }
}
