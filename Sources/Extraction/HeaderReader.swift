/// Reads the agency header, top left: the parent agency (regular, optional) over the
/// issuing agency (bold, may wrap over 2–3 lines).
struct HeaderReader {
    struct Reading {
        var parent: String?
        var agency: String
        var lines: [TextLine]
        var agencyLines: [TextLine]
        var quality: Double
    }

    /// `above`: the top of the number line; the header ends there. `symbol`: the number's
    /// symbol, whose agency part abbreviates the issuing agency (`QĐ-UBND`, `SNV`).
    func read(_ page: PageText, above limit: Double?, symbol: String? = nil) -> Reading? {
        let bottom = limit ?? page.height * 0.2
        var candidates = page.lines
            .compactMap { $0.words(between: 0, and: page.width * 0.47) }
            .filter { $0.box.midY < bottom && Self.isHeaderText($0) }
            .map(Self.trimNoise)
            .compactMap { $0 }
        // Header lines are centred on one axis; stamp text and the motto's first word are not.
        if candidates.count >= 2 {
            let axis = candidates.map(\.box.midX).sorted()[candidates.count / 2]
            candidates = candidates.filter { abs($0.box.midX - axis) < page.width * 0.07 }
        }
        guard !candidates.isEmpty else { return nil }
        // The header is the block of lines directly above the number: drop stray lines far above it.
        var lines: [TextLine] = []
        for line in candidates.sorted(by: { $0.box.midY > $1.box.midY }) {
            if let last = lines.last, Double(last.box.y - line.box.maxY) > Double(max(last.lineHeight, 20)) * 2.5 { break }
            lines.append(line)
        }
        lines.reverse()
        let units = Self.logicalUnits(lines)
        guard !units.isEmpty else { return nil }
        var parent: String?
        var agencyUnits = units
        if let split = Self.splitBySymbol(lines, symbol: symbol) {
            parent = split.parent.isEmpty ? nil : split.parent.map(\.text).joined(separator: " ")
            agencyUnits = [Unit(lines: split.agency)]
        } else if units.count >= 2, Self.looksLikeParent(units[0].text) || Self.isNamePrefix(units[0].text, of: units[1].text) {
            parent = units[0].text
            agencyUnits = Array(units.dropFirst())
        }
        let agency = agencyUnits.map(\.text).joined(separator: " ")
        let agencyLines = agencyUnits.flatMap(\.lines)
        let confidence = agencyLines.map(\.meanConfidence).reduce(0, +) / Double(max(agencyLines.count, 1)) / 100
        return Reading(parent: parent, agency: agency, lines: lines, agencyLines: agencyLines, quality: confidence)
    }

    /// Upper-case text that is not part of the arrival stamp.
    static func isHeaderText(_ line: TextLine) -> Bool {
        let text = line.text
        guard text.filter(\.isLetter).count >= 2, VietnameseText.uppercaseRatio(text) >= 0.75 else { return false }
        let key = VietnameseText.key(text)
        if stampKeys.contains(where: { key.hasPrefix($0) }) { return false }
        // The number line ("Số: 15/QĐ-BNV") — but not "SỞ NỘI VỤ".
        if let first = line.words.first?.text, first.hasPrefix("Số") || first.hasPrefix("S6"), line.text.contains(where: \.isNumber) { return false }
        return line.meanConfidence >= 45
    }

    /// Words of the ĐẾN stamp, which often sits over the header.
    static let stampKeys = ["den", "ngay", "chuyen", "so va ky hieu", "so va"]

    /// Drops low-confidence specks at both ends (rules, stamp ink).
    static func trimNoise(_ line: TextLine) -> TextLine? {
        var words = line.words
        while let first = words.first, isNoise(first) { words.removeFirst() }
        while let last = words.last, isNoise(last) { words.removeLast() }
        return TextLine(page: line.page, words: words)
    }

    static func isNoise(_ word: LayoutWord) -> Bool {
        let letters = word.text.filter { $0.isLetter || $0.isNumber }
        return letters.isEmpty || (word.confidence < 50 && letters.count <= 2) || !VietnameseText.isUppercaseWord(word.text)
    }

    struct Unit {
        var lines: [TextLine]
        var text: String { lines.map(\.text).joined(separator: " ") }
    }

    /// Joins wrapped lines: a line that starts with an administrative-unit word ("TỈNH …",
    /// "HUYỆN …") or follows a line ending in a connector ("… VÀ") continues the previous one.
    static func logicalUnits(_ lines: [TextLine]) -> [Unit] {
        var units: [Unit] = []
        for line in lines {
            let first = VietnameseText.folded(line.words.first?.text ?? "")
            let previousLast = units.last.flatMap { VietnameseText.folded($0.lines.last?.words.last?.text ?? "") }
            let continues = continuationStarts.contains(first)
                || (previousLast.map { connectors.contains($0) } ?? false)
                || (units.last.map { unit in incompleteEndings.contains { VietnameseText.folded(unit.text).hasSuffix($0) } } ?? false)
            if continues, !units.isEmpty {
                units[units.count - 1].lines.append(line)
            } else {
                units.append(Unit(lines: [line]))
            }
        }
        return units
    }

