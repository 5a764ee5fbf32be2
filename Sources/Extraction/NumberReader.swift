import Foundation

/// Reads `Số: 15/QĐ-BNV` — the document's number and symbol — under the agency header.
///
/// The arrival stamp carries a `Số:` line too (a handwritten arrival number without a
/// symbol): only a line with a number *and* a symbol counts.
struct NumberReader {
    struct Reading {
        var number: String
        var symbol: String
        var line: TextLine
        /// 0…1 from OCR confidence and how much repairing the text needed.
        var quality: Double
        /// Letters read after the symbol were cut as glued ink: a stamp's edge or a stroke —
        /// or the symbol's own last letters, misread.
        var cutLetters = false
        var full: String { number + "/" + symbol }
    }

    func read(_ page: PageText) -> Reading? {
        var best: Reading?
        // The number line stands under the header, in the top third; below it, "số …" is
        // the body quoting another document.
        for line in page.lines(y: 0...0.33) where line.box.midX < page.width * 0.62 {
            guard let start = Self.labelEnd(in: line) else { continue }
            // The date sits on the same row in the right column, after the wide gap between
            // the columns: keep what comes before it.
            var rest: [LayoutWord] = []
            for word in line.words[start...] {
                if let last = rest.last {
                    let gap = word.box.x - last.box.maxX
                    if gap > max(last.box.height * 3, page.page.width / 25) || word.box.x > Int(page.width * 0.62) { break }
                }
                rest.append(word)
            }
            // "số 12/BKHĐT-TH ngày 15/08/2025": a quoted document, dated right after its symbol.
            if let ngay = rest.firstIndex(where: { VietnameseText.folded($0.text).filter(\.isLetter) == "ngay" }),
               ngay > 0, rest[ngay - 1].text.contains("/") {
                continue
            }
            guard let reading = Self.parse(rest, line: line) else { continue }
            if best == nil || reading.quality > best!.quality { best = reading }
        }
        return best
    }

    /// The reading to keep: the best of the number line's readings (page pass, second look) and
    /// the marks zone's, which holds the number line too. A reading that extends the best one
    /// is the whole of it (a region's edge cut "32/TB-HĐN" short), unless two line readings
    /// confirm the best one — the marks zone never does alone, its edge may cut both the same.
    static func best(lineReadings: [Reading], zoneReading: Reading?) -> Reading? {
        let readings = lineReadings + (zoneReading.map { [$0] } ?? [])
        guard var best = readings.max(by: { $0.quality < $1.quality }) else { return nil }
        let whole = best.full
        // Two line readings that agree confirm it; then only a whole part more, read cleanly
        // ("BYT-KH" → "BYT-KH-TC"), extends it: a letter more on its last part ("STC" →
        // "STCG") is a stroke or a stamp's edge.
        let confirmed = lineReadings.filter { $0.full == whole && !$0.cutLetters }.count >= 2
        let longer = readings.filter { reading in
            guard reading.full.count > whole.count, reading.full.hasPrefix(whole) else { return false }
            return !confirmed || (!reading.cutLetters && reading.full.dropFirst(whole.count).first == "-")
        }
        // Of those, the one read best: a garble of the same letters may be longer ("UBENN").
        if let longer = longer.max(by: { ($0.quality, $0.full.count) < ($1.quality, $1.full.count) }) {
            best = Reading(number: longer.number, symbol: longer.symbol, line: longer.line,
                           quality: max(best.quality, longer.quality))
        }
        // The marks zone's reading, its last part cut short by the zone's edge where two line
        // readings agree on more of it ("TTr-NV" where the lines read "TIr-NV2", "TT-NV2").
        if let zoneReading, zoneReading.full == best.full, let tail = best.symbol.split(separator: "-").last {
            let tails = lineReadings.filter { $0.number == best.number }.compactMap { $0.symbol.split(separator: "-").last }
                .filter { $0.count > tail.count && $0.hasPrefix(tail) }
            if let more = tails.first, tails.filter({ $0 == more }).count >= 2 {
                best.symbol = String(best.symbol.dropLast(tail.count) + more)
            }
        }
        if lineReadings.filter({ $0.full == best.full && !$0.cutLetters }).count >= 2 { best.quality = min(1, best.quality + 0.1) }
        // Another reading saw letters after this symbol ("SXD-HTẾT" where the zone read
        // "SXD-HT"): its end may be cut short, for a person to check.
        if readings.contains(where: { $0.cutLetters && $0.full == best.full }) { best.quality = min(best.quality, 0.8) }
        // Two line readings of this number that spell its symbol differently ("BC-STNMI" and
        // "BO-STNMT"): either may be the misread one.
        let kept = best
        if lineReadings.contains(where: { $0.number == kept.number && !$0.symbol.hasPrefix(kept.symbol) && !kept.symbol.hasPrefix($0.symbol) }) {
            best.quality = min(best.quality, 0.8)
        }
        return best
    }

