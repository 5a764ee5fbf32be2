/// Reads the marks stamped near the number — urgency (`KHẨN`, `THƯỢNG KHẨN`, `HỎA TỐC`) and
/// secrecy (`MẬT`, `TỐI MẬT`, `TUYỆT MẬT`) — and whether an `ĐẾN` arrival stamp is on page 1.
///
/// Secrecy errs towards holding: a false alarm costs the clerk a minute, a miss is a breach.
struct MarkReader {
    struct Mark {
        var value: String
        var box: Box
        /// 0…1: how clearly the mark was read.
        var quality: Double
    }

    struct Reading {
        var urgency: Mark?
        var secrecy: Mark?
        /// True when something may be a secrecy mark but does not read cleanly.
        var secrecyDoubt: Bool
        var arrivalStamp: Box?
    }

    /// `inkWords`: words read from the coloured-ink layer of the page (red/violet stamps),
    /// which the main OCR pass does not see when it drops red ink.
    /// `frames`: stamped frames found in the marks zone, each with the words read inside it
    /// (`Reread.region` is the frame). A frame that reads as a mark sets it; a frame that
    /// reads as nothing known, and that no mark read elsewhere explains, is a secrecy doubt.
    func read(_ page: PageText, inkWords: [LayoutWord] = [], frames: [Reread] = []) -> Reading {
        let top = page.height * 0.55
        var words = page.page.words.filter { $0.box.midY < top }
        words += inkWords.filter { $0.box.midY < top }
        words.sort { ($0.box.midY, $0.box.x) < ($1.box.midY, $1.box.x) }

        var reading = Reading(urgency: nil, secrecy: nil, secrecyDoubt: false, arrivalStamp: nil)
        for word in words {
            let key = Self.letters(word.text)
            let next = Self.after(word, in: words)
            let nextKey = next.map { Self.letters($0.text) } ?? ""
            let previous = Self.before(word, in: words)
            let previousKey = previous.map { Self.letters($0.text) } ?? ""
            let caps = VietnameseText.isUppercaseWord(word.text)

            // Secrecy: "MẬT", with TỐI/TUYỆT before it. "MẶT TRẬN" (an agency name) is not a mark.
            if key == "mat" && caps && nextKey != "tran" {
                let exact = word.text.contains("Ậ")
                // TỐI or TUYỆT before it, a letter of it lost or misread ("ỐI MẬT").
                let value = previousKey.count < 2 ? "Mật"
                    : VietnameseText.distance(previousKey, "tuyet") <= 1 ? "Tuyệt mật"
                    : VietnameseText.distance(previousKey, "toi") <= 1 ? "Tối mật" : "Mật"
                let box = Box.union([previous?.box, word.box].compactMap { $0 })!
                let quality = (exact ? 1.0 : 0.6) * word.confidence / 100
                if reading.secrecy == nil || quality > reading.secrecy!.quality {
                    reading.secrecy = Mark(value: value, box: box, quality: quality)
                }
                if !exact || word.confidence < 80 { reading.secrecyDoubt = true }
            } else if caps, key.hasPrefix("m"), Self.nearlyMat(key),
                      nextKey != "tran", word.box.midY < page.height * 0.45,
                      // A mark stands alone in its box (TỐI/TUYỆT before it at most); a word
                      // inside a line of text is a name ("TỈNH CÀ MAU", "MAI SƠN").
                      previousKey.count <= 1 || VietnameseText.distance(previousKey, "toi") <= 1
                        || VietnameseText.distance(previousKey, "tuyet") <= 1,
                      nextKey.count <= 1 {
                // MẬT half eaten by noise or ink ("MAT", "MẶ", "MÂT."): do not let it through.
                reading.secrecyDoubt = true
            }

            // Urgency.
            if caps {
                if key == "khan" {
                    // THƯỢNG with a letter lost or misread ("HƯƠNG KHẨN"): no other word stands there.
                    if previousKey.count >= 5, VietnameseText.distance(previousKey, "thuong") <= 1 {
                        reading.urgency = Mark(value: "Thượng khẩn", box: Box.union([previous!.box, word.box])!, quality: word.confidence / 100)
                    } else if reading.urgency == nil {
                        reading.urgency = Mark(value: "Khẩn", box: word.box, quality: word.confidence / 100)
                    }
                } else if key == "toc", VietnameseText.distance(previousKey, "hoa") <= 1 {
                    // HỎA with a letter lost or a frame's edge read on it ("IHÒA").
                    // "HỎA TỐC HẸN GIỜ": a fixed time follows.
                    let after = nextKey == "hen" ? Self.after(next!, in: words) : nil
                    let timed = after.map { Self.letters($0.text) == "gio" } ?? false
                    reading.urgency = Mark(value: timed ? "Hỏa tốc hẹn giờ" : "Hỏa tốc",
                                           box: Box.union([previous!.box, word.box, timed ? after!.box : nil].compactMap { $0 })!,
                                           quality: word.confidence / 100)
                }
            }

            // Arrival stamp: the word ĐẾN, or the stamp's own lines.
            if key == "den" && (word.text.contains("Đ") || word.text.contains("Ð")) && caps && word.box.midY < page.height * 0.35 {
                reading.arrivalStamp = word.box
            } else if (key == "chuyen" || key == "chuyn") && word.box.midY < page.height * 0.35 && word.text.hasPrefix("C") {
                reading.arrivalStamp = reading.arrivalStamp ?? word.box
            }
        }
        for frame in frames where frame.purpose == .markFrame {
            apply(frame, to: &reading, on: page.page)
        }
        // A page read too poorly to rule a mark out (fax, phone photo, faded copy): OCR and the
        // frame finder miss faint marks there first. Unsure means hold.
        if reading.secrecy == nil, let confidence = Self.legibility(of: page), confidence < Self.legibleConfidence {
            reading.secrecyDoubt = true
        }
        return reading
    }

