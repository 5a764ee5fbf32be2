@testable import Extraction
import Testing

/// The header's names and the signer's title, on layouts shaped like what OCR makes of real
/// scans: lines merged or broken, stamp text among the header, tone marks lost.
struct HeaderTests {
    /// Header lines centred on the left column, then the number line.
    func header(_ lines: [(String, Int)], symbol: String = "15/UBND-VP") -> HeaderReader.Reading? {
        var b = PageBuilder()
        var y = 150
        for (text, height) in lines {
            b.centred(text, centre: 420, y: y, height: height)
            y += 45
        }
        b.line("Số: \(symbol)", x: 300, y: y + 40)
        let page = PageText(b.page())
        return HeaderReader().read(page, above: Double(y + 40), symbol: nil)
    }

    @Test func aNationalBodyAboveItsBranchIsTheParent() {
        let reading = header([("KHO BẠC NHÀ NƯỚC", 30), ("KHO BẠC NHÀ NƯỚC PHÚ YÊN", 30)])
        #expect(reading?.parent == "KHO BẠC NHÀ NƯỚC")
        #expect(reading?.agency == "KHO BẠC NHÀ NƯỚC PHÚ YÊN")
        let tax = header([("TỔNG CỤC THUẾ", 30), ("CỤC THUẾ TỈNH HƯNG YÊN", 30)])
        #expect(tax?.parent == "TỔNG CỤC THUẾ")
        #expect(tax?.agency == "CỤC THUẾ TỈNH HƯNG YÊN")
    }

    @Test func aWrappedNameStaysWholeAndAKindWordStartsTheAgency() {
        // OCR merged the end of the parent's second line with the agency's first.
        let reading = header([("UBND TỈNH THÁI", 30), ("BÌNH SỞ LAO ĐỘNG - THƯƠNG BINH", 30), ("VÀ XÃ HỘI", 30)])
        #expect(reading?.parent == "UBND TỈNH THÁI BÌNH")
        #expect(reading?.agency == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
        let culture = header([("UBND TỈNH BÀ RỊA - VŨNG TÀU", 30), ("SỞ VĂN HÓA, THỂ THAO VÀ", 30), ("DU LỊCH", 30)])
        #expect(culture?.agency == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
        let committee = header([("ỦY BAN NHÂN DÂN", 30), ("THÀNH PHỐ TỪ SƠN", 30)])
        #expect(committee?.parent == nil)
        #expect(committee?.agency == "ỦY BAN NHÂN DÂN THÀNH PHỐ TỪ SƠN")
        let inspectorate = header([("UBND TỈNH NAM ĐỊNH", 30), ("THANH TRA TỈNH", 30)])
        #expect(inspectorate?.agency == "THANH TRA TỈNH")
    }

    @Test func theArrivalStampsReceiverInSmallerTypeIsNotTheAgency() {
        let reading = header([("BỘ TÀI CHÍNH", 30), ("SỞ Y TẾ TỈNH QUẢNG BÌNH", 19)])
        #expect(reading?.parent == nil)
        #expect(reading?.agency == "BỘ TÀI CHÍNH")
    }

    @Test func toneMarksOfKnownPlacesAndBodiesAreRestored() {
        let reading = header([("ỦY BAN NHÂN DÂN", 30), ("TÍNH PHU YÊN", 30)])
        #expect(reading?.agency == "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN")
        // Words outside the vocabulary stay as read.
        #expect(AgencyName.restore("UBND XÃ TẤN LẬP") == "UBND XÃ TẤN LẬP")
        #expect(AgencyName.restore("SỞ TAI CHINH, TINH SON LA") == "SỞ TÀI CHÍNH, TỈNH SƠN LA")
    }

    @Test func aPlacesWordIsNotTakenForAKindOfBody() {
        // PHONG ending a name and BỐ after HUYỆN are places' syllables, not PHÒNG and BỘ.
        #expect(AgencyName.restore("ỦY BAN NHÂN DÂN PHƯỜNG TÂN PHONG") == "ỦY BAN NHÂN DÂN PHƯỜNG TÂN PHONG")
        #expect(AgencyName.restore("ỦY BAN NHÂN DÂN HUYỆN BỐ TRẠCH") == "ỦY BAN NHÂN DÂN HUYỆN BỐ TRẠCH")
        #expect(AgencyName.restore("THANH TRA TÍNH") == "THANH TRA TỈNH")
    }