    /// Where the number stands apart from its symbol: written in by hand or stamped after
    /// signing, in the gap between the label and a symbol printed from its slash
    /// ("Số:   155   /QĐ-UBND"). Left of the symbol as far as the label's end, or 17 mm where
    /// no label was read. With `glued` (a doubtful number read as one word with its symbol,
    /// "725/QĐ-UBND"), the number's part of that word: the symbol's printed width measured by
    /// the label's letters. Nil when there is neither.
    /// `row`: where the number was read, if it was: only that row is looked at.
    static func numberRegion(in page: PageText, row: Box?, glued: Bool) -> Box? {
        let mm = Double(page.page.dpi) / 25.4
        let onRow = { (line: TextLine) in
            row.map { abs(line.box.midY - $0.midY) < Double($0.height) } ?? true
        }
        for line in page.lines(y: 0...0.33) where line.box.midX < page.width * 0.62 && onRow(line) {
            let words = line.words.filter { Double($0.box.x) < page.width * 0.55 }
            // The symbol's word: a slash and what starts a symbol ("7/90", the handwriting read
            // with a slash in it, is not).
            guard let (index, cut) = words.indices.lazy.compactMap({ i in symbolSlash(in: words[i].text).map { (i, $0) } }).first
            else { continue }
            let symbol = words[index]
            // The label, or what the stamp's ink left of it ("ð:"): letters, and a colon or few
            // letters, capitalised ("số 30/BC-UBND" in the body quotes another document).
            let label = words[..<index].last { word in
                let letters = VietnameseText.folded(word.text).filter(\.isLetter)
                return !letters.isEmpty && (word.text.hasSuffix(":")
                    || (letters.first == "s" && letters.count <= 2 && word.text.first?.isUppercase == true))
            }
            let slash: Int
            if cut == symbol.text.startIndex {
                slash = symbol.box.x
            } else if glued, let label, symbol.text.first?.isLetter == false {
                // Capitals and a slash are about half as wide again as the label's letters.
                let letter = Double(label.box.width) / Double(max(label.text.count, 1))
                let printed = Double(symbol.text[cut...].count) * letter * 1.5
                slash = symbol.box.maxX - Int(printed)
                guard slash > label.box.maxX else { continue }
            } else {
                continue
            }
            let left = label.map { $0.box.maxX + 2 } ?? max(0, slash - Int(17 * mm))
            // Handwriting stands taller than print and a little above its line: the line's
            // height and more each way (the digits are read where their ink is, in its middle).
            let height = symbol.box.height
            return Box(x: left, y: max(0, symbol.box.y - height * 3 / 2), width: slash - 2 - left, height: height * 4)
        }
        return nil
    }