    /// Below this mean OCR confidence of the upper page's words, the marks zone counts as unread.
    /// A fax copy whose faint MẬT box the frame finder missed read at 85.2; pages that read
    /// well enough to rule a mark out are at 89 and above.
    static let legibleConfidence = 88.0

    /// Mean confidence of the words of two or more letters or digits in the upper page, where
    /// the marks are; nil without such words.
    static func legibility(of page: PageText) -> Double? {
        let words = page.page.words.filter { $0.box.midY < page.height * 0.55 && $0.text.filter { $0.isLetter || $0.isNumber }.count >= 2 }
        return words.isEmpty ? nil : words.map(\.confidence).reduce(0, +) / Double(words.count)
    }

    /// What the words inside one frame say.
    enum FrameText: Equatable {
        case secrecy(String, exact: Bool)
        case urgency(String, exact: Bool)
        /// Clean text that is no mark (a "DỰ THẢO" box, a boxed heading).
        case other
        /// Nothing legible: the frame may hide anything.
        case unread
    }

    static let secrecyKeys: [(key: String, value: String)] = [("tuyetmat", "Tuyệt mật"), ("toimat", "Tối mật"), ("mat", "Mật")]
    static let urgencyKeys: [(key: String, value: String)] = [
        ("hoatochengio", "Hỏa tốc hẹn giờ"), ("hoatoc", "Hỏa tốc"), ("thuongkhan", "Thượng khẩn"), ("khan", "Khẩn"),
    ]

    /// The words of the urgency marks, folded.
    static let urgencyWords: Set<String> = ["hoa", "toc", "thuong", "khan", "hen", "gio"]

    /// Whether a line has a word of an urgency or secrecy mark (a letter off, for the longer
    /// words): a mark stamped right under the summary is no line of it, as "Ờ CƠ SỞ" is.
    static func namesAMark(_ line: String) -> Bool {
        line.split(separator: " ").map { letters(String($0)) }.contains { word in
            markWords.contains(word) || (word.count >= 4 && markWords.contains { $0.count >= 4 && VietnameseText.distance($0, word) <= 1 })
        }
    }

    /// The words of every mark, urgency and secrecy, folded.
    private static let markWords = urgencyWords.union(["mat", "toi", "tuyet"])

