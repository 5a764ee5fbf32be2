/// Vietnamese personal names as a signer's name line prints them: family name first
/// ("Nguyễn Văn Hùng"). The family names are a small, well-known set; OCR that loses their
/// tone marks ("Nguyên", "Dinh") or garbles one letter ("Đặñng") is restored to them. The
/// middle and given names are a larger set: a syllable read as no Vietnamese syllable at
/// all ("Thanñ", "Văw", "Irường"), or as one no name uses with the letters of one that
/// does ("Hoãng"), is restored to the common name syllable it is nearest to.
enum PersonalName {
    static let familyNames = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
        "Dương", "Lý", "Đinh", "Đào", "Đoàn", "Lương", "Trịnh", "Mai", "Cao", "Lâm", "Tạ", "Hà", "Vương", "Tô",
        "Thái", "Quách", "Lại", "Chu", "Kiều", "Cầm", "Quàng", "Lò", "Triệu", "Hứa", "Khổng", "Tăng", "Từ", "Đàm",
        "Nông", "Lục", "Hầu", "Phùng", "Tống", "Châu", "Giáp", "Kim", "Lưu", "Nghiêm", "Âu", "Mạc", "Thân", "Diệp",
        "Bạch", "Mẫn", "Tôn", "Trương", "Sầm", "Bế", "Thạch", "Kha", "Lăng", "Đồng", "Khúc", "Ninh", "Doãn", "Viên", "Lường",
        // Hmong family names.
        "Giàng", "Sùng", "Vàng", "Thào", "Lầu", "Mùa", "Vừ", "Hạng",
    ]

    private static let byKey: [String: [String]] = Dictionary(grouping: familyNames, by: VietnameseText.key)

    /// The family name `word` was read as, and whether it is one at all: exact, restored from
    /// the same letters without tone marks, one letter off in a longer name, or two in a long one.
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
        if near.count == 1 { return near[0] }
        // A long name two letters off ("Xfyên", "Ngũúysn" for Nguyễn): the nearest; of two as
        // near ("Nghvên": Nguyễn, Nghiêm), one of the ten commonest, which most people bear.
        guard near.isEmpty, key.count >= 5 else { return nil }
        let far = familyNames.map { ($0, VietnameseText.key($0)) }.filter { $0.1.count >= 5 }
            .map { (name: $0.0, distance: VietnameseText.distance($0.1, key)) }.filter { $0.distance <= 2 }
        guard let nearest = far.map(\.distance).min() else { return nil }
        let best = far.filter { $0.distance == nearest }
        if best.count == 1 { return best[0].name }
        return best.first { familyNames.prefix(10).contains($0.name) }?.name
    }

    /// A family name whose capital T was read as "1", "l" or "I" ("1rần", "lạ" for Trần,
    /// Tạ): the slip drops the name's first word as a speck. Restored only where T makes a
    /// family name exactly.
    static func restoringCapitalT(_ word: String) -> String {
        guard let first = word.first, "1lI".contains(first), word.count >= 2 else { return word }
        let restored = "T" + word.dropFirst()
        return familyNames.contains(VietnameseText.normalized(restored)) ? restored : word
    }

    /// Middle and given names, the most common first (a tie goes to it).
    static let nameSyllables = [
        "Văn", "Thị", "Thanh", "Minh", "Hoàng", "Ngọc", "Hữu", "Đức", "Quốc", "Xuân", "Thu", "Anh", "Hồng", "Kim",
        "Tuấn", "Hùng", "Dũng", "Hải", "Hà", "Hương", "Lan", "Hoa", "Huy", "Long", "Nam", "Bình", "Cường", "Trung",
        "Sơn", "Phong", "Quang", "Thắng", "Thành", "Tùng", "Hiếu", "Hiền", "Hạnh", "Hằng", "Huyền", "Linh", "Loan",
        "Mai", "Nga", "Nhung", "Phương", "Thảo", "Thủy", "Thùy", "Trang", "Tuyết", "Vân", "Yến", "Chi", "Dung",
        "Giang", "Hậu", "Hòa", "Khánh", "Lâm", "Lực", "Mạnh", "Nghĩa", "Ninh", "Phúc", "Quân", "Tài", "Tâm", "Tân",
        "Thái", "Thịnh", "Tiến", "Toàn", "Trí", "Trọng", "Trường", "Tú", "Vinh", "Việt", "Vũ", "Bảo", "Công", "Đình",
        "Gia", "Kiên", "Lộc", "Lợi", "Luân", "Mỹ", "Nhật", "Phú", "Quý", "Sang", "Thiện", "Thông", "Tín", "Tư",
        "Uyên", "Vy", "Ánh", "Bích", "Diệu", "Đào", "Khoa", "Khải", "Lệ", "Liên", "Ly", "My", "Nguyệt", "Nhàn",
        "Oanh", "Quyên", "Quỳnh", "Thư", "Thúy", "Trinh", "Tuyền", "Vi", "Định", "Đạt", "Đông", "Dương", "Hiệp",
        "Hoan", "Hợp", "Khang", "Khôi", "Lương", "Nhân", "Phát", "Quyết", "Sỹ", "Sĩ", "Tấn", "Thạch", "Thuận",
        "Toản", "Tường", "Vương", "Bá", "Duy", "Hưng", "Triều", "Hào", "Chính", "Chiến", "Cảnh", "Châu", "Doanh",
        "Hoài", "Huấn", "Kỳ", "Lam", "Mẫn", "Ngân", "Nguyên", "Nhi", "Phượng", "Sương", "Thơ", "Thoa", "Tiên",
        "Tình", "Tố", "Trâm", "Tuệ", "Vĩnh", "Yên", "An", "Ân", "Bắc", "Bằng", "Cao", "Chung", "Cúc", "Điệp",
        "Điền", "Độ", "Giáp", "Hạ", "Hân", "Hiển", "Hoạt", "Học", "Huệ", "Khương", "Kiều", "Lành", "Lập", "Liêm",
        "Lĩnh", "Luật", "Lý", "Nhị", "Như", "Phi", "Phụng", "Quế", "Quyền", "Sáng", "Tạo", "Thạnh", "Thăng",
        "Thiêm", "Thoại", "Thương", "Tiệp", "Tịnh", "Trà", "Trân", "Triết", "Trực", "Tuân", "Tuyên", "Túc", "Uy",
        "Vượng", "Xuyên", "Đăng", "Đạo", "Đoan", "Hòe", "Hồ", "Khắc", "Khiêm", "Mạc", "Ngà", "Nhẫn",
        // Less common, each sharing its letters with a commoner name above ("Hưởng" with
        // Hương): listed so that, read clearly, it is kept and not taken for that one.
        "Thế", "Chí", "Doãn", "Lượng", "Tất", "Cẩn", "Gấm", "Mơ", "Thắm", "Viết", "Hoàn", "Lựu", "Duyên", "Diệp",
        "Sen", "Khuyên", "Cẩm", "Mến", "Tươi", "Hưởng", "Hướng", "Hường", "Lân", "Quảng", "Tám", "Vịnh", "Hiến",
        "Hiệu", "Khanh", "Cương", "Hành", "Mận", "Ngạn", "Nghị", "Nghi", "Tính", "Tĩnh", "Bính", "Hảo", "Huyên",
        "Thọ", "Thuần", "Thường", "Uyển", "Vĩ", "Vỹ", "Phước", "Ái", "Cát", "Chất", "Chuyên", "Đại", "Đôn", "Giao",
        "Hội", "Huân", "Khuê", "Lạc", "Luyến", "Miên", "Nết", "Ngoan", "Nhạn", "Nhiên", "Oánh", "Sâm", "Sinh",
        "Thận", "Thiều", "Thìn", "Thơm", "Thục", "Tiếp", "Tòng", "Tráng", "Trình", "Truyền", "Tuyến", "Xoan", "Xuyến",
    ]

    private static let nameByKey: [String: String] = {
        var byKey: [String: String] = [:]
        for syllable in nameSyllables where byKey[VietnameseText.key(syllable)] == nil {
            byKey[VietnameseText.key(syllable)] = syllable
        }
        return byKey
    }()

    /// A middle or given name as read, or the name syllable it stands for: when what was
    /// read is no Vietnamese syllable ("Thanñ", "Văw"), or is one read doubtfully (under 60 %
    /// confidence), without any mark, or with marks no name carries, whose letters spell a
    /// name ("Mĩnh" → Minh, "Hai" → Hải, "Cấn" → Cẩn). A name read as listed is kept, and so
    /// is a family name standing in the middle (Lê, Đoàn): a rarer name (Doãn, Chí, Lượng)
    /// is no misread of a commoner one with its letters (Đoan, Chi, Lương).
    static func nameSyllable(_ word: String, confidence: Double = 100) -> String {
        let word = VietnameseText.normalized(word)
        guard !nameSyllables.contains(word), word.count >= 2 else { return word }
        let key = VietnameseText.key(word)
        if VietnameseText.isSyllable(word) {
            // Read without any mark where a name has its letters with marks ("Hai", "Thao"):
            // the marks were lost, the commonest slip of OCR on small bold type. Read with
            // marks no name carries ("Cấn", "Nhỉ", "Thám"): a mark misread, as OCR does on the
            // seal's red; a family name in the middle (Lê, Đoàn) is kept.
            let unmarked = VietnameseText.folded(word) == word.lowercased()
            let named = confidence < 60 || unmarked || !familyNames.contains(word)
            return named ? nameByKey[key] ?? word : word
        }
        if let same = nameByKey[key] { return same }
        return nameSyllables.first { VietnameseText.distance(VietnameseText.key($0), key) <= 1 && key.count >= 3 } ?? word
    }
}
