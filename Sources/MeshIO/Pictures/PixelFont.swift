import DatasetIO

/// A 5×7 pixel font for the numbers of a colour bar: digits, sign, point and exponent.
enum PixelFont {
    static let height = 7
    /// Each glyph as 7 rows of 5 pixels ("#" set).
    static let glyphs: [Character: [String]] = [
        "0": [" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "],
        "1": ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
        "2": [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
        "3": [" ### ", "#   #", "    #", "  ## ", "    #", "#   #", " ### "],
        "4": ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "],
        "5": ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "],
        "6": ["  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "],
        "7": ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "],
        "8": [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "],
        "9": [" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "],
        ".": ["     ", "     ", "     ", "     ", "     ", " ##  ", " ##  "],
        "-": ["     ", "     ", "     ", "#####", "     ", "     ", "     "],
        "+": ["     ", "  #  ", "  #  ", "#####", "  #  ", "  #  ", "     "],
        "e": ["     ", "     ", " ### ", "#   #", "#####", "#    ", " ### "],
    ]

    /// Draws `text` in black with its top-left corner at (x, y); other characters leave a gap.
    static func draw(_ text: String, x: Int, y: Int, in image: inout PNGImage) {
        for (index, character) in text.enumerated() {
            guard let rows = glyphs[character] else { continue }
            for (row, line) in rows.enumerated() {
                for (column, pixel) in line.enumerated() where pixel == "#" {
                    MeshPicture.set(x + 6 * index + column, y + row, (0, 0, 0), in: &image)
                }
            }
        }
    }
}
