import DatasetIO
import Foundation
import TensorCore

/// A picture of rollouts as space-time images (x across, t down): one row per sample with the
/// truth, the prediction and the absolute error, written as SVG with the images embedded as PNG.
/// Truth and prediction share one colour scale per sample; the error has its own.
public struct SpaceTimeFigure {
    public var title: String
    /// `[N, T, c, X]`; channel 0 is drawn.
    public var truth: Tensor<Float>
    public var prediction: Tensor<Float>
    /// Which samples to draw.
    public var samples: [Int]

    public init(title: String, truth: Tensor<Float>, prediction: Tensor<Float>, samples: [Int]) {
        (self.title, self.truth, self.prediction, self.samples) = (title, truth, prediction, samples)
    }

    /// The image of `field` `[T, X]` scaled from `range`.
    static func image(_ field: [[Float]], range: ClosedRange<Double>) -> PNGImage {
        var image = PNGImage(width: field[0].count, height: field.count)
        let span = max(range.upperBound - range.lowerBound, 1e-12)
        for (t, row) in field.enumerated() {
            for (x, value) in row.enumerated() { image[x, t] = Viridis.colour((Double(value) - range.lowerBound) / span) }
        }
        return image
    }

    /// Frames `[T, X]` of channel 0 of `sample`.
    static func frames(_ tensor: Tensor<Float>, sample: Int) -> [[Float]] {
        let field = tensor.sliced(axis: 0, sample..<(sample + 1)).sliced(axis: 2, 0..<1).copied()
        let (steps, points) = (tensor.shape[1], tensor.shape[3])
        let scalars = field.scalars
        return (0..<steps).map { Array(scalars[($0 * points)..<(($0 + 1) * points)]) }
    }

    public var svg: String {
        let (steps, points) = (truth.shape[1], truth.shape[3])
        let scale = max(1, 240 / max(points, steps))
        let (panelWidth, panelHeight) = (points * scale, steps * scale)
        let (gap, rowHeight) = (20, panelHeight + 48)
        let width = 3 * panelWidth + 4 * gap
        var body = [String]()
        body.append("<text x=\"\(gap)\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(Self.escape(title))</text>")
        for (row, sample) in samples.enumerated() {
            let top = 40 + row * rowHeight
            let truthFrames = Self.frames(truth, sample: sample), predictedFrames = Self.frames(prediction, sample: sample)
            let values = (truthFrames + predictedFrames).joined().map(Double.init)
            let range = (values.min() ?? 0)...(values.max() ?? 1)
            let error = zip(truthFrames, predictedFrames).map { zip($0, $1).map { abs($0 - $1) } }
            let errorMax = error.joined().map(Double.init).max() ?? 1
            let panels: [(String, PNGImage)] = [
                (String(format: "sample %d: truth  [%.3g, %.3g]", sample, range.lowerBound, range.upperBound),
                 Self.image(truthFrames, range: range)),
                ("prediction (same scale)", Self.image(predictedFrames, range: range)),
                (String(format: "|error|  [0, %.3g]", errorMax), Self.image(error, range: 0...max(errorMax, 1e-12))),
            ]
            for (column, (label, image)) in panels.enumerated() {
                let left = gap + column * (panelWidth + gap)
                body.append("<text x=\"\(left)\" y=\"\(top + 14)\" font-size=\"12\">\(Self.escape(label))</text>")
                body.append("<image x=\"\(left)\" y=\"\(top + 20)\" width=\"\(panelWidth)\" height=\"\(panelHeight)\" "
                    + "preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" "
                    + "href=\"data:image/png;base64,\(image.data().base64EncodedString())\"/>")
            }
        }
        let height = 40 + samples.count * rowHeight + 20
        body.append("<text x=\"\(gap)\" y=\"\(height - 6)\" font-size=\"11\">x → across, t ↓ down (first row: first predicted "
            + "frame); colour map viridis</text>")
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" font-family=\"sans-serif\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body.joined(separator: "\n") + "\n</svg>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
