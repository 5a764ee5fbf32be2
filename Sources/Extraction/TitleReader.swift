import Foundation

/// Reads the document type and the summary (trích yếu): the centred bold heading
/// (`QUYẾT ĐỊNH`) with the summary under it, or — for a Công văn, which has no heading —
/// the `V/v …` lines under the number in the left column.
struct TitleReader {
    struct Reading {
        var type: DocumentType
        var summary: String?
        var headingLine: TextLine?
        var summaryLines: [TextLine]
        var headingQuality: Double
        var summaryQuality: Double
    }

    func read(_ page: PageText, below top: Double) -> Reading? {
        let lines = page.lines.filter { $0.box.midY > top && $0.box.midY < page.height * 0.6 }
        // A heading: a centred line that reads as one of the type names.
        let rows = Self.joiningRows(lines)
        var decisions: Reading?
        for (index, line) in rows.enumerated() {
            // Centred: the heading's own words, without a stamp's specks on the row.
            guard let (type, similarity, centre) = Self.matchHeading(line), abs(centre - page.width / 2) < page.width * 0.2 else { continue }
            let summaryLines = Self.summaryLines(after: index, in: rows, page: page)
            let summary = Self.summaryText(summaryLines)
            let reading = Reading(
                type: type, summary: summary.isEmpty ? nil : summary, headingLine: line, summaryLines: summaryLines,
                headingQuality: similarity * line.meanConfidence / 100,
                summaryQuality: Self.quality(summaryLines))
            // "QUYẾT ĐỊNH:" over Điều 1, after the bases, is the decision's own, not the
            // document's heading under the number (a speck may end that one: "BÁO CÁO:"). The
            // document's was lost: its summary is the centred "Về việc …" above, or else what
            // Điều 1 decides.
            if line.words.last(where: { $0.text.contains(where: \.isLetter) })?.text.hasSuffix(":") == true,
               line.box.midY - top >= page.height * 0.15 {
                decisions = decisions ?? reading
                continue
            }
            return reading
        }
        if let decisions {
            return readAbout(page, below: top, type: decisions.type) ?? decisions
        }
        // A Công văn: "V/v …" in the left column; the label may stand as a line of its own.
        let region = Self.joiningLoneLabels(lines)
        for (index, line) in region.enumerated() where line.box.midX < page.width * 0.5 {
            // The left column only: a stamp's words may follow on the row.
            guard let rest = Self.afterVv(line).flatMap({ $0.words(between: 0, and: page.width * 0.5) }) else { continue }
            var lines = [rest]
            for next in region[(index + 1)...] {
                // The summary keeps to the left column; "Kính gửi" and the body cross its edge. A
                // stamp's strokes read as a line of garbage across it (under 40 % confidence) do not.
                if Double(next.box.x) < page.width * 0.45, Double(next.box.maxX) > page.width * 0.56 {
                    if next.meanConfidence < 40 { continue }
                    break
                }
                // Specks of the stamps and the seal on the right are no reason to stop.
                guard let left = next.words(between: 0, and: page.width * 0.5),
                      left.words.contains(where: { $0.text.contains(where: \.isLetter) || $0.text.contains(where: \.isNumber) }) else { continue }
                let gap = Double(left.box.y - lines.last!.box.maxY)
                if gap > Double(max(left.lineHeight, 16)) * 1.5 || Self.startsBody(left) { break }
                // An urgency or secrecy mark stamped under the summary (THƯỢNG KHẨN) is not part of it.
                if VietnameseText.uppercaseRatio(left.text) > 0.8, left.text.filter(\.isLetter).count >= 3,
                   !left.text.contains(where: \.isNumber), MarkReader.namesAMark(left.text) { break }
                lines.append(left)
            }
            let summary = Self.summaryText(lines)
            return Reading(type: .congVan, summary: summary.isEmpty ? nil : summary, headingLine: nil,
                           summaryLines: lines, headingQuality: 0.9, summaryQuality: Self.quality(lines))
        }
        return nil
    }