    static func classifyFrame(_ words: [LayoutWord]) -> FrameText {
        let wordKeys = words.map { letters($0.text) }
        let key = wordKeys.joined()
        guard !key.isEmpty else { return .unread }
        // Secrecy is matched without the words of an urgency mark read whole: the "A T" of
        // "A TỐC" (HỎA TỐC, its H lost) is no MẬT.
        let secrecyKey = wordKeys.filter { !urgencyWords.contains($0) }.joined()
        // Longest keys first, so that TUYỆT MẬT is not taken for MẬT, THƯỢNG KHẨN for KHẨN.
        // `strict`: a misspelt word with stray letters keeps its vowels ("KHẨIì" and "KHN"
        // are KHẨN, "SKHCN" is no mark) —
        // an urgency mark read where none is costs the queue's order; a secrecy mark missed
        // is a breach.
        func best(_ keys: [(key: String, value: String)], in key: String, strict: Bool = false) -> (value: String, distance: Int, length: Int)? {
            guard !key.isEmpty else { return nil }
            var found: (value: String, distance: Int, length: Int)?
            for (k, v) in keys {
                // Up to two stray letters around the word are free (a frame line read as `I`),
                // more are not: `HOA TOG` must not pass for `MẬT` through its `OAT`.
                let window = windowDistance(k, in: key)
                let d = max(window, VietnameseText.distance(k, key) - 2)
                if strict, window > 0, !Self.keepsVowels(of: k, in: key), VietnameseText.distance(k, key) > window { continue }
                let allowed = k.count <= 4 ? 1 : k.count / 3
                if d <= allowed, found == nil || d < found!.distance { found = (v, d, k.count) }
            }
            return found
        }
        // Urgency is matched without other words read clearly and spelt right ("KHÁNH" of
        // KHÁNH HÒA in a box is no KHẨN; a letter or two may be a mark's remains).
        let urgencyKey = zip(words, wordKeys).filter { word, key in
            urgencyWords.contains(key) || key.count < 4 || !VietnameseText.isSyllable(word.text) || word.confidence < 80
        }.map(\.1).joined()
        let secrecy = best(secrecyKeys, in: secrecyKey), urgency = best(urgencyKeys, in: urgencyKey, strict: true)
        // Secrecy wins a tie: a miss is a breach.
        if let s = secrecy, urgency == nil || s.distance <= urgency!.distance {
            return .secrecy(s.value, exact: s.distance == 0 && key.count <= s.length + 2)
        }
        if let u = urgency { return .urgency(u.value, exact: u.distance == 0 && urgencyKey.count <= u.length + 2) }
        // The ĐẾN arrival stamp is a frame too: two of its printed words say which.
        func stampWord(_ word: LayoutWord) -> Bool {
            let l = letters(word.text)
            return l == "so" || (l.count >= 3 && ["ngay", "chuyen", "den"].contains { $0.hasPrefix(l) })
        }
        if words.filter(stampWord).count >= 2 { return .other }
        let confidence = words.map(\.confidence).reduce(0, +) / Double(words.count)
        let clean = key.count >= 3 && confidence >= 75 && words.allSatisfy { $0.confidence >= 60 }
        return clean ? .other : .unread
    }

    /// Whether `key` has the vowels of `mark`, in their order.
    static func keepsVowels(of mark: String, in key: String) -> Bool {
        var rest = Substring(key)
        for vowel in mark where "aeiouy".contains(vowel) {
            guard let found = rest.firstIndex(of: vowel) else { return false }
            rest = rest[rest.index(after: found)...]
        }
        return true
    }

