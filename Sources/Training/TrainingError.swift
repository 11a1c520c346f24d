/// Why a training or evaluation run could not start or had to stop; each case is one line.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case missingConfiguration(path: String)
    case invalidConfiguration(path: String, reason: String)
    case incompatibleData(path: String, reason: String)
    case incompatibleModel(reason: String)
    case nonFiniteLoss(epoch: Int, batch: Int, lastCheckpointEpoch: Int)
    case resumeMismatch(path: String, reason: String)
    case nothingToResume(path: String)

    public var description: String {
        switch self {
        case let .missingConfiguration(path): "\(path): configuration file not found"
        case let .invalidConfiguration(path, reason): "\(path): \(reason)"
        case let .incompatibleData(path, reason): "\(path): \(reason)"
        case let .incompatibleModel(reason): "the model does not fit the data: \(reason)"
        case let .nonFiniteLoss(epoch, batch, last):
            "training diverged: the loss is not finite in epoch \(epoch), batch \(batch); "
                + (last > 0 ? "the checkpoint of epoch \(last) is intact" : "no checkpoint was written yet")
        case let .resumeMismatch(path, reason): "cannot resume from \(path): \(reason)"
        case let .nothingToResume(path): "cannot resume: \(path) does not exist (start without --resume)"
        }
    }
}
