/// The OCR layout extraction reads: words with boxes on upright pages. Its own value types,
/// so that extraction stays pure Swift (no Tesseract, no pixels) and testable on layouts
/// written by hand.
public struct Box: Codable, Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var midX: Double { Double(x) + Double(width) / 2 }
    public var midY: Double { Double(y) + Double(height) / 2 }

    /// Whether the centre of `other` lies in this box (edges included).
    public func containsCentre(of other: Box) -> Bool {
        Double(x) <= other.midX && other.midX <= Double(maxX) && Double(y) <= other.midY && other.midY <= Double(maxY)
    }

    /// Whether this region's top or bottom edge runs through `other`, leaving more than a
    /// third of its height outside.
    public func cuts(_ other: Box) -> Bool {
        3 * (y - other.y) > other.height || 3 * (other.maxY - maxY) > other.height
    }

    /// Whether `other` stands over this box as a reading of the same text: the two overlap
    /// across, and down by more than half the shorter one's height (the same line, not the
    /// lines above or below), and neither is over twice the other's height (not a speck).
    public func overlapsLine(of other: Box) -> Bool {
        let across = min(maxX, other.maxX) - max(x, other.x)
        let down = min(maxY, other.maxY) - max(y, other.y)
        let (shorter, taller) = (min(height, other.height), max(height, other.height))
        return across > 0 && down * 2 > shorter && shorter * 2 >= taller
    }

    /// The smallest box holding all of `boxes`.
    public static func union(_ boxes: [Box]) -> Box? {
        guard let first = boxes.first else { return nil }
        var minX = first.x, minY = first.y, maxX = first.maxX, maxY = first.maxY
        for b in boxes.dropFirst() {
            minX = min(minX, b.x); minY = min(minY, b.y)
            maxX = max(maxX, b.maxX); maxY = max(maxY, b.maxY)
        }
        return Box(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    public var asArray: [Int] { [x, y, width, height] }
}

public struct LayoutWord: Codable, Hashable, Sendable {
    public var text: String
    public var box: Box
    /// 0–100 as Tesseract reports it.
    public var confidence: Double
    public var block: Int
    public var line: Int

    public init(text: String, box: Box, confidence: Double, block: Int = 0, line: Int = 0) {
        self.text = text
        self.box = box
        self.confidence = confidence
        self.block = block
        self.line = line
    }
}

/// One upright page: its size in pixels and the words OCR found on it.
public struct LayoutPage: Codable, Sendable {
    /// 1-based.
    public var number: Int
    public var width: Int
    public var height: Int
    public var dpi: Int
    public var words: [LayoutWord]

    public init(number: Int, width: Int, height: Int, dpi: Int, words: [LayoutWord]) {
        self.number = number
        self.width = width
        self.height = height
        self.dpi = dpi
        self.words = words
    }
}
