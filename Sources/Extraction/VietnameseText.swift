import Foundation

/// Text normalisation for comparing what OCR read with what the domain expects.
enum VietnameseText {
    /// NFC with the "old" tone placement government documents use (hòa, thủy, Hỏa):
    /// OCR and keyboards produce both `hoà` and `hòa` for the same word.
    /// The old placement is for open syllables only: before a final consonant the mark
    /// stands on the second vowel in both ("Toản", "Huỳnh"), and "Tỏan" is put back there.
    static func normalized(_ s: String) -> String {
        var text = s.precomposedStringWithCanonicalMapping
        for (new, old) in toneReplacements {
            // After q, u belongs to the consonant: "quý" is already in the one placement.
            if text.contains(new) {
                text = text.replacingOccurrences(of: "(?<![qQ])" + new + "(?!\\p{L})", with: old, options: .regularExpression)
            }
            if text.contains(old) {
                text = text.replacingOccurrences(of: "(?<![qQ])" + old + "(?=\\p{L})", with: new, options: .regularExpression)
            }
        }
        return text
    }

    /// Lower case, diacritics removed, đ → d: for fuzzy matching of OCR output.
    static func folded(_ s: String) -> String {
        let lower = s.lowercased().replacingOccurrences(of: "đ", with: "d")
        return lower.folding(options: [.diacriticInsensitive], locale: nil)
    }

    /// Only letters and digits of `folded`, spaces collapsed: "S6 :" and "Số:" both give "s6"/"so".
    static func key(_ s: String) -> String {
        folded(s).unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == " " }
            .map(String.init).joined()
            .split(separator: " ").joined(separator: " ")
    }

    static func isUppercaseWord(_ s: String) -> Bool {
        let letters = s.filter(\.isLetter)
        return !letters.isEmpty && letters.allSatisfy { $0.isUppercase }
    }

    /// Share of letters that are upper case (0 when there are none).
    static func uppercaseRatio(_ s: String) -> Double {
        let letters = s.filter(\.isLetter)
        guard !letters.isEmpty else { return 0 }
        return Double(letters.filter(\.isUppercase).count) / Double(letters.count)
    }

    /// Levenshtein distance on characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// 1 − distance / longer length, on folded keys: how alike two strings read.
    static func similarity(_ a: String, _ b: String) -> Double {
        let ka = key(a), kb = key(b)
        let longest = max(ka.count, kb.count)
        guard longest > 0 else { return 1 }
        return 1 - Double(distance(ka, kb)) / Double(longest)
    }

    /// Letters of the Vietnamese alphabet (with f, j, w, z of foreign names), both cases.
    private static let alphabet: Set<Character> = {
        let lower = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
        return Set(lower + lower.uppercased())
    }()

    /// Text with letters no Vietnamese word has (Š, ñ, œ) or symbols no printed document
    /// line has (€, ¬, ‡): OCR read ink that is not print — a stamp, a seal, a scribble.
    static func looksGarbled(_ s: String) -> Bool {
        s.contains { c in
            if c.isLetter { return !alphabet.contains(c) }
            return "€¬‡|_~ˆ¡¿®©“”„»«¦§#@*<>^{}[]".contains(c)
        }
    }

    /// Whether `word` is spelt like a Vietnamese syllable: an initial consonant, vowels that
    /// carry only Vietnamese marks, a final consonant — no f, j, w, z, ñ, ï, and no consonant
    /// between vowels ("Irường").
    static func isSyllable(_ word: String) -> Bool {
        let vowelMarks: Set<Unicode.Scalar> = ["\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{306}", "\u{302}", "\u{31B}"]
        var shape = ""
        for c in word.lowercased() {
            let scalars = Array(String(c).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let base = scalars.first else { return false }
            if "aeiouy".unicodeScalars.contains(base) {
                guard scalars.dropFirst().allSatisfy(vowelMarks.contains) else { return false }
                shape.append("v")
            } else if c == "đ" || ("bcdghklmnpqrstvx".unicodeScalars.contains(base) && scalars.count == 1) {
                shape.append("c")
            } else {
                return false
            }
        }
        let letters = word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.isASCII || $0 == "đ" }
        let plain = String(String.UnicodeScalarView(letters))
        guard let vowels = shape.firstIndex(of: "v"), shape.lastIndex(of: "v").map({ shape[vowels...$0].allSatisfy { $0 == "v" } }) == true
        else { return false }
        let initialLength = shape.distance(from: shape.startIndex, to: vowels)
        let finalLength = shape.count - 1 - shape.distance(from: shape.startIndex, to: shape.lastIndex(of: "v")!)
        let initial = String(plain.prefix(initialLength)), final = String(plain.suffix(finalLength))
        guard syllableInitials.contains(initial), syllableFinals.contains(final) else { return false }
        // A syllable closed by c, ch, p or t takes the rising or the heavy tone only ("Đức",
        // "Việt"; "Đưc" lost its mark).
        if ["c", "ch", "p", "t"].contains(final) {
            let tones = word.decomposedStringWithCanonicalMapping.unicodeScalars.filter { ["\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"].contains($0) }
            return tones.count == 1 && (tones.first == "\u{301}" || tones.first == "\u{323}")
        }
        return true
    }

    /// Consonants a syllable may start with ("gi", "qu" end in a vowel letter).
    private static let syllableInitials: Set<String> = ["", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
                                                        "nh", "p", "ph", "q", "r", "s", "t", "th", "tr", "v", "x"]
    private static let syllableFinals: Set<String> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]

    /// Whitespace runs → one space, trimmed.
    static func collapsed(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// "new" placement → "old" placement, upper and lower case.
    private static let toneReplacements: [(String, String)] = {
        let pairs = [("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
                     ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
                     ("uỳ", "ùy"), ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy")]
        var all: [(String, String)] = []
        for (new, old) in pairs {
            all.append((new, old))
            all.append((new.uppercased(), old.uppercased()))
            all.append((new.prefix(1).uppercased() + new.dropFirst(), old.prefix(1).uppercased() + old.dropFirst()))
        }
        return all
    }()
}