    @Test func aSymbolReadAtTheNamesEndIsNoPartOfIt() {
        let reading = header([("UBND TỈNH LAI CHÂU", 30), ("SỞ LAO ĐỘNG - THƯƠNG BINH", 30), ("VÀ XÃ HỘI /BC-SLĐTBXH", 30)])
        #expect(reading?.agency == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    }

    @Test func wordsGluedAcrossAStampsStrokeAreTwo() {
        // "TỈNH PHÚ" read across the ĐẾN stamp's edge as one word with a bracket in it.
        let fields = FieldExtractor().extract(pages: [PageBuilder.header("ỦY BAN NHÂN DÂN", "VtĐNH(PHU THỌ", number: "Số: 351/KH-UBND")])
        #expect(fields.value(FieldName.coQuanBanHanh) == "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ")
        #expect((fields[FieldName.coQuanBanHanh]?.confidence ?? 1) <= 0.9)
    }

    @Test func quotesOnANamesWordsAreSpecks() {
        #expect(header([("UBND TỈNH LÂM ĐỒNG", 30), ("SỞ TÀI NGUYÊN VÀ MÔI' TRƯỜNG", 30)], symbol: "15/STNMT-VP")?.agency
                == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")
        #expect(header([("“SỞ GIÁO DỤC VÀ ĐÀO TẠO", 30)], symbol: "15/SGDĐT-VP")?.agency == "SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    }

    @Test func aNameThatLostItsLastWordsIsIncomplete() {
        #expect(AgencyName.endsComplete("ỦY BAN NHÂN DÂN TỈNH BẾN TRE"))
        #expect(AgencyName.endsComplete("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"))
        #expect(AgencyName.endsComplete("THANH TRA TỈNH"))
        #expect(AgencyName.endsComplete("ỦY BAN NHÂN DÂN HUYỆN BỐ TRẠCH"))
        #expect(!AgencyName.endsComplete("ỦY BAN NHÂN DÂN TỈNH BẾN"))
        #expect(!AgencyName.endsComplete("SỞ KẾ HOẠCH VÀ ĐẦU"))
        #expect(!AgencyName.endsComplete("ỦY BAN NHÂN DÂN XÃ"))
        #expect(!AgencyName.endsComplete("ỦY BAN NHÂN TỈNH BẠC LIÊU"))
        #expect(!AgencyName.endsComplete("ỦY BAN NHÂN DÂN THÀNH PHỐ BIÊN HÒA ẾN"))
        let whole = header([("ỦY BAN NHÂN DÂN", 30), ("TỈNH BẾN TRE", 30)])
        let cut = header([("ỦY BAN NHÂN DÂN", 30), ("TỈNH BẾN", 30)])
        #expect(cut?.agency == "ỦY BAN NHÂN DÂN TỈNH BẾN")
        #expect((cut?.quality ?? 1) < (whole?.quality ?? 0) * 0.9)
    }

    @Test func aProvincesLostUnitOrLastWordIsCompleted() {
        #expect(AgencyName.completingProvince("ỦY BAN NHÂN DÂN LÂM ĐỒNG") == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")
        #expect(AgencyName.completingProvince("ỦY BAN NHÂN DÂN ĐÀ NẴNG") == "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG")
        #expect(AgencyName.completingProvince("ỦY BAN NHÂN DÂN TỈNH KON") == "ỦY BAN NHÂN DÂN TỈNH KON TUM")
        // Complete, a place that is no province, or a beginning several provinces share: left.
        #expect(AgencyName.completingProvince("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG") == nil)
        #expect(AgencyName.completingProvince("ỦY BAN NHÂN DÂN YÊN CHÂU") == nil)
        #expect(AgencyName.completingProvince("ỦY BAN NHÂN DÂN TỈNH HÀ") == nil)
        #expect(AgencyName.completingProvince("SỞ Y TẾ TỈNH SƠN LA") == nil)
    }

    @Test func aSpeckInsideALongWordDoesNotSplitItsLine() {
        let words = [("Nguyễn", 968, 229, 44, 25.0), ("*", 1014, 1, 2, 60.0), ("Văn", 1207, 68, 27, 96.0), ("Lộc", 1287, 61, 34, 96.0)]
            .map { LayoutWord(text: $0.0, box: Box(x: $0.1, y: 1590, width: $0.2, height: $0.3), confidence: $0.4, line: 5) }
        let page = PageText(LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200, words: words))
        #expect(page.lines.count == 1)
        #expect(SignatureReader.personalName(try! #require(page.lines.first)) == "Nguyễn Văn Lộc")
    }

    @Test func aNamesWordsLostOrCutShortAreRestored() {
        #expect(HeaderReader.withoutGluedSpeck("7⁄2'TÍNH") == "TÍNH")
        #expect(HeaderReader.withoutGluedSpeck("3¿2£ON") == "3¿2£ON")
        #expect(HeaderReader.withoutGluedSpeck("5") == "5")
        // A frame's stroke read after the name.
        let fields = FieldExtractor().extract(pages: [PageBuilder.header("UBND TỈNH AN GIANG", "SỞ TÀI CHÍNH|", number: "Số: 509/STC-TCHCSN")])
        #expect(fields.value(FieldName.coQuanBanHanh) == "SỞ TÀI CHÍNH")
        #expect(AgencyName.withCommittee("ỦY BAN NHÂN THỊ XÃ HƯƠNG THỦY", abbreviations: []) == "ỦY BAN NHÂN DÂN THỊ XÃ HƯƠNG THỦY")
        #expect(AgencyName.completingPlace("ỦY BAN NHÂN DÂN THỊ XÃ HƯƠN", place: "Hương Thủy") == "ỦY BAN NHÂN DÂN THỊ XÃ HƯƠNG THỦY")
        // Two letters are no word's beginning to complete.
        #expect(AgencyName.completingPlace("ỦY BAN NHÂN DÂN THỊ XÃ HƯ", place: "Hương Thủy") == nil)
    }

    @Test func aPlaceThatIsAProvinceIsSpeltAsTheProvince() {
        #expect(AgencyName.provinceSpelling(of: "Trà Vĩnh") == "Trà Vinh")
        #expect(AgencyName.provinceSpelling(of: "Sổ Cao Bằng") == "Cao Bằng")
        #expect(AgencyName.provinceSpelling(of: "TP. Hồ Chí Minh") == nil)
        #expect(AgencyName.provinceSpelling(of: "Bà Rịa - Vũng Tàu") == nil)
        #expect(AgencyName.provinceSpelling(of: "Nghi Xuân") == nil)
        #expect(AgencyName.province(endingOrStarting: "Biên", in: ["CHI NHÁNH TỈNH ĐIỆN BIÊN"]) == "Điện Biên")
        #expect(AgencyName.province(endingOrStarting: "Bình", in: ["SỞ Y TẾ"]) == nil)
        var b = PageBuilder()
        b.centred("HỘI ĐỒNG NHÂN DÂN", centre: 420, y: 150)
        b.centred("TỈNH PHÚ THỌ", centre: 420, y: 190)
        b.line("Số: 47/2023/NQ-HĐND", x: 330, y: 300)
        b.line("„Thọ, ngày 12 tháng 7 năm 2023", x: 1000, y: 300)
        #expect(FieldExtractor().extract(pages: [b.page()]).value(FieldName.diaDanh) == "Phú Thọ")
        // A dash glued before the place is no word of it; specks of punctuation before it stop it.
        for (line, place) in [("-Bình Thuận, ngày 2 tháng 3 năm 2020", "Bình Thuận"), ("-.. “Biện Ha, ngày 13 tháng 8 năm 2016", "Biện Ha")] {
            var page = PageBuilder()
            page.centred("SỞ Y TẾ", centre: 420, y: 150)
            page.line("Số: 12/SYT-VP", x: 330, y: 300)
            page.line(line, x: 1000, y: 300)
            #expect(FieldExtractor().extract(pages: [page.page()]).value(FieldName.diaDanh) == place)
        }
    }

    @Test func aCommitteeReadInPiecesIsRebuiltWithTheDateLinesPlace() {
        let ubnd = ["UBND"]
        #expect(AgencyName.committee("DÂN BÌNH", place: "Thái Bình", abbreviations: ubnd) == "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH")
        #expect(AgencyName.committee("ỦY BAN NHÂN DÂN TỈNH TH", place: "Thái Nguyên", abbreviations: ubnd) == "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN")
        #expect(AgencyName.committee("ỦY BAN NHÂN DÂN YEN 3KI", place: "Yên Bái", abbreviations: ubnd) == "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI")
        #expect(AgencyName.committee("NHÂN DÂN PHỐ SÔNG CÔNG", place: "Sông Công", abbreviations: ["HĐND"]) == "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ SÔNG CÔNG")
        // A unit the place leaves open (XÃ or THỊ XÃ), no word of the place, a name read whole,
        // another body's symbol, a speck for a place: left.
        #expect(AgencyName.committee("DÂN XÃ SƠN", place: "Sơn Tây", abbreviations: ubnd) == nil)
        #expect(AgencyName.committee("ỦY BAN NHÂN DÂN", place: "Thái Bình", abbreviations: ubnd) == nil)
        #expect(AgencyName.committee("ỦY BAN NHÂN DÂN THÀNH PHỐ CAO BẰNG", place: "Ị Cao Bằng", abbreviations: ubnd) == nil)
        #expect(AgencyName.committee("ỦY BAN NHÂN DÂN THỊ XÃ LẠ GI", place: "La Gi", abbreviations: ubnd) == nil)
        #expect(AgencyName.committee("DÂN BÌNH", place: "Thái Bình", abbreviations: ["SYT"]) == nil)
        #expect(AgencyName.withoutStampWord("ỦY BAN NHÂN DÂN ĐẾN HUYỆN BẾN LỨC") == "ỦY BAN NHÂN DÂN HUYỆN BẾN LỨC")
        #expect(AgencyName.withoutStampWord("SỞ Y TẾ") == nil)
    }

    @Test func aNamesEndLostUnderAStampIsTheDateLinesPlace() {
        #expect(AgencyName.completingPlace("KHO BẠC NHÀ NƯỚC BÌNH", place: "Bình Dương") == "KHO BẠC NHÀ NƯỚC BÌNH DƯƠNG")
        // The place lost its own first letters under the same stamp.
        #expect(AgencyName.completingPlace("KHO BẠC NHÀ NƯỚC BÌNH", place: "nh Dương") == "KHO BẠC NHÀ NƯỚC BÌNH DƯƠNG")
        // Whole already ("PHONG" ends with the letters of "Hồng"), another place, or what the
        // place line read after the place (specks, the date's words): left.
        #expect(AgencyName.completingPlace("ỦY BAN NHÂN DÂN THỊ TRẤN HỒNG PHONG", place: "Hồng Phong") == nil)
        #expect(AgencyName.completingPlace("SỞ Y TẾ", place: "Yên Bái") == nil)
        #expect(AgencyName.completingPlace("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", place: "Lai Châu ngà y") == nil)
        #expect(AgencyName.completingPlace("ỦY BAN NHÂN DÂN HUYỆN KẾ SÁCH", place: "Kế Sách R") == nil)
        // The place's first word lost as well: the name's last word and it make a province.
        #expect(AgencyName.completingPlace("KHO BẠC NHÀ NƯỚC BÌNH", place: "Dương") == "KHO BẠC NHÀ NƯỚC BÌNH DƯƠNG")
        #expect(AgencyName.completingPlace("KHO BẠC NHÀ NƯỚC TÂY", place: "Dương") == nil)
    }

    /// Names the symbol's initials complete: a district office's (no S or B before them), a
    /// department's that writes its symbol without its S, a committee's read as its province.
    /// ĐÀI PHÁT THANH starts a name: the parent's place above it is none of it.
    @Test func aRadioAndTelevisionStationIsAKindOfBody() {
        let page = PageBuilder.header("TỈNH BÌNH THUẬN", "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH", number: "Số: 33/QĐ-PTTH")
        #expect(FieldExtractor().extract(pages: [page]).value(FieldName.coQuanBanHanh) == "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH")
    }

    @Test func aSymbolsInitialsCompleteTheNameTheyStandFor() {
        #expect(AgencyName.office("TÀI CHÍNH - KẾ", abbreviation: "TCKH") == "PHÒNG TÀI CHÍNH - KẾ HOẠCH")
        #expect(AgencyName.office("TÀI CHÍNH - KẾ HOẠCH", abbreviation: "TCKH") == "PHÒNG TÀI CHÍNH - KẾ HOẠCH")
        #expect(AgencyName.office("PHÒNG TÀI CHÍNH - KẾ HOẠCH", abbreviation: "TCKH") == nil)
        #expect(AgencyName.office("SỞ TÀI CHÍNH", abbreviation: "TCKH") == nil)
        #expect(AgencyName.office("NỘI VỤ", abbreviation: "TCKH") == nil)
        #expect(AgencyName.office("PHÒNG", abbreviation: "VP") == "VĂN PHÒNG")
        #expect(AgencyName.office("PHÒNG", abbreviation: "TCKH") == nil)
        // A kind of body alone is no name: its words were lost, for a person to check.
        let lone = FieldExtractor().extract(pages: [PageBuilder.header("UBND HUYỆN CỦ CHI", "TRƯỜNG", number: "Số: 06/TB-THCS")])
        #expect((lone[FieldName.coQuanBanHanh]?.confidence ?? 1) < 0.6)
        #expect(AgencyName.completed("SỞ VĂN HÓA, THỂ", abbreviation: "VHTTDL") == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
        #expect(AgencyName.withCommittee("PHÚ YÊN", abbreviations: ["UBND"]) == "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN")
        #expect(AgencyName.withCommittee("ĐÀ NẴNG", abbreviations: ["HĐND"]) == "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG")
        #expect(AgencyName.withCommittee("PHÚ YÊN", abbreviations: ["STP"]) == nil)
    }

    /// A province's branch of a national body names its province after TỈNH.
    @Test func aProvincesBranchNamesItsProvince() {
        #expect(AgencyName.completingBranch("CỤC THỐNG KÊ", place: "Quảng Ngãi") == "CỤC THỐNG KÊ TỈNH QUẢNG NGÃI")
        #expect(AgencyName.completingBranch("BỘ CHỈ HUY QUÂN SỰ", place: "Quảng Trị") == "BỘ CHỈ HUY QUÂN SỰ TỈNH QUẢNG TRỊ")
        #expect(AgencyName.completingBranch("CỤC HẢI QUAN TÍNH QUẢNG NINH", place: nil) == "CỤC HẢI QUAN TỈNH QUẢNG NINH")
        #expect(AgencyName.completingBranch("CỤC HẢI QUAN QUẢNG NINH", place: "Hạ Long") == "CỤC HẢI QUAN TỈNH QUẢNG NINH")
        // Complete, national (dated at Hà Nội), or no branch: left.
        #expect(AgencyName.completingBranch("CỤC HẢI QUAN TỈNH QUẢNG NINH", place: "Quảng Ninh") == nil)
        #expect(AgencyName.completingBranch("CỤC THỐNG KÊ", place: "Hà Nội") == nil)
        #expect(AgencyName.completingBranch("KHO BẠC NHÀ NƯỚC BÌNH DƯƠNG", place: "Bình Dương") == nil)
        // A department's sector cut short: the one with the symbol's initials that fits.
        #expect(AgencyName.completed("SỞ TÀI", abbreviation: "STC") == "SỞ TÀI CHÍNH")
        #expect(AgencyName.office("KINH TẾ VÀ HẠ TẦNG", abbreviation: "KTHT") == "PHÒNG KINH TẾ VÀ HẠ TẦNG")
        // A commune's name of one syllable lost the rest.
        #expect(!AgencyName.endsComplete("ỦY BAN NHÂN DÂN XÃ IA"))
        #expect(AgencyName.endsComplete("ỦY BAN NHÂN DÂN PHƯỜNG 5"))
        #expect(AgencyName.endsComplete("ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ"))
    }

    @Test func aNameReadTwiceOrWithItsLastWordLostIsWholeOnce() {
        #expect(AgencyName.restore("CỤC THỐNG KÊ GCỤC THỐNG KÊ TỈNH QUẢNG NGÃI") == "CỤC THỐNG KÊ TỈNH QUẢNG NGÃI")
        #expect(AgencyName.restore("VĂN PHÒNG ĐOÀN ĐBQH VÀ") == "VĂN PHÒNG ĐOÀN ĐBQH VÀ HĐND")
        // A name whose words merely recur is left.
        #expect(AgencyName.restore("BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG") == "BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG")
    }

    @Test func aBodysLostFirstWordsAreRestored() {
        #expect(AgencyName.restore("BẨK NHÂN DÂN PHƯỜNG HÒA BÌNH") == "ỦY BAN NHÂN DÂN PHƯỜNG HÒA BÌNH")
        #expect(AgencyName.restore("0WBAN NHÂN DÂN THỊ TRẤN IA KRING") == "ỦY BAN NHÂN DÂN THỊ TRẤN IA KRING")
        #expect(AgencyName.restore("ỦY BAN NHÂN DÂN PHƯỜNH AN HẢI TÂY") == "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI TÂY")
        #expect(AgencyName.restore("ỦY BAN NHÂN DÂN -'PINH LAI CHÂU") == "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU")
        #expect(AgencyName.restore("ỦY BAN NHÂN DÂN PHO TỪ SƠN") == "ỦY BAN NHÂN DÂN THÀNH PHỐ TỪ SƠN")
        #expect(AgencyName.restore("ỦY BAN NHÂN DÂN TRẤN PHƯỚC THÀNH") == "ỦY BAN NHÂN DÂN THỊ TRẤN PHƯỚC THÀNH")
        // TỈNH a letter off before no province's name is left: it may be a place's word.
        #expect(AgencyName.restore("ỦY BAN NHÂN DÂN XÃ MINH LONG") == "ỦY BAN NHÂN DÂN XÃ MINH LONG")
        #expect(AgencyName.restore("ỦY BAN NHÂN DÂN PHƯỚC LONG") == "ỦY BAN NHÂN DÂN PHƯỚC LONG")
        #expect(AgencyName.restore("PHÒNG CHÍNH PHỦ") == "VĂN PHÒNG CHÍNH PHỦ")
        #expect(AgencyName.restore("MÃN PHÒNG CHÍNH PHỦ") == "VĂN PHÒNG CHÍNH PHỦ")
        #expect(AgencyName.restore("THÁNH RA CHÍNH PHỦ") == "THANH TRA CHÍNH PHỦ")
        // Capitals set without spaces are split into their syllables, but one syllable is
        // never cut in two.
        #expect(AgencyName.restore("ỦYBANNHÂNDÂN TỈNH SƠN LA") == "ỦY BAN NHÂN DÂN TỈNH SƠN LA")
        #expect(AgencyName.restore("ỦY BAN NHÂN DÂN THỊ XÃ DUYÊN HẢI") == "ỦY BAN NHÂN DÂN THỊ XÃ DUYÊN HẢI")
        #expect(AgencyName.restore("BẠC NHÀ NƯỚC THÁI BÌNH") == "KHO BẠC NHÀ NƯỚC THÁI BÌNH")
        #expect(AgencyName.restore("KHO BẠC NHÀ NƯỚC THÁI BÌNH") == "KHO BẠC NHÀ NƯỚC THÁI BÌNH")
        // A division is named for its sector; a Council's NHÂN DÂN follows ĐỒNG, no BAN.
        #expect(AgencyName.restore("PHÒNG TÀI CHÍNH - KẾ HOẠCH") == "PHÒNG TÀI CHÍNH - KẾ HOẠCH")
        #expect(AgencyName.restore("HỘI ĐỒNG NHÂN DÂN TỈNH HÀ NAM") == "HỘI ĐỒNG NHÂN DÂN TỈNH HÀ NAM")
        // Under a UBND symbol, a name that starts with its unit is the People's Committee's.
        #expect(AgencyName.withCommittee("THÀNH PHỐ HÀ TIÊN", abbreviations: ["UBND"]) == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ TIÊN")
        #expect(AgencyName.withCommittee("THÀNH PHỐ HÀ TIÊN", abbreviations: ["HĐND"]) == "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ TIÊN")
        #expect(AgencyName.withCommittee("THÀNH PHỐ HÀ TIÊN", abbreviations: ["SNV"]) == nil)
        #expect(AgencyName.withCommittee("SỞ Y TẾ", abbreviations: ["UBND"]) == nil)
        // NHÂN DÂN before a unit lost its ỦY BAN or HỘI ĐỒNG, as the symbol says; ỦY BAN right
        // before a unit lost its NHÂN DÂN.
        #expect(AgencyName.withCommittee("NHÂN DÂN THÀNH PHỐ SÔNG CÔNG", abbreviations: ["UBND"]) == "ỦY BAN NHÂN DÂN THÀNH PHỐ SÔNG CÔNG")
        #expect(AgencyName.withCommittee("NHÂN DÂN TỈNH ĐẮK LẮK", abbreviations: ["HĐND"]) == "HỘI ĐỒNG NHÂN DÂN TỈNH ĐẮK LẮK")
        #expect(AgencyName.withCommittee("ỦY BAN TỈNH BẮC NINH", abbreviations: []) == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH")
    }

    @Test func wordsOfAgencyNamesKeepTheirMarksBesideAKindWithTheirLetters() {
        // QUẬN (a district) has the letters of QUẢN LÝ and QUÂN SỰ.
        #expect(AgencyName.restore("PHÒNG QUẢN LÝ ĐÔ THỊ") == "PHÒNG QUẢN LÝ ĐÔ THỊ")
        #expect(AgencyName.restore("BAN CHI HUY QUẬN SỰ HUYỆN ĐOAN HÙNG") == "BAN CHỈ HUY QUÂN SỰ HUYỆN ĐOAN HÙNG")
        #expect(AgencyName.restore("ĐÀI PHÁT THANH VÀ TRUYEN HINH") == "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH")
        #expect(AgencyName.restore("ỦY BAN NHÂN DÂN QUAN HẢI CHÂU") == "ỦY BAN NHÂN DÂN QUẬN HẢI CHÂU")
    }

    @Test func aDepartmentCutShortIsCompletedFromTheSymbolsInitials() {
        #expect(AgencyName.completed("SỞ KẾ HOẠCH VÀ ĐẦU", abbreviation: "SKHĐT") == "SỞ KẾ HOẠCH VÀ ĐẦU TƯ")
        #expect(AgencyName.completed("SỞ CÔNG", abbreviation: "SCT") == "SỞ CÔNG THƯƠNG")
        // Three words or more that begin one sector alone complete it, whatever the symbol.
        #expect(AgencyName.completingSector("SỞ THÔNG TIN VÀ TRUYỀN") == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
        #expect(AgencyName.completingSector("SỞ NÔNG NGHIỆP VÀ PHÁT") == "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN")
        #expect(AgencyName.completingSector("SỞ NÔNG NGHIỆP VÀ") == nil)
        #expect(AgencyName.completingSector("SỞ TÀI CHÍNH") == nil)
        #expect(AgencyName.completed("SỞ KẾ HOẠCH ĐẦU TỪ", abbreviation: "SKHĐT") == "SỞ KẾ HOẠCH VÀ ĐẦU TƯ")
        #expect(AgencyName.completed("SỞ LAO ĐỘNG - THƯƠNG XÃ HỘI", abbreviation: "SLĐTBXH") == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
        // Its kind lost, its sector's words read after others that name no body: under a
        // symbol whose part begins the name's initials, the one name they run on in.
        #expect(AgencyName.fromSectorWords("HẢI DƯƠNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", abbreviation: "SNN") == "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN")
        #expect(AgencyName.fromSectorWords("PHỐ HỒ CHÍ MINH NGHIỆP VÀ PHÁT TRIẾN", abbreviation: "SNN") == "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN")
        #expect(AgencyName.fromSectorWords("NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", abbreviation: "SNNPTNT") == "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN")
        // Another symbol, a body named, or too few words: left.
        #expect(AgencyName.fromSectorWords("HẢI DƯƠNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", abbreviation: "UBND") == nil)
        #expect(AgencyName.fromSectorWords("CHI CỤC PHÁT TRIỂN NÔNG THÔN", abbreviation: "SNN") == nil)
        #expect(AgencyName.fromSectorWords("TRUNG TÂM Y TẾ", abbreviation: "SYT") == nil)
        #expect(AgencyName.fromSectorWords("HÀ TIÊN Y TẾ", abbreviation: "SYT") == nil)
        // A header read as no body at all is named by the symbol, when one sector fits.
        #expect(AgencyName.named(by: "BYT") == "BỘ Y TẾ")
        #expect(AgencyName.named(by: "SLĐTBXH") == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
        #expect(AgencyName.named(by: "BCĐ") == nil)
        #expect(AgencyName.named(by: "UBND") == nil)
        let byName = FieldExtractor().extract(pages: [PageBuilder.header("CỘNG", "", number: "Số: 4357/BYT-DP")])
        #expect(byName.value(FieldName.coQuanBanHanh) == "BỘ Y TẾ")
        #expect((byName[FieldName.coQuanBanHanh]?.confidence ?? 1) <= 0.9)
        // A complete name, initials no sector has, or a name that is not the sector's start: left.
        #expect(AgencyName.completed("SỞ CÔNG THƯƠNG", abbreviation: "SCT") == nil)
        #expect(AgencyName.completed("SỞ CÔNG", abbreviation: "SXYZ") == nil)
        #expect(AgencyName.completed("SỞ NỘI", abbreviation: "SCT") == nil)
        let fields = FieldExtractor().extract(pages: [PageBuilder.header("UBND TỈNH BẮC NINH", "SỞ CÔNG", number: "Số: 538/SCT-VP")])
        #expect(fields.value(FieldName.coQuanBanHanh) == "SỞ CÔNG THƯƠNG")
        #expect((fields[FieldName.coQuanBanHanh]?.confidence ?? 1) < AcceptancePolicy.calibrated[FieldName.coQuanBanHanh]!)
    }

    @Test func aLongKnownPhraseALetterOrASpeckOffIsRestored() {
        #expect(AgencyName.restore("SỞ TÂY NGUYÊN VÀ MÔI TRƯỜNG") == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")
        #expect(AgencyName.restore("SỞ TÀI NGUYÊN VÀ MÔI N TRƯỜNG") == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")
        #expect(AgencyName.restore("SỞ LXO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
        // Short names are not: Bình Minh is a town, not Bình Định.
        #expect(AgencyName.restore("ỦY BAN NHÂN DÂN XÃ BÌNH MINH") == "ỦY BAN NHÂN DÂN XÃ BÌNH MINH")
    }

    @Test func anAgencyWithoutItsKindOrItsNameIsRestoredOrDoubted() {
        // ỦY lost under a stamp: "BAN NHÂN DÂN" only ever ends "ỦY BAN NHÂN DÂN".
        #expect(AgencyName.restore("BAN NHÂN DÂN HUYỆN SƠN HÒA") == "ỦY BAN NHÂN DÂN HUYỆN SƠN HÒA")
        // The unit's line lost: a kind of body alone is no name a clerk can register.
        let cut = header([("ỦY BAN NHÂN DÂN", 30)])
        #expect(cut?.agency == "ỦY BAN NHÂN DÂN")
        #expect((cut?.quality ?? 1) < AcceptancePolicy.calibrated[FieldName.coQuanBanHanh]!)
    }
}

struct SignatureTests {
    func signature(_ lines: [String], name: String = "Nguyễn Văn Hùng") -> SignatureReader.Reading? {
        var b = PageBuilder()
        b.line("Nơi nhận:", x: 260, y: 1500, height: 26)
        var y = 1500
        for line in lines {
            b.centred(line, centre: 1230, y: y)
            y += 45
        }
        b.centred(name, centre: 1230, y: y + 200)
        return SignatureReader().read([PageText(b.page())])
    }

