/// The titles a signer holds (chức vụ), printed in capitals over the signature: a closed
/// vocabulary of heads and their deputies, sometimes followed by the unit
/// ("VỤ TRƯỞNG VỤ TỔNG HỢP", "TRƯỞNG PHÒNG HÀNH CHÍNH - TỔ CHỨC").
///
/// OCR garbles these lines under the red seal ("dhó giám đốc", "PHÓ-GIÁM ĐỐC"): a line whose
/// start reads like a known title is restored to it; the unit after it is kept as read.
enum OfficialTitle {
    /// Heads of an agency or unit, by how their deputy is called.
    static let heads = [
        "CHỦ TỊCH", "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "CỤC TRƯỞNG", "TỔNG CỤC TRƯỞNG", "VỤ TRƯỞNG",
        "CHÁNH VĂN PHÒNG", "CHÁNH THANH TRA", "TỔNG THANH TRA", "TRƯỞNG BAN", "TRƯỞNG PHÒNG",
        "VIỆN TRƯỞNG", "HIỆU TRƯỞNG", "CHÁNH ÁN", "BÍ THƯ", "CHỦ NHIỆM", "TRƯỞNG ĐOÀN", "CHI CỤC TRƯỞNG",
        "TRƯỞNG KHOA", "ĐỘI TRƯỞNG", "CHỈ HUY TRƯỞNG", "TRƯỞNG CÔNG AN", "THỦ TRƯỞNG", "GIÁM ĐỐC CÔNG AN",
        "THỦ TƯỚNG", "CHỦ TỊCH NƯỚC", "TỔNG KIỂM TOÁN", "KIỂM TOÁN TRƯỞNG", "TRƯỞNG TRẠM", "GIÁM ĐỐC SỞ",
    ]

    /// Titles that are not formed with PHÓ.
    static let irregularDeputies = ["BỘ TRƯỞNG": "THỨ TRƯỞNG"]

    /// Every title: heads, their deputies, and those with irregular deputies.
    static let all: [String] = {
        var titles = heads + heads.map { "PHÓ " + $0 }
        for (head, deputy) in irregularDeputies { titles += [head, deputy] }
        titles += ["KẾ TOÁN TRƯỞNG", "THƯ KÝ", "ỦY VIÊN", "TRƯỞNG BAN TỔ CHỨC", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"]
        // Longer titles first, so that "PHÓ CHỦ TỊCH" is tried before "CHỦ TỊCH".
        return titles.sorted { $0.count > $1.count }
    }()

    /// Every title with its folded letters and its word count.
    private static let keyed: [(title: String, key: String, words: Int)] = all.map {
        ($0, VietnameseText.key($0), $0.split(separator: " ").count)
    }

    /// The deputy who signs `KT. <head>` (ký thay): "KT. CHỦ TỊCH" → "PHÓ CHỦ TỊCH",
    /// "KT. BỘ TRƯỞNG" → "THỨ TRƯỞNG".
    static func deputy(of head: String) -> String? {
        let head = VietnameseText.collapsed(head)
        if let irregular = irregularDeputies[head] { return irregular }
        guard let known = heads.first(where: { head == $0 || head.hasPrefix($0 + " ") }) else { return nil }
        return "PHÓ " + known + head.dropFirst(known.count)
    }

    /// `line` with its leading title restored to the vocabulary's spelling, and how closely it
    /// was matched (1 = exactly). Nil when the line does not start like a title.
    static func restore(_ line: String) -> (title: String, similarity: Double)? {
        let words = VietnameseText.collapsed(line.replacingOccurrences(of: "-", with: " - ")).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return nil }
        var best: (title: String, used: Int, similarity: Double, marksOff: Int)?
        // The line's first words, folded once: every title is compared with them.
        let reads = (0...words.count).map { words.prefix($0).joined(separator: " ") }
        let readKeys = reads.map(VietnameseText.key)
        for (title, key, count) in keyed {
            // The OCR may split or join a word: try the title's word count and one either side.
            let fewest = max(1, count - 1), most = min(words.count, count + 1)
            guard fewest <= most else { continue }
            for used in fewest...most {
                let read = reads[used]
                let longest = max(readKeys[used].count, key.count)
                let similarity = 1 - Double(VietnameseText.distance(readKeys[used], key)) / Double(max(longest, 1))
                guard similarity > (best?.similarity ?? 0.72) || similarity == best?.similarity else { continue }
                // Titles whose letters agree (THỨ TRƯỞNG, THỦ TRƯỞNG) are told apart by their marks.
                let marksOff = VietnameseText.distance(VietnameseText.normalized(read), title)
                if similarity > (best?.similarity ?? 0.72) || marksOff < best!.marksOff {
                    best = (title, used, similarity, marksOff)
                }
            }
        }
        guard let best else { return nil }
        let rest = words.dropFirst(best.used).filter { word in
            word == "-" || (word.contains(where: \.isLetter) && VietnameseText.isUppercaseWord(word))
        }
        // A second title after a comma ("BỘ TRƯỞNG, CHỦ NHIỆM") is restored too.
        if words[best.used - 1].hasSuffix(","), let second = restore(rest.joined(separator: " ")), second.similarity >= 0.85 {
            return (best.title + ", " + second.title, min(best.similarity, second.similarity))
        }
        // THỦ TRƯỞNG heads a unit it names; alone it is the deputy minister's title misread.
        let title = best.title == "THỦ TRƯỞNG" && rest.isEmpty ? "THỨ TRƯỞNG" : best.title
        // The unit is named with the words agencies are ("TÔ CHỨC": TỔ CHỨC); a dash
        // ending it is a speck.
        var unit = rest
        while unit.last == "-" { unit.removeLast() }
        let named = unit.isEmpty ? [] : [AgencyName.restore(unit.joined(separator: " "))]
        return (([title] + named).joined(separator: " "), best.similarity)
    }
}