    /// A Công văn whose `V/v` label OCR lost (noise, a stamp): the left column's lines under
    /// the number, up to "Kính gửi" or the body. The symbol said Công văn; the summary is
    /// less sure than a labelled one.
    func readUnlabelled(_ page: PageText, below top: Double) -> Reading? {
        let region = Self.joiningRows(page.lines.filter { $0.box.midY > top && $0.box.midY < page.height * 0.45 })
        var lines: [TextLine] = []
        for line in region {
            if Double(line.box.x) < page.width * 0.45, Double(line.box.maxX) > page.width * 0.56 { break }
            guard let left = line.words(between: 0, and: page.width * 0.5),
                  left.text.filter(\.isLetter).count >= 3 else { continue }
            if Self.startsBody(left) { break }
            if Self.inCapitals(left) { break }
            if let last = lines.last, Double(left.box.y - last.box.maxY) > Double(max(left.lineHeight, 16)) * 1.5 { break }
            lines.append(left)
        }
        guard !lines.isEmpty, lines.count <= 4 else { return nil }
        // A label after a speck ("' V/v chuẩn bị …"): the summary is what follows it.
        if let label = lines[0].words.prefix(2).firstIndex(where: { Self.isVvLabel($0.text) }) {
            guard let rest = lines[0].suffix(from: label + 1) else { return nil }
            lines[0] = rest
        }
        return Self.withoutHeading(.congVan, lines: lines)
    }

    /// A titled document whose heading OCR lost (the symbol tells its `type`): its summary is
    /// the centred "Về việc …" under where the heading stood, or else the first centred line of
    /// small letters right under it ("Tổ chức các hoạt động …": a plan's summary has no label),
    /// not the body's. Less sure than under a heading.
    func readAbout(_ page: PageText, below top: Double, type: DocumentType) -> Reading? {
        var rows = Self.joiningRows(page.lines.filter { $0.box.midY > top && $0.box.midY < page.height * 0.45 })
        let centred = { (line: TextLine) in abs(line.box.midX - page.width / 2) < page.width * 0.2 }
        let labelled = rows.indices.lazy.compactMap { i in centred(rows[i]) ? Self.fromAboutLabel(rows[i]).map { (i, $0) } : nil }.first
        if let (i, line) = labelled { rows[i] = line }
        let index = labelled?.0
            ?? rows.firstIndex { line in
                // Centred closely: the date line, right of the centre, shares the number's row.
                line.box.midY - top < page.height * 0.12 && abs(line.box.midX - page.width / 2) < page.width * 0.08 && line.words.count >= 3
                    && line.meanConfidence >= 60 && VietnameseText.uppercaseRatio(line.text) < 0.5
                    && line.words.first?.text.first?.isUppercase == true && !Self.startsBody(line)
            }
        guard let index else { return nil }
        return Self.withoutHeading(type, lines: [rows[index]] + Self.summaryLines(after: index, in: rows, page: page, continuing: true))
    }

    /// A line from its "Về việc" label on, the label spelt right: at its start or after
    /// specks of a stamp, one glued before it ("'ĐÉ?Về việt tặng …"). Nil when it has none.
    static func fromAboutLabel(_ line: TextLine) -> TextLine? {
        let words = line.words
        for i in words.indices.prefix(3) where i + 1 < words.count {
            let ve = String(words[i].text.reversed().prefix { $0.isLetter }.reversed())
            let viec = VietnameseText.key(words[i + 1].text)
            guard VietnameseText.key(ve) == "ve", viec.hasPrefix("vi"), VietnameseText.distance(viec, "viec") <= 1 else { continue }
            var rest = Array(words[i...])
            rest[0].text = ve.first?.isUppercase == true ? "Về" : "về"
            rest[1].text = "việc" + words[i + 1].text.drop { $0.isLetter }
            return TextLine(page: line.page, words: rest)
        }
        return nil
    }

    /// A summary read with no heading over it (the symbol told the type): less sure.
    static func withoutHeading(_ type: DocumentType, lines: [TextLine]) -> Reading? {
        let summary = summaryText(lines)
        return summary.isEmpty ? nil : Reading(type: type, summary: summary, headingLine: nil, summaryLines: lines,
                                               headingQuality: 0.5, summaryQuality: quality(lines) * 0.8)
    }