    /// Edit distance of `needle` to the best-matching stretch of `haystack` (stray letters
    /// around a word — a frame line read as `I` — cost nothing).
    static func windowDistance(_ needle: String, in haystack: String) -> Int {
        let n = Array(needle), h = Array(haystack)
        guard !n.isEmpty else { return 0 }
        // Sellers' algorithm: free start and end in the haystack.
        var previous = Array(0...n.count)
        var best = previous[n.count]
        for c in h {
            var current = [0] + Array(repeating: 0, count: n.count)
            for i in 1...n.count {
                current[i] = min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + (n[i - 1] == c ? 0 : 1))
            }
            best = min(best, current[n.count])
            previous = current
        }
        return best
    }

    private func apply(_ frame: Reread, to reading: inout Reading, on page: LayoutPage) {
        let pageWords = page.words
        guard let region = frame.region else { return }
        let quality = frame.words.isEmpty ? 0 : frame.words.map(\.confidence).reduce(0, +) / Double(frame.words.count) / 100
        switch Self.classifyFrame(frame.words) {
        case .secrecy(let value, let exact):
            // The frame's own reading is the whole mark; it beats a partial one from the page.
            if reading.secrecy == nil || value.count > reading.secrecy!.value.count || reading.secrecy!.quality < quality {
                reading.secrecy = Mark(value: value, box: region, quality: exact ? max(quality, 0.5) : min(quality, 0.6))
            }
            if !exact { reading.secrecyDoubt = true }
        case .urgency(let value, let exact):
            if let known = reading.urgency, known.value.count > value.count, Self.overlaps(known.box, region) {
                break   // the page read the whole mark (THƯỢNG KHẨN), the frame only part of it
            }
            if reading.urgency == nil || exact || reading.urgency!.quality < quality {
                reading.urgency = Mark(value: value, box: region, quality: exact ? max(quality, 0.5) : min(quality, 0.6))
            }
        case .other:
            break
        case .unread:
            // A frame no reading explains may be a secrecy mark under ink or noise: hold.
            // Nor is the arrival stamp's own frame: one that holds the word ĐẾN and stands
            // several times its height (a mark's box is hardly taller than its letters).
            let stampFrame = reading.arrivalStamp.map { den in region.containsCentre(of: den) && region.height >= 3 * den.height } ?? false
            // Nor are lines of print the page pass read cleanly (a header, a rule under a
            // title taken for a frame): a mark's box is where the page read nothing sure.
            let printed = pageWords.contains { w in
                guard region.containsCentre(of: w.box), w.confidence >= 85, Self.letters(w.text).count >= 2 else { return false }
                switch Self.classifyFrame([w]) {
                case .secrecy, .urgency: return false
                case .other, .unread: return true
                }
            }
            // Unless the frame holds a word a letter away from MẬT ("TẤT", "MAT"): a mark
            // stamped over the ĐẾN stamp shares its frame with the stamp's printed words.
            let markLike = frame.words.contains { VietnameseText.isUppercaseWord($0.text) && Self.nearlyMat(Self.letters($0.text)) }
            // A ring 15 mm tall or more, about as tall as wide, is no rule under a title: print
            // it crosses (a large ring stamped over the heading) explains nothing. The ĐẾN
            // stamp's box (50 × 35 mm) is wider.
            let ring = 5 * region.height >= 4 * region.width && Double(region.height) >= 15 * Double(max(page.dpi, 100)) / 25.4
            let explained = stampFrame || (printed && !markLike && !ring)
                || [reading.urgency, reading.secrecy].compactMap { $0 }.contains { Self.overlaps($0.box, region) }
            if !explained { reading.secrecyDoubt = true }
        }
    }

    static func overlaps(_ a: Box, _ b: Box) -> Bool {
        let w = min(a.maxX, b.maxX) - max(a.x, b.x), h = min(a.maxY, b.maxY) - max(a.y, b.y)
        return w > 0 && h > 0 && Double(w * h) >= 0.3 * Double(min(a.width * a.height, b.width * b.height))
    }

    /// Letters of a word one edit away from MẬT's ("MAT", "MÂT", "TẤT"): a mark half eaten
    /// by noise or ink.
    static func nearlyMat(_ key: String) -> Bool {
        (3...4).contains(key.count) && VietnameseText.distance(key, "mat") <= 1
    }

    static func letters(_ s: String) -> String {
        VietnameseText.folded(s).filter(\.isLetter)
    }

    /// The word just before `word` on its row, and (`after`) the one just after. Not the
    /// neighbours in reading order: on a tilted row, or beside taller letters, a word of the
    /// next line's start sorts between two words of one mark ("THƯỢNG", "ký", "KHẨN"). A word
    /// of the line below that overlaps this one across is no neighbour, nor is a speck (a
    /// mark's words are of one size, give or take OCR's boxes: "ỐI" was boxed 9 px tall
    /// beside a 37 px MẬT).
    static func before(_ word: LayoutWord, in words: [LayoutWord]) -> LayoutWord? {
        let slack = word.box.height / 3
        return words.filter { $0.box.maxX <= word.box.x + slack && sameRow($0, word) && comparable($0, word) }
            .max { $0.box.maxX < $1.box.maxX }
    }

    static func after(_ word: LayoutWord, in words: [LayoutWord]) -> LayoutWord? {
        let slack = word.box.height / 3
        return words.filter { $0.box.x >= word.box.maxX - slack && sameRow(word, $0) && comparable(word, $0) }
            .min { $0.box.x < $1.box.x }
    }

    private static func comparable(_ a: LayoutWord, _ b: LayoutWord) -> Bool {
        a.text.contains(where: \.isLetter) && b.text.contains(where: \.isLetter)
            && 5 * min(a.box.height, b.box.height) >= max(a.box.height, b.box.height)
    }

    private static func sameRow(_ a: LayoutWord, _ b: LayoutWord) -> Bool {
        abs(a.box.midY - b.box.midY) < Double(max(a.box.height, b.box.height)) * 0.6
            && b.box.x - a.box.maxX < max(a.box.height, b.box.height) * 3
    }
}

extension FieldExtractor {
    /// Whether the words read inside a stamped frame spell a mark exactly. Clean text is not
    /// enough: print that a red ring crosses reads cleanly on the luminance, and that ring may
    /// be a secrecy mark only its red ink shows.
    public static func frameReadsAsMark(_ words: [LayoutWord]) -> Bool {
        switch MarkReader.classifyFrame(words) {
        case .secrecy(_, let exact), .urgency(_, let exact): exact
        case .other, .unread: false
        }
    }
}
