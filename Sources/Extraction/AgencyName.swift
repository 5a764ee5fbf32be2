/// The words agency headers are made of: the kinds of body, the sectors of government and
/// the provinces of Vietnam. OCR drops or swaps tone marks in capitals ("TÍNH" for "TỈNH",
/// "PHU YÊN"); where the letters agree with one of these phrases exactly, the phrase's own
/// spelling is certain and restored. Other words are left as read.
enum AgencyName {
    static let provinces = [
        "HÀ NỘI", "HỒ CHÍ MINH", "HẢI PHÒNG", "ĐÀ NẴNG", "CẦN THƠ", "AN GIANG", "BÀ RỊA", "VŨNG TÀU", "BẮC GIANG",
        "BẮC KẠN", "BẠC LIÊU", "BẮC NINH", "BẾN TRE", "BÌNH ĐỊNH", "BÌNH DƯƠNG", "BÌNH PHƯỚC", "BÌNH THUẬN", "CÀ MAU",
        "CAO BẰNG", "ĐẮK LẮK", "ĐẮK NÔNG", "ĐIỆN BIÊN", "ĐỒNG NAI", "ĐỒNG THÁP", "GIA LAI", "HÀ GIANG", "HÀ NAM",
        "HÀ TĨNH", "HẢI DƯƠNG", "HẬU GIANG", "HÒA BÌNH", "HƯNG YÊN", "KHÁNH HÒA", "KIÊN GIANG", "KON TUM",
        "LAI CHÂU", "LÂM ĐỒNG", "LẠNG SƠN", "LÀO CAI", "LONG AN", "NAM ĐỊNH", "NGHỆ AN", "NINH BÌNH", "NINH THUẬN",
        "PHÚ THỌ", "PHÚ YÊN", "QUẢNG BÌNH", "QUẢNG NAM", "QUẢNG NGÃI", "QUẢNG NINH", "QUẢNG TRỊ", "SÓC TRĂNG",
        "SƠN LA", "TÂY NINH", "THÁI BÌNH", "THÁI NGUYÊN", "THANH HÓA", "THỪA THIÊN HUẾ", "TIỀN GIANG", "TRÀ VINH",
        "TUYÊN QUANG", "VĨNH LONG", "VĨNH PHÚC", "YÊN BÁI", "HUẾ", "BÀ RỊA - VŨNG TÀU",
    ]

    /// Kinds of body and administrative units.
    static let bodies = [
        "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "UBND", "HĐND", "TỈNH", "HUYỆN", "XÃ", "THÀNH PHỐ", "QUẬN", "PHƯỜNG",
        "THỊ XÃ", "THỊ TRẤN", "SỞ", "BỘ", "CỤC", "TỔNG CỤC", "CHI CỤC", "VỤ", "VĂN PHÒNG", "THANH TRA", "CÔNG AN",
        "KHO BẠC NHÀ NƯỚC", "BẢO HIỂM XÃ HỘI", "CỤC THUẾ", "BAN", "VIỆT NAM", "CHÍNH PHỦ", "QUỐC HỘI", "TÒA ÁN NHÂN DÂN",
        "VIỆN KIỂM SÁT NHÂN DÂN", "TRUNG TÂM", "TRƯỜNG", "BỆNH VIỆN", "ĐẢNG ỦY", "TỈNH ỦY", "HUYỆN ỦY", "THÀNH ỦY",
        "BAN QUẢN LÝ", "KIỂM TOÁN NHÀ NƯỚC", "NGÂN HÀNG NHÀ NƯỚC", "CHI NHÁNH", "PHÒNG", "BỘ CHỈ HUY QUÂN SỰ", "TỔNG",
        "THƯỜNG TRỰC", "ĐOÀN ĐẠI BIỂU QUỐC HỘI", "MẶT TRẬN TỔ QUỐC", "ỦY BAN", "NHÂN DÂN", "KHU", "CẢNG VỤ",
    ]

    /// Sectors of government, as ministries (Bộ) and departments (Sở) are named.
    static let sectors = [
        "NỘI VỤ", "TÀI CHÍNH", "TƯ PHÁP", "Y TẾ", "XÂY DỰNG", "CÔNG THƯƠNG", "KẾ HOẠCH VÀ ĐẦU TƯ", "GIÁO DỤC VÀ ĐÀO TẠO",
        "GIAO THÔNG VẬN TẢI", "NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "LAO ĐỘNG", "THƯƠNG BINH VÀ XÃ HỘI", "VĂN HÓA", "THỂ THAO VÀ DU LỊCH",
        "THÔNG TIN VÀ TRUYỀN THÔNG", "KHOA HỌC VÀ CÔNG NGHỆ", "NGOẠI VỤ", "NGOẠI GIAO", "QUỐC PHÒNG", "DÂN TỘC",
        "TỔNG HỢP", "HÀNH CHÍNH", "TỔ CHỨC", "PHÁP CHẾ", "THUẾ", "HẢI QUAN", "THỐNG KÊ", "DÂN TỘC VÀ TÔN GIÁO",
        "LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "CÔNG AN", "TÀI CHÍNH - KẾ HOẠCH", "VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "KINH TẾ VÀ HẠ TẦNG", "QUẢN LÝ ĐÔ THỊ", "KINH TẾ",
    ]

