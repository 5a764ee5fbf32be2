/// Reads `Nơi nhận:` (bottom left: `- Như Điều 3;` … `- Lưu: VT, NC.`) and `Kính gửi:`.
struct RecipientsReader {
    struct Reading {
        var items: [String]
        var box: Box
        var page: Int
        var quality: Double
    }

    static func isNoiNhan(_ line: TextLine) -> Bool {
        VietnameseText.key(line.text).hasPrefix("noi nhan")
    }

    func readNoiNhan(_ pages: [PageText]) -> Reading? {
        for page in pages.reversed() {
            guard let headerIndex = page.lines.lastIndex(where: Self.isNoiNhan) else { continue }
            let header = page.lines[headerIndex]
            let left = page.width * 0.5
            var items: [String] = []
            var used: [TextLine] = [header]
            for line in page.lines[(headerIndex + 1)...] where line.box.midY > header.box.midY {
                guard let part = line.words(between: 0, and: left), part.box.x < Int(left) else { continue }
                let text = VietnameseText.collapsed(part.text)
                guard !text.isEmpty else { continue }
                if let dash = text.first, "-–—+•".contains(dash) {
                    items.append(String(text.dropFirst()).trimmingCharacters(in: .whitespaces))
                } else if !items.isEmpty {
                    items[items.count - 1] += " " + text
                } else {
                    continue
                }
                used.append(part)
            }
            let cleaned = items.map(Self.cleanItem).filter { !$0.isEmpty }
            guard !cleaned.isEmpty else { continue }
            let words = used.flatMap(\.words)
            return Reading(items: cleaned, box: Box.union(used.map(\.box))!, page: page.page.number,
                           quality: words.map(\.confidence).reduce(0, +) / Double(words.count) / 100)
        }
        return nil
    }

    /// `Kính gửi: Sở Tài chính.` or a list under it.
    func readKinhGui(_ page: PageText) -> (String, TextLine)? {
        for (index, line) in page.lines.enumerated() {
            let key = VietnameseText.key(line.text)
            guard key.hasPrefix("kinh gui") else { continue }
            let rest = line.words.drop { !$0.text.contains(":") }.dropFirst().map(\.text).joined(separator: " ")
            if !rest.isEmpty { return (Self.cleanItem(rest), line) }
            var items: [String] = []
            for next in page.lines[(index + 1)...].prefix(6) {
                let text = VietnameseText.collapsed(next.text)
                guard let first = text.first, "-–—+".contains(first) else { break }
                items.append(Self.cleanItem(String(text.dropFirst())))
            }
            if !items.isEmpty { return (items.joined(separator: "; "), line) }
        }
        return nil
    }

    /// The units named in the file copy's item, `Lưu: VT, KGVX, NVA (02b)`: the drafting
    /// unit's abbreviation, which a Công văn's symbol ends with (`…/UBND-KGVX`), and the
    /// drafter's initials. The archive's own VT and the number of copies are left out, and
    /// so is anything not written in capitals (a drafter's name, `Hg`). Empty without one.
    static func filedUnits(in items: [String]) -> [String] {
        guard let item = items.last(where: { item in
            guard let colon = item.firstIndex(of: ":") else { return false }
            let label = VietnameseText.folded(String(item[..<colon])).filter(\.isLetter)
            return label.count <= 4 && VietnameseText.distance(label, "luu") <= 1
        }), let colon = item.firstIndex(of: ":") else { return [] }
        let rest = item[item.index(after: colon)...].replacingOccurrences(of: #"\([^)]*\)?"#, with: " ", options: .regularExpression)
        return rest.split(whereSeparator: { ", ;.".contains($0) }).map(String.init).filter { token in
            // Abbreviations of Vietnamese words: no F, J, W or Z.
            token != "VT" && (2...10).contains(token.count) && token.filter(\.isLetter).count >= 2 && !token.contains(where: "FJWZ".contains)
                && token.allSatisfy { ($0.isUppercase && ($0.isASCII || $0 == "Đ")) || $0.isNumber }
        }
    }

    static func cleanItem(_ s: String) -> String {
        var words = VietnameseText.collapsed(s).split(separator: " ").map(String.init)
        // OCR specks after the item: quotes, dashes, lone punctuation.
        while let last = words.last, !last.contains(where: { $0.isLetter || $0.isNumber }) { words.removeLast() }
        var t = words.joined(separator: " ")
        while let last = t.last, ";.,:\"'”“".contains(last) || last == " " { t.removeLast() }
        if t.hasSuffix("/") { t.removeLast() }
        return t.trimmingCharacters(in: .whitespaces)
    }
}