    /// A family name read in small letters at the name's start (a stroke over its capital),
    /// after a rank or specks; not a word inside a sentence.
    @Test func aFamilyNameReadInSmallLettersStartsTheName() throws {
        #expect(signature(["KT. CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG"], name: "Đại tá vương Cao Toản")?.name == "Vương Cao Toản")
        #expect(signature(["CHỦ TỊCH"], name: "xguyễn Bích Xuân")?.name == "Nguyễn Bích Xuân")
        #expect(signature(["CHỦ TỊCH"], name: "xếp hạng Quyết Tâm")?.name != "Hạng Quyết Tâm")
    }

    /// Thị with its thin h lost is Thị; the names one letter off it are names of their own.
    /// A title in capitals is no name.
    @Test func aMiddleThiThatLostItsHIsThiAndCapitalsAreNoName() {
        #expect(signature(["CHỦ TỊCH"], name: "Giàng Tỉ Phượng")?.name == "Giàng Thị Phượng")
        #expect(signature(["CHỦ TỊCH"], name: "Lý Chí Dương")?.name == "Lý Chí Dương")
        #expect(signature(["CHỦ TỊCH"], name: "Nguyễn Thế Sáng")?.name == "Nguyễn Thế Sáng")
        #expect(SignatureReader.personalName(try! #require(PageText(line("Ctrử TỊCH")).lines.first)) == nil)
    }

