import Foundation

/// A word's baseline on the page, in points, y up: where its invisible glyphs start, which
/// way they run, how long the run is and how tall (the font size).
struct PDFWordPlacement {
    let x: Double
    let y: Double
    let cos: Double
    let sin: Double
    let length: Double
    let size: Double

    /// `word.x/y/width/height` is the upright axis-aligned box around the possibly slanted
    /// word; this recovers the slanted rectangle (baseline length × height) inside it so the
    /// text covers exactly the word's ink area.
    init(_ word: PDFWord, scale: Double, pageHeight: Double) {
        let minX = Double(word.x) * scale
        let minY = pageHeight - Double(word.y + word.height) * scale
        let boxWidth = Double(word.width) * scale, boxHeight = Double(word.height) * scale
        let radians = word.angle * .pi / 180
        cos = Foundation.cos(radians)
        sin = Foundation.sin(radians)
        let s = abs(sin), det = cos * cos - s * s
        var length = boxWidth, height = boxHeight
        if s > 1e-6, det > 0.1 {
            let l = (boxWidth * cos - boxHeight * s) / det, h = (boxHeight * cos - boxWidth * s) / det
            if l > 0, h > 0 { (length, height) = (l, h) }
        }
        self.length = length
        self.size = height
        // Rising text starts at the bottom edge, falling text at the left edge.
        x = sin > 0 ? minX + height * sin : minX
        y = sin < 0 ? minY + length * s : minY
    }
}

/// The invisible text of a page (render mode 3): each word stretched (Tz) over its box and
/// followed by a space that fills the gap to the next word of the line, so extracted and
/// copied text reads as words separated by spaces.
struct PDFTextLayer {
    let fontResource: String
    let scale: Double
    let pageHeight: Double

    func content(for words: [PDFWord]) -> String {
        let visible = words.filter { !GlyphlessFont.codes(for: $0.text).isEmpty && $0.width > 0 && $0.height > 0 }
        guard !visible.isEmpty else { return "" }
        let placements = visible.map { PDFWordPlacement($0, scale: scale, pageHeight: pageHeight) }
        var out = "BT\n3 Tr\n"
        let halfEm = Double(GlyphlessFont.glyphWidth) / 1000
        for (i, word) in visible.enumerated() {
            let p = placements[i]
            let codes = GlyphlessFont.codes(for: word.text)
            let n = PDFSyntax.number
            out += "\(fontResource) \(n(p.size)) Tf\n"
            out += "\(n(p.cos)) \(n(p.sin)) \(n(-p.sin)) \(n(p.cos)) \(n(p.x)) \(n(p.y)) Tm\n"
            out += "\(n(100 * p.length / (Double(codes.count) * halfEm * p.size))) Tz\n"
            out += "<\(hex(codes))> Tj\n"
            if i + 1 < visible.count, Self.sameLine(word, visible[i + 1]) {
                let next = placements[i + 1]
                let endX = p.x + p.length * p.cos, endY = p.y + p.length * p.sin
                let gap = (next.x - endX) * p.cos + (next.y - endY) * p.sin
                let spaceWidth = max(gap, 0.1 * p.size)
                out += "\(n(100 * spaceWidth / (halfEm * p.size))) Tz\n<0020> Tj\n"
            }
        }
        return out + "ET\n"
    }

    /// The next word continues the line when its middle is level with this word and it
    /// lies further right.
    static func sameLine(_ word: PDFWord, _ next: PDFWord) -> Bool {
        let middle = next.y + next.height / 2
        return middle >= word.y && middle <= word.y + word.height && next.x > word.x
    }

    private func hex(_ codes: [UInt16]) -> String {
        PDFSyntax.hex(codes.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    }
}