    /// Other words agencies are named with, for their tone marks only: a kind of body that
    /// shares its letters must not take their place ("QUẢN LÝ", "QUÂN SỰ" are no QUẬN).
    static let otherWords = [
        "QUẢN LÝ", "QUÂN SỰ", "CHỈ HUY", "BIÊN PHÒNG", "BỘ ĐỘI", "ĐÔ THỊ", "KINH TẾ", "HẠ TẦNG", "PHÁT THANH", "TRUYỀN HÌNH",
        "DU LỊCH", "DỰ ÁN", "KHU CÔNG NGHIỆP", "KHU KINH TẾ", "KIỂM LÂM", "THỊ TRƯỜNG", "PHỤC VỤ", "HÀNH CHÍNH CÔNG",
        "ĐA KHOA", "ĐẠI HỌC", "CAO ĐẲNG", "LIÊN ĐOÀN LAO ĐỘNG", "HỘI NÔNG DÂN", "LIÊN HIỆP PHỤ NỮ", "THANH NIÊN",
        "ĐẦU TƯ XÂY DỰNG", "GIẢI PHÓNG MẶT BẰNG", "QUỸ ĐẤT", "BẢO VỆ THỰC VẬT", "CHĂN NUÔI", "THÚ Y", "THỦY LỢI",
        "ĐỊA CHÍNH", "VĂN HÓA VÀ THÔNG TIN", "GIAO THÔNG", "ĐOÀN ĐBQH", "KIỂM TRA", "VĂN BẢN", "QUY PHẠM PHÁP LUẬT",
        // National bodies' whole names, long enough to be known with a letter misread.
        "THANH TRA CHÍNH PHỦ", "VĂN PHÒNG CHÍNH PHỦ", "VĂN PHÒNG QUỐC HỘI", "VĂN PHÒNG CHỦ TỊCH NƯỚC",
    ]

    /// Phrases by their folded key, longest first so that "THỊ XÃ" wins over "XÃ".
    private static let phrases: [(words: [String], key: [String])] = {
        let all = Set(provinces + bodies + sectors + otherWords)
        return all.map { phrase in
            let words = phrase.split(separator: " ").map(String.init)
            return (words, words.map(VietnameseText.key))
        }.sorted { $0.words.count > $1.words.count }
    }()

    /// Kinds of body of one word, by folded key.
    private static let kindWords: Set<String> = Set(bodies.filter { !$0.contains(" ") }.map(VietnameseText.key))

    private static let provinceKeys: Set<String> = Set(provinces.map(VietnameseText.key))
    private static let provinceByKey: [String: String] = Dictionary(provinces.map { (VietnameseText.key($0), $0) },
                                                                    uniquingKeysWith: { first, _ in first })

    /// The province whose name folds to `key` ("quang ngai": QUẢNG NGÃI), as the list spells it.
    static func province(keyed key: String) -> String? {
        provinceByKey[key]
    }
    private static let provinceWordKeys: Set<String> = Set(provinceKeys.flatMap { $0.split(separator: " ").map(String.init) })

    /// Whether `word` is, but for its marks, a word of a province's name ("Đãk" of Đắk Lắk).
    static func isProvinceWord(_ word: String) -> Bool {
        provinceWordKeys.contains(VietnameseText.key(word))
    }
    private static let sectorKeys: Set<String> = Set(sectors.map(VietnameseText.key))

    /// Words of administrative units, by folded key.
    private static let unitWords: Set<String> = ["tinh", "huyen", "xa", "phuong", "quan", "tran", "pho", "thi"]

    /// Whether `name` ends as a complete one: after TỈNH a province, after SỞ or BỘ a sector,
    /// a People's Committee or Council with its unit's name; not the ĐẾN stamp's word.
    /// "ỦY BAN NHÂN DÂN TỈNH BẾN", "ỦY BAN NHÂN DÂN XÃ", "SỞ KẾ HOẠCH VÀ ĐẦU" lost words.
    static func endsComplete(_ name: String) -> Bool {
        let keys = name.split(separator: " ").map { VietnameseText.key(String($0)) }.filter { !$0.isEmpty }
        guard let last = keys.last, !["den", "en"].contains(last) else { return false }
        let text = keys.joined(separator: " ")
        if text.hasPrefix("uy ban nhan"), !text.hasPrefix("uy ban nhan dan") { return false }
        if ["uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd"].contains(where: { text.hasPrefix($0) }), unitWords.contains(last) {
            return false
        }
        if let tinh = keys.lastIndex(of: "tinh"), tinh + 1 < keys.count {
            return provinceKeys.contains(keys[(tinh + 1)...].joined(separator: " "))
        }
        // A district's, town's or commune's name has two syllables or more ("XÃ IA" lost
        // KRING); a ward may be numbered ("PHƯỜNG 5"); Huế is the one city of one.
        if let unit = keys.lastIndex(where: { ["xa", "phuong", "huyen", "quan", "tran", "pho"].contains($0) }), unit == keys.count - 2,
           keys[unit + 1].first?.isLetter == true, keys[unit + 1] != "hue" {
            return false
        }
        if let first = keys.first, ["so", "bo"].contains(first), keys.count > 1 {
            // The sector, or sectors joined ("VĂN HÓA, THỂ THAO VÀ DU LỊCH").
            var rest = Array(keys.dropFirst())
            while !rest.isEmpty {
                guard let length = (1...min(8, rest.count)).reversed().first(where: { sectorKeys.contains(rest.prefix($0).joined(separator: " ")) })
                else { return false }
                rest.removeFirst(length)
                if rest.first == "va" { rest.removeFirst() }
            }
        }
        return true
    }

    /// A SỞ or BỘ whose sector OCR cut short, completed from the symbol's agency part: under
    /// `SKHĐT`, "SỞ KẾ HOẠCH VÀ ĐẦU" is SỞ KẾ HOẠCH VÀ ĐẦU TƯ. Nil unless the name read is
    /// incomplete and exactly one sector with those initials fits what was read: its
    /// beginning ("SỞ TÀI" under STC: TÀI CHÍNH, not TỔ CHỨC), all of it a letter or two off,
    /// or its words with some lost.
    static func completed(_ agency: String, abbreviation: String) -> String? {
        guard !endsComplete(agency) else { return nil }
        let keys = agency.split(separator: " ").map { VietnameseText.key(String($0)) }.filter { !$0.isEmpty }
        guard let kind = keys.first, ["so", "bo"].contains(kind) else { return nil }
        // Some departments write their symbol without the S ("VHTTDL").
        let letter = kind == "so" ? "S" : "B", body = kind == "so" ? "SỞ" : "BỘ"
        let initials = abbreviation.hasPrefix(letter) ? String(abbreviation.dropFirst()) : abbreviation
        let read = keys.joined(separator: " ")
        let fits = sectors.map { body + " " + $0 }.filter { candidate in
            let sector = candidate.split(separator: " ").dropFirst().joined(separator: " ")
            guard HeaderReader.initialsKey(HeaderReader.initials(of: sector, throughUnits: true)) == HeaderReader.initialsKey(initials)
            else { return false }
            let known = VietnameseText.key(candidate)
            // Its beginning, all of it a letter or two off, or its words with some lost in
            // between ("SỞ LAO ĐỘNG - THƯƠNG XÃ HỘI").
            return known.hasPrefix(read) || VietnameseText.similarity(read, known) >= 0.8
                || appearInOrder(keys, in: known.split(separator: " ").map(String.init))
        }
        return fits.count == 1 ? fits[0] : nil
    }