    /// Lines Tesseract split on one row ("GIẤ" | "MỜI", "Dự Lễ công bố huyện Bảo" | "Lạc đạt
    /// chuẩn …") joined again, when the gap between them is no wider than a few letters.
    /// `when`: which neighbours to join.
    static func joiningRows(_ lines: [TextLine], when: (TextLine, TextLine) -> Bool = { _, _ in true }) -> [TextLine] {
        var out: [TextLine] = []
        for line in lines {
            if let last = out.last, when(last, line),
               abs(last.box.midY - line.box.midY) < Double(max(min(last.lineHeight, line.lineHeight), 8)) * 0.5,
               line.box.x > last.box.maxX, line.box.x - last.box.maxX < max(last.lineHeight, line.lineHeight) * 3,
               let joined = TextLine(page: line.page, words: last.words + line.words) {
                out[out.count - 1] = joined
            } else {
                out.append(line)
            }
        }
        return out
    }

    /// A `V/v` label read as a line of its own joined to the words right of it: the summary
    /// lines themselves are kept apart, so that one reaching into the right column ends it.
    static func joiningLoneLabels(_ lines: [TextLine]) -> [TextLine] {
        joiningRows(lines) { label, _ in label.words.count == 1 && afterVv(label) == nil && isVvLabel(label.words[0].text) }
    }

    /// The type a line's capitals name, how closely, and the centre of those capitals.
    static func matchHeading(_ line: TextLine) -> (DocumentType, Double, centre: Double)? {
        // Each word without the specks glued before it ("'ˆ⁄“QUYẾT"); what follows a word's
        // letters may be one misread ("QUYÍ?1").
        let core = { (word: LayoutWord) in String(word.text.drop { !($0.isUppercase || $0.isLowercase) }) }
        var letters = line.words.filter { !core($0).isEmpty && VietnameseText.isUppercaseWord(core($0)) }
        // The ĐẾN stamp's word, the stamp struck over the heading's row, is no part of it.
        if letters.count > 1, VietnameseText.key(core(letters[0])) == "den" { letters.removeFirst() }
        guard (1...4).contains(letters.count) else { return nil }
        let text = letters.map(core).joined(separator: " ")
        var best: (DocumentType, Double)?
        for type in DocumentType.all where type.abbreviation != nil {
            let s = VietnameseText.similarity(text, type.heading)
            if s >= 0.75, s > (best?.1 ?? 0) { best = (type, s) }
        }
        return best.map { ($0.0, $0.1, Box.union(letters.map(\.box))?.midX ?? line.box.midX) }
    }

    /// The summary: the lines after the heading until the short rule's gap, an authority
    /// line in capitals, or the body. `continuing`: the line at `index` is the summary's
    /// first, not a heading.
    static func summaryLines(after index: Int, in region: [TextLine], page: PageText, continuing: Bool = false) -> [TextLine] {
        var lines: [TextLine] = []
        var previousBottom = region[index].box.maxY
        for read in region[(index + 1)...] {
            // Specks of a stamp beside the block are no line of it, nor its end, nor is a stamp's
            // strokes read as a line of garbage (under 40 % confidence); a stroke read before a
            // line's words ("H7] Chính phủ") is no part of the line.
            guard read.text.filter({ $0.isLetter || $0.isNumber }).count >= 2, read.meanConfidence >= 40 else { continue }
            let strokes = read.words.prefix { $0.confidence < 50 && $0.text.contains { !$0.isLetter && !",.;:".contains($0) } }
            guard var line = TextLine(page: read.page, words: Array(read.words.dropFirst(strokes.count))) else { continue }
            // Specks glued before the first line's "Về việc" ("Noà›:..Về việc …") go too.
            if lines.isEmpty, let labelled = Self.fromAboutLabel(line) { line = labelled }
            // The ĐẾN stamp's first line, stamped beside the block ("ĐẾN số: 848"), is neither.
            let offCentre = abs(line.box.midX - page.width / 2) > page.width * 0.2
            if offCentre, let first = line.words.first, VietnameseText.key(first.text) == "den", VietnameseText.isUppercaseWord(first.text) {
                continue
            }
            let gap = Double(line.box.y - previousBottom)
            let height = Double(max(line.lineHeight, 16))
            if gap > height * (lines.isEmpty ? 2.5 : 1.45) { break }
            // A summary may itself start "Thực hiện …"; the body right under the heading
            // would start "Căn cứ" or "Kính gửi".
            if startsBody(line), !(lines.isEmpty && !continuing && VietnameseText.key(line.text).hasPrefix("thuc hien")) { break }
            if !lines.isEmpty || continuing, inCapitals(line) { break }
            if offCentre { break }
            lines.append(line)
            previousBottom = line.box.maxY
        }
        return lines
    }

