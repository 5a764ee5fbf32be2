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
    func read(_ page: PageText, inkWords: [LayoutWord] = []) -> Reading {
        let top = page.height * 0.55
        var words = page.page.words.filter { $0.box.midY < top }
        words += inkWords.filter { $0.box.midY < top }
        words.sort { ($0.box.midY, $0.box.x) < ($1.box.midY, $1.box.x) }

        var reading = Reading(urgency: nil, secrecy: nil, secrecyDoubt: false, arrivalStamp: nil)
        for (i, word) in words.enumerated() {
            let key = Self.letters(word.text)
            let next = i + 1 < words.count && Self.sameRow(word, words[i + 1]) ? words[i + 1] : nil
            let nextKey = next.map { Self.letters($0.text) } ?? ""
            let previous = i > 0 && Self.sameRow(words[i - 1], word) ? words[i - 1] : nil
            let previousKey = previous.map { Self.letters($0.text) } ?? ""
            let caps = VietnameseText.isUppercaseWord(word.text)

            // Secrecy: "MẬT", with TỐI/TUYỆT before it. "MẶT TRẬN" (an agency name) is not a mark.
            if key == "mat" && caps && nextKey != "tran" {
                let exact = word.text.contains("Ậ")
                let value: String = switch previousKey {
                case "toi": "Tối mật"
                case "tuyet": "Tuyệt mật"
                default: "Mật"
                }
                let box = Box.union([previous?.box, word.box].compactMap { $0 })!
                let quality = (exact ? 1.0 : 0.6) * word.confidence / 100
                if reading.secrecy == nil || quality > reading.secrecy!.quality {
                    reading.secrecy = Mark(value: value, box: box, quality: quality)
                }
                if !exact || word.confidence < 80 { reading.secrecyDoubt = true }
            } else if caps, key.hasPrefix("m"), (3...4).contains(key.count), VietnameseText.distance(key, "mat") <= 1,
                      nextKey != "tran", word.box.midY < page.height * 0.45 {
                // MẬT half eaten by noise or ink ("MAT", "MẶ", "MÂT."): do not let it through.
                reading.secrecyDoubt = true
            }

            // Urgency.
            if caps {
                if key == "khan" {
                    if previousKey == "thuong" {
                        reading.urgency = Mark(value: "Thượng khẩn", box: Box.union([previous!.box, word.box])!, quality: word.confidence / 100)
                    } else if reading.urgency == nil {
                        reading.urgency = Mark(value: "Khẩn", box: word.box, quality: word.confidence / 100)
                    }
                } else if key == "toc", ["hoa"].contains(previousKey) {
                    reading.urgency = Mark(value: "Hỏa tốc", box: Box.union([previous!.box, word.box])!, quality: word.confidence / 100)
                }
            }

            // Arrival stamp: the word ĐẾN, or the stamp's own lines.
            if key == "den" && (word.text.contains("Đ") || word.text.contains("Ð")) && caps && word.box.midY < page.height * 0.35 {
                reading.arrivalStamp = word.box
            } else if (key == "chuyen" || key == "chuyn") && word.box.midY < page.height * 0.35 && word.text.hasPrefix("C") {
                reading.arrivalStamp = reading.arrivalStamp ?? word.box
            }
        }
        return reading
    }

    private static func letters(_ s: String) -> String {
        VietnameseText.folded(s).filter(\.isLetter)
    }

    private static func sameRow(_ a: LayoutWord, _ b: LayoutWord) -> Bool {
        abs(a.box.midY - b.box.midY) < Double(max(a.box.height, b.box.height)) * 0.6
            && b.box.x - a.box.maxX < max(a.box.height, b.box.height) * 3
    }
}