    func line(_ text: String) -> LayoutPage {
        var b = PageBuilder()
        b.line(text, x: 900, y: 1900)
        return b.page()
    }

    /// The page and the block read alone differ in a mark: the name syllable wins over a
    /// family name's in the middle ("Đoan", not "Đoàn"), else the clearer reading; names of
    /// other letters do not mix.
    @Test func twoReadingsOfANameDifferingInMarksKeepEachSyllablesBetterReading() throws {
        let page = try #require(signature(["GIÁM ĐỐC"], name: "Võ Đoan Nhi"))
        let block = try #require(signature(["GIÁM ĐỐC"], name: "Võ Đoàn Nhỉ"))
        #expect(block.name == "Võ Đoàn Nhi")
        #expect(SignatureReader.merged(page, block) == "Võ Đoan Nhi")
        let other = try #require(signature(["GIÁM ĐỐC"], name: "Võ Phú Nhi"))
        #expect(SignatureReader.merged(page, other) == nil)
    }

    /// One reading lost a syllable the other has (the family name under the seal): the whole
    /// name, unless what it has more is a smudge, or they differ otherwise.
    @Test func aReadingWithTheSyllableTheOtherLostIsTheName() throws {
        let page = try #require(signature(["GIÁM ĐỐC"], name: "Kim Thúy"))
        let block = try #require(signature(["GIÁM ĐỐC"], name: "Phan Kim Thúy"))
        #expect(SignatureReader.fuller(page, block)?.name == "Phan Kim Thúy")
        #expect(SignatureReader.fuller(block, page)?.name == "Phan Kim Thúy")
        let smudge = try #require(signature(["GIÁM ĐỐC"], name: "XÍKisuyến Kim Thúy"))
        #expect(SignatureReader.fuller(page, smudge) == nil)
        let other = try #require(signature(["GIÁM ĐỐC"], name: "Phan Kim Thu"))
        #expect(SignatureReader.fuller(page, other) == nil)
    }

