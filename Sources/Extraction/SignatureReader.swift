/// Reads the signature block, bottom right of the last page that has it:
/// `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` / (signature, red seal) / `Nguyễn Văn Hùng`.
struct SignatureReader {
    struct Reading {
        var authority: String?
        var position: String?
        var positionLine: TextLine?
        var name: String?
        var nameLine: TextLine?
        /// The whole block, for a second OCR pass on the name under the seal.
        var blockBox: Box
        var page: Int
        var positionQuality: Double
        var nameQuality: Double
    }

    static let authorities = ["TM.", "KT.", "TL.", "TUQ.", "Q."]

    func read(_ pages: [PageText]) -> Reading? {
        for page in pages.reversed() {
            if let reading = read(page) { return reading }
            // The block sits level with "Nơi nhận": a page that has it and no legible block
            // has lost the block to the seal; earlier pages have only body text.
            if page.lines.contains(where: RecipientsReader.isNoiNhan) { return nil }
        }
        return nil
    }

    /// `wholePage`: the page holds only the block (a second pass over its region).
    func read(_ page: PageText, wholePage: Bool = false) -> Reading? {
        // The block starts level with "Nơi nhận:" when there is one, else in the lower part.
        let noiNhanY = page.lines.last(where: { RecipientsReader.isNoiNhan($0) }).map { Double($0.box.y) }
        let top = wholePage ? 0 : (noiNhanY ?? page.height * 0.45) - page.height * 0.03
        let block = page.lines
            .filter { $0.box.midY >= top }
            .compactMap { $0.words(between: page.width * 0.45, and: page.width) }
            .filter { $0.text.contains(where: \.isLetter) }
        // Title lines: capitals (KT. CHỦ TỊCH, PHÓ CHỦ TỊCH, GIÁM ĐỐC). The signer's title is the
        // last one that reads like a title; a body heading ("QUYẾT ĐỊNH:") in the zone is not.
        let capsIndices = block.indices.filter { Self.isTitleLine(block[$0]) }
        let titleIndices = capsIndices.filter { Self.readsLikeTitle(block[$0].text) }
        guard let positionIndex = titleIndices.last ?? capsIndices.last else {
            // The titles were lost (seal, handwriting) but the name may still be there — on the
            // page that ends the document, not in a body page's text.
            guard wholePage || noiNhanY != nil else { return nil }
            let (nameLine, name, nameQuality) = Self.bestName(in: block[...])
            guard let nameLine else { return nil }
            return Reading(authority: nil, position: nil, positionLine: nil, name: name,
                           nameLine: nameLine, blockBox: nameLine.box, page: page.page.number,
                           positionQuality: 0, nameQuality: nameQuality)
        }
        let positionLine = block[positionIndex]
        var positionQuality = positionLine.meanConfidence / 100 * (titleIndices.isEmpty ? 0.6 : 1)
        let stripped = Self.stripAuthority(positionLine.text)
        var position: String? = Self.cleanCaps(stripped.text)
        var authority: String?
        if let own = stripped.authority {
            // "KT. CHỦ TỊCH" with nothing legible under it: the title under it was lost.
            authority = own
            position = own == "KT." ? OfficialTitle.deputy(of: position ?? "") : nil
            positionQuality *= 0.6
        } else if let above = capsIndices.last(where: { $0 < positionIndex }), positionIndex - above <= 2 {
            let aboveLine = Self.stripAuthority(block[above].text)
            authority = aboveLine.authority
            if let restored = OfficialTitle.restore(stripped.text) {
                position = restored.title
                positionQuality = max(positionQuality, restored.similarity * 0.97)
            }
            // The same head's title twice: the upper line's "KT." was lost too (". CHỦ TỊCH"
            // over "?.CHỦ TỊCH"): nobody signs under their own title twice.
            if authority == nil, let head = OfficialTitle.restore(aboveLine.text)?.title, head == position,
               OfficialTitle.deputy(of: head) != nil {
                authority = "KT."
                positionQuality = min(positionQuality, 0.85)
            }
            // Ký thay: the deputy of the head named above signs. A "PHÓ" lost under the seal
            // leaves the head's title: "KT. CHỦ TỊCH" over "CHỦ TỊCH" is "PHÓ CHỦ TỊCH".
            if authority == "KT.", let head = OfficialTitle.restore(aboveLine.text)?.title,
               let deputy = OfficialTitle.deputy(of: head), position != deputy,
               position == nil || VietnameseText.similarity(position!, head) > VietnameseText.similarity(position!, deputy) {
                position = deputy
            }
        } else if let restored = OfficialTitle.restore(stripped.text) {
            position = restored.title
            positionQuality = max(positionQuality, restored.similarity * 0.97)
        }
        if position?.isEmpty == true { position = nil }
        // Ink before the title where KT. or PHÓ stands (". CHỦ TỊCH"): either may have been
        // lost under it.
        if let first = positionLine.words.first, !first.text.contains(where: \.isLetter) { positionQuality = min(positionQuality, 0.85) }
        let (nameLine, name, nameQuality) = Self.bestName(in: block[(positionIndex + 1)...])
        let boxes = block[capsIndices.first!...].map(\.box)
        var blockBox = Box.union(boxes) ?? positionLine.box
        // Down to the page bottom's last line of the block, plus room for the name.
        blockBox.height = max(blockBox.height, Int(page.height * 0.2))
        return Reading(
            authority: authority, position: position, positionLine: positionLine,
            name: name, nameLine: nameLine, blockBox: blockBox, page: page.page.number,
            positionQuality: positionQuality,
            nameQuality: nameQuality)
    }