    /// A SỞ or BỘ whose sector's last words were lost, where the three words or more read
    /// begin exactly one sector ("SỞ THÔNG TIN VÀ TRUYỀN"): that sector, whatever the symbol.
    /// Nil otherwise.
    static func completingSector(_ agency: String) -> String? {
        guard !endsComplete(agency) else { return nil }
        let words = agency.split(separator: " ").map(String.init).filter { !VietnameseText.key($0).isEmpty }
        let keys = words.map(VietnameseText.key)
        guard let kind = keys.first, ["so", "bo"].contains(kind), keys.count >= 4 else { return nil }
        let read = Array(keys.dropFirst())
        let fits = sectors.filter { sector in
            let known = VietnameseText.key(sector).split(separator: " ").map(String.init)
            return known.count > read.count && Array(known.prefix(read.count)) == read
        }
        guard fits.count == 1 else { return nil }
        return words[0] + " " + (VietnameseText.uppercaseRatio(agency) >= 0.5 ? fits[0] : fits[0].lowercased())
    }

    /// A department or ministry whose kind was lost, read as its sector's words after others
    /// that name no body (the parent's place, the ĐẾN stamp's words): "HẢI DƯƠNG NGHIỆP VÀ
    /// PHÁT TRIỂN NÔNG THÔN" under `SNN` is SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN. The
    /// symbol's part (S or B and three letters or more) must begin that name's initials,
    /// short forms and all (SNN of SNNPTNT), and the words read run on in exactly one such name,
    /// three of them at least — "Y TẾ" alone could end a TRUNG TÂM's name.
    static func fromSectorWords(_ agency: String, abbreviation: String) -> String? {
        guard abbreviation.count >= 3, let body = ["B": "BỘ", "S": "SỞ"][String(abbreviation.prefix(1))] else { return nil }
        let keys = agency.split(separator: " ").map { VietnameseText.key(String($0)) }.filter { !$0.isEmpty }
        guard HeaderReader.agencyKindLength(keys) == nil else { return nil }
        let fits = sectors.map { body + " " + $0 }.filter { name in
            guard HeaderReader.initialsKey(HeaderReader.initials(of: name, throughUnits: true)).hasPrefix(HeaderReader.initialsKey(abbreviation))
            else { return false }
            let known = VietnameseText.key(name).split(separator: " ").map(String.init)
            // The longest run of the name that ends what was read.
            let run = (0..<keys.count).first { start in
                let tail = Array(keys[start...])
                return tail.count <= known.count
                    && (0...(known.count - tail.count)).contains { Array(known[$0..<($0 + tail.count)]) == tail }
            }.map { keys.count - $0 } ?? 0
            return run >= 3
        }
        return fits.count == 1 ? fits[0] : nil
    }

    /// A district's office named by its symbol's initials, which have no S or B before them
    /// ("TCKH", "TNMT"), where its kind was lost ("TÀI CHÍNH - KẾ HOẠCH") or only some of its
    /// words read ("TRƯỜNG"): PHÒNG and the sector. Nil unless exactly one sector has those
    /// initials, what was read is its words in order, and names no other kind of body. A lone
    /// PHÒNG under the symbol VP is the office itself, VĂN PHÒNG, its first word lost.
    static func office(_ agency: String, abbreviation: String) -> String? {
        var words = agency.split(separator: " ").map(String.init)
        if abbreviation == "VP", words.map(VietnameseText.key) == ["phong"] {
            return VietnameseText.uppercaseRatio(agency) >= 0.5 ? "VĂN PHÒNG" : "Văn phòng"
        }
        if words.first.map(VietnameseText.key) == "phong" { words.removeFirst() }
        guard !words.isEmpty, HeaderReader.agencyKindLength(words) == nil else { return nil }
        let fits = sectors.filter { HeaderReader.initials(of: $0, throughUnits: true) == abbreviation }
        guard fits.count == 1 else { return nil }
        let keys = words.map { VietnameseText.key($0) }.filter { !$0.isEmpty }
        guard appearInOrder(keys, in: VietnameseText.key(fits[0]).split(separator: " ").map(String.init)) else { return nil }
        let office = "PHÒNG " + fits[0]
        guard VietnameseText.key(office) != VietnameseText.key(agency) else { return nil }
        return VietnameseText.uppercaseRatio(agency) >= 0.5 ? office : office.capitalized
    }

    /// A province's branch of a national body (CỤC …, BỘ CHỈ HUY QUÂN SỰ, CÔNG AN) names its
    /// province after TỈNH (THÀNH PHỐ for a city): read without it, dated at one, "CỤC THỐNG
    /// KÊ" at Quảng Ngãi is CỤC THỐNG KÊ TỈNH QUẢNG NGÃI; read with the province but TỈNH lost
    /// or misread ("CỤC HẢI QUAN TÍNH QUẢNG NINH"), TỈNH goes back. Not at Hà Nội, where the
    /// national bodies themselves sit. Nil when there is nothing to complete.
    static func completingBranch(_ agency: String, place: String?) -> String? {
        var words = agency.split(separator: " ").map(String.init)
        let keys = words.map(VietnameseText.key)
        guard keys.first == "cuc" || keys.starts(with: ["bo", "chi", "huy"]) || keys.starts(with: ["cong", "an"]), keys.count >= 2
        else { return nil }
        let upper = VietnameseText.uppercaseRatio(agency) >= 0.5
        func unit(for province: String) -> String {
            let u = Self.unit(ofProvince: VietnameseText.key(province))
            return upper ? u : u.capitalized
        }
        // The province read: TỈNH before it spelt right, or put in.
        if let province = provinces.first(where: { keys.ends(with: VietnameseText.key($0).split(separator: " ").map(String.init)) }) {
            let at = words.count - province.split(separator: " ").count
            guard at >= 2, !cities.contains(VietnameseText.key(province)) else { return nil }
            if keys[at - 1] == "tinh" {
                guard words[at - 1] != unit(for: province) else { return nil }
                words[at - 1] = unit(for: province)
            } else {
                words.insert(unit(for: province), at: at)
            }
            return words.joined(separator: " ")
        }
        // Units by their marks: QUÂN of QUÂN SỰ is no QUẬN.
        let units: Set<String> = ["TỈNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG", "THỊ", "PHỐ"]
        guard let place, !words.contains(where: { units.contains(VietnameseText.normalized($0).uppercased()) }),
              VietnameseText.key(place) != "ha noi",
              let province = Self.province(keyed: VietnameseText.key(place)) else { return nil }
        return agency + " " + unit(for: province) + " " + (upper ? province : province.capitalized)
    }