    /// A family name two letters off two names is the commoner; one read in two pieces is one.
    @Test func aGarbledFamilyNameIsTheCommonerOneAndOneWord() {
        #expect(PersonalName.familyName("Nghvên") == "Nguyễn")
        #expect(PersonalName.familyName("Nghiêm") == "Nghiêm")
        #expect(signature(["CHỦ TỊCH"], name: "Ngiy En Tuấn Khải")?.name == "Nguyễn Tuấn Khải")
        #expect(signature(["CHỦ TỊCH"], name: "Nguyễn Văn Anh")?.name == "Nguyễn Văn Anh")
    }

    @Test func aNameNeverEndsInThiOrALoneLetter() {
        // Thị is a middle name only: read after the given name, it is a stroke of the signature.
        #expect(signature(["CHỦ TỊCH"], name: "Nguyễn Hữu Trường Thi")?.name == "Nguyễn Hữu Trường")
        #expect(signature(["CHỦ TỊCH"], name: "Nguyễn Thị Lan")?.name == "Nguyễn Thị Lan")
        // Nor in a lone letter.
        #expect(signature(["CHỦ TỊCH"], name: "Nguyễn Phương Ánh Ô")?.name == "Nguyễn Phương Ánh")
    }

    @Test func aNameBeginsWithItsFamilyName() {
        // A stroke read before the family name goes. Three syllables are a whole name, even
        // when the first is no family name on the list (Khuất) and the second is one (Kim).
        #expect(signature(["CHỦ TỊCH"], name: "Tin Nguyên Thu Huyền")?.name == "Nguyễn Thu Huyền")
        #expect(signature(["CHỦ TỊCH"], name: "N Hùynh Thanh Tài")?.name == "Huỳnh Thanh Tài")
        #expect(signature(["CHỦ TỊCH"], name: "Khuất Kim Hương")?.name == "Khuất Kim Hương")
    }