    static func isTitleLine(_ line: TextLine) -> Bool {
        let letters = line.text.filter(\.isLetter)
        return letters.count >= 3 && VietnameseText.uppercaseRatio(line.text) >= 0.85 && line.meanConfidence >= 40
    }

    /// A signing authority ("KT. CHỦ TỊCH") or a known title, as far as OCR lets one tell.
    static func readsLikeTitle(_ text: String) -> Bool {
        let stripped = stripAuthority(text)
        return stripped.authority != nil || OfficialTitle.restore(stripped.text) != nil
    }

    static func stripAuthority(_ text: String) -> (authority: String?, text: String) {
        let trimmed = VietnameseText.collapsed(text)
        for a in authorities {
            let bare = String(a.dropLast())
            for prefix in [a + " ", a, bare + " ", bare + ", "] where trimmed.hasPrefix(prefix) {
                let rest = String(trimmed.dropFirst(prefix.count))
                // "Q." must be followed by a title, and "TL" not be the start of a word.
                if prefix == bare + " " && bare.count == 1 { continue }
                return (a, VietnameseText.collapsed(rest))
            }
        }
        return (nil, trimmed)
    }

    static func cleanCaps(_ s: String) -> String {
        let words = s.split(separator: " ").filter { w in
            let letters = w.filter(\.isLetter)
            return !letters.isEmpty && VietnameseText.isUppercaseWord(String(w))
        }
        return words.joined(separator: " ")
    }

    /// Police and army ranks printed before a signer's name.
    static let ranks = ["Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
                        "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy"]

    /// The name under the title, after the space for the signature and the seal: of the lines
    /// that read like a name, the one with a known family name and confident OCR (the lowest
    /// on a tie: signature strokes above it can look like capitalised words).
    static func bestName(in lines: ArraySlice<TextLine>) -> (line: TextLine?, name: String?, quality: Double) {
        var best: (line: TextLine?, name: String?, quality: Double) = (nil, nil, 0)
        for line in lines {
            guard let name = personalName(line) else { continue }
            let family = name.split(separator: " ").first.map(String.init) ?? ""
            let quality = line.meanConfidence / 100 * (PersonalName.familyNames.contains(family) ? 1 : 0.6)
            if best.line == nil || quality >= best.quality { best = (line, name, quality) }
        }
        return best
    }