    /// A line in capitals, which no summary is: an authority line, a mark, a heading.
    static func inCapitals(_ line: TextLine) -> Bool {
        VietnameseText.uppercaseRatio(line.text) > 0.8 && line.text.filter(\.isLetter).count > 6
    }

    /// A body paragraph, "Kính gửi", "Nơi nhận" or a routing written under the summary —
    /// capitalised: a summary wrapped before "thực hiện" goes on in small letters.
    static func startsBody(_ line: TextLine) -> Bool {
        // "Kính gửi:" with a word misread or specks of a stamp before it ("Kính đừi:", "'% gửi:").
        let opening = line.words.prefix(3)
        if opening.contains(where: { VietnameseText.key($0.text) == "gui" && $0.text.hasSuffix(":") }) { return true }
        if line.words.count >= 2, VietnameseText.key(line.words[0].text) == "kinh", line.words[1].text.hasSuffix(":") { return true }
        // The body's opening day after specks: "s/c Thành Ngày 07/2/2022, Sở …", "L Ngày-†5/03/2018,".
        let dated = #"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4},$"#
        if let day = line.words.prefix(4).firstIndex(where: { $0.text.hasPrefix("Ngày") }),
           line.words[day...].prefix(2).contains(where: { $0.text.range(of: dated, options: .regularExpression) != nil }) {
            return true
        }
        guard line.words.first?.text.first(where: \.isLetter)?.isUppercase ?? false else { return false }
        let key = VietnameseText.key(line.text)
        // A body may open on the day something happened: "Ngày 06/04/2016, tại …".
        if key.hasPrefix("ngay "), key.dropFirst(5).first?.isNumber == true { return true }
        // A routing, the leader's note or the ĐẾN stamp's line written under the summary:
        // "Chuyển P.HC nghiên cứu", "Chuyển: P.TH".
        if key.hasPrefix("chuyen "), line.words.count >= 2,
           line.words[0].text.hasSuffix(":") || (line.words[1].text.first == "P" && line.words[1].text.contains(".")) {
            return true
        }
        return ["can cu", "kinh gui", "thuc hien", "theo de nghi", "noi nhan"].contains { key.hasPrefix($0) }
    }

    /// The words after a `V/v` label (OCR: `V/V`, `Vív`, `V/y`), or nil when there is none.
    static func afterVv(_ line: TextLine) -> TextLine? {
        guard let first = line.words.first, isVvLabel(first.text) else { return nil }
        return line.suffix(from: 1)
    }

