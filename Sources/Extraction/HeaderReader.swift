import Foundation

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
            .compactMap { Self.leftColumn(of: $0, page: page) }
            .filter { $0.box.midY < bottom }
            // The number line ("Số: 15/QĐ-UBND"), before its small-letter label is trimmed.
            .filter { !($0.text.contains("/") && NumberReader.labelEnd(in: $0) != nil) }
            .map(Self.splittingAtBrackets)
            .compactMap(Self.trimNoise)
            .filter(Self.isHeaderText)
        // The arrival stamp's receiver line ("SỞ NỘI VỤ TỈNH …") is in smaller type than the
        // header, whose parent and agency lines share one size. Letter heights vary with the
        // tone marks; the width per letter does not.
        if let widest = candidates.map(Self.pitch).max() {
            candidates = candidates.filter { Self.pitch($0) >= widest * 0.75 }
        }
        // Header lines are centred on one axis; stamp text and the motto's first word are not.
        // The axis is the one most of the header's letters agree on.
        if candidates.count >= 2 {
            let tolerance = page.width * 0.07
            func support(_ axis: Double) -> Int {
                candidates.filter { abs($0.box.midX - axis) < tolerance }.map { $0.text.filter(\.isLetter).count }.reduce(0, +)
            }
            let axis = candidates.map(\.box.midX).max { support($0) < support($1) }!
            candidates = candidates.filter { abs($0.box.midX - axis) < tolerance }
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
        } else if units.count >= 2 {
            // The agency is the last name; the names above it are its parents.
            parent = units.dropLast().map(\.text).joined(separator: " ")
            agencyUnits = [units.last!]
        }
        // A symbol's part read at the name's end ("… XÃ HỘI /BC-SLĐTBXH") is none of it: no name
        // has a slash. A rule under the name or a speck at its end is read as a full stop or a comma.
        // No name has quotes either: one at a word's end is a speck ("MÔI' TRƯỜNG").
        // Nor dots on its words ("DÂN.", "..TỈNH"), but for an abbreviated unit ("TP.").
        let quotes = CharacterSet(charactersIn: "'\"`‘’“”")
        var words = agencyUnits.map(\.text).joined(separator: " ").split(separator: " ")
            .map { $0.trimmingCharacters(in: quotes) }
            .map { word in ["TP.", "TX.", "TT."].contains(word) ? word : word.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
            .map(Self.withoutGluedSpeck)
            .filter { !$0.isEmpty }
        while let last = words.last, last.contains("/") { words.removeLast() }
        let agency = AgencyName.restore(words.joined(separator: " "))
            .trimmingCharacters(in: CharacterSet(charactersIn: " .,;:_-'\"`|"))
        parent = parent.map(AgencyName.restore)
        let agencyLines = agencyUnits.flatMap(\.lines)
        var quality = agencyLines.map(\.meanConfidence).reduce(0, +) / Double(max(agencyLines.count, 1)) / 100
        // OCR confidence alone does not tell a misread name: what the domain knows does.
        if VietnameseText.looksGarbled(agency) { quality *= 0.5 }
        if Self.agencyKindLength(agency.split(separator: " ").map(String.init)) == nil { quality *= 0.7 }
        // A kind of body without its name ("ỦY BAN NHÂN DÂN", "SỞ"): the rest was lost.
        if Self.incompleteEndings.contains(VietnameseText.key(agency)) { quality *= 0.5 }
        if !AgencyName.endsComplete(agency) { quality *= 0.85 }
        if let symbol, Self.agencyAbbreviations(in: symbol).contains(where: { VietnameseText.similarity(Self.initials(of: agency), $0) >= 0.99 }) {
            quality = min(1, quality + 0.05)
        } else {
            quality *= 0.9
        }
        return Reading(parent: parent, agency: agency, lines: lines, agencyLines: agencyLines, quality: quality)
    }

    /// The part of a line in the header column: the words that start left of the middle,
    /// up to the national motto ("CỘNG HÒA …") or the wide gap before the right column. Long
    /// agency names reach close to the middle.
    static func leftColumn(of line: TextLine, page: PageText) -> TextLine? {
        let keys = line.words.map { VietnameseText.key($0.text) }
        var words: [LayoutWord] = []
        for (i, word) in line.words.enumerated() {
            if Double(word.box.x) >= page.width * 0.47 { break }
            if keys[i] == "cong", i + 1 < keys.count, keys[i + 1].hasPrefix("ho") { break }
            if let last = words.last, word.box.x - last.box.maxX > max(last.box.height * 5 / 2, page.page.width / 33) { break }
            words.append(word)
        }
        return TextLine(page: line.page, words: words)
    }

    /// Width per character: the type size of a line of capitals.
    static func pitch(_ line: TextLine) -> Double {
        let characters = line.words.map { $0.text.count }.reduce(0, +) + line.words.count - 1
        return Double(line.box.width) / Double(max(characters, 1))
    }

    /// Upper-case text that is not part of the arrival stamp.
    static func isHeaderText(_ line: TextLine) -> Bool {
        let text = line.text
        guard text.filter(\.isLetter).count >= 2, VietnameseText.uppercaseRatio(text) >= 0.75 else { return false }
        let key = VietnameseText.key(text)
        if stampKeys.contains(where: { (key + " ").hasPrefix($0 + " ") }) { return false }
        // The number line ("Số: 15/QĐ-BNV") — but not "SỞ NỘI VỤ".
        if let first = line.words.first?.text, ["so", "s6", "s0"].contains(String(VietnameseText.folded(first).prefix(2))),
           line.text.contains(where: \.isNumber) { return false }
        return line.meanConfidence >= 45
    }

    /// A word without the speck glued before it ("7⁄2'TÍNH" → TÍNH): a run of marks and
    /// digits with a mark in it, before a word agency names are made of. A numbered unit
    /// ("5") is no speck, nor is a word garbled whole ("3¿2£ON").
    static func withoutGluedSpeck(_ word: String) -> String {
        guard let first = word.firstIndex(where: \.isLetter), first > word.startIndex,
              word[..<first].contains(where: { !$0.isNumber }),
              AgencyName.isNameSyllable(String(word[first...])) else { return word }
        return String(word[first...])
    }

    /// Words of the ĐẾN stamp, which often sits over the header.
    static let stampKeys = ["den", "ngay", "chuyen", "so va ky hieu", "so va"]

    /// Words OCR glued across a stamp's stroke ("VtĐNH(PHU"): letters on both sides of a
    /// bracket or a bar, which no name has inside a word, make two words, each with its
    /// share of the box.
    static func splittingAtBrackets(_ line: TextLine) -> TextLine {
        let brackets: Set<Character> = ["(", ")", "[", "]", "{", "}", "|"]
        var words: [LayoutWord] = []
        for word in line.words {
            let characters = Array(word.text)
            let parts = characters.split(whereSeparator: brackets.contains)
            guard parts.count > 1, parts.allSatisfy({ $0.contains(where: \.isLetter) }) else {
                words.append(word)
                continue
            }
            let pitch = Double(word.box.width) / Double(characters.count)
            for part in parts {
                var piece = word
                piece.text = String(part)
                piece.box.x = word.box.x + Int(Double(part.startIndex) * pitch)
                piece.box.width = max(1, Int(Double(part.count) * pitch))
                words.append(piece)
            }
        }
        return TextLine(page: line.page, words: words) ?? line
    }

    /// Drops low-confidence specks at both ends (rules, stamp ink).
    static func trimNoise(_ line: TextLine) -> TextLine? {
        guard line.words.contains(where: { !isNoise($0) }) else { return nil }
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

    /// Groups the header's lines into names. Every agency name starts with the kind of body it
    /// is (SỞ, BỘ, ỦY BAN, VĂN PHÒNG, CỤC …); a line that does not ("TỈNH SƠN LA", "DU LỊCH",
    /// a place name broken off) continues the name above it, as does a line after a
    /// connector ("… VÀ"). A kind word inside a line starts a name too: OCR merges lines.
    static func logicalUnits(_ lines: [TextLine]) -> [Unit] {
        var units: [Unit] = []
        for line in lines {
            for piece in splitAtAgencyKind(line) {
                let previousLast = units.last.flatMap { VietnameseText.key($0.lines.last?.words.last?.text ?? "") }
                let afterConnector = previousLast.map { connectors.contains($0) } ?? false
                let afterIncomplete = units.last.map { incompleteEndings.contains(VietnameseText.key($0.text)) } ?? false
                let insidePhrase = units.last?.lines.last?.words.last.map { AgencyName.continues($0.text, with: piece.words[0].text) } ?? false
                if units.isEmpty || (agencyKindLength(piece.words.map(\.text)) != nil && !afterConnector && !afterIncomplete && !insidePhrase) {
                    units.append(Unit(lines: [piece]))
                } else {
                    units[units.count - 1].lines.append(piece)
                }
            }
        }
        return units
    }

    /// Kinds of body an agency name starts with, as folded keys.
    static let agencyKinds: [[String]] = [
        "so", "bo", "uy ban", "ubnd", "hdnd", "hoi dong", "van phong", "thanh tra", "cong an", "cuc", "tong cuc",
        "chi cuc", "ban", "phong", "kho bac", "bao hiem", "trung tam", "truong", "benh vien", "vien", "toa an",
        "dang uy", "tinh uy", "huyen uy", "thanh uy", "ngan hang", "kiem toan", "mat tran", "lien doan", "hoi",
        "chinh phu", "quoc hoi", "bo chi huy", "chi nhanh", "tong cong ty", "cong ty", "dai hoc", "hoc vien", "doan",
        "dai phat thanh",
    ].map { $0.split(separator: " ").map(String.init) }

    /// How many of `words` name the kind of body, when they start with one.
    static func agencyKindLength(_ words: [String]) -> Int? {
        let keys = words.prefix(3).map(VietnameseText.key)
        return agencyKinds.filter { kind in kind.count <= keys.count && Array(keys.prefix(kind.count)) == kind }
            .map(\.count).max()
    }

    /// Kinds distinctive enough to start a name inside a line ("BÌNH SỞ LAO ĐỘNG …" is the end
    /// of the parent's line merged with the agency's); "BAN" is not: ỦY BAN.
    static let inlineKinds: Set<String> = ["so", "bo", "ubnd", "hdnd", "van phong", "thanh tra", "cong an", "kho bac", "bao hiem", "dai phat"]

    static func splitAtAgencyKind(_ line: TextLine) -> [TextLine] {
        let keys = line.words.map { VietnameseText.key($0.text) }
        for i in 1..<max(keys.count, 1) {
            let one = keys[i], two = i + 1 < keys.count ? keys[i] + " " + keys[i + 1] : ""
            guard inlineKinds.contains(one) || inlineKinds.contains(two) else { continue }
            // Not "… VÀ XÃ HỘI", "CÔNG AN" after "BỘ": only after a word that ends a name.
            if connectors.contains(keys[i - 1]) || agencyKindLength([line.words[i - 1].text]) != nil { continue }
            guard let head = TextLine(page: line.page, words: Array(line.words[..<i])),
                  let tail = TextLine(page: line.page, words: Array(line.words[i...])) else { continue }
            return [head] + splitAtAgencyKind(tail)
        }
        return [line]
    }

    static let connectors: Set<String> = ["va", "ve", "cua", "", "&"]
    /// Names that cannot stand alone: the administrative unit follows on the next line.
    static let incompleteEndings: Set<String> = [
        "uy ban nhan dan", "hoi dong nhan dan", "ubnd", "hdnd", "so", "bo", "ban", "cong an", "cuc",
        "uy ban", "uy ban nhan", "phong", "truong", "trung tam", "chi nhanh", "chi cuc",
    ]

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
        // A type's part, or one letter of it left ("Đ-UBND", its Q lost): no agency has one.
        if DocumentType.isAbbreviation(head) || head.count == 1 {
            return parts.count > 1 ? [parts[1]] : []
        }
        return [head]
    }

    /// Initials of an agency name up to its administrative unit: `SỞ KẾ HOẠCH VÀ ĐẦU TƯ`
    /// → `SKHĐT`, `ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH` → `UBND`, `VĂN PHÒNG UBND TỈNH …` → `VPUBND`.
    /// `throughUnits`: every word's initial, for a phrase with no unit in it (`THƯƠNG BINH VÀ
    /// XÃ HỘI` → `TBXH`).
    /// Initials as OCR reads them in a symbol, where Đ and D are one letter ("SGDDT", "SKHDT").
    static func initialsKey(_ initials: String) -> String {
        initials.replacingOccurrences(of: "Đ", with: "D")
    }

    static func initials(of name: String, throughUnits: Bool = false) -> String {
        var out = ""
        let words = name.split(separator: " ")
        for (i, word) in words.enumerated() {
            let folded = VietnameseText.folded(String(word))
            let next = i + 1 < words.count ? VietnameseText.folded(String(words[i + 1])) : ""
            if !throughUnits, !out.isEmpty, isUnitWord(folded, before: next) { break }
            if folded == "va" { continue }
            // An abbreviation inside a name stands in it whole: VĂN PHÒNG UBND … → VPUBND.
            if ["ubnd", "hdnd"].contains(folded.filter(\.isLetter)) { out += word.filter(\.isLetter).uppercased(); continue }
            guard let first = word.first(where: \.isLetter) else { continue }
            // Initials drop tone marks but keep Đ: ỦY BAN → UB, ĐẦU TƯ → ĐT.
            let letter = String(first).uppercased()
            out += letter == "Đ" ? letter : VietnameseText.folded(letter).uppercased()
        }
        return out
    }

    /// Initials a body's symbol may carry besides `initials(of:)`: its name without its kind of
    /// body, through its place without the unit's word (`CỤC HẢI QUAN TỈNH QUẢNG NINH` → HQQN),
    /// and its parent's, without the country (`NGÂN HÀNG NHÀ NƯỚC VIỆT NAM` → NHNN). Only
    /// those of four letters or more: fewer leave too many bodies a letter apart.
    static func otherInitials(of agency: String, parent: String?) -> [String] {
        let words = agency.split(separator: " ").map(String.init)
        let parentWords = parent?.split(separator: " ").map(String.init) ?? []
        // Only names read cleanly: a speck glued to a word makes initials of it ("8/3/4@ÂN HÀNG").
        guard (words + parentWords).allSatisfy({ $0.allSatisfy(\.isLetter) || $0 == "-" }) else { return [] }
        var kept: [String] = []
        var i = 1
        while i < words.count {
            let folded = VietnameseText.folded(words[i])
            let next = i + 1 < words.count ? VietnameseText.folded(words[i + 1]) : ""
            // QUẬN by its mark: HẢI QUAN folds to the same letters.
            if isUnitWord(folded, before: next), folded != "quan" || words[i].uppercased() == "QUẬN" {
                i += ["thanh", "thi"].contains(folded) ? 2 : 1
                continue
            }
            kept.append(words[i])
            i += 1
        }
        let country = parentWords.suffix(2).map(VietnameseText.folded) == ["viet", "nam"] ? 2 : 0
        let out = [initials(of: kept.joined(separator: " "), throughUnits: true),
                   initials(of: parentWords.dropLast(country).joined(separator: " "))]
        return out.filter { $0.count >= 4 && $0 != initials(of: agency) }
    }

    /// Whether a word starts a unit's name (TỈNH, HUYỆN, XÃ …), not a syllable of a phrase:
    /// XÃ HỘI, THANH TRA, QUẢN LÝ and THỊ TRƯỜNG are no units; THÀNH PHỐ, THỊ XÃ and THỊ TRẤN are.
    private static func isUnitWord(_ folded: String, before next: String) -> Bool {
        switch folded {
        case "tinh", "huyen", "phuong": true
        // QUẬN, not QUÂN SỰ, QUÂN ĐỘI or QUẢN LÝ.
        case "quan": !["su", "doi", "ly"].contains(next)
        case "xa": next != "hoi"
        case "thanh": next == "pho"
        case "thi": next == "xa" || next == "tran"
        default: false
        }
    }
}