    /// Whether `words` all appear in `known`, in their order, with others between them.
    private static func appearInOrder(_ words: [String], in known: [String]) -> Bool {
        var rest = known[...]
        for word in words {
            guard let found = rest.firstIndex(of: word) else { return false }
            rest = rest[(found + 1)...]
        }
        return true
    }

    /// A ministry or department named by its symbol alone (`BYT` is BỘ Y TẾ, `SNV` SỞ NỘI VỤ),
    /// for a header read as no agency at all ("CỘNG", the motto's first word): nil unless
    /// exactly one sector has those initials.
    /// OCR reads a symbol's Đ as D ("SGDDT"): the two are one letter here.
    static func named(by abbreviation: String) -> String? {
        guard let body = ["B": "BỘ", "S": "SỞ"][abbreviation.first.map(String.init) ?? ""] else { return nil }
        // The sector's initials as symbols write them, unit words and all (XÃ HỘI).
        let key = HeaderReader.initialsKey(String(abbreviation.dropFirst()))
        let fits = sectors.filter { HeaderReader.initialsKey(HeaderReader.initials(of: $0, throughUnits: true)) == key }
        return fits.count == 1 ? body + " " + fits[0] : nil
    }

    /// `abbreviation` as the ministry or department it names spells it, Đ and all ("SGDDT"
    /// → SGDĐT). Nil when it names none, or is spelt so already.
    static func spelling(of abbreviation: String) -> String? {
        guard let name = named(by: abbreviation) else { return nil }
        let sector = name.split(separator: " ").dropFirst().joined(separator: " ")
        let spelt = String(abbreviation.prefix(1)) + HeaderReader.initials(of: sector, throughUnits: true)
        return spelt == abbreviation ? nil : spelt
    }

    /// The symbol part of a People's Committee ("UBND TỈNH VĨNH PHÚC", "ỦY BAN NHÂN DÂN …"):
    /// UBND; of a People's Council: HĐND; nil for another body.
    static func peoplesBody(_ name: String) -> String? {
        let keys = name.split(separator: " ").map { VietnameseText.key(String($0)) }
        if keys.first == "ubnd" || keys.starts(with: ["uy", "ban", "nhan", "dan"]) { return "UBND" }
        if keys.first == "hdnd" || keys.starts(with: ["hoi", "dong", "nhan", "dan"]) { return "HĐND" }
        return nil
    }

    /// Bodies a Văn phòng (office) serves, by folded keys.
    private static let officeOwners: [[String]] = [
        ["chinh", "phu"], ["quoc", "hoi"], ["chu", "tich", "nuoc"], ["uy", "ban"], ["ubnd"], ["hdnd"], ["hoi", "dong"],
        ["doan", "dai", "bieu"], ["tinh", "uy"], ["huyen", "uy"], ["thanh", "uy"], ["dang", "uy"],
    ]

    /// A name that starts with an administrative unit ("THÀNH PHỐ HÀ TIÊN"), or with NHÂN DÂN
    /// before one ("NHÂN DÂN XÃ SƠN TÂY"), under a symbol whose agency part is UBND or HĐND:
    /// the People's Committee or Council, its first words lost under a stamp. "ỦY BAN" right
    /// before a unit ("ỦY BAN TỈNH BẮC NINH") lost its NHÂN DÂN, whatever the symbol.
    static func withCommittee(_ agency: String, abbreviations: [String]) -> String? {
        let words = agency.split(separator: " ").map(String.init)
        let keys = words.map(VietnameseText.key)
        let upper = VietnameseText.uppercaseRatio(agency) >= 0.5
        func startsWithUnit(_ keys: ArraySlice<String>) -> Bool {
            keys.count >= 2 && (["tinh", "huyen", "quan", "xa", "phuong"].contains(keys.first!) || keys.starts(with: ["thanh", "pho"])
                || keys.starts(with: ["thi", "xa"]) || keys.starts(with: ["thi", "tran"]))
        }
        if keys.starts(with: ["uy", "ban"]), startsWithUnit(keys.dropFirst(2)) {
            return (words[..<2] + [upper ? "NHÂN DÂN" : "nhân dân"] + words[2...]).joined(separator: " ")
        }
        if keys.starts(with: ["uy", "ban", "nhan"]), startsWithUnit(keys.dropFirst(3)) {
            return (words[..<3] + [upper ? "DÂN" : "dân"] + words[3...]).joined(separator: " ")
        }
        let body = abbreviations.contains("UBND") ? "ỦY BAN" : abbreviations.contains("HĐND") ? "HỘI ĐỒNG" : nil
        guard let body else { return nil }
        // A province's name alone: the committee's or council's first line lost.
        let name = keys.joined(separator: " ")
        if provinceKeys.contains(name) {
            let unit = Self.unit(ofProvince: name)
            return (upper ? body + " NHÂN DÂN " + unit : (body + " NHÂN DÂN " + unit).capitalized) + " " + agency
        }
        let rest = keys.starts(with: ["nhan", "dan"]) ? keys.dropFirst(2) : keys[...]
        guard startsWithUnit(rest) else { return nil }
        let lost = (rest.count == keys.count ? body + " NHÂN DÂN" : body)
        return (upper ? lost : lost.capitalized) + " " + agency
    }

