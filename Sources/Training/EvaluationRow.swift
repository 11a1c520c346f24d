import Foundation

/// One file's scores from `RolloutEvaluation`: the PDEBench metrics of full rollouts.
public struct EvaluationRow: Codable, Sendable {
    public var file: String
    public var parameters: [String: Double]
    /// Whether the file's parameter values were among the training files'.
    public var seen: Bool
    /// Whether a parameter value lies outside the range of the training values, so that the
    /// model extrapolates (nil when the model does not record its training values).
    public var extrapolated: Bool?
    public var samples: Int
    public var rmse, nRMSE, cRMSE, bRMSE, maxError, fRMSELow, fRMSEMid, fRMSEHigh: Double

    /// The rows as a Markdown table; extrapolated rows are marked and explained below it.
    public static func markdown(_ rows: [EvaluationRow]) -> String {
        var lines = ["| file | parameters | seen | samples | nRMSE | RMSE | cRMSE | bRMSE | max error | fRMSE low | fRMSE mid | fRMSE high |",
                     "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for row in rows {
            let parameters = row.parameters.keys.sorted().map { "\($0) = \(row.parameters[$0]!)" }.joined(separator: ", ")
            let seen = row.seen ? "yes" : row.extrapolated == true ? "no, extrapolated" : "no"
            lines.append(String(format: "| %@ | %@ | %@ | %d | %.4f | %.3e | %.3e | %.3e | %.3e | %.3e | %.3e | %.3e |",
                                row.file, parameters, seen, row.samples, row.nRMSE, row.rmse, row.cRMSE, row.maxError, row.fRMSELow, row.fRMSEMid, row.fRMSEHigh))
        }
        if rows.contains(where: { $0.extrapolated == true }) {
            lines += ["", "extrapolated: a parameter value lies outside the range of the values the model was trained on."]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
