/// A line of text as Tesseract found it (words sharing a line index), with its box.
public struct TextLine: Sendable {
    public let page: Int
    public let words: [LayoutWord]
    public let box: Box

    init?(page: Int, words: [LayoutWord]) {
        let sorted = words.sorted { $0.box.x < $1.box.x }
        guard let box = Box.union(sorted.map(\.box)) else { return nil }
        self.page = page
        self.words = sorted
        self.box = box
    }

    public var text: String { words.map(\.text).joined(separator: " ") }
    public var meanConfidence: Double {
        words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count)
    }
    /// Typical letter height: the median word height.
    public var lineHeight: Int {
        let heights = words.map(\.box.height).sorted()
        return heights.isEmpty ? 0 : heights[heights.count / 2]
    }

    /// The words from index `from` on, as a line of its own.
    func suffix(from index: Int) -> TextLine? {
        TextLine(page: page, words: Array(words[min(index, words.count)...]))
    }

    /// Words whose centre lies within [minX, maxX).
    func words(between minX: Double, and maxX: Double) -> TextLine? {
        TextLine(page: page, words: words.filter { $0.box.midX >= minX && $0.box.midX < maxX })
    }
}

/// The lines of one page in reading order (top to bottom, then left to right), with the
/// geometry the national format fixes: two header columns, a centred title block, the
/// signature block bottom-right, Nơi nhận bottom-left.
public struct PageText: Sendable {
    public let page: LayoutPage
    public let lines: [TextLine]

    public init(_ page: LayoutPage) {
        let page = Self.levelled(page)
        self.page = page
        var groups: [Int: [LayoutWord]] = [:]
        for word in page.words where !word.text.isEmpty { groups[word.line, default: []].append(word) }
        // Tesseract sometimes puts both header columns in one line: split where the gap is wide.
        var lines: [TextLine] = []
        // In line order: the sort below treats lines on one row as equal, so the order they
        // come in must not depend on the dictionary's (per process) hashing.
        for (_, words) in groups.sorted(by: { $0.key < $1.key }) {
            for piece in Self.splitAtWideGaps(words.sorted { $0.box.x < $1.box.x }, pageWidth: page.width) {
                if let line = TextLine(page: page.number, words: piece) { lines.append(line) }
            }
        }
        self.lines = Self.withoutGhosts(lines).sorted { a, b in
            abs(a.box.midY - b.box.midY) < Double(min(a.lineHeight, b.lineHeight)) * 0.5 ? a.box.x < b.box.x : a.box.midY < b.box.midY
        }
    }

    /// The lines without a second reading of one of them over itself, which Tesseract now and
    /// then returns from a block read alone ("; triển khai … dân chỉ" over "V/v triển khai …
    /// dân chủ"): of two lines on one place with nearly the same text, the better read stays.
    /// Lines that merely cross (a stamp's over the header) differ in text and both stay.
    static func withoutGhosts(_ lines: [TextLine]) -> [TextLine] {
        var dropped = Set<Int>()
        for i in lines.indices where !dropped.contains(i) {
            for j in lines.indices where j > i && !dropped.contains(j) {
                let (a, b) = (lines[i], lines[j])
                guard a.box.overlapsLine(of: b.box), VietnameseText.similarity(a.text, b.text) >= 0.7 else { continue }
                dropped.insert(a.meanConfidence >= b.meanConfidence ? j : i)
                if dropped.contains(i) { break }
            }
        }
        return lines.indices.filter { !dropped.contains($0) }.map { lines[$0] }
    }

    var width: Double { Double(page.width) }
    var height: Double { Double(page.height) }

    /// Lines whose centre lies in the given fractions of the page.
    func lines(x: ClosedRange<Double> = 0...1, y: ClosedRange<Double> = 0...1) -> [TextLine] {
        lines.filter { x.contains($0.box.midX / width) && y.contains($0.box.midY / height) }
    }

    /// The page with its text lines level. Boxes are on the upright page, which the scanner
    /// may have fed a degree or two askew: lines then climb or fall across the page, and the
    /// gaps between them (which end a summary, a header) shrink. The slope of Tesseract's own
    /// lines tells the skew; shearing the words by it levels them while moving no word by
    /// more than the skew itself.
    static func levelled(_ page: LayoutPage) -> LayoutPage {
        var byLine: [Int: [LayoutWord]] = [:]
        for word in page.words { byLine[word.line, default: []].append(word) }
        var slopes: [Double] = []
        for words in byLine.values where words.count >= 4 {
            let sorted = words.sorted { $0.box.x < $1.box.x }
            guard let first = sorted.first, let last = sorted.last, last.box.midX - first.box.midX > Double(page.width) / 4 else { continue }
            // Bottoms, not centres: a tone mark raises a word's top but not its baseline.
            let n = Double(sorted.count)
            let xs = sorted.map(\.box.midX), ys = sorted.map { Double($0.box.maxY) }
            let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
            let sxx = zip(xs, xs).map { ($0 - mx) * ($1 - mx) }.reduce(0, +)
            let sxy = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
            if sxx > 0 { slopes.append(sxy / sxx) }
        }
        guard slopes.count >= 3 else { return page }
        let slope = slopes.sorted()[slopes.count / 2]
        guard abs(slope) > 0.002, abs(slope) < 0.1 else { return page }
        let centre = Double(page.width) / 2
        var levelled = page
        levelled.words = page.words.map { word in
            var word = word
            word.box.y -= Int((slope * (word.box.midX - centre)).rounded())
            return word
        }
        return levelled
    }

    private static func splitAtWideGaps(_ words: [LayoutWord], pageWidth: Int) -> [[LayoutWord]] {
        guard var current = words.first.map({ [$0] }) else { return [] }
        var pieces: [[LayoutWord]] = []
        for word in words.dropFirst() {
            // From the word reaching furthest right: a speck inside a long word ("Nguyễn *")
            // ends before it.
            let previous = current.max { $0.box.maxX < $1.box.maxX }!
            let gap = word.box.x - previous.box.maxX
            let height = max(previous.box.height, word.box.height, 1)
            if gap > max(height * 4, pageWidth / 25) {
                pieces.append(current)
                current = [word]
            } else {
                current.append(word)
            }
        }
        pieces.append(current)
        return pieces
    }
}
