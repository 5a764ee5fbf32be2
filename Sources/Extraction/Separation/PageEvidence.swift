import Foundation

/// A word as OCR found it on an upright page: pixel box, origin top-left.
public struct SeparationWord: Sendable, Hashable {
    public var text: String
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    /// Line index within the page (words of one text line share it).
    public var line: Int

    public init(text: String, x: Int, y: Int, width: Int, height: Int, line: Int) {
        self.text = text
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.line = line
    }
}

/// What the splitter needs to know about one page of a stack.
public struct PageEvidence: Sendable, Hashable, Codable {
    /// Nothing written on it (duplex back, separator sheet): dropped from the documents.
    public var blank: Bool
    /// `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` / `Độc lập - Tự do - Hạnh phúc` near the top.
    public var nationalMotto: Bool
    /// The first-page header block: `Số: …/…` line or upper-case agency lines at the top left.
    public var agencyHeader: Bool
    /// The page number printed alone at the top centre (continuation pages: 2, 3, …).
    public var topPageNumber: Int?
    /// Words recognised on the page.
    public var wordCount: Int
    /// A short centred mark alone above the text, seen in the ink (a page number OCR missed).
    public var topPageNumberMark: Bool = false

    public init(blank: Bool, nationalMotto: Bool = false, agencyHeader: Bool = false,
                topPageNumber: Int? = nil, wordCount: Int = 0) {
        self.blank = blank
        self.nationalMotto = nationalMotto
        self.agencyHeader = agencyHeader
        self.topPageNumber = topPageNumber
        self.wordCount = wordCount
    }

    public static let blankPage = PageEvidence(blank: true)

    /// Looks like the first page of a Vietnamese administrative document (Phụ lục I).
    public var looksLikeFirstPage: Bool {
        !blank && (nationalMotto || (agencyHeader && topPageNumber == nil && !topPageNumberMark))
    }

    /// Looks like a continuation page: a page number at the top centre and no motto.
    public var looksLikeContinuation: Bool {
        !blank && (topPageNumber != nil || topPageNumberMark) && !nationalMotto
    }

    enum CodingKeys: String, CodingKey {
        case blank, nationalMotto = "national_motto", agencyHeader = "agency_header"
        case topPageNumber = "top_page_number", wordCount = "word_count", topPageNumberMark = "top_page_number_mark"
    }

    /// Reads the evidence from the words of an upright page. `blank` comes from the ink
    /// measurement; a page on which OCR found almost nothing legible is blank as well.
    /// `inkMarks`: character-sized marks the ink measurement counted; a page with many of
    /// them is never called blank, even when OCR read nothing (turned the wrong way, say).
    public static func read(words: [SeparationWord], width: Int, height: Int, blank: Bool,
                            inkMarks: Int = 0) -> PageEvidence {
        let legible = words.filter { $0.text.contains { $0.isLetter || $0.isNumber } }
        if blank || (legible.count < 3 && inkMarks < 150) {
            return PageEvidence(blank: true, wordCount: legible.count)
        }
        let h = Double(height), w = Double(width)
        let top = legible.filter { Double($0.y) < h * 0.28 }
        return PageEvidence(
            blank: false,
            nationalMotto: mottoFound(in: top, height: h),
            agencyHeader: headerFound(in: top, width: w, height: h),
            topPageNumber: pageNumber(in: legible, width: w, height: h),
            wordCount: legible.count)
    }

    // MARK: rules

    static let titlePairs = ["CONG HOA", "XA HOI", "CHU NGHIA", "VIET NAM"]
    static let mottoPairs = ["DOC LAP", "TU DO", "HANH PHUC"]

    /// The national title in capitals on one line (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`; a
    /// body sentence naming the republic is in lower case), or the motto line
    /// (`Độc lập - Tự do - Hạnh phúc`): at least two of their word pairs on one line, in the
    /// top fifth of the page.
    static func mottoFound(in words: [SeparationWord], height: Double) -> Bool {
        let byLine = Dictionary(grouping: words.filter { Double($0.y) < height * 0.2 }, by: \.line)
        for (_, line) in byLine {
            let sorted = line.sorted { $0.x < $1.x }
            let raw = sorted.flatMap { tokens($0.text) }
            let folded = " " + raw.map(fold).joined(separator: " ") + " "
            let letters = raw.joined().filter(\.isLetter)
            let capitals = !letters.isEmpty && Double(letters.filter(\.isUppercase).count) / Double(letters.count) > 0.8
            let title = titlePairs.filter { folded.contains(" \($0) ") }.count
            let motto = mottoPairs.filter { folded.contains(" \($0) ") }.count
            if (capitals && title >= 2) || motto >= 2 { return true }
        }
        return false
    }

    /// `Số: 12/QĐ-UBND` in the header area, or upper-case agency words at the top left.
    static func headerFound(in words: [SeparationWord], width: Double, height: Double) -> Bool {
        let byLine = Dictionary(grouping: words, by: \.line)
        for (_, line) in byLine {
            let sorted = line.sorted { $0.x < $1.x }
            guard let first = sorted.first, Double(first.x) < width * 0.55 else { continue }
            let folded = fold(first.text)
            if folded.hasPrefix("SO:") || folded == "SO" || folded == "SO:" {
                if sorted.dropFirst().contains(where: { $0.text.contains("/") || $0.text.contains("-") })
                    || first.text.contains("/") { return true }
            }
        }
        let agency = words.filter {
            Double($0.y) < height * 0.16 && Double($0.x + $0.width) < width * 0.5
                && $0.text.count >= 2 && $0.text == $0.text.uppercased() && $0.text.contains { $0.isLetter }
        }
        return agency.count >= 3
    }

    /// A number 2–999 standing alone on its line, centred, above the rest of the text.
    static func pageNumber(in words: [SeparationWord], width: Double, height: Double) -> Int? {
        let byLine = Dictionary(grouping: words, by: \.line)
        let candidates = words.filter { word in
            let cx = Double(word.x) + Double(word.width) / 2
            return Double(word.y) < height * 0.13 && abs(cx - width / 2) < width * 0.09
        }
        for word in candidates.sorted(by: { $0.y < $1.y }) {
            let digits = word.text.filter(\.isNumber)
            let others = word.text.filter { !$0.isNumber && !"-–.,·'\"".contains($0) }
            guard !digits.isEmpty, digits.count <= 3, others.isEmpty, let value = Int(String(digits)), value >= 2 else { continue }
            // Alone on its line (OCR may put stray specks beside it).
            let line = byLine[word.line] ?? []
            let neighbours = line.filter { $0 != word && $0.text.contains { $0.isLetter || $0.isNumber } }
            if neighbours.count > 0 { continue }
            // Nothing legible above it.
            let above = words.filter { $0.y + $0.height < word.y && $0.text.filter { $0.isLetter }.count >= 2 }
            if above.count > 1 { continue }
            return value
        }
        return nil
    }

    static func tokens(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Upper case without diacritics, đ → D: "Hòa" → "HOA".
    static func fold(_ text: String) -> String {
        let base = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
        return base.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
    }
}