    /// Whether what follows a slash starts a symbol: a capital, or a year and its slash
    /// ("2021/QĐ-UBND").
    static func startsSymbol(_ text: Substring) -> Bool {
        text.first?.isUppercase == true || text.range(of: #"^[12][0-9]{3}/"#, options: .regularExpression) != nil
    }

    /// The slash in `text` that a symbol follows ("725/QĐ-UBND"; not "7/90", handwriting read
    /// with a slash in it).
    static func symbolSlash(in text: String) -> String.Index? {
        text.indices.first { text[$0] == "/" && startsSymbol(text[$0...].dropFirst()) }
    }

    /// The reading with its number as the number's region read for digits alone
    /// (`numberRegion`): a number written in by hand or stamped reads there, apart from the
    /// print around it, where the line's reading garbles it ("725" for 155). A letter after
    /// the number ("618a") is the line's: the digits model reads none. With no reading of the
    /// line, the digits and the symbol printed apart make one. Where the two disagree, at
    /// most 0.85: for a person to check. Digits read doubtfully (under 0.5) are the
    /// handwriting's as often as a stroke's: they only fill a number the line lost (at most
    /// 0.4) or replace one of as many digits the line read otherwise (at most 0.6) — a stray
    /// stroke adds a digit, an edge cuts one, neither keeps the count. Fewer digits than the
    /// line's change nothing.
    static func reading(_ reading: Reading?, withDigits digits: [LayoutWord], on page: PageText) -> Reading? {
        let read = digits.map(\.text).joined()
        guard (1...5).contains(read.count), read.allSatisfy(\.isNumber) else {
            return reading == nil ? made(from: digits.last, on: page, quality: 0.4) : reading
        }
        let confidence = digits.map(\.confidence).reduce(0, +) / Double(digits.count) / 100
        guard var reading else {
            // Read doubtfully, the word by the symbol is the number, a word apart a stroke.
            guard confidence >= 0.5 else { return made(from: digits.last, on: page, quality: 0.4) }
            var number = digits[0]
            number.text = read
            return made(from: number, on: page, quality: min(confidence, 0.85))
        }
        guard confidence >= 0.5 else {
            guard reading.number.allSatisfy(\.isNumber), reading.number.count == read.count, reading.number != read else { return reading }
            reading.number = read
            reading.quality = min(reading.quality, 0.6)
            return reading
        }
        let suffixed = reading.number.count == read.count + 1 && reading.number.hasPrefix(read) && reading.number.last!.isLetter
        // Fewer digits than the line read: the region's edge, where the slash was guessed, cut one.
        guard reading.number != read, !suffixed, read.count >= reading.number.filter(\.isNumber).count else { return reading }
        reading.number = read
        reading.quality = min(reading.quality, confidence, 0.85)
        return reading
    }

    /// A reading made of the digits read alone and the symbol printed apart from them on the
    /// number line, when the line's own reading of the number failed.
    static func made(from number: LayoutWord?, on page: PageText, quality: Double) -> Reading? {
        guard let number, (1...5).contains(number.text.count), number.text.allSatisfy(\.isNumber) else { return nil }
        let isSymbol = { (word: LayoutWord) in
            symbolSlash(in: word.text) == word.text.startIndex && Double(word.box.x) < page.width * 0.55
        }
        guard let line = page.lines(y: 0...0.33).first(where: { $0.words.contains(where: isSymbol) }),
              let symbol = line.words.first(where: isSymbol), var made = parse([number, symbol], line: line) else { return nil }
        made.quality = min(made.quality, quality)
        return made
    }

    /// A label glued to the number with its colon misread as another mark: "Số›459a".
    static let gluedLabel = #"^[Ss][ốôoóòõỗộ6][^\p{L}\p{N}\s/:](?=[0-9])"#

    /// Index of the first word after the `Số:` label (OCR: `S6:`, `Sô:`, `So`, `Số`).
    static func labelEnd(in line: TextLine) -> Int? {
        for (index, word) in line.words.prefix(6).enumerated() {
            // Only specks may come before the label (a stamp's edge read as "L_ — ____"):
            // "… Nghị định số 61/2018/NĐ-CP" in the body, cut by a region's edge, is not the
            // number line.
            if index > 0, line.words[index - 1].text.filter(\.isLetter).count > 1 { return nil }
            let key = VietnameseText.folded(word.text)
            let letters = key.filter { $0.isLetter || $0.isNumber }
            // The label is capitalised or has its colon: "số 138/2020/NĐ-CP" in a summary
            // quotes another document.
            let label = word.text.first?.isUppercase == true || word.text.contains(":")
            if label, ["so", "s6", "s0", "sd"].contains(String(letters.prefix(2))) && letters.count <= 3 { return index + 1 }
            // "Số:15/QĐ-UBND" glued into one word: `parse` strips the label.
            if letters.hasPrefix("so") && word.text.contains(":") { return index }
            if word.text.range(of: Self.gluedLabel, options: .regularExpression) != nil { return index }
            // A label the stamp's ink garbled to a letter or two and its colon ("ð:"), with
            // the number right after it.
            if word.text.hasSuffix(":"), letters.count <= 2, index + 1 < line.words.count,
               line.words[index + 1].text.first?.isNumber == true { return index + 1 }
        }
        return nil
    }

    static func parse(_ read: [LayoutWord], line: TextLine) -> Reading? {
        let words = symbolWords(read)
        guard !words.isEmpty else { return nil }
        let raw = withoutLabel(words.map(\.text).joined())
        let repaired = repairSlashes(raw)
        guard let match = pattern.firstMatch(in: repaired, range: NSRange(repaired.startIndex..., in: repaired)),
              let numberRange = Range(match.range(at: 1), in: repaired),
              let symbolRange = Range(match.range(at: 2), in: repaired) else { return nil }
        let number = repairDigits(String(repaired[numberRange]))
        guard number.first?.isNumber == true else { return nil }
        let symbol = repairSymbol(String(repaired[symbolRange]))
        guard symbol.count >= 2, symbol.contains(where: \.isLetter) else { return nil }
        let confidence = words.map(\.confidence).reduce(0, +) / Double(words.count) / 100
        let edits = Double(VietnameseText.distance(raw, number + "/" + symbol))
        var quality = max(0, confidence - 0.08 * edits)
        // Symbols are written in A–Z, Đ and digits: any other letter ("HTẾT") is a misread.
        if symbol.contains(where: { $0.isLetter && !($0.isASCII || $0 == "Đ" || $0 == "đ") }) { quality *= 0.5 }
        let used = TextLine(page: line.page, words: words) ?? line
        let read = String(repaired[symbolRange]).filter(\.isLetter).count
        let lettersAfter = repaired[symbolRange.upperBound...].first?.isLetter ?? false
        return Reading(number: number, symbol: symbol, line: used, quality: quality,
                       cutLetters: lettersAfter || symbol.filter(\.isLetter).count < read)
    }

    /// A label glued to the number ("Số:15/QĐ-UBND") taken off.
    static func withoutLabel(_ raw: String) -> String {
        // After any rule or speck before the label ("————~Sø:558/QĐ-SXD").
        let start = raw.firstIndex(where: { $0.isLetter || $0.isNumber }) ?? raw.startIndex
        // Its colon read as another mark ("Số›459a/UBND").
        if let label = raw[start...].range(of: Self.gluedLabel, options: .regularExpression) {
            return String(raw[label.upperBound...])
        }
        guard let colon = raw[start...].firstIndex(of: ":"), raw.distance(from: start, to: colon) <= 3 else { return raw }
        return String(raw[raw.index(after: colon)...])
    }

    /// The words that spell the number and symbol. A word of its own after a whole symbol
    /// ("111/QĐ-SCT R": a stamp's letter) is not part of it unless a separator joins them
    /// ("15/QĐ- UBND", "118 BC -STNMT"); spaced print ("1 5 / Q Đ - …") is read whole.
    static func symbolWords(_ words: [LayoutWord]) -> [LayoutWord] {
        var kept: [LayoutWord] = []
        for word in words {
            if let last = kept.last, last.text.count >= 3, let end = kept.map(\.text).joined().last,
               !"-./".contains(end), !"-./".contains(word.text.first ?? " ") {
                let so = repairSlashes(withoutLabel(kept.map(\.text).joined()))
                if let match = pattern.firstMatch(in: so, range: NSRange(so.startIndex..., in: so)),
                   let symbol = Range(match.range(at: 2), in: so),
                   so[symbol].split(separator: "-").count >= 2, so[symbol].split(separator: "-").last!.count >= 2 {
                    break
                }
            }
            kept.append(word)
        }
        return kept
    }

    /// number `/` [year `/`] type-or-agency part.
    private static let pattern = try! NSRegularExpression(
        pattern: #"^[^0-9A-Za-z]*([0-9OoIl]{1,5}[a-zA-Z]?)/((?:[12][0-9]{3}/)?[A-ZĐÐa-zđ0-9][A-Za-zĐÐđ0-9.\-]*[A-Za-zĐđ0-9])"#)

    /// OCR reads the slash of `15/QĐ` as `|`, `l`, `I`, `1`, `⁄` or `\`: repair it where a
    /// number is followed by an upper-case symbol.
    static func repairSlashes(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "⁄", with: "/").replacingOccurrences(of: "\\", with: "/")
            .replacingOccurrences(of: "ƒ", with: "/").replacingOccurrences(of: "Ƒ", with: "/")
            .replacingOccurrences(of: "|", with: "/").replacingOccurrences(of: "¦", with: "/")
        // "78#BC-KTHT": a slash read as a hash, between the number and a capital.
        t = t.replacingOccurrences(of: #"^([^0-9A-Za-z]*[0-9]{1,5}[a-z]?)#(?=[A-ZĐ])"#, with: "$1/", options: .regularExpression)
        // A speck glued after a slash, before the part's first capital ("2016/)Đ-UBND": the Q of
        // QĐ half read): no symbol has brackets or marks there. The type part left a letter
        // short is put right by the heading (`symbol(_:agreeingWith:)`).
        t = t.replacingOccurrences(of: #"(?<=[0-9]/)[^\p{L}\p{N}/\s]+(?=[A-ZĐ])"#, with: "", options: .regularExpression)
        // The blank's dotted line read between a number and its slash ("440-/", "15./").
        t = t.replacingOccurrences(of: #"^([^0-9A-Za-z]*[0-9]{1,5}[a-z]?)[-._,]+/"#, with: "$1/", options: .regularExpression)
        // "15IQĐ" / "15lQĐ" / "60217VPCP": a digit run, then I, l, 1 or 7 (a slash's shapes),
        // then an upper-case letter.
        if !t.contains("/") {
            t = t.replacingOccurrences(of: #"^([0-9]{1,5}[a-z]?)[Il1!7]([A-ZĐ])"#, with: "$1/$2", options: .regularExpression)
        }
        // A slash lost altogether ("118 BC-STNMT" read as "118BC-STNMT"): the digits of the
        // number, then a type part and its hyphen.
        if !t.contains("/") {
            t = t.replacingOccurrences(of: #"^([0-9]{1,5})([A-ZĐ][A-Za-zĐ]{1,3}-[A-ZĐ])"#, with: "$1/$2", options: .regularExpression)
        }
        return t
    }

    /// Symbols are capitals and digits; the few abbreviations with small letters are known
    /// (TTr, CTr, QyĐ, TrS). Small letters after the last capital, a one-letter last part
    /// ("-k", "-B"), three digits glued to letters ("BYT2115") or the arrival stamp's ĐẾN
    /// are not part of it.
    static func trimmingGluedInk(_ symbol: String) -> String {
        var t = symbol
        // Known mixed-case abbreviations keep their small letters.
        let protected = ["TTr", "CTr", "QyĐ", "TrS", "TTg"]
        // Small letters before a capital belong to the abbreviation ("SNgV", Sở Ngoại vụ).
        if let range = t.range(of: #"(?<=[A-ZĐ0-9])[a-zđ][a-zđ0-9]*$"#, options: .regularExpression),
           !protected.contains(where: { t.hasSuffix($0) }) {
            t.removeSubrange(range)
        }
        if let range = t.range(of: #"-[A-Za-zĐđ]$"#, options: .regularExpression) { t.removeSubrange(range) }
        // The arrival stamp's ĐẾN read on the end of the symbol ("QLGTĐEN").
        if let range = t.range(of: #"(?<=[A-ZĐ]{2})(ĐEN|ĐẾN|DEN)$"#, options: .regularExpression) { t.removeSubrange(range) }
        if let range = t.range(of: #"(?<=[A-ZĐ])[0-9]{3,}$"#, options: .regularExpression) { t.removeSubrange(range) }
        return t.trimmingCharacters(in: CharacterSet(charactersIn: ".-,;:"))
    }

    static func repairDigits(_ s: String) -> String {
        var out = ""
        for (i, c) in s.enumerated() {
            let isSuffix = i == s.count - 1 && i > 0 && c.isLowercase && c != "l" && c != "o"
            if isSuffix { out.append(c); continue }
            switch c {
            case "O", "o": out.append("0")
            case "I", "l", "L": out.append("1")
            default: out.append(c)
            }
        }
        return out
    }

    /// The symbol with its type part set to `type`'s abbreviation, when OCR read that part one
    /// letter off and it is no abbreviation itself (`Bđ-UBND` under the heading BÁO CÁO).
    /// Nil when there is nothing to repair.
    static func symbol(_ symbol: String, agreeingWith type: DocumentType) -> String? {
        guard let abbreviation = type.abbreviation else { return nil }
        var parts = symbol.components(separatedBy: "/")
        var pieces = parts[parts.count - 1].components(separatedBy: "-")
        guard pieces.count >= 2, let head = pieces.first, head != abbreviation else { return nil }
        // Another type's abbreviation stays: the heading may be the misread one (QĐ under
        // "QUY ĐỊNH" read for QUYẾT ĐỊNH).
        guard !DocumentType.isAbbreviation(head) else { return nil }
        // The small letters of TTr, CTr lost with a capital misread ("TH" under TỜ TRÌNH).
        let capitals = abbreviation.filter(\.isUppercase)
        let lostSmall = capitals != abbreviation && head.count == capitals.count && VietnameseText.distance(head, capitals) <= 1
        guard lostSmall || VietnameseText.distance(head.uppercased(), abbreviation.uppercased()) <= 1 else { return nil }
        pieces[0] = abbreviation
        parts[parts.count - 1] = pieces.joined(separator: "-")
        return parts.joined(separator: "/")
    }

    /// The symbol without a stroke glued to the end of its agency part (a frame's or a
    /// stamp's line read as `I`, `1`, `5`), when the agency's initials say where that part
    /// ends: `GM-BTTTTI` under BỘ THÔNG TIN VÀ TRUYỀN THÔNG → `GM-BTTTT`, `VPUBND5` under
    /// VĂN PHÒNG ỦY BAN NHÂN DÂN … → `VPUBND`. Letters are never cut: a header read short
    /// ("ỦY BAN") has short initials too. Nil when there is nothing to cut.
    static func symbol(_ symbol: String, endingWithInitialsOf agency: String) -> String? {
        let initials = HeaderReader.initials(of: agency)
        guard initials.count >= 2 else { return nil }
        var parts = symbol.components(separatedBy: "/")
        var pieces = parts[parts.count - 1].components(separatedBy: CharacterSet(charactersIn: "-."))
        // The agency part: first, or second after a type abbreviation (QĐ-UBND).
        let index = DocumentType.isAbbreviation(pieces[0]) && pieces.count > 1 ? 1 : 0
        // Only the last piece: a unit may follow the agency (`UBND-VX`), and ink glues to the end.
        guard index == pieces.count - 1 else { return nil }
        let part = pieces[index]
        guard part.count > initials.count, part.count - initials.count <= 2, part.hasPrefix(initials),
              part.dropFirst(initials.count).allSatisfy({ $0.isNumber || "Il|!".contains($0) }) else { return nil }
        pieces[index] = initials
        let separators = parts[parts.count - 1].filter { $0 == "-" || $0 == "." }
        var rebuilt = pieces[0]
        for (separator, piece) in zip(separators, pieces.dropFirst()) { rebuilt += String(separator) + piece }
        parts[parts.count - 1] = rebuilt
        return parts.joined(separator: "/")
    }

    /// The symbol with a part one letter off the agency's initials, or off UBND, spelt as
    /// they are ("SKHDT" under SỞ KẾ HOẠCH VÀ ĐẦU TƯ → SKHĐT, "UBNI" → UBND): Đ read as D,
    /// the last stroke of a D read as I, a letter of UBND lost ("UBN": an agency's initials cut
    /// short may be another agency's, "KBNN" of KBNNB); the agency's part a letter off the
    /// body's other initials, its place's or its `parent`'s (`HeaderReader.otherInitials`).
    /// Nil when there is nothing to repair.
    static func symbol(_ symbol: String, agreeingWithInitialsOf agency: String?, parent: String? = nil, confirmedBy filed: [String] = []) -> String? {
        let initials = agency.map { HeaderReader.initials(of: $0) } ?? ""
        var parts = symbol.components(separatedBy: "/")
        let last = parts[parts.count - 1]
        var repaired = ""
        var piece = ""
        let spellings = [initials, "UBND", "HĐND"].filter { $0.count >= 4 }
        let others = agency.map { HeaderReader.otherInitials(of: $0, parent: parent) } ?? []
        // UBND and HĐND stand after the agency's part only under their own body or its office
        // (`CĐ-UBND`, `VP.UBND`): under a ministry a part a letter off them is its unit's (HĐXD).
        let underPeoplesBody = agency.map { AgencyName.peoplesBody($0) != nil || HeaderReader.initials(of: $0).hasPrefix("VP") } ?? true
        // Three letters are repaired only where the agency's own part stands (after the
        // type's, if any): a unit's may be anything.
        let typed = last.split(separator: "-").first.map { DocumentType.isAbbreviation(String($0)) } ?? true
        let agencyIndex = typed ? 1 : 0
        var index = 0
        func flush() {
            defer { index += 1 }
            if initials.count == 3, index == agencyIndex, piece.count == 3, piece != initials,
               !DocumentType.isAbbreviation(piece), !filed.contains(piece),
               VietnameseText.distance(piece, initials) == 1 {
                piece = initials
            }
            // A part already spelt as one of them stays: a header misread ("TỈNH BAN NHÂN DÂN")
            // must not respell a UBND read right.
            let plain = HeaderReader.initialsKey
            // A letter off, or a stroke read as a letter more ("UBNID", "HĐĐND"); of the known
            // bodies' initials, a letter lost too ("UBN", "BND", "UND"): an agency's initials
            // cut short may be another agency's ("KBNN" of KBNNB).
            // Nor does one the file copy's line spells the same ("VPCP" under a header misread
            // "MÃN PHÒNG CHÍNH PHỦ").
            // The body's other initials, a letter off where its own part stands ("HQON" under
            // CỤC HẢI QUAN TỈNH QUẢNG NINH → HQQN, "NHRN" under NGÂN HÀNG NHÀ NƯỚC → NHNN).
            let near = others.filter { $0.count == piece.count && VietnameseText.distance(plain($0), plain(piece)) == 1 }
            if index == agencyIndex, near.count == 1, piece != initials, !others.contains(piece), !filed.contains(piece) {
                piece = near[0]
            }
            for known in spellings where !spellings.contains(piece) && !filed.contains(piece)
                && (index == agencyIndex || known == initials || underPeoplesBody)
                && !DocumentType.isAbbreviation(piece)
                && ((piece.count == known.count && VietnameseText.distance(plain(piece), plain(known)) <= 1)
                    || (piece.count == known.count + 1 && VietnameseText.distance(plain(piece), plain(known)) == 1)
                    || (piece.count == known.count - 1 && piece.count >= 3 && ["UBND", "HĐND"].contains(known)
                        && VietnameseText.distance(plain(piece), plain(known)) == 1)) {
                piece = known
                break
            }
            repaired += piece
            piece = ""
        }
        for c in last {
            if c == "-" || c == "." { flush(); repaired.append(c) } else { piece.append(c) }
        }
        flush()
        guard repaired != last else { return nil }
        parts[parts.count - 1] = repaired
        return parts.joined(separator: "/")
    }

    /// The symbol with its type part's lost small letter put back, where the capitals left
    /// are no type's and one type's abbreviation has just those capitals: `TT-UBND` is a
    /// TTr (a Thông tư is a ministry's alone: `TT-BYT` stays). Nil when there is nothing to
    /// repair.
    static func symbol(restoringSmallLetterOf symbol: String) -> String? {
        var parts = symbol.components(separatedBy: "/")
        var pieces = parts[parts.count - 1].components(separatedBy: "-")
        guard pieces.count >= 2, !pieces[1].hasPrefix("B"), !DocumentType.isAbbreviation(pieces[0])
        else { return nil }
        let fits = DocumentType.all.compactMap(\.abbreviation).filter { $0 != pieces[0] && $0.filter(\.isUppercase) == pieces[0] }
        guard fits.count == 1 else { return nil }
        pieces[0] = fits[0]
        parts[parts.count - 1] = pieces.joined(separator: "-")
        return parts.joined(separator: "/")
    }

    /// The symbol with its agency part as the ministry or department it names spells it
    /// ("2543/SGDDT-KHTC" → SGDĐT). Nil when there is nothing to respell.
    static func symbol(spellingBodysInitials symbol: String) -> String? {
        guard let abbreviation = HeaderReader.agencyAbbreviations(in: symbol).first,
              let spelt = AgencyName.spelling(of: abbreviation) else { return nil }
        var parts = symbol.components(separatedBy: "/")
        var pieces = parts[parts.count - 1].components(separatedBy: "-")
        guard let index = pieces.firstIndex(of: abbreviation) else { return nil }
        pieces[index] = spelt
        parts[parts.count - 1] = pieces.joined(separator: "-")
        return parts.joined(separator: "/")
    }

    /// The symbol with its last part as the file copy's line spells it (`Lưu: VT, KGVX`,
    /// `RecipientsReader.filedUnits`), where the two differ in a letter (two in a longer part):
    /// one of the two readings is wrong, and the symbol's line — a run of capitals glued to
    /// digits and slashes — is the one OCR misreads more (`KGVR`, `OHKT`, `KHIC`). Nil when
    /// they agree, or when no unit is near (agency-only symbols file under VP).
    static func symbol(_ symbol: String, agreeingWithFiledUnits units: [String], agency: String? = nil) -> String? {
        let cut = symbol.lastIndex(where: { $0 == "-" || $0 == "." || $0 == "/" })
        let part = String(symbol[(cut.map { symbol.index(after: $0) } ?? symbol.startIndex)...])
        let before = cut.map { String(symbol[...$0]) } ?? ""
        // The hyphen before the unit lost ("BDIVP" filed under VP): the rest a letter off the
        // agency's initials at most (so that an agency's own letters are not taken for a unit).
        if cut.map({ symbol[$0] == "/" }) ?? true, let unit = units.first(where: { part.hasSuffix($0) && part.count >= $0.count + 2 }) {
            let head = String(part.dropLast(unit.count))
            let known = [agency.map { HeaderReader.initials(of: $0) } ?? "", "UBND", "HĐND"].filter { $0.count >= 2 }
            if known.contains(where: { VietnameseText.distance($0, head) <= 1 && abs($0.count - head.count) <= 1 }) {
                return before + head + "-" + unit
            }
        }
        guard cut != nil else { return nil }
        // Cut short by a stamp or the region's edge ("BTNMT-TC" filed under TCMT): the unit
        // as filed, whole.
        let longer = units.filter { $0.count > part.count && $0.hasPrefix(part) }
        if longer.count == 1, part.count >= 2 { return before + longer[0] }
        // A part that spells the agency's initials is confirmed by the header: the file copy's
        // line misread it ("TTCE" filed under THANH TRA CHÍNH PHỦ's TTCP).
        guard part.count >= 2, !units.contains(part), part != agency.map({ HeaderReader.initials(of: $0) }) else { return nil }
        let near = units.filter { unit in
            unit.count == part.count && VietnameseText.distance(unit, part) <= (part.count >= 5 ? 2 : 1)
        }
        guard near.count == 1 else { return nil }
        return before + near[0]
    }

    /// The symbol with a hyphen put back where OCR lost it between parts the domain knows: a
    /// type's abbreviation before the agency's initials ("QĐUBND"), or the agency's initials
    /// before its unit ("BVHTTDLDSVH" under BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH). Nil when
    /// nothing is glued.
    static func symbol(_ symbol: String, separatingPartsUnder agency: String?) -> String? {
        let initials = agency.map { HeaderReader.initials(of: $0) } ?? ""
        let agencies = [initials, "UBND", "HĐND"].filter { $0.count >= 3 }
        let types = DocumentType.all.compactMap(\.abbreviation)
        var parts = symbol.components(separatedBy: "/")
        var pieces = parts[parts.count - 1].components(separatedBy: "-")
        // The agency's part: first, or second after a type's.
        let at = types.contains(pieces[0]) && pieces.count > 1 ? 1 : 0
        let piece = pieces[at]
        // The hyphen lost, or read as a digit or a mark ("QĐ4UBND"); initials of five letters
        // or more a letter off ("HDBTNMMT" under BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG) are the agency's.
        func agencyPart(after type: String) -> String? {
            let rest = piece.dropFirst(type.count)
            if agencies.contains(String(rest)) { return String(rest) }
            let near = agencies.filter { $0.count >= 5 && VietnameseText.distance($0, String(rest)) == 1 }
            if near.count == 1 { return near[0] }
            guard let first = rest.first, !first.isLetter, agencies.contains(String(rest.dropFirst())) else { return nil }
            return String(rest.dropFirst())
        }
        if at == 0, let type = types.first(where: { piece.hasPrefix($0) && agencyPart(after: $0) != nil }), let named = agencyPart(after: type) {
            pieces[0 ... 0] = [type, named]
        } else if let head = agencies.first(where: { piece.hasPrefix($0) && piece.count >= $0.count + 2 }),
                  piece.dropFirst(head.count).allSatisfy({ $0.isUppercase || $0.isNumber }),
                  // A header cut short ("SỞ LAO ĐỘNG") has short initials: "SLĐTBXH" names a
                  // department whole.
                  AgencyName.named(by: piece) == nil {
            pieces[at ... at] = [head, String(piece.dropFirst(head.count))]
        } else {
            return nil
        }
        parts[parts.count - 1] = pieces.joined(separator: "-")
        return parts.joined(separator: "/")
    }

    /// Whether the symbol looks cut short: a type abbreviation alone ("40/TTr"), or an agency
    /// part that is the start of the agency's initials ("KH-UB" under ỦY BAN NHÂN DÂN …,
    /// "SC" under SỞ CÔNG THƯƠNG) — a stamp or the region's edge took its end.
    /// A symbol cut short after its type part under a People's Committee or Council
    /// ("155/QĐ" under ỦY BAN NHÂN DÂN HUYỆN …): its agency part is theirs, UBND or HĐND.
    /// Nil otherwise.
    static func symbol(_ symbol: String, completedUnder agency: String?) -> String? {
        let last = symbol.split(separator: "/").last.map(String.init) ?? symbol
        guard let agency, DocumentType.isAbbreviation(last) else { return nil }
        return AgencyName.peoplesBody(agency).map { symbol + "-" + $0 }
    }

    static func symbol(_ symbol: String, looksCutShortUnder agency: String?) -> Bool {
        let last = symbol.split(separator: "/").last.map(String.init) ?? symbol
        let pieces = last.split(whereSeparator: { $0 == "-" || $0 == "." }).map(String.init)
                if pieces.count == 1, DocumentType.isAbbreviation(pieces[0]) { return true }
        guard let agency, pieces.count == 1 || (pieces.count == 2 && DocumentType.isAbbreviation(pieces[0])), let part = pieces.last else { return false }
        let initials = HeaderReader.initials(of: agency)
        return initials.count >= 2 && part.count < initials.count && initials.hasPrefix(part)
    }

    /// `QÐ` (Icelandic eth) and `QD` → `QĐ`; a doubled hyphen made one; stray dots at the ends
    /// dropped; ink glued to the end of the symbol (a signature stroke, the stamp's digits) cut off.
    static func repairSymbol(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "Ð", with: "Đ")
        // A run of dots is the blank's dotted line after the symbol, not part of it
        // ("TCKH..........B"): one dot joins parts ("VP.UBND"), two never do.
        if let dots = t.range(of: "..") { t = String(t[..<dots.lowerBound]) }
        // A symbol's parts are joined by one hyphen: a second is a speck or a stroke doubled.
        while t.contains("--") { t = t.replacingOccurrences(of: "--", with: "-") }
        t = t.trimmingCharacters(in: CharacterSet(charactersIn: ".-,;:"))
        t = trimmingGluedInk(t)
        // The type part: fix the common D/Đ confusion only where it makes a known abbreviation.
        var parts = t.components(separatedBy: "/")
        if var last = parts.last {
            var pieces = last.components(separatedBy: "-")
            if let head = pieces.first, !DocumentType.isAbbreviation(head) {
                let fixed = head.replacingOccurrences(of: "D", with: "Đ")
                if DocumentType.isAbbreviation(fixed) { pieces[0] = fixed }
            }
            last = pieces.joined(separator: "-")
            parts[parts.count - 1] = last
        }
        return parts.joined(separator: "/")
    }
}
