import Foundation

/// Checks a line of running text (a summary) word by word against the vocabulary of
/// administrative Vietnamese (`AdministrativeLexicon`): OCR reads a wrong tone mark as
/// confidently as a right one ("tố chức", "đấy mạnh", "thấm định"), so the words themselves
/// must say whether the reading makes sense. A syllable is confirmed when it forms a known
/// two-syllable word with a neighbour, or is a word on its own. One that is not, but whose
/// letters with other marks would form a known word with a neighbour as read, is that word:
/// the only reading the language leaves.
struct Proofreader {
    struct Proofread: Equatable {
        var text: String
        /// Words neither confirmed nor repaired: the reading may be wrong there.
        var unconfirmed: [String]
        /// Syllables respelt ("tố" → "tổ").
        var repaired: Int
    }

    /// Fewer words than this are no summary of a document: a line of it, the rest lost; more
    /// than the longest are the summary run on into the body.
    static let shortest = 4
    static let longest = 45

    func read(_ text: String) -> Proofread {
        var tokens = text.split(separator: " ").map { Token(String($0)) }
        var repaired = 0
        // Unconfirmed, or a word standing alone but not one of grammar ("đồn" in "đồn đốc",
        // "phố" in "trung học phố thông"): OCR's slip gave it a word's marks by chance.
        for i in tokens.indices where tokens[i].isWord && (!confirmed(i, in: tokens) || standsAloneRepairably(i, in: tokens)) {
            guard let respelt = respelling(i, in: tokens) else { continue }
            tokens[i].core = respelt
            repaired += 1
        }
        // A word standing alone whose letters with other marks would make a word with a
        // neighbour ("đấy mạnh": đẩy mạnh; "rừng trong dịp": rừng trồng) may be either.
        var unconfirmed = tokens.indices.filter { !confirmed($0, in: tokens) || ambiguous($0, in: tokens) }.map { tokens[$0].text }
        if tokens.count < Self.shortest || tokens.count > Self.longest { unconfirmed.append(text) }
        return Proofread(text: tokens.map(\.text).joined(separator: " "), unconfirmed: unconfirmed, repaired: repaired)
    }

    /// A word of the text: its letters, with what surrounds them (punctuation) kept apart.
    struct Token {
        var lead: String
        var core: String
        var trail: String

        init(_ raw: String) {
            let start = raw.firstIndex(where: \.isLetter) ?? raw.endIndex
            let end = raw.lastIndex(where: \.isLetter).map { raw.index(after: $0) } ?? raw.endIndex
            if start < end, raw[start..<end].allSatisfy(\.isLetter) {
                lead = String(raw[..<start]); core = String(raw[start..<end]); trail = String(raw[end...])
            } else {
                lead = ""; core = raw; trail = ""
            }
        }

        var text: String { lead + core + trail }
        /// Letters only, not in capitals (UBND is an abbreviation, checked apart).
        var isWord: Bool { !core.isEmpty && core.allSatisfy(\.isLetter) && !(core.count >= 2 && core.allSatisfy(\.isUppercase)) }
        var lower: String { VietnameseText.normalized(core.lowercased()) }
        var isCapitalised: Bool { core.first?.isUppercase == true }
    }

    /// A word's letters, lower-cased, for the lexicon: a capitalised word inside the text is
    /// looked up too ("Kế hoạch", "Chính phủ").
    private func lookup(_ tokens: [Token], _ i: Int) -> String? {
        guard tokens.indices.contains(i), tokens[i].isWord else { return nil }
        return tokens[i].lower
    }

    /// Whether the words at `i` and `i + 1`, with nothing between them, are a known word.
    private func compound(_ tokens: [Token], _ i: Int) -> Bool {
        guard let a = lookup(tokens, i), let b = lookup(tokens, i + 1), tokens[i].trail.isEmpty, tokens[i + 1].lead.isEmpty,
              // Terms capitalise a word's first syllable ("Chính phủ"), never its second ("chấn
              // Chỉnh", "Về Việc"): capitalised both, they are a name's, checked as one.
              !tokens[i + 1].isCapitalised else { return false }
        return AdministrativeLexicon.compounds.contains(a + " " + b)
    }