    /// A name whose last words are the first of the place on the date line ("KHO BẠC NHÀ NƯỚC
    /// BÌNH" dated at Bình Dương): a body named after its province or unit is dated there, so
    /// the stamp over the name's end took the rest of the place's name. The place may have
    /// lost its own first letters under the same stamp ("nh Dương"). Nil unless a whole word
    /// or more of the place was read, and what is missing is capitalised Vietnamese words.
    static func completingPlace(_ agency: String, place: String?) -> String? {
        guard let place else { return nil }
        let words = agency.split(separator: " ").map(String.init)
        let keys = words.map(VietnameseText.key)
        let placeWords = place.split(separator: " ").map(String.init)
        let placeKeys = placeWords.map(VietnameseText.key)
        // The place's first word lost too ("Dương"): the name's last word and the place make
        // a province ("BÌNH" + "Dương").
        if placeKeys.count == 1, let last = keys.last, keys.count >= 2, !keys.ends(with: placeKeys),
           let province = Self.province(keyed: last + " " + placeKeys[0]) {
            let upper = VietnameseText.uppercaseRatio(agency) >= 0.5
            let end = province.split(separator: " ").last.map(String.init)!
            return (words + [upper ? end : end.capitalized]).joined(separator: " ")
        }
        guard placeKeys.count >= 2, !placeKeys.contains(where: \.isEmpty), !keys.ends(with: placeKeys) else { return nil }
        for length in stride(from: min(keys.count - 1, placeKeys.count - 1), through: 1, by: -1) {
            let tail = Array(keys.suffix(length)), head = Array(placeKeys.prefix(length))
            // A word of a kind of body ("… ĐÔ THỊ" before "Thị Can …") is no beginning of a
            // place's name.
            guard !genericSyllables.contains(VietnameseText.normalized(words[words.count - length].uppercased())) else { continue }
            // The place's first word may be the end of the name's word ("nh" of BÌNH); the
            // name's last word may be cut short itself ("HƯƠN" of Hương Thủy).
            let cut = length == 1 && tail[0].count >= 3 && head[0].count > tail[0].count && head[0].hasPrefix(tail[0])
            guard tail.dropFirst() == head.dropFirst(), tail[0] == head[0] || (head[0].count >= 2 && tail[0].hasSuffix(head[0])) || cut
            else { continue }
            // A word cut short gives way to the place's whole.
            let kept = cut ? words.dropLast() : words[...]
            let rest = placeWords.dropFirst(cut ? 0 : length)
            guard rest.allSatisfy({ $0.first?.isUppercase == true && $0.count >= 2 && VietnameseText.isSyllable($0) }) else { return nil }
            let upper = VietnameseText.uppercaseRatio(agency) >= 0.5
            return (kept + rest.map { upper ? $0.uppercased() : $0 }).joined(separator: " ")
        }
        return nil
    }

