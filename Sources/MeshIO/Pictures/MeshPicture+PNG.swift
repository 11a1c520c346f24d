import DatasetIO
import Foundation

extension MeshPicture {
    /// The PNG file: cells filled by scanline (pixel centres inside the polygon, even–odd rule),
    /// edges drawn one pixel wide, the colour bar with its range in a 5×7 pixel font; the title
    /// and range also go into `tEXt` chunks.
    static func png(_ layout: Layout) -> Data {
        var image = PNGImage(width: Int(width), height: Int(layout.height.rounded(.up)))
        for (polygon, fill) in zip(layout.polygons, layout.fills) { fillPolygon(polygon, fill, in: &image) }
        for polygon in layout.polygons {
            for (a, b) in zip(polygon, polygon.dropFirst() + polygon.prefix(1)) { drawLine(a, b, strokeColour, in: &image) }
        }
        var text = [(keyword: "Software", value: "surrogate mesh plot")]
        if layout.hasColourBar {
            let (x, top, bottom) = layout.bar
            let (left, upper, lower) = (Int(x), Int(top), Int(bottom))
            for y in upper...lower {
                let colour = Viridis.colour(Double(lower - y) / Double(max(lower - upper, 1)))
                for column in left..<(left + 16) { set(column, y, colour, in: &image) }
            }
            for (a, b) in [((x, top), (x + 16, top)), ((x + 16, top), (x + 16, bottom)), ((x + 16, bottom), (x, bottom)), ((x, bottom), (x, top))] {
                drawLine(SIMD2(a.0, a.1), SIMD2(b.0, b.1), strokeColour, in: &image)
            }
            PixelFont.draw(rangeLabel(layout.high), x: left + 20, y: upper, in: &image)
            PixelFont.draw(rangeLabel(layout.low), x: left + 20, y: lower - PixelFont.height, in: &image)
            text += [("Title", layout.title), ("Comment", "colour range \(rangeLabel(layout.low)) to \(rangeLabel(layout.high))")]
        }
        return image.data(text: text)
    }

    /// Sets every pixel whose centre lies inside `polygon` (even–odd rule, half-open edges).
    static func fillPolygon(_ polygon: [SIMD2<Double>], _ colour: RGB, in image: inout PNGImage) {
        let ys = polygon.map(\.y)
        let first = max(0, Int((ys.min()! - 0.5).rounded(.up))), last = min(image.height - 1, Int((ys.max()! - 0.5).rounded(.down)))
        guard first <= last else { return }
        for row in first...last {
            let centre = Double(row) + 0.5
            var crossings = [Double]()
            for (a, b) in zip(polygon, polygon.dropFirst() + polygon.prefix(1)) where (a.y <= centre) != (b.y <= centre) {
                crossings.append(a.x + (centre - a.y) / (b.y - a.y) * (b.x - a.x))
            }
            crossings.sort()
            for pair in stride(from: 0, to: crossings.count - 1, by: 2) {
                let start = max(0, Int((crossings[pair] - 0.5).rounded(.up)))
                let end = min(image.width - 1, Int((crossings[pair + 1] - 0.5).rounded(.up)) - 1)
                if start <= end { for column in start...end { image[column, row] = colour } }
            }
        }
    }

    /// A one-pixel line from `a` to `b` (a step per pixel along the longer axis).
    static func drawLine(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ colour: RGB, in image: inout PNGImage) {
        let steps = max(1, Int(max(abs(b.x - a.x), abs(b.y - a.y)).rounded(.up)))
        for step in 0...steps {
            let p = a + (b - a) * (Double(step) / Double(steps))
            set(Int(p.x.rounded(.down)), Int(p.y.rounded(.down)), colour, in: &image)
        }
    }

    static func set(_ x: Int, _ y: Int, _ colour: RGB, in image: inout PNGImage) {
        if x >= 0, y >= 0, x < image.width, y < image.height { image[x, y] = colour }
    }
}
