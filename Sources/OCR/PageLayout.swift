import Foundation

/// A rectangle in page pixels, origin at the top-left corner, y growing downwards.
public struct PixelBox: Codable, Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var midX: Double { Double(x) + Double(width) / 2 }
    public var midY: Double { Double(y) + Double(height) / 2 }

    /// The smallest box holding both.
    func union(_ other: PixelBox) -> PixelBox {
        let x0 = min(x, other.x), y0 = min(y, other.y)
        return PixelBox(x: x0, y: y0, width: max(x + width, other.x + other.width) - x0,
                        height: max(y + height, other.y + other.height) - y0)
    }

    /// Grown by `margin` pixels on every side (not clamped).
    func expanded(by margin: Int) -> PixelBox {
        PixelBox(x: x - margin, y: y - margin, width: width + 2 * margin, height: height + 2 * margin)
    }
}

public struct RecognizedWord: Codable, Hashable, Sendable {
    public var text: String
    public var box: PixelBox
    /// Tesseract's word confidence, 0–100.
    public var confidence: Double
    /// Block index within the page, in Tesseract's reading order, from 0.
    public var block: Int
    /// Line index unique within the page (not restarted per block), from 0.
    public var line: Int

    public init(text: String, box: PixelBox, confidence: Double, block: Int, line: Int) {
        self.text = text
        self.box = box
        self.confidence = confidence
        self.block = block
        self.line = line
    }
}

/// What OCR found on one page, in the coordinates of the upright page.
public struct PageLayout: Codable, Sendable {
    /// Size of the upright (turned, not deskewed) page in pixels, and its resolution.
    public var width: Int
    public var height: Int
    public var dpi: Int
    /// Degrees clockwise the stored image was turned to stand upright.
    public var rotation: Int
    /// Clockwise degrees the upright page was turned for OCR (see `PreparedPage.skewAngle`).
    public var skewAngle: Double
    /// Boxes in upright page coordinates.
    public var words: [RecognizedWord]
    /// 0–100.
    public var meanConfidence: Double
    /// Reading order: words of a line joined by spaces, lines by "\n", blocks separated by
    /// a blank line.
    public var text: String

    public init(width: Int, height: Int, dpi: Int, rotation: Int, skewAngle: Double,
                words: [RecognizedWord], meanConfidence: Double) {
        self.width = width
        self.height = height
        self.dpi = dpi
        self.rotation = rotation
        self.skewAngle = skewAngle
        self.words = words
        self.meanConfidence = meanConfidence
        self.text = Self.readingText(of: words)
    }

    /// Joins words in the order Tesseract gave them, which is its reading order.
    public static func readingText(of words: [RecognizedWord]) -> String {
        var text = ""
        var previous: RecognizedWord?
        for word in words {
            if let previous {
                if word.block != previous.block {
                    text += "\n\n"
                } else if word.line != previous.line {
                    text += "\n"
                } else {
                    text += " "
                }
            }
            text += word.text
            previous = word
        }
        return text
    }
}