    /// A People's Committee or Council read in pieces under a stamp ("DÂN BÌNH", "ỦY BAN NHÂN
    /// DÂN TỈNH TH", "NHÂN DÂN PHỐ SÔNG CÔNG") under a UBND or HĐND symbol, rebuilt with the
    /// date line's place, where a body dates its documents: the unit is TỈNH (THÀNH PHỐ for a
    /// centrally run city) for a province, else the one whose word was read. The first word
    /// read may be a word's end, the last its beginning; specks after it are dropped. Nil
    /// unless what was read fits exactly one such name and has one of the place's words, or
    /// when a committee's name was read whole.
    static func committee(_ agency: String, place: String?, abbreviations: [String]) -> String? {
        let body = abbreviations.contains("UBND") ? "ỦY BAN" : abbreviations.contains("HĐND") ? "HỘI ĐỒNG" : nil
        guard let body, let place else { return nil }
        var read = agency.split(separator: " ").map(String.init)
        while let last = read.last, !last.allSatisfy(\.isLetter) { read.removeLast() }
        let readWhole = peoplesBody(agency) != nil && endsComplete(read.joined(separator: " "))
            && read.contains { unitWords.contains(VietnameseText.key($0)) }
        guard !readWhole else { return nil }
        let placeWords = place.split(separator: " ").map(String.init)
        guard !read.isEmpty, read.allSatisfy({ $0.allSatisfy(\.isLetter) }), !placeWords.isEmpty,
              placeWords.allSatisfy({ $0.first?.isUppercase == true && $0.count >= 2 && VietnameseText.isSyllable($0) }) else { return nil }
        let placeKey = placeWords.map(VietnameseText.key).joined(separator: " ")
        let province = Self.province(keyed: placeKey)
        let units = province == nil ? ["THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "QUẬN", "HUYỆN", "XÃ", "PHƯỜNG"]
            : [Self.unit(ofProvince: placeKey)]
        let name = province ?? placeWords.joined(separator: " ").uppercased()
        let nameLength = name.split(separator: " ").count
        let fits = units.compactMap { unit -> String? in
            let candidate = body + " NHÂN DÂN " + unit + " " + name
            let keys = candidate.split(separator: " ").map { VietnameseText.key(String($0)) }
            // Each word read, in order, a word of the name (its end first, its beginning last).
            var at = 0
            var matched: [Int] = []
            for (i, word) in read.enumerated() {
                let key = VietnameseText.key(word)
                guard let j = keys[at...].firstIndex(where: { known in
                    known == key || (key.count >= 2 && ((i == 0 && known.hasSuffix(key)) || (i == read.count - 1 && known.hasPrefix(key))))
                }) else { return nil }
                matched.append(j)
                at = j + 1
            }
            let placeStart = keys.count - nameLength
            let unitRange = (placeStart - unit.split(separator: " ").count)..<placeStart
            guard matched.contains(where: { $0 >= placeStart }),
                  province != nil || matched.contains(where: unitRange.contains) else { return nil }
            return candidate
        }
        guard fits.count == 1, VietnameseText.key(fits[0]) != VietnameseText.key(agency) else { return nil }
        return VietnameseText.uppercaseRatio(agency) >= 0.5 ? fits[0] : fits[0].capitalized
    }

    /// The name without the ĐẾN stamp's word read inside it ("ỦY BAN NHÂN DÂN ĐẾN HUYỆN BẾN
    /// LỨC"): the stamp sits over the header, and no body is named with the word.
    static func withoutStampWord(_ agency: String) -> String? {
        let words = agency.split(separator: " ").map(String.init)
        let kept = words.filter { VietnameseText.normalized($0) != "ĐẾN" }
        return kept.count == words.count || kept.isEmpty ? nil : kept.joined(separator: " ")
    }

    /// Syllables of the kinds of body ("THỊ" of THỊ XÃ), with their marks (BẠC, not BẮC).
    private static let genericSyllables: Set<String> = Set(bodies.flatMap {
        $0.split(separator: " ").map { VietnameseText.normalized(String($0)) }
    })

    /// The name's last words spelt as the date line's place, when they are its letters with
    /// other marks or spacing ("THỊ TRẤN HÔNG PHONG" dated at Hồng Phong, "DU YÊN HẢI" at
    /// Duyên Hải): one of the two readings is wrong, and the place, in small letters, is read
    /// with its marks more surely than bold capitals. Nil when they agree or do not match.
    static func spellingPlace(_ agency: String, place: String?) -> String? {
        guard let place else { return nil }
        let words = agency.split(separator: " ").map(String.init)
        let placeWords = place.split(separator: " ").map(String.init)
        let letters = { (words: ArraySlice<String>) in words.map(VietnameseText.key).joined() }
        let placeLetters = letters(placeWords[...])
        guard words.count >= 2, placeWords.count >= 2, placeLetters.count >= 4,
              placeWords.allSatisfy({ $0.first?.isUppercase == true }) else { return nil }
        for length in 1...min(words.count - 1, placeWords.count + 1) where letters(words.suffix(length)) == placeLetters {
            let upper = VietnameseText.uppercaseRatio(agency) >= 0.5
            let respelt = words.dropLast(length) + placeWords.map { upper ? $0.uppercased() : $0 }
            let result = respelt.joined(separator: " ")
            return VietnameseText.normalized(result) == VietnameseText.normalized(agency) ? nil : result
        }
        return nil
    }

    /// A place that is a province's name with its marks misread ("Trà Vĩnh", "Đà Ñẵng"), or
    /// with specks before it ("Sổ Cao Bằng", "P. QEÕ Vĩnh Long"), as the province spells it.
    /// A city's abbreviation before it stays ("TP. Hồ Chí Minh"). Nil when no province of
    /// two words or more ends the place, a capitalised word stands before it ("Bà Rịa -
    /// Vũng Tàu"), or it is spelt so already.
    static func provinceSpelling(of place: String) -> String? {
        let words = place.split(separator: " ").map(String.init)
        for length in stride(from: min(words.count, 4), through: 2, by: -1) {
            let key = words.suffix(length).map(VietnameseText.key).joined(separator: " ")
            guard let province = Self.province(keyed: key) else { continue }
            let before = words.dropLast(length)
            let kept = before.filter { ["TP.", "TX."].contains($0) }
            let speck = { (word: String) in word.contains { !$0.isLetter } || word.count <= 2 || word == word.uppercased() }
            guard before.allSatisfy({ kept.contains($0) || speck($0) }) else { return nil }
            let spelt = (kept + [province.capitalized]).joined(separator: " ")
            return spelt == place ? nil : spelt
        }
        return nil
    }

    /// The province named after TỈNH or THÀNH PHỐ in one of `names`, when `place` is one word
    /// of it, its first or its last ("Biên" of Điện Biên, "Cần" of Cần Thơ): the rest of the
    /// place lost. Nil otherwise.
    static func province(endingOrStarting place: String, in names: [String]) -> String? {
        let key = VietnameseText.key(place)
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        for name in names {
            let keys = name.split(separator: " ").map { VietnameseText.key(String($0)) }
            guard let unit = keys.lastIndex(where: { $0 == "tinh" || $0 == "pho" }), unit + 1 < keys.count else { continue }
            let named = keys[(unit + 1)...].joined(separator: " ")
            guard let province = Self.province(keyed: named) else { continue }
            let words = named.split(separator: " ").map(String.init)
            guard words.count >= 2, words.first == key || words.last == key else { continue }
            return province.capitalized
        }
        return nil
    }

    /// The unit a province is named with, by its folded key: THÀNH PHỐ for a centrally run
    /// city, else TỈNH.
    static func unit(ofProvince key: String) -> String {
        cities.contains(key) ? "THÀNH PHỐ" : "TỈNH"
    }

    /// Provinces whose People's Committee is a city's (centrally run): THÀNH PHỐ, not TỈNH.
    private static let cities: Set<String> = ["ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"]

    /// A People's Committee or Council whose unit word OCR lost ("ỦY BAN NHÂN DÂN LÂM ĐỒNG":
    /// TỈNH, or THÀNH PHỐ for a centrally run city), or a province's name cut short after
    /// TỈNH ("TỈNH KON": KON TUM, the only one it begins). Nil unless the province is certain.
    static func completingProvince(_ agency: String) -> String? {
        let words = agency.split(separator: " ").map(String.init)
        let keys = words.map(VietnameseText.key)
        let upper = VietnameseText.uppercaseRatio(agency) >= 0.5
        if let tinh = keys.lastIndex(of: "tinh"), tinh + 1 < keys.count {
            guard !endsComplete(agency) else { return nil }
            let read = keys[(tinh + 1)...].joined(separator: " ")
            let fits = provinces.filter { VietnameseText.key($0).hasPrefix(read + " ") }
            guard fits.count == 1 else { return nil }
            return (words[...tinh] + [upper ? fits[0] : fits[0].capitalized]).joined(separator: " ")
        }
        for body in [["uy", "ban", "nhan", "dan"], ["hoi", "dong", "nhan", "dan"], ["ubnd"], ["hdnd"]]
        where keys.starts(with: body) && keys.count > body.count {
            let place = keys[body.count...].joined(separator: " ")
            guard provinceKeys.contains(place) else { return nil }
            let unit = Self.unit(ofProvince: place)
            return (words[..<body.count] + [upper ? unit : unit.capitalized] + words[body.count...]).joined(separator: " ")
        }
        return nil
    }

    /// Syllables of the known phrases, by folded key.
    private static let syllables: Set<String> = Set(phrases.flatMap(\.key))

    /// Whether `word`'s letters are a syllable of the known phrases ("TÍNH": TỈNH).
    static func isNameSyllable(_ word: String) -> Bool {
        syllables.contains(VietnameseText.key(word))
    }

    /// Pairs of syllables that follow each other inside a known phrase ("moi truong", "uy ban").
    private static let pairs: Set<String> = Set(phrases.flatMap { phrase in
        zip(phrase.key, phrase.key.dropFirst()).map { $0 + " " + $1 }
    })

    /// Whether `next` continues a known phrase that `previous` is in the middle of: a line
    /// break inside "MÔI | TRƯỜNG" does not start a new name, though TRƯỜNG names a school.
    static func continues(_ previous: String, with next: String) -> Bool {
        pairs.contains(VietnameseText.key(previous) + " " + VietnameseText.key(next))
    }

    /// OCR drops the spaces of tightly set capitals ("ỦYBANNHÂNDÂN"): a word whose letters
    /// are a run of known syllables is split into them — unless it is one syllable itself
    /// (DUYÊN is no DU YÊN).
    static func unglued(_ word: String) -> [String] {
        let letters = Array(word.filter(\.isLetter))
        guard letters.count >= 5, letters.count == word.count, !VietnameseText.isSyllable(word) else { return [word] }
        let keys = letters.map { VietnameseText.key(String($0)) }
        // Longest-first segmentation over known syllables (at most 7 letters each).
        var cuts: [Int?] = Array(repeating: nil, count: letters.count + 1)
        cuts[0] = 0
        for end in 1...letters.count {
            for length in (1...min(7, end)).reversed() where cuts[end - length] != nil {
                if syllables.contains(keys[(end - length)..<end].joined()), length >= 2 || keys[end - 1] == "o" {
                    cuts[end] = end - length
                    break
                }
            }
        }
        guard cuts[letters.count] != nil else { return [word] }
        var pieces: [String] = []
        var end = letters.count
        while end > 0, let start = cuts[end] {
            pieces.insert(String(letters[start..<end]), at: 0)
            end = start
        }
        return pieces.count >= 2 ? pieces : [word]
    }

    /// Where a name's first words start over (`keys` folded), a speck glued to the first of
    /// them: "cuc thong ke gcuc thong ke tinh …" starts over at 3. Nil when they do not.
    static func repeatedBeginning(_ keys: [String]) -> Int? {
        guard keys.count >= 4, !keys[0].isEmpty else { return nil }
        for k in 2...(keys.count / 2) where keys[k].hasSuffix(keys[0]) && keys[k].count <= keys[0].count + 1 {
            let first = Array(keys[1..<k]), again = Array(keys[(k + 1)..<(2 * k)])
            if first == again { return k }
        }
        return nil
    }

    /// `text` with each run of words that spells a known phrase (ignoring tone marks and case)
    /// written as the phrase is; words in upper case stay upper case.
    static func restore(_ text: String) -> String {
        let words = text.split(separator: " ").flatMap { unglued(String($0)) }
        let keys = words.map(VietnameseText.key)
        var out: [String] = []
        var i = 0
        next: while i < words.count {
            for phrase in phrases where i + phrase.key.count <= words.count {
                // Compare the letters only: punctuation attached to a word stays as read.
                guard Array(keys[i..<(i + phrase.key.count)]) == phrase.key else { continue }
                // A kind of body names what follows it: a last word read without marks is a
                // place's ("TÂN PHONG", not PHÒNG); "THANH TRA TÍNH" is still TỈNH.
                if phrase.words.count == 1, i == words.count - 1, i > 0, kindWords.contains(phrase.key[0]),
                   words[i].lowercased() == keys[i] { continue }
                // Nor is a word right after an administrative unit: "HUYỆN BỐ TRẠCH", not BỘ.
                if phrase.words.count == 1, i > 0, kindWords.contains(phrase.key[0]), unitWords.contains(keys[i - 1]) { continue }
                for (offset, word) in phrase.words.enumerated() {
                    let read = words[i + offset]
                    out.append(read.contains(where: \.isLetter) ? Self.respell(read, as: word) : read)
                }
                i += phrase.key.count
                continue next
            }
            // A long phrase OCR got a letter or a speck wrong in ("LXO ĐỘNG - THƯƠNG BINH …",
            // "MÔI N TRƯỜNG"): long enough that nothing else is that close to it.
            if let (phrase, used) = nearPhrase(at: i, in: keys) {
                let upper = VietnameseText.uppercaseRatio(words[i..<(i + used)].joined()) >= 0.5
                out += phrase.words.map { upper ? $0 : $0.lowercased() }
                i += used
                continue
            }
            out.append(words[i])
            i += 1
        }
        let upper = out.first.map { !$0.contains(where: \.isLowercase) } ?? true
        // "BAN NHÂN DÂN …" is only ever the end of "ỦY BAN NHÂN DÂN …": its first word was lost
        // (and BAN may be a letter off, "BẨK NHÂN DÂN PHƯỜNG …", or have specks of ỦY glued
        // before it, "0WBAN NHÂN DÂN THỊ TRẤN …").
        var outKeys = out.map(VietnameseText.key)
        let nearBan = (3...4).contains(outKeys.first?.count ?? 0) && VietnameseText.distance(outKeys[0], "ban") <= 1
            || (4...5).contains(outKeys.first?.count ?? 0) && outKeys[0].hasSuffix("ban")
        if outKeys.count >= 3, outKeys[1...2] == ["nhan", "dan"],
           outKeys[0] == "ban" || (nearBan && outKeys.count >= 4 && (unitWords.contains(outKeys[3]) || outKeys[3] == "thanh")) {
            out[0] = upper ? "BAN" : "Ban"
            out.insert(upper ? "ỦY" : "Ủy", at: 0)
            outKeys = out.map(VietnameseText.key)
        }
        // A committee's unit a letter off ("ỦY BAN NHÂN DÂN PHƯỜNH AN HẢI TÂY"): long enough
        // that no other word is that near; TỈNH a letter off before a province's whole name
        // ("-'PINH LAI CHÂU"); PHỐ or TRẤN, which are no unit alone, lost THÀNH or THỊ.
        if outKeys.count >= 6, outKeys.starts(with: ["uy", "ban", "nhan", "dan"]) || outKeys.starts(with: ["hoi", "dong", "nhan", "dan"]) {
            let rest = outKeys[5...].joined(separator: " ")
            if let unit = ["PHƯỜNG", "HUYỆN"].first(where: { VietnameseText.distance(outKeys[4], VietnameseText.key($0)) == 1 && outKeys[4].count >= 5 }) {
                out[4] = upper ? unit : unit.capitalized
            } else if outKeys[4].count == 4, VietnameseText.distance(outKeys[4], "tinh") == 1, provinceKeys.contains(rest) {
                out[4] = upper ? "TỈNH" : "tỉnh"
            } else if let unit = ["pho": "THÀNH PHỐ", "tran": "THỊ TRẤN"][outKeys[4]] {
                out[4] = upper ? unit : unit.lowercased()
            }
        }
        // A province a letter or two off after TỈNH ("QUẢNG THỊ", "NIÊN THUẬN"): the only
        // one that near.
        let tinhAt = out.map(VietnameseText.key).firstIndex(of: "tinh")
        if let tinh = tinhAt, tinh + 1 < out.count {
            let read = out[(tinh + 1)...].map(VietnameseText.key).joined(separator: " ")
            if !provinceKeys.contains(read), read.count >= 6 {
                let near = provinces.filter { VietnameseText.distance(VietnameseText.key($0), read) <= (read.count >= 9 ? 2 : 1) }
                if near.count == 1 {
                    out = Array(out[...tinh]) + near[0].split(separator: " ").map { upper ? String($0) : String($0).capitalized }
                }
            }
        }
        // "ĐOÀN ĐBQH VÀ HĐND" is only ever its office's: the delegation and the council share
        // none; the name ends in HĐND, which a stamp may take ("… ĐBQH VÀ").
        if VietnameseText.key(out.joined(separator: " ")).hasPrefix("doan dbqh va") {
            out.insert(contentsOf: upper ? ["VĂN", "PHÒNG"] : ["Văn", "phòng"], at: 0)
        }
        if out.map(VietnameseText.key).ends(with: ["dbqh", "va"]) { out.append("HĐND") }
        // A name's beginning read twice, a speck glued to the second ("CỤC THỐNG KÊ GCỤC THỐNG
        // KÊ TỈNH …": a line read whole and in part): once.
        if let k = Self.repeatedBeginning(out.map(VietnameseText.key)) {
            out = [out[0]] + Array(out[(k + 1)...])
        }
        // "PHÒNG CHÍNH PHỦ", "PHÒNG ỦY BAN NHÂN DÂN …" are only ever a Văn phòng: a division
        // (Phòng) is named for its sector.
        // Its VĂN read a letter off ("MÃN PHÒNG CHÍNH PHỦ") is VĂN too.
        let offVan = out.count >= 3 && VietnameseText.key(out[0]).count == 3 && VietnameseText.distance(VietnameseText.key(out[0]), "van") == 1
        if out.count >= 2, VietnameseText.key(out[offVan ? 1 : 0]) == "phong",
           officeOwners.contains(where: { out.dropFirst(offVan ? 2 : 1).map(VietnameseText.key).starts(with: $0) }) {
            if offVan { out.removeFirst() }
            out.insert(upper ? "VĂN" : "Văn", at: 0)
        }
        // "BẠC NHÀ NƯỚC …" is only ever the State Treasury's: KHO was lost.
        if out.count >= 3, out.prefix(3).map(VietnameseText.key) == ["bac", "nha", "nuoc"] {
            out[0] = upper ? "BẠC" : "bạc"
            out.insert(upper ? "KHO" : "Kho", at: 0)
        }
        return out.joined(separator: " ")
    }

    /// The phrase of at least 12 letters that the words from `start` spell with at most one
    /// edit in 12, and how many words they are (one more or less than the phrase's).
    private static func nearPhrase(at start: Int, in keys: [String]) -> (phrase: (words: [String], key: [String]), used: Int)? {
        var best: (phrase: (words: [String], key: [String]), used: Int, distance: Int)?
        for phrase in phrases {
            let known = phrase.key.joined(separator: " ")
            guard known.count >= 12 else { continue }
            for used in max(1, phrase.key.count - 1)...(phrase.key.count + 1) where start + used <= keys.count {
                let read = keys[start..<(start + used)].joined(separator: " ")
                // The lengths alone rule most phrases out (edit distances cost).
                guard abs(read.count - known.count) <= known.count / 12 else { continue }
                let distance = VietnameseText.distance(read, known)
                if distance > 0, distance <= known.count / 12, distance < (best?.distance ?? .max) {
                    best = (phrase, used, distance)
                }
            }
        }
        return best.map { ($0.phrase, $0.used) }
    }

    /// The letters of `known` in the case the word was read in, keeping what surrounds them
    /// (a trailing comma).
    private static func respell(_ read: String, as known: String) -> String {
        let lettersRead = read.filter { $0.isLetter || $0.isNumber }
        let knownLetters = known.filter { $0.isLetter || $0.isNumber }
        guard lettersRead.count == knownLetters.count else { return read }
        let upper = VietnameseText.uppercaseRatio(read) >= 0.5
        var letters = Array(upper ? knownLetters.uppercased() : knownLetters.lowercased())
        var out = ""
        for ch in read {
            if ch.isLetter || ch.isNumber, !letters.isEmpty { out.append(letters.removeFirst()) } else { out.append(ch) }
        }
        return out
    }
}

private extension Array where Element: Equatable {
    func ends(with tail: [Element]) -> Bool { count >= tail.count && Array(suffix(tail.count)) == tail }
}