    static func isVvLabel(_ t: String) -> Bool {
        let key = VietnameseText.folded(t).replacingOccurrences(of: "⁄", with: "/").filter { $0.isLetter || $0 == "/" }
        // The label's first V is sometimes lost ("/v") or its slash read as a fraction slash,
        // a hyphen or a dot ("V-š").
        return ["v/v", "v/y", "viv", "vwv", "vv", "v/"].contains(where: { key.hasPrefix($0) }) && t.count <= 5 || key == "/v"
            || t.range(of: #"^\W?[Vv][-.][\p{L}]$"#, options: .regularExpression) != nil
    }

    /// Tone marks OCR commonly gets wrong in the words every summary uses, where the phrase
    /// leaves no doubt: "nắm 2022" is "năm 2022", "tố chức" is "tổ chức".
    static let phraseRepairs: [(pattern: String, replacement: String)] = [
        (#"\b[nN][ắăấâ]m (?=(19|20)[0-9]{2}\b)"#, "năm "),
        (#"\b([tT])ố chức\b"#, "$1ổ chức"),
        (#"\b([tT])hi tuyến\b"#, "$1hi tuyển"),
        (#"\b([cC])ông tắc\b"#, "$1ông tác"),
        (#"\b([hH])ướng đẫn\b"#, "$1ướng dẫn"),
        (#"\b([pP])hạm v[ỉìí]\b"#, "$1hạm vi"),
        (#"^V[eẽè] việc\b"#, "Về việc"),
    ]

    /// The summary as one line: its lines' words without what trails them, cleaned.
    static func summaryText(_ lines: [TextLine]) -> String {
        clean(withoutTrailingInk(lines.flatMap(\.words)).map(\.text).joined(separator: " "))
    }

    /// The summary's words without what trails them: "Kính gửi" run into the last line, and
    /// a stamp's or a signature's strokes read as words ("… của Chính phủ 2⁄e “/ên").
    /// The summary's quality is still that of every word read.
    static func withoutTrailingInk(_ words: [LayoutWord]) -> [LayoutWord] {
        var words = words
        let keys = words.map { VietnameseText.key($0.text) }
        if let kinh = keys.indices.dropFirst().first(where: { keys[$0] == "kinh" && $0 + 1 < keys.count && keys[$0 + 1] == "gui" }) {
            words.removeSubrange(kinh...)
        }
        while let last = words.last, isStrayInk(last) { words.removeLast() }
        return words
    }

    /// A word no summary ends with: garbled characters, or read with little confidence and
    /// no syllable (numbers and symbols, "01/NQ-CP", "02/9", are judged by confidence alone).
    static func isStrayInk(_ word: LayoutWord) -> Bool {
        let text = word.text.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:()\"'"))
        if text.isEmpty || VietnameseText.looksGarbled(text) || text.contains("⁄") { return true }
        if text.contains(where: \.isNumber) { return word.confidence < 50 }
        // A province's own words are names, syllables or not (Đắk Lắk).
        let named = AgencyName.isProvinceWord(text)
        return word.confidence < 50 || (word.confidence < 85 && !VietnameseText.isSyllable(text) && !named)
    }

    /// One line, no OCR specks at the ends.
    static func clean(_ text: String) -> String {
        var text = text
        for repair in phraseRepairs {
            text = text.replacingOccurrences(of: repair.pattern, with: repair.replacement, options: .regularExpression)
        }
        var words = VietnameseText.collapsed(text).split(separator: " ").map(String.init)
        func junk(_ w: String) -> Bool {
            let letters = w.filter { $0.isLetter || $0.isNumber }
            return letters.isEmpty || (letters.count == 1 && !["a", "à", "á", "ở", "ý"].contains(letters.lowercased()) && w.count <= 2 && !w.first!.isNumber)
        }
        while let last = words.last, junk(last) { words.removeLast() }
        while let first = words.first, junk(first) { words.removeFirst() }
        // A rule's or a speck's stroke read onto the first word ("_Về việc").
        if let first = words.first, let start = first.firstIndex(where: { $0.isLetter || $0.isNumber }),
           start != first.startIndex, first[..<start].allSatisfy({ "_~|*`'-–—.,;:".contains($0) }) {
            words[0] = String(first[start...])
        }
        // Inside, punctuation standing alone is a speck (";", "--"); a dash between names stays.
        words.removeAll { !$0.contains(where: { $0.isLetter || $0.isNumber }) && !["-", "–", "—"].contains($0) }
        // A summary is a heading's line, with no full stop or comma at its end.
        if let last = words.last, let end = last.last, ".,;".contains(end), last.dropLast().last?.isLetter == true || last.dropLast().last?.isNumber == true {
            words[words.count - 1] = String(last.dropLast())
        }
        return words.joined(separator: " ")
    }

    /// Mean word confidence, lowered by the signs of a misread: a word OCR was unsure of,
    /// characters no printed summary has.
    static func quality(_ lines: [TextLine]) -> Double {
        let words = lines.flatMap(\.words)
        guard !words.isEmpty else { return 0 }
        var quality = words.map(\.confidence).reduce(0, +) / Double(words.count) / 100
        if let weakest = words.map(\.confidence).min(), weakest < 85 { quality *= 0.8 }
        if VietnameseText.looksGarbled(lines.map(\.text).joined(separator: " ")) { quality *= 0.6 }
        return quality
    }
}