    @Test func aGivenNameReadClearlyIsKeptEvenIfRare() {
        // Open-ended: a clear syllable no common name spells (Doãn, Chí, Lượng) stays as read.
        #expect(signature(["CHỦ TỊCH"], name: "Lê Doãn Cảnh")?.name == "Lê Doãn Cảnh")
        #expect(signature(["CHỦ TỊCH"], name: "Trần Văn Lượng")?.name == "Trần Văn Lượng")
        // No syllable at all, or one no name spells with a name's letters: the name.
        #expect(signature(["CHỦ TỊCH"], name: "Nguyễn Văw Hùng")?.name == "Nguyễn Văn Hùng")
        #expect(PersonalName.nameSyllable("Mĩnh", confidence: 40) == "Minh")
        #expect(PersonalName.nameSyllable("Mĩnh", confidence: 90) == "Minh")
        #expect(signature(["CHỦ TỊCH"], name: "Nguyễn Thể Hiệp")?.name == "Nguyễn Thế Hiệp")
        // A syllable closed by c, ch, p, t has the rising or heavy tone: "Đưc" lost its mark.
        #expect(PersonalName.nameSyllable("Đưc") == "Đức")
    }

    @Test func aFamilyNamesCapitalTReadAsOneOrLIsRestored() {
        // Without the repair the family name is dropped as a speck ("Tiến Bình", "Bá Huy").
        #expect(signature(["CHỦ TỊCH"], name: "1rần Tiến Bình")?.name == "Trần Tiến Bình")
        #expect(signature(["CHỦ TỊCH"], name: "lạ Bá Huy")?.name == "Tạ Bá Huy")
        // Only where T makes a family name: "lâm" is no "Tâm" family, but Lâm with its capital
        // read small.
        #expect(signature(["CHỦ TỊCH"], name: "lâm Văn Hùng")?.name == "Lâm Văn Hùng")
    }