    private func confirmed(_ i: Int, in tokens: [Token]) -> Bool {
        let token = tokens[i]
        // Punctuation a summary does not have inside it: quotes, a full stop before more words.
        if !Self.plainPunctuation(token.lead) || !Self.plainPunctuation(token.trail)
            || (token.trail.contains(".") && i < tokens.count - 1) { return false }
        // A colon introduces a name or a list ("gói thầu số 03: Thi công"), not a small word.
        if token.trail.contains(":"), i + 1 < tokens.count, tokens[i + 1].isWord, !tokens[i + 1].isCapitalised { return false }
        guard token.isWord else { return Self.plausibleCode(token.core) }
        let word = token.lower
        let inCompound = compound(tokens, i - 1) || compound(tokens, i)
        // The last word: never one that wants a word after it ("… năm"), nor a word's first
        // syllable alone ("… của Chính": phủ lost; "… trong thời"), a name's aside.
        if i == tokens.count - 1, !inCompound, Self.wantsMore.contains(word) || AdministrativeLexicon.firstSyllables.contains(word)
            && !(token.isCapitalised && i > 0 && tokens[i - 1].isCapitalised) { return false }
        // No comma follows a word of grammar ("trong, dịp").
        if token.trail.contains(","), Self.wantsMore.contains(word) { return false }
        if inCompound { return true }
        // Capitalised inside the text and no known word: a name ("Mường Nhé"), not a misread;
        // but a word of grammar capitalised alone between small letters ("Và") is out of place.
        if i > 0, token.isCapitalised {
            // Capitalised both, a known word, or two words of grammar, are a term misread
            // ("Về Việc"), not a name.
            if tokens[i - 1].isCapitalised, let previous = lookup(tokens, i - 1),
               AdministrativeLexicon.compounds.contains(previous + " " + word)
                || (AdministrativeLexicon.words.contains(previous) && AdministrativeLexicon.words.contains(word)) { return false }
            let inName = tokens[i - 1].isCapitalised || (i + 1 < tokens.count && tokens[i + 1].isCapitalised)
            return VietnameseText.isSyllable(word) && (inName || !AdministrativeLexicon.words.contains(word))
        }
        return AdministrativeLexicon.words.contains(word)
    }

    private func standsAloneRepairably(_ i: Int, in tokens: [Token]) -> Bool {
        guard let word = lookup(tokens, i), !(i > 0 && tokens[i].isCapitalised) else { return false }
        return !(compound(tokens, i - 1) || compound(tokens, i)) && !AdministrativeLexicon.grammar.contains(word)
    }

    private func ambiguous(_ i: Int, in tokens: [Token]) -> Bool {
        tokens[i].isWord && !(compound(tokens, i - 1) || compound(tokens, i)) && respelling(i, in: tokens) != nil
    }

    /// The syllable with other marks that makes a known word with a neighbour as read, when
    /// exactly one does; in the case it was read in. The neighbour must not already be
    /// confirmed by its other side: "vật liệu no công nghiệp" is not "nợ công".
    private func respelling(_ i: Int, in tokens: [Token]) -> String? {
        guard let word = lookup(tokens, i), !(i > 0 && tokens[i].isCapitalised) else { return nil }
        let previous = tokens[i].lead.isEmpty && !compound(tokens, i - 2) ? lookup(tokens, i - 1).flatMap { tokens[i - 1].trail.isEmpty ? $0 : nil } : nil
        let next = tokens[i].trail.isEmpty && !compound(tokens, i + 1) ? lookup(tokens, i + 1).flatMap { tokens[i + 1].lead.isEmpty ? $0 : nil } : nil
        let candidates = (AdministrativeLexicon.variants[VietnameseText.key(word)] ?? []).filter { candidate in
            candidate != word && (previous.map { AdministrativeLexicon.compounds.contains($0 + " " + candidate) } == true
                || next.map { AdministrativeLexicon.compounds.contains(candidate + " " + $0) } == true)
        }
        guard candidates.count == 1, let found = candidates.first else { return nil }
        return tokens[i].isCapitalised ? found.prefix(1).uppercased() + found.dropFirst() : found
    }

    /// Commas, a colon, brackets and the like; not quotes or OCR's specks.
    static func plainPunctuation(_ s: String) -> Bool {
        s.allSatisfy { ",.;:()-–/".contains($0) }
    }

    /// Words a summary does not end on: they want a word after them.
    static let wantsMore: Set<String> = ["của", "và", "về", "các", "cho", "tại", "số", "với", "trong", "đối", "năm", "tháng",
                                         "ngày", "những", "để", "từ", "đến", "theo", "trên", "thuộc", "giai", "đợt", "quý"]

    /// A token that is not a word: a number, a year, a date, a document's number and symbol,
    /// a Roman numeral, an abbreviation in capitals. What OCR makes of specks ("NEYE",
    /// "13/317", "b4") is none of these.
    static func plausibleCode(_ core: String) -> Bool {
        let text = core.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:()"))
        let patterns = [
            #"^[0-9]{1,4}(,[0-9]+)?%?$"#,                                   // 9, 2024, 5,5%
            #"^[0-9]{1,2}/[0-9]{1,2}(/[0-9]{4})?$"#,                        // 27/7, 02/9/2025
            #"^[0-9]{1,5}[a-z]?/([0-9]{4}/)?[A-ZĐ][A-Za-zĐđ0-9.]*(-[A-ZĐ][A-Za-zĐđ0-9.]*)*$"#, // 76/NQ-CP
            #"^[IVXL]{1,5}$"#,                                               // quý IV
        ]
        if patterns.contains(where: { text.range(of: $0, options: .regularExpression) != nil }) { return true }
        return AdministrativeLexicon.abbreviations.contains(text)
    }
}
