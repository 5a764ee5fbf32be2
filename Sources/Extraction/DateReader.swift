import Foundation

/// Reads the place-date line, `Sơn La, ngày 22 tháng 10 năm 2018` (also `ngày 5/3/2024`),
/// top right under the national motto.
struct DateReader {
    struct Reading {
        var isoDate: String
        var place: String?
        var line: TextLine
        var quality: Double
    }

    /// `latest`: the document cannot be dated after the day it arrived. `row`: the number
    /// line's vertical centre, when known — the date sits on the same row, not in the body.
    func read(_ page: PageText, latest: DateComponents?, row: Double? = nil) -> Reading? {
        var best: Reading?
        let band: ClosedRange<Double> = row.map { r in
            let h = page.height * 0.03
            return ((r - h) / page.height)...((r + h) / page.height)
        } ?? 0...0.3
        // The right header column: body lines (which also mention dates) start at the left margin.
        // Lines OCR split on one row in the column ("…, ngày I" | "4 tháng 3 năm 2019") are
        // read together.
        let rows = TitleReader.joiningRows(page.lines(y: band)) { first, _ in Double(first.box.x) > page.width * 0.4 }
        for full in rows {
            // The right header column, read from the column on. On the number's row, a line that
            // starts left is the number line merged with it; elsewhere a line from the left
            // margin is body text, which quotes other dates, and one that starts between the
            // two has specks before the column ("K? ` Re.").
            let inColumn = row != nil || full.box.x > Int(page.width * 0.3)
            guard inColumn || Self.crossesColumnGap(full, pageWidth: page.width),
                  let line = full.words(between: page.width * 0.4, and: page.width),
                  var reading = Self.parse(line, latest: latest) else { continue }
            // Found only by the gap: a second look at the date's line reads it as well or better.
            if !inColumn { reading.quality *= 0.9 }
            if best == nil || reading.quality > best!.quality { best = reading }
        }
        return best
    }

    /// Whether the line jumps the gap between the header's columns (a tenth of the page)
    /// into the right one: the number line merged with the date's, its number not read. Body
    /// text, which quotes other dates, has no such gap.
    static func crossesColumnGap(_ line: TextLine, pageWidth: Double) -> Bool {
        zip(line.words, line.words.dropFirst()).contains { left, right in
            Double(right.box.x) >= pageWidth * 0.4 && Double(right.box.x - left.box.maxX) >= pageWidth / 10
        }
    }

    static func parse(_ fullLine: TextLine, latest: DateComponents?) -> Reading? {
        // The number line shares the row: start at the right column.
        let words = fullLine.words
        // "ngày", also glued to the place before it ("Nội,ngày"); or, where OCR lost it, the
        // day just before "tháng".
        let ngay = words.firstIndex(where: { isNgay($0.text) })
            ?? words.firstIndex(where: { isWord($0.text, "thang") }).flatMap { i in
                i > 0 && words[i - 1].text.contains(where: \.isNumber) ? i - 1 : nil
            }
        guard let ngay else {
            return parseNumeric(fullLine, latest: latest)
        }
        let tail = words[ngay...].map(\.text).joined(separator: " ")
        let repaired = repairHandwrittenOnes(repairDigits(VietnameseText.folded(tail)))
        let numbers = digitRuns(in: repaired)
        // "ngày 22 tháng 10 năm 2018": day, month, year in that order — each the digits
        // between its words, when OCR split one ("ngày I 4" on two lines of one row).
        let inOrder = numbers.count >= 3 ? (numbers[0], numbers[1], numbers[numbers.count - 1]) : nil
        guard let (day, month, year) = Self.betweenWords(repaired) ?? inOrder,
              let iso = isoDate(day: day, month: month, year: year, latest: latest) else { return nil }
        let (place, used) = placeAndLine(before: ngay, in: fullLine)
        // The date's own words: the place before it may have been read through a stamp.
        let dateWords = words[ngay...]
        var confidence = dateWords.map(\.confidence).reduce(0, +) / Double(max(dateWords.count, 1)) / 100
        // A day or month not read as plain digits ("2Ï", "8#", "0®") was repaired or guessed:
        // the digit a stroke stood for, or ink glued to it, is for a person to check.
        if !dayAndMonthReadCleanly(Array(words[ngay...])) { confidence = min(confidence * 0.9, 0.88) }
        return Reading(isoDate: iso, place: place, line: used, quality: confidence)
    }