    static let continuationStarts: Set<String> = ["tinh", "huyen", "xa", "phuong", "quan", "thi", "thanh", "va", "ve", "cua", "tp.", "tp"]
    static let connectors: Set<String> = ["va", "ve", "cua", "-", "&"]
    /// Names that cannot stand alone: the administrative unit follows on the next line.
    static let incompleteEndings = ["uy ban nhan dan", "hoi dong nhan dan", "ubnd", "hdnd", "so", "ban", "cong an", "kho bac nha nuoc", "bao hiem xa hoi", "cuc thue"]

    /// Where the parent ends and the agency begins, by the symbol: its agency part is the
    /// agency name's initials (`SỞ TƯ PHÁP` → `STP`, `ỦY BAN NHÂN DÂN TỈNH …` → `UBND`).
    /// Nil when no split matches well.
    static func splitBySymbol(_ lines: [TextLine], symbol: String?) -> (parent: [TextLine], agency: [TextLine])? {
        guard let symbol, lines.count >= 1 else { return nil }
        let abbreviations = agencyAbbreviations(in: symbol)
        guard !abbreviations.isEmpty else { return nil }
        var best: (k: Int, score: Double)?
        for k in 0..<lines.count {
            let agency = lines[k...].map(\.text).joined(separator: " ")
            let initials = Self.initials(of: agency)
            for abbreviation in abbreviations {
                let score = VietnameseText.similarity(initials, abbreviation)
                if score > (best?.score ?? 0.74) { best = (k, score) }
            }
        }
        guard let best else { return nil }
        return (Array(lines[..<best.k]), Array(lines[best.k...]))
    }

    /// The agency parts of a symbol: `QĐ-UBND` → [UBND]; `UBND-VX` → [UBND];
    /// `SKHCN-QLKH` → [SKHCN]; `VP.UBND` → [VP]; `12/2024/QĐ-UBND` → [UBND].
    static func agencyAbbreviations(in symbol: String) -> [String] {
        let last = symbol.split(separator: "/").last.map(String.init) ?? symbol
        let parts = last.split(whereSeparator: { $0 == "-" || $0 == "." }).map(String.init)
        guard let head = parts.first else { return [] }
        if DocumentType.all.contains(where: { $0.abbreviation == head }) {
            return parts.count > 1 ? [parts[1]] : []
        }
        return [head]
    }

    /// Initials of an agency name up to its administrative unit: `SỞ KẾ HOẠCH VÀ ĐẦU TƯ`
    /// → `SKHĐT`, `ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH` → `UBND`.
    static func initials(of name: String) -> String {
        var out = ""
        for word in name.split(separator: " ") {
            let folded = VietnameseText.folded(String(word))
            if ["tinh", "huyen", "xa", "phuong", "quan", "thi", "thanh"].contains(folded) && !out.isEmpty { break }
            if folded == "va" { continue }
            guard let first = word.first(where: \.isLetter) else { continue }
            // Initials drop tone marks but keep Đ: ỦY BAN → UB, ĐẦU TƯ → ĐT.
            let letter = String(first).uppercased()
            out += letter == "Đ" ? letter : VietnameseText.folded(letter).uppercased()
        }
        return out
    }

    /// "KHO BẠC NHÀ NƯỚC" over "KHO BẠC NHÀ NƯỚC PHÚ YÊN": the national body over its branch.
    static func isNamePrefix(_ parent: String, of agency: String) -> Bool {
        var p = VietnameseText.key(parent).split(separator: " ")
        if p.suffix(2) == ["viet", "nam"] { p.removeLast(2) }
        let a = VietnameseText.key(agency).split(separator: " ")
        return p.count >= 2 && a.count > p.count && Array(a.prefix(p.count)) == p
    }

    /// A parent agency is itself a complete agency name of a higher level.
    static func looksLikeParent(_ text: String) -> Bool {
        let key = VietnameseText.folded(text)
        let starts = ["ubnd ", "uy ban nhan dan ", "hdnd ", "hoi dong nhan dan ", "bo ", "tong cuc ", "so ", "cuc ", "ban ", "dang uy", "tinh uy", "huyen uy", "thanh uy"]
        guard starts.contains(where: { key.hasPrefix($0) }) else { return false }
        // "ỦY BAN NHÂN DÂN" alone is the start of a wrapped name, not a parent.
        return !incompleteEndings.contains(where: { key == $0 })
    }
}
