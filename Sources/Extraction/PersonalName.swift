/// Vietnamese personal names as a signer's name line prints them: family name first
/// ("Nguyễn Văn Hùng"). The family names are a small, well-known set; OCR that loses their
/// tone marks ("Nguyên", "Dinh") or garbles one letter ("Đặñng") is restored to them. The
/// middle and given names are an open set and stay as read.
enum PersonalName {
    static let familyNames = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
        "Dương", "Lý", "Đinh", "Đào", "Đoàn", "Lương", "Trịnh", "Mai", "Cao", "Lâm", "Tạ", "Hà", "Vương", "Tô",
        "Thái", "Quách", "Lại", "Chu", "Kiều", "Cầm", "Quàng", "Lò", "Triệu", "Hứa", "Khổng", "Tăng", "Từ", "Đàm",
        "Nông", "Lục", "Hầu", "Phùng", "Tống", "Châu", "Giáp", "Kim", "Lưu", "Nghiêm", "Âu", "Mạc", "Thân", "Diệp",
        "Bạch", "Mẫn", "Tôn", "Trương", "Sầm", "Bế", "Thạch", "Kha", "Lăng", "Đồng", "Khúc", "Ninh", "Doãn", "Viên", "Lường",
    ]

    private static let byKey: [String: [String]] = Dictionary(grouping: familyNames, by: VietnameseText.key)

    /// The family name `word` was read as, and whether it is one at all: exact, restored from
    /// the same letters without tone marks, or one letter off in a longer name.
    static func familyName(_ word: String) -> String? {
        let word = VietnameseText.normalized(word)
        if familyNames.contains(word) { return word }
        let key = VietnameseText.key(word)
        if let same = byKey[key], same.count == 1 { return same[0] }
        guard key.count >= 4 else { return nil }
        let near = familyNames.filter { name in
            let known = VietnameseText.key(name)
            return known.count >= 4 && VietnameseText.distance(known, key) <= 1
        }
        return near.count == 1 ? near[0] : nil
    }
}
