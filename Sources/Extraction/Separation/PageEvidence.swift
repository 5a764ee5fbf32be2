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
    /// The first-page header block: `Số: …/…` or `V/v` line, or upper-case agency lines at the top left.
    public var agencyHeader: Bool
    /// The page number printed alone at the top centre (continuation pages: 2, 3, …).
    public var topPageNumber: Int?
    /// Words recognised on the page.
    public var wordCount: Int
    /// A short centred mark alone above the text, seen in the ink (a page number OCR missed).
    public var topPageNumberMark: Bool = false
    /// The place-date line of the header (`Hà Nội, ngày … tháng … năm …`) in the right column.
    public var placeDateLine: Bool = false
    /// Rows at the top written in two columns with a wide gap in the middle (the header:
    /// agency left, national title right), from the OCR words or the ink, whichever saw more.
    public var twoColumnRows: Int = 0

    public init(blank: Bool, nationalMotto: Bool = false, agencyHeader: Bool = false,
                topPageNumber: Int? = nil, wordCount: Int = 0, topPageNumberMark: Bool = false,
                placeDateLine: Bool = false, twoColumnRows: Int = 0) {
        self.blank = blank
        self.nationalMotto = nationalMotto
        self.agencyHeader = agencyHeader
        self.topPageNumber = topPageNumber
        self.wordCount = wordCount
        self.topPageNumberMark = topPageNumberMark
        self.placeDateLine = placeDateLine
        self.twoColumnRows = twoColumnRows
    }

    public static let blankPage = PageEvidence(blank: true)

    // MARK: weighing

    /// Weight of each cue for "this is the first page of a document" (Phụ lục I layout);
    /// cues against it (a page number at the top centre) weigh negative.
    public enum Weight {
        public static let motto = 3.0
        public static let header = 2.0
        public static let placeDate = 1.5
        public static let twoColumns = 2.0      // two or more rows; one row counts half
        public static let noPageNumber = 0.5
        public static let pageNumber = -4.0     // read by OCR
        public static let pageNumberMark = -2.5 // seen in the ink only
        /// A page scoring at least this looks like a first page.
        public static let threshold = 2.5
    }

    /// The cues weighed together: positive for a first page, negative for a continuation page.
    public var firstPageScore: Double {
        guard !blank else { return 0 }
        var score = 0.0
        if nationalMotto { score += Weight.motto }
        if agencyHeader { score += Weight.header }
        if placeDateLine { score += Weight.placeDate }
        if twoColumnRows >= 2 { score += Weight.twoColumns } else if twoColumnRows == 1 { score += Weight.twoColumns / 2 }
        if topPageNumber != nil {
            score += Weight.pageNumber
        } else if topPageNumberMark {
            score += Weight.pageNumberMark
        } else {
            score += Weight.noPageNumber
        }
        return score
    }

    /// Looks like the first page of a Vietnamese administrative document (Phụ lục I).
    public var looksLikeFirstPage: Bool {
        !blank && firstPageScore >= Weight.threshold
    }

    /// Looks like a continuation page: a page number at the top centre outweighing any
    /// first-page cue.
    public var looksLikeContinuation: Bool {
        !blank && (topPageNumber != nil || topPageNumberMark) && !looksLikeFirstPage
    }

    enum CodingKeys: String, CodingKey {
        case blank, nationalMotto = "national_motto", agencyHeader = "agency_header"
        case topPageNumber = "top_page_number", wordCount = "word_count", topPageNumberMark = "top_page_number_mark"
        case placeDateLine = "place_date_line", twoColumnRows = "two_column_rows"
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
        let top = legible.filter { Double($0.y) < h * 0.3 }
        return PageEvidence(
            blank: false,
            nationalMotto: mottoFound(in: top, height: h),
            agencyHeader: headerFound(in: top, width: w, height: h),
            topPageNumber: pageNumber(in: legible, width: w, height: h),
            wordCount: legible.count,
            placeDateLine: placeDateFound(in: top, width: w, height: h),
            twoColumnRows: twoColumnRows(in: top, width: w, height: h))
    }

    // MARK: rules

    static let title = Array("CONGHOAXAHOICHUNGHIAVIETNAM")
    static let motto = Array("DOCLAPTUDOHANHPHUC")

    /// The national title in capitals (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`; a body sentence
    /// naming the republic is in lower case), or the motto (`Độc lập - Tự do - Hạnh phúc`), in
    /// the top quarter of the page. Matched letter by letter, allowing OCR errors (about one
    /// letter in four for the title, one in five for the motto), across word breaks.
    static func mottoFound(in words: [SeparationWord], height: Double) -> Bool {
        let ordered = words.filter { Double($0.y) < height * 0.25 }.sorted { ($0.line, $0.x) < ($1.line, $1.x) }
        let capitals = ordered.filter { word in
            let letters = word.text.filter(\.isLetter)
            return !letters.isEmpty && Double(letters.filter(\.isUppercase).count) / Double(letters.count) >= 0.5
        }
        if fuzzyDistance(of: title, in: letters(of: capitals)) <= 7 { return true }
        return fuzzyDistance(of: motto, in: letters(of: ordered)) <= 4
    }

    /// `Số: 12/QĐ-UBND` (or `V/v …`) starting a line in the left column, or upper-case agency
    /// words at the top left.
    static func headerFound(in words: [SeparationWord], width: Double, height: Double) -> Bool {
        let byLine = Dictionary(grouping: words.filter { Double($0.y) < height * 0.3 }, by: \.line)
        for (_, line) in byLine {
            let sorted = line.sorted { $0.x < $1.x }
            guard let first = sorted.first, Double(first.x) < width * 0.4 else { continue }
            if isNumberLabel(first.text, next: sorted.dropFirst().first?.text) { return true }
            if fold(first.text).hasPrefix("V/V") && Double(first.y) > height * 0.08 { return true }
        }
        // Agency lines: capitals in the left column, clear of anything to their right; not a
        // numbered section heading of the body ("II. NHIỆM VỤ").
        var agency = 0
        for (_, line) in byLine {
            let sorted = line.sorted { $0.x < $1.x }
            guard let first = sorted.first, Double(first.y) < height * 0.16 else { continue }
            let core = first.text.filter { $0.isLetter || $0.isNumber }
            if first.text.hasSuffix(".") || first.text.hasSuffix(")"),
               !core.isEmpty, core.allSatisfy({ "IVXLC0123456789".contains($0) }) { continue }
            let left = sorted.filter { Double($0.x + $0.width) < width * 0.5 }
            if let last = left.last, let next = sorted.first(where: { $0.x > last.x + last.width }),
               Double(next.x - (last.x + last.width)) < width * 0.05 { continue }
            agency += left.filter {
                $0.text.count >= 2 && $0.text == $0.text.uppercased() && $0.text.contains { $0.isLetter }
            }.count
        }
        return agency >= 3
    }

    /// `Số:` as OCR reads it (`Số:`, `S6:`, `Sé:`, `Số` + `12/QĐ-UBND`): a capital S and at
    /// most one more letter or digit, then a colon or a number with a slash.
    static func isNumberLabel(_ text: String, next: String?) -> Bool {
        guard text.first == "S" || text.first == "$" else { return false }
        let core = text.prefix { $0 != ":" }.filter { $0.isLetter || $0.isNumber }
        let tail = text.drop { $0 != ":" }
        if core.count <= 2 && !tail.isEmpty {
            // "Số:12/QĐ-UBND" in one word, or the number as the next word.
            return tail.contains("/") || tail.contains("-") || (next.map { $0.contains("/") || $0.contains("-") } ?? false)
                || tail.count == 1 && next != nil
        }
        return core.count <= 2 && (next.map { $0.contains("/") } ?? false)
    }

    /// `Hà Nội, ngày 12 tháng 3 năm 2024` in the right column of the header: `ngày`,
    /// `tháng` and `năm` (each with at most one OCR error) on one line, right of the middle,
    /// after at most four words of a place name.
    static func placeDateFound(in words: [SeparationWord], width: Double, height: Double) -> Bool {
        for (_, line) in Dictionary(grouping: words, by: \.line) {
            let sorted = line.sorted { $0.x < $1.x }
            let folded = sorted.map { fold($0.text).filter { $0.isLetter } }
            guard let day = folded.firstIndex(where: { near($0, "NGAY") }),
                  folded[day...].contains(where: { near($0, "THANG") }),
                  folded[day...].contains(where: { near($0, "NAM") }),
                  Double(sorted[day].x) > width * 0.45 else { continue }
            // The date phrase starts the right column: a wide gap (or the line start) at most
            // four words before `ngày`.
            let startsColumn = (max(0, day - 4)...day).contains { i in
                i == 0 ? Double(sorted[0].x) > width * 0.45
                    : Double(sorted[i].x - (sorted[i - 1].x + sorted[i - 1].width)) > width * 0.05
            }
            if startsColumn { return true }
        }
        return false
    }

    /// Rows opening the page written in two columns: words on both sides of a blank gap of at
    /// least 3.5 % of the page width (word spaces of justified text
    /// stay under 2 %) whose middle is in the middle of the page. Rows are made
    /// from word boxes that overlap vertically (OCR may split a row into two lines).
    static func twoColumnRows(in words: [SeparationWord], width: Double, height: Double) -> Int {
        let topWords = words.filter { Double($0.y) < height * 0.25 && $0.text.filter(\.isLetter).count >= 2 }
            .sorted { $0.y < $1.y }
        var rows: [[SeparationWord]] = []
        for word in topWords {
            let mid = Double(word.y) + Double(word.height) / 2
            if let i = rows.lastIndex(where: { row in
                row.contains { Double($0.y) <= mid && mid <= Double($0.y + $0.height) }
            }) {
                rows[i].append(word)
            } else {
                rows.append([word])
            }
        }
        // Only the rows that open the page count: under a line of body text across the page,
        // two columns are a signature block or a table, not the header.
        var count = 0
        for row in rows.sorted(by: { $0.map(\.y).min()! < $1.map(\.y).min()! }) {
            let sorted = row.sorted { $0.x < $1.x }
            if sorted.count >= 2 && hasColumnGap(sorted, width: width) {
                count += 1
            } else if crossesMiddle(minX: Double(sorted[0].x) / width,
                                    maxX: Double(sorted.map { $0.x + $0.width }.max()!) / width) {
                break
            }
        }
        return count
    }

    static func hasColumnGap(_ sorted: [SeparationWord], width: Double) -> Bool {
        var reach = sorted[0].x + sorted[0].width
        for word in sorted.dropFirst() {
            let gap = Double(word.x - reach), centre = Double(word.x + reach) / 2
            if gap >= width * 0.035 && centre > width * 0.3 && centre < width * 0.7 { return true }
            reach = max(reach, word.x + word.width)
        }
        return false
    }

    /// A line of one column running from the left part of the page across its middle: body
    /// text. (Header lines keep to their column; the national title starts right of 0.35.)
    static func crossesMiddle(minX: Double, maxX: Double) -> Bool {
        minX < 0.35 && maxX > 0.55
    }

    /// The same count from the ink lines at the top (`TopLine`s, first to last, extents as
    /// fractions of the page width): two-column lines before the first line of body text,
    /// the page number skipped.
    public static func leadingTwoColumnLines(_ lines: [(twoColumns: Bool, minX: Double, maxX: Double)]) -> Int {
        var count = 0
        for line in lines {
            if line.twoColumns { count += 1 } else if crossesMiddle(minX: line.minX, maxX: line.maxX) { break }
        }
        return count
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

    // MARK: text helpers

    static func tokens(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Upper case without diacritics, đ → D: "Hòa" → "HOA".
    static func fold(_ text: String) -> String {
        let base = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
        return base.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
    }

    /// The letters of the words, folded, in order, without spaces: OCR splits and joins words.
    static func letters(of words: [SeparationWord]) -> [Character] {
        Array(words.map { fold($0.text).filter(\.isLetter) }.joined())
    }

    /// Within one edit of `target` (folded letters).
    static func near(_ folded: String, _ target: String) -> Bool {
        !folded.isEmpty && fuzzyDistance(of: Array(target), in: Array(folded)) <= 1 && abs(folded.count - target.count) <= 1
    }

    /// Fewest edits (insert, delete, substitute one letter) that make `pattern` appear somewhere
    /// in `text` (approximate substring match, Sellers' algorithm).
    public static func fuzzyDistance(of pattern: [Character], in text: [Character]) -> Int {
        guard !pattern.isEmpty else { return 0 }
        guard !text.isEmpty else { return pattern.count }
        // column[i]: best cost of matching pattern[..<i] ending at the current text position.
        var column = Array(0...pattern.count)
        var best = column[pattern.count]
        for c in text {
            var diagonal = column[0]   // previous column, row i - 1
            column[0] = 0              // the match may start anywhere
            for i in 1...pattern.count {
                let above = column[i]
                column[i] = min(diagonal + (pattern[i - 1] == c ? 0 : 1), above + 1, column[i - 1] + 1)
                diagonal = above
            }
            best = min(best, column[pattern.count])
        }
        return best
    }
}