    /// Day, month and year of "ngày D tháng M năm Y" (folded, repaired): the digits between
    /// the words, joined. Nil unless all three are there.
    static func betweenWords(_ folded: String) -> (Int, Int, Int)? {
        let words = folded.split(separator: " ").map(String.init)
        let letters = words.map { $0.filter(\.isLetter) }
        guard let ngay = letters.firstIndex(where: { $0.hasSuffix("ngay") }),
              let thang = letters[ngay...].firstIndex(of: "thang"),
              let nam = letters[thang...].firstIndex(of: "nam") else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            let run = words[range].joined().filter(\.isNumber)
            return (1...2).contains(run.count) ? Int(run) : nil
        }
        guard let day = digits((ngay + 1)..<thang), let month = digits((thang + 1)..<nam),
              let year = digitRuns(in: words[nam...].joined(separator: " ")).first else { return nil }
        return (day, month, year)
    }

    /// Whether the words after "ngày" and "tháng" are digits and nothing else.
    static func dayAndMonthReadCleanly(_ words: [LayoutWord]) -> Bool {
        let texts = words.map(\.text)
        var values: [String] = []
        for (i, text) in texts.enumerated() where i + 1 < texts.count && (isNgay(text) || isWord(text, "thang")) {
            values.append(texts[i + 1])
        }
        // "ngày" lost: the day is the word before "tháng".
        if !texts.contains(where: isNgay), let thang = texts.firstIndex(where: { isWord($0, "thang") }), thang > 0 {
            values.append(texts[thang - 1])
        }
        return values.count >= 2 && values.allSatisfy { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.")).allSatisfy(\.isNumber) }
    }

    /// Where the day and the month stand on the date line: between "ngày" and "tháng", and
    /// between "tháng" and "năm" — blanks often filled in by hand, which the page pass reads
    /// as strokes ("2Ï", "]3"). Nil for a side without its words.
    static func blanks(in page: PageText) -> (day: Box?, month: Box?)? {
        for line in page.lines(y: 0...0.3) {
            guard let right = line.words(between: page.width * 0.4, and: page.width) else { continue }
            let words = right.words
            guard let thang = words.firstIndex(where: { isWord($0.text, "thang") }),
                  let nam = words[thang...].firstIndex(where: { isWord($0.text, "nam") }) else { continue }
            let ngay = words[..<thang].lastIndex { isNgay($0.text) }
            let height = words.map(\.box.height).sorted()[words.count / 2]
            // Handwriting rises above the printed words: the blank is taken tall.
            func blank(after left: LayoutWord, before next: LayoutWord) -> Box? {
                let x = left.box.maxX + height / 6, end = next.box.x - height / 6
                guard end - x >= height / 2 else { return nil }
                let y = max(0, min(left.box.y, next.box.y) - height * 2 / 3)
                return Box(x: x, y: y, width: end - x, height: max(left.box.maxY, next.box.maxY) + height / 3 - y)
            }
            return (ngay.flatMap { blank(after: words[$0], before: words[thang]) }, blank(after: words[thang], before: words[nam]))
        }
        return nil
    }

    /// `reading`'s date with the day and month a reading of the blanks alone gave (digits
    /// only), where those make a valid date and another date: it replaces the line's, for a
    /// person to check. Agreeing is no proof: both read the same handwriting. A part the line
    /// itself read as plain digits, and surer than the blank, stays (a typed 5 the blank read
    /// as "2" at 71 %).
    static func withBlanksRead(_ reading: Reading, day: [LayoutWord], month: [LayoutWord], latest: DateComponents?) -> Reading {
        let words = reading.line.words
        func readOnLine(after label: (String) -> Bool, surerThan blank: [LayoutWord]) -> Bool {
            guard let at = words.firstIndex(where: { label($0.text) }), at + 1 < words.count else { return false }
            let word = words[at + 1]
            let confidence = blank.map(\.confidence).reduce(0, +) / Double(max(blank.count, 1))
            return word.text.trimmingCharacters(in: CharacterSet(charactersIn: ",.")).allSatisfy(\.isNumber) && word.confidence > confidence
        }
        let value = { (blank: [LayoutWord], label: (String) -> Bool) in
            readOnLine(after: label, surerThan: blank) ? nil : blankValue(blank)
        }
        let dayValue = value(day, isNgay), monthValue = value(month, { isWord($0, "thang") })
        let parts = reading.isoDate.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, dayValue != nil || monthValue != nil,
              let iso = isoDate(day: dayValue ?? parts[2], month: monthValue ?? parts[1], year: parts[0], latest: latest)
        else { return reading }
        guard iso != reading.isoDate else { return reading }
        var out = reading
        out.isoDate = iso
        out.quality = min(out.quality, 0.8)
        return out
    }

    /// The digits a blank read alone gave. Digits read with next to no confidence are a
    /// guess at strokes ("4" for a 7).
    static func blankValue(_ words: [LayoutWord]) -> Int? {
        let digits = words.map(\.text).joined().filter(\.isNumber)
        let confidence = words.map(\.confidence).reduce(0, +) / Double(max(words.count, 1))
        return (1...2).contains(digits.count) && confidence >= 30 ? Int(digits) : nil
    }

    /// The date of a line whose day or month no pass could read as digits ("tháng Ổ"):
    /// both from the blanks read alone, the year and the place as the line prints them. For a
    /// person to check. Nil unless both blanks gave digits and they make a valid date.
    static func fromBlanks(_ page: PageText, day: [LayoutWord], month: [LayoutWord], latest: DateComponents?) -> Reading? {
        guard let d = blankValue(day), let m = blankValue(month) else { return nil }
        for full in page.lines(y: 0...0.3) {
            guard let line = full.words(between: page.width * 0.4, and: page.width) else { continue }
            let words = line.words
            guard let ngay = words.firstIndex(where: { isNgay($0.text) }),
                  let nam = words[ngay...].firstIndex(where: { isWord($0.text, "nam") }),
                  words[ngay..<nam].contains(where: { isWord($0.text, "thang") }),
                  let year = digitRuns(in: words[nam...].map(\.text).joined(separator: " ")).first,
                  let iso = isoDate(day: d, month: m, year: year, latest: latest) else { continue }
            let (place, used) = placeAndLine(before: ngay, in: line)
            return Reading(isoDate: iso, place: place, line: used, quality: 0.6)
        }
        return nil
    }

    /// `Hà Nội, 05/3/2024` or `ngày 5/3/2024` without the words tháng/năm.
    static func parseNumeric(_ line: TextLine, latest: DateComponents?) -> Reading? {
        let text = line.text
        guard let match = text.range(of: #"([0-9]{1,2})\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*((?:19|20)[0-9]{2})"#, options: .regularExpression) else { return nil }
        let numbers = digitRuns(in: String(text[match]))
        guard numbers.count == 3, let iso = isoDate(day: numbers[0], month: numbers[1], year: numbers[2], latest: latest) else { return nil }
        let before = String(text[..<match.lowerBound])
        let place = before.components(separatedBy: ",").first.map(VietnameseText.collapsed).flatMap { $0.isEmpty ? nil : $0 }
        return Reading(isoDate: iso, place: place, line: line, quality: line.meanConfidence / 100 * 0.9)
    }

    /// "ngày", also glued to the place before it ("Nội,ngày").
    static func isNgay(_ text: String) -> Bool {
        isWord(text, "ngay") || isWord(afterComma(text), "ngay")
    }

    /// The part of a word after its last comma: "Nội,ngày" → "ngày".
    static func afterComma(_ text: String) -> String {
        text.split(separator: ",").last.map(String.init) ?? text
    }

    static func isWord(_ text: String, _ folded: String) -> Bool {
        VietnameseText.folded(text).filter(\.isLetter) == folded
    }

    /// Digits OCR confuses with letters, only inside number-like runs.
    static func repairDigits(_ s: String) -> String {
        s.replacingOccurrences(of: #"(?<=[0-9])[oO](?=[0-9])|(?<=[0-9])[oO]\b|\b[oO](?=[0-9])"#, with: "0", options: .regularExpression)
            .replacingOccurrences(of: #"(?<=[0-9])[lI](?=[0-9])"#, with: "1", options: .regularExpression)
    }

    /// A day or month written by hand in the blank is often read as strokes: "tháng Ì",
    /// "ngày ll", "ngày 2Ï", "tháng †0", "ngày ]4", "tháng Ï Ì". Right after "ngày" or
    /// "tháng", a stroke among two characters of digits and strokes (in one word or two) is a
    /// one.
    static func repairHandwrittenOnes(_ folded: String) -> String {
        var words = folded.split(separator: " ").map(String.init)
        // All strokes ("ll"), or a digit and a stroke ("2Ï" folds to "2i").
        // A dagger or a bracket only beside a digit ("†0", "]4"): alone it may be any
        // handwriting.
        func isStrokes(_ strokes: String) -> Bool {
            let withDigit = strokes.contains(where: \.isNumber)
            return (1...2).contains(strokes.count)
                && strokes.allSatisfy({ "il|!".contains($0) || (withDigit && "†‡[]".contains($0)) || $0.isNumber })
        }
        let clean = { (word: String) in word.filter { !",.:;".contains($0) } }
        for i in words.indices.dropFirst() where ["ngay", "thang"].contains(words[i - 1].filter(\.isLetter)) {
            // The blank's strokes, one word or two ("Ï Ì" for 11): two characters at most.
            var run = [i]
            if i + 1 < words.count, isStrokes(clean(words[i + 1])) { run.append(i + 1) }
            while run.count > 1, run.map({ clean(words[$0]).count }).reduce(0, +) > 2 { run.removeLast() }
            guard run.allSatisfy({ isStrokes(clean(words[$0])) }) else { continue }
            for j in run { words[j] = String(clean(words[j]).map { $0.isNumber ? $0 : "1" }) }
        }
        return words.joined(separator: " ")
    }

    static func digitRuns(in s: String) -> [Int] {
        s.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }

    static func isoDate(day: Int, month: Int, year: Int, latest: DateComponents?) -> String? {
        guard (1990...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var components = DateComponents(year: year, month: month, day: day)
        components.calendar = Calendar(identifier: .gregorian)
        guard components.isValidDate else { return nil }
        if let latest, let ly = latest.year, let lm = latest.month, let ld = latest.day,
           (year, month, day) > (ly, lm, ld) {
            return nil
        }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// The place before "ngày" (the word at `ngay`), and the date's line from the place on
    /// (from "ngày" when no place was read).
    static func placeAndLine(before ngay: Int, in line: TextLine) -> (place: String?, line: TextLine) {
        let words = line.words
        let place = placeName(before: ngay, in: words, pageHasNumberAt: line)
        let used = Array(words[(place == nil ? ngay : firstPlaceIndex(before: ngay, in: words))...])
        return (place, TextLine(page: line.page, words: used) ?? line)
    }

    /// The place is what stands before ", ngày" in the right column.
    static func placeName(before index: Int, in words: [LayoutWord], pageHasNumberAt line: TextLine) -> String? {
        let start = firstPlaceIndex(before: index, in: words)
        guard start < index else { return nil }
        var place = words[start..<index].map(\.text).joined(separator: " ")
        place = place.trimmingCharacters(in: CharacterSet(charactersIn: " ,.;:„“”\"'`-–"))
        return place.isEmpty ? nil : AgencyName.provinceSpelling(of: place) ?? place
    }

    /// Walks left from "ngày" while the words are close together and look like a place.
    static func firstPlaceIndex(before index: Int, in words: [LayoutWord]) -> Int {
        var start = index
        while start > 0 {
            let word = words[start - 1], next = words[start]
            let gap = next.box.x - word.box.maxX
            guard gap < max(word.box.height, next.box.height) * 2 else { break }
            // Place names are capitalised words ("Sơn La", "TP. Hồ Chí Minh", "Bà Rịa - Vũng
            // Tàu"); stop at the symbol, and at a word in small letters: the ĐẾN stamp's words
            // or a speck read before the place ("Số và ký nêu ao Kinh Môn", "xu Duyên Hải").
            // A quote or a dash glued before the place's first capital ("„Điện Biên", "-Bình")
            // is no word of it; a dash alone joins two names.
            let opening = word.text.drop { "„“\"'`-–".contains($0) }.first
            guard !word.text.contains("/"), opening?.isUppercase == true || ["-", "–"].contains(word.text) else { break }
            start -= 1
        }
        return start
    }
}