    /// "Nguyễn Văn Hùng": 2–5 capitalised words (after dropping a rank and OCR specks).
    static func personalName(_ line: TextLine) -> String? {
        // OCR glues words of a name ("NguyenCông"): a capital after a small letter starts a word.
        var confidence: [String: Double] = [:]
        var words = line.words.filter { $0.text.contains(where: \.isLetter) }.flatMap { word -> [String] in
            var pieces: [String] = [""]
            for c in PersonalName.restoringCapitalT(word.text) where c.isLetter {
                if c.isUppercase, let last = pieces.last?.last, last.isLowercase { pieces.append("") }
                pieces[pieces.count - 1].append(c)
            }
            for piece in pieces { confidence[piece] = min(confidence[piece] ?? 100, word.confidence) }
            return pieces
        }
        words = words.filter { !$0.isEmpty }
        var text = words.joined(separator: " ")
        for rank in ranks {
            if VietnameseText.normalized(text).hasPrefix(VietnameseText.normalized(rank) + " ") {
                text = String(text.dropFirst(rank.count + 1))
                break
            }
        }
        var parts = text.split(separator: " ").map(String.init)
        // A family name read in small letters before the capitalised rest ("vương Cao Toản",
        // "xguyễn Bích Xuân": the signature's stroke over its capital) is the name's start —
        // at the line's start, after specks alone: "… xếp hạng Quyết …" is a sentence.
        if let first = parts.firstIndex(where: { $0.first?.isUppercase ?? false }), first > 0, parts[first - 1].count >= 2,
           parts[first - 1].first?.isLowercase == true, parts[..<(first - 1)].allSatisfy({ $0.count < 2 }),
           let family = PersonalName.familyName(parts[first - 1].prefix(1).uppercased() + parts[first - 1].dropFirst()),
           PersonalName.familyName(parts[first]) != parts[first] || PersonalName.nameSyllables.contains(parts[first]) {
            parts[first - 1] = family
        }
        // Drop specks around the name (a lone lower-case letter from the signature strokes).
        let core = parts.drop(while: { !($0.first?.isUppercase ?? false) })
        var name = Array(core.prefix(while: { $0.first?.isUppercase ?? false }))
        // A name is written in small letters after capitals: a word in capitals is a title's
        // ("Ctrử TỊCH").
        guard (2...5).contains(name.count), name.allSatisfy({ $0.count >= 1 }),
              VietnameseText.uppercaseRatio(name.joined()) < 0.7,
              !name.contains(where: { $0.filter(\.isLetter).count >= 3 && VietnameseText.isUppercaseWord($0) }) else { return nil }
        // A name begins with its family name: a word before one is a stroke of the signature
        // ("Tin Nguyên Thu Huyền", "N Hùynh Thanh Tài").
        if name.count >= 4, PersonalName.familyName(name[0]) == nil, PersonalName.familyName(name[1]) != nil {
            name.removeFirst()
        }
        // A family name read in two pieces ("Ngiy En Tuấn Khải"): one.
        if name.count >= 4, PersonalName.familyName(name[0]) == nil,
           let family = PersonalName.familyName(name[0] + name[1].lowercased()) {
            name.replaceSubrange(0...1, with: [family])
        }
        let family = PersonalName.familyName(name[0]) ?? name[0]
        var syllables = [family] + name.dropFirst().map { PersonalName.nameSyllable($0, confidence: confidence[$0] ?? 100) }
        // Thị marks a woman's middle name and is never a given name: ending a name, it is a
        // signature stroke read after it ("Nguyễn Hữu Trường Thi").
        // ("Thi" after three: the stroke read without its mark.)
        if syllables.count >= 3, syllables.last == "Thị" || (syllables.count >= 4 && syllables.last == "Thi") { syllables.removeLast() }
        // Nor does a name end in a lone letter: that is a stroke too ("Nguyễn Phương Ánh Ô").
        if syllables.count >= 3, syllables.last?.count == 1 { syllables.removeLast() }
        // A middle name Thị with its thin h lost ("Giàng Tỉ Phượng"): Thị, the commonest
        // middle name (not Chí, Thế, Phi — names of their own one letter off it).
        if syllables.count == 3, !PersonalName.nameSyllables.contains(syllables[1]), VietnameseText.key(syllables[1]) == "ti" {
            syllables[1] = "Thị"
        }
        return syllables.joined(separator: " ")
    }

    /// Of two readings of one name, the one with a syllable more, where the other's are its
    /// own in order with that one lost (a family name under the seal: "Nguyên Tín", read
    /// "Nguyễn Tín", for Nguyễn Nguyên Tín). The syllable it has more must be one
    /// ("XÍKisuyến" is a smudge read with the name). Nil otherwise.
    static func fuller(_ a: Reading, _ b: Reading) -> Reading? {
        guard let nameA = a.name?.split(separator: " ").map(String.init),
              let nameB = b.name?.split(separator: " ").map(String.init) else { return nil }
        let (shortName, words, longer) = nameA.count < nameB.count ? (nameA, nameB, b) : (nameB, nameA, a)
        let short = shortName.map(VietnameseText.key), long = words.map(VietnameseText.key)
        guard long.count == short.count + 1, short.count >= 2, long.count <= 4 else { return nil }
        let lost = long.indices.filter { i in Array(long[..<i] + long[(i + 1)...]) == short }
        guard let extra = lost.first, VietnameseText.isSyllable(words[extra]) else { return nil }
        return longer
    }

    /// Two readings of one name whose syllables differ in marks alone ("Phi" on the page,
    /// "Phí" in the block read on its own): each syllable as the reading that spelt a name
    /// with it where only one did ("Nhi", not "Nhỉ"), else as the one that read it more
    /// clearly. Nil unless the two are the same name but for marks.
    static func merged(_ a: Reading, _ b: Reading) -> String? {
        guard let nameA = a.name, let nameB = b.name, nameA != nameB else { return nil }
        let x = nameA.split(separator: " ").map(String.init), y = nameB.split(separator: " ").map(String.init)
        guard x.count == y.count, zip(x, y).allSatisfy({ VietnameseText.key($0) == VietnameseText.key($1) }) else { return nil }
        func confidence(_ syllable: String, in line: TextLine?) -> Double {
            line?.words.first { VietnameseText.normalized($0.text) == syllable }?.confidence ?? 0
        }
        func isName(_ syllable: String, at index: Int) -> Bool {
            index == 0 ? PersonalName.familyName(syllable) == syllable : PersonalName.nameSyllables.contains(syllable)
        }
        return zip(x, y).enumerated().map { index, pair in
            let (p, q) = pair
            guard p != q else { return p }
            if isName(p, at: index) != isName(q, at: index) { return isName(p, at: index) ? p : q }
            return confidence(p, in: a.nameLine) >= confidence(q, in: b.nameLine) ? p : q
        }.joined(separator: " ")
    }
}
