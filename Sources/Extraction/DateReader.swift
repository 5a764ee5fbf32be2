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
        for full in page.lines(y: band) {
            // The right header column. On the number's row, a line that starts left is the number
            // line merged with it; elsewhere it is body text, which quotes other dates.
            let inColumn = full.box.x > Int(page.width * 0.4) ? full : nil
            guard let line = inColumn ?? (row == nil ? nil : full.words(between: page.width * 0.4, and: page.width)),
                  let reading = Self.parse(line, latest: latest) else { continue }
            if best == nil || reading.quality > best!.quality { best = reading }
        }
        return best
    }

    static func parse(_ fullLine: TextLine, latest: DateComponents?) -> Reading? {
        // The number line shares the row: start at the right column.
        let words = fullLine.words
        // "ngày", also glued to the place before it ("Nội,ngày"); or, where OCR lost it, the
        // day just before "tháng".
        let ngay = words.firstIndex(where: { isWord($0.text, "ngay") || isWord(afterComma($0.text), "ngay") })
            ?? words.firstIndex(where: { isWord($0.text, "thang") }).flatMap { i in
                i > 0 && words[i - 1].text.contains(where: \.isNumber) ? i - 1 : nil
            }
        guard let ngay else {
            return parseNumeric(fullLine, latest: latest)
        }
        let tail = words[ngay...].map(\.text).joined(separator: " ")
        let folded = VietnameseText.folded(tail)
        let numbers = digitRuns(in: repairHandwrittenOnes(repairDigits(folded)))
        guard numbers.count >= 3 else { return nil }
        // "ngày 22 tháng 10 năm 2018": day, month, year in that order.
        let (day, month, year) = (numbers[0], numbers[1], numbers[numbers.count - 1])
        guard let iso = isoDate(day: day, month: month, year: year, latest: latest) else { return nil }
        let place = placeName(before: ngay, in: words, pageHasNumberAt: fullLine)
        let used = Array(words[(place == nil ? ngay : firstPlaceIndex(before: ngay, in: words))...])
        let confidence = used.map(\.confidence).reduce(0, +) / Double(max(used.count, 1)) / 100
        return Reading(isoDate: iso, place: place, line: TextLine(page: fullLine.page, words: used) ?? fullLine,
                       quality: confidence)
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
    /// "ngày ll". Right after "ngày" or "tháng", a word of nothing but strokes is ones.
    static func repairHandwrittenOnes(_ folded: String) -> String {
        var words = folded.split(separator: " ").map(String.init)
        for i in words.indices.dropFirst() where ["ngay", "thang"].contains(words[i - 1].filter(\.isLetter)) {
            let strokes = words[i].filter { !",.:;".contains($0) }
            if (1...2).contains(strokes.count), strokes.allSatisfy({ "il|!".contains($0) }) {
                words[i] = String(repeating: "1", count: strokes.count)
            }
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

    /// The place is what stands before ", ngày" in the right column.
    static func placeName(before index: Int, in words: [LayoutWord], pageHasNumberAt line: TextLine) -> String? {
        let start = firstPlaceIndex(before: index, in: words)
        guard start < index else { return nil }
        var place = words[start..<index].map(\.text).joined(separator: " ")
        place = place.trimmingCharacters(in: CharacterSet(charactersIn: " ,.;:"))
        return place.isEmpty ? nil : place
    }

    /// Walks left from "ngày" while the words are close together and look like a place.
    static func firstPlaceIndex(before index: Int, in words: [LayoutWord]) -> Int {
        var start = index
        while start > 0 {
            let word = words[start - 1], next = words[start]
            let gap = next.box.x - word.box.maxX
            guard gap < max(word.box.height, next.box.height) * 2 else { break }
            // Place names are capitalised words ("Sơn La", "TP. Hồ Chí Minh"); stop at the symbol.
            guard !word.text.contains("/"), word.text.first.map({ $0.isUppercase || $0.isLetter }) == true else { break }
            start -= 1
        }
        return start
    }
}