    @Test func theDeputySignsForTheHead() {
        // PHÓ lost under the seal.
        let reading = signature(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH"])
        #expect(reading?.authority == "KT.")
        #expect(reading?.position == "PHÓ CHỦ TỊCH")
        #expect(reading?.name == "Nguyễn Văn Hùng")
        // The title line lost entirely: the deputy of a minister is a vice-minister.
        let minister = signature(["KT. BỘ TRƯỞNG"])
        #expect(minister?.authority == "KT.")
        #expect(minister?.position == "THỨ TRƯỞNG")
        // KT. and PHÓ both lost: the head's title twice is the deputy signing for the head.
        let twice = signature(["TM. ỦY BAN NHÂN DÂN", ". CHỦ TỊCH", "CHỦ TỊCH"])
        #expect(twice?.authority == "KT.")
        #expect(twice?.position == "PHÓ CHỦ TỊCH")
        #expect((twice?.positionQuality ?? 1) <= 0.85)
        // Ink where KT. or PHÓ stood before the only title line: for a person to check.
        #expect((signature(["TM. ỦY BAN NHÂN DÂN", ". CHỦ TỊCH"])?.positionQuality ?? 1) <= 0.85)
        #expect((signature(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])?.positionQuality ?? 0) > 0.9)
    }

    @Test func garbledTitlesAreRestoredAndTheirUnitKept() {
        #expect(signature(["KT. GIÁM ĐỐC", "DHÓ GIÁM ĐỐC"])?.position == "PHÓ GIÁM ĐỐC")
        #expect(signature(["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ TỔNG HỢP"])?.position == "VỤ TRƯỞNG VỤ TỔNG HỢP")
        #expect(OfficialTitle.restore("TRƯỞNG PHÒNG HÀNH CHÍNH - TỔ CHỨC")?.title == "TRƯỞNG PHÒNG HÀNH CHÍNH - TỔ CHỨC")
        #expect(OfficialTitle.restore("PHO-GIAM ĐỐC")?.title == "PHÓ GIÁM ĐỐC")
        #expect(OfficialTitle.restore("QUYẾT ĐỊNH:") == nil)
        // The unit's words spelt as agencies' are; a dash ending it is a speck.
        #expect(OfficialTitle.restore("TRƯỞNG PHÒNG TÔ CHỨC - HÀNH CHÍNH")?.title == "TRƯỞNG PHÒNG TỔ CHỨC - HÀNH CHÍNH")
        #expect(OfficialTitle.restore("CỤC TRƯỞNG CỤC KIẾM TRA VĂN BẢN")?.title == "CỤC TRƯỞNG CỤC KIỂM TRA VĂN BẢN")
        #expect(OfficialTitle.restore("PHÓ CHỦ TỊCH -")?.title == "PHÓ CHỦ TỊCH")
    }

    @Test func titlesWithTheSameLettersAreToldApartByTheirMarks() {
        // A vice-minister (thứ trưởng) is not the head of a unit (thủ trưởng).
        #expect(OfficialTitle.restore("THỨ TRƯỞNG")?.title == "THỨ TRƯỞNG")
        // THỦ TRƯỞNG heads a unit it names; alone, it is THỨ TRƯỞNG misread.
        #expect(OfficialTitle.restore("THỦ TRƯỞNG ĐƠN VỊ")?.title == "THỦ TRƯỞNG ĐƠN VỊ")
        #expect(OfficialTitle.restore("THỦ TRƯỞNG")?.title == "THỨ TRƯỞNG")
        #expect(signature(["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"])?.position == "THỨ TRƯỞNG")
        // Two titles held at once, the second restored too.
        #expect(OfficialTitle.restore("BỘ TRƯỞNG, CHỦ NHIỆI")?.title == "BỘ TRƯỞNG, CHỦ NHIỆM")
    }

    @Test func aBodyHeadingInTheZoneIsNotTheTitle() {
        var b = PageBuilder()
        b.centred("QUYẾT ĐỊNH:", centre: 827, y: 1200)
        b.line("Điều 1. Phê duyệt kế hoạch.", x: 260, y: 1260)
        b.centred("GIÁM ĐỐC", centre: 1230, y: 1500)
        b.centred("Lê Thị Lan", centre: 1230, y: 1700)
        let reading = SignatureReader().read([PageText(b.page())])
        #expect(reading?.position == "GIÁM ĐỐC")
        #expect(reading?.name == "Lê Thị Lan")
    }
}
