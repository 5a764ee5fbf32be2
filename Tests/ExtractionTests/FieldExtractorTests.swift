@testable import Extraction
import Foundation
import Testing

/// Builds A4 pages at 200 dpi (1654 × 2339 px) from lines of text placed where the
/// national format puts them, the way Tesseract reports them: words with boxes.
struct PageBuilder {
    var words: [LayoutWord] = []
    private var lineIndex = 0

    /// Places `text` with its left edge at `x` and its top at `y`; every word gets a box
    /// proportional to its length.
    mutating func line(_ text: String, x: Int, y: Int, height: Int = 30, confidence: Double = 95) {
        var cursor = x
        for word in text.split(separator: " ") {
            let width = max(8, word.count * height * 11 / 20)
            words.append(LayoutWord(text: String(word), box: Box(x: cursor, y: y, width: width, height: height),
                                    confidence: confidence, block: 0, line: lineIndex))
            cursor += width + height / 3
        }
        lineIndex += 1
    }

    /// Centres `text` on `centre`.
    mutating func centred(_ text: String, centre: Int, y: Int, height: Int = 30, confidence: Double = 95) {
        let width = text.count * height * 11 / 20
        line(text, x: centre - width / 2, y: y, height: height, confidence: confidence)
    }

    func page(_ number: Int = 1) -> LayoutPage {
        LayoutPage(number: number, width: 1654, height: 2339, dpi: 200, words: words)
    }

    /// A page with only the header's left column (two centred lines) and the number line.
    static func header(_ upper: String, _ lower: String, number: String) -> LayoutPage {
        var b = PageBuilder()
        b.centred(upper, centre: 420, y: 150)
        b.centred(lower, centre: 420, y: 195)
        b.line(number, x: 300, y: 300)
        return b.page()
    }
}

/// A Quyết định of a Sở under its provincial People's Committee, signed KT.
func quyetDinhPage(mark: String? = nil, stamp: Bool = false) -> LayoutPage {
    var b = PageBuilder()
    b.centred("UBND TỈNH SƠN LA", centre: 420, y: 150)
    b.centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", centre: 1150, y: 150)
    b.centred("SỞ NỘI VỤ", centre: 420, y: 195)
    b.centred("Độc lập - Tự do - Hạnh phúc", centre: 1150, y: 195)
    if stamp {
        b.centred("UBND XÃ PHÚ XUÂN", centre: 300, y: 235, height: 22)
        b.centred("ĐẾN", centre: 300, y: 262, height: 40)
        b.line("Chuyển: VP", x: 200, y: 330, height: 22)
    }
    b.line("Số: 15/QĐ-SNV", x: 300, y: 300)
    b.line("Sơn La, ngày 22 tháng 10 năm 2018", x: 850, y: 300)
    if let mark { b.centred(mark, centre: 420, y: 360, height: 36) }
    b.centred("QUYẾT ĐỊNH", centre: 827, y: 450, height: 34)
    b.centred("Về việc phê duyệt kế hoạch đào tạo, bồi dưỡng", centre: 827, y: 500)
    b.centred("cán bộ, công chức năm 2019", centre: 827, y: 540)
    b.centred("GIÁM ĐỐC SỞ NỘI VỤ", centre: 827, y: 640)
    b.line("Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;", x: 330, y: 700)
    b.line("Nơi nhận:", x: 260, y: 1500, height: 26)
    b.line("KT. GIÁM ĐỐC", x: 1030, y: 1500)
    b.line("- Như Điều 3;", x: 260, y: 1540, height: 24)
    b.line("PHÓ GIÁM ĐỐC", x: 1030, y: 1545)
    b.line("- UBND tỉnh (b/c);", x: 260, y: 1575, height: 24)
    b.line("- Lưu: VT, TCCB.", x: 260, y: 1610, height: 24)
    b.line("Nguyễn Văn Hùng", x: 1020, y: 1760)
    return b.page()
}

struct FieldExtractorTests {
    let extractor = FieldExtractor()

    @Test func aTitledDocumentIsReadFieldByField() {
        let fields = extractor.extract(pages: [quyetDinhPage()])
        #expect(fields.value(FieldName.soKyHieu) == "15/QĐ-SNV")
        #expect(fields.value(FieldName.so) == "15")
        #expect(fields.value(FieldName.kyHieu) == "QĐ-SNV")
        #expect(fields.value(FieldName.ngayVanBan) == "2018-10-22")
        #expect(fields.value(FieldName.diaDanh) == "Sơn La")
        #expect(fields.value(FieldName.coQuanChuQuan) == "UBND TỈNH SƠN LA")
        #expect(fields.value(FieldName.coQuanBanHanh) == "SỞ NỘI VỤ")
        #expect(fields.value(FieldName.loaiVanBan) == "Quyết định")
        #expect(fields.value(FieldName.trichYeu) == "Về việc phê duyệt kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm 2019")
        #expect(fields.value(FieldName.chucVu) == "PHÓ GIÁM ĐỐC")
        #expect(fields.value(FieldName.quyenHanKy) == "KT.")
        #expect(fields.value(FieldName.nguoiKy) == "Nguyễn Văn Hùng")
        #expect(fields[FieldName.noiNhan]?.values == ["Như Điều 3", "UBND tỉnh (b/c)", "Lưu: VT, TCCB"])
        #expect(fields.value(FieldName.doKhan) == nil)
        #expect(fields.value(FieldName.doMat) == nil)
        #expect(fields.value(FieldName.hasArrivalStamp) == "false")
        // Every field found says where: the number line's box is on page 1, top left.
        let box = try! #require(fields[FieldName.soKyHieu]?.box)
        #expect(fields[FieldName.soKyHieu]?.page == 1)
        #expect(box.x < 827 && box.y < 400)
    }

    @Test func aCongVanHasNoHeadingAndItsSummaryLosesTheVvLabel() {
        var b = PageBuilder()
        b.centred("ỦY BAN NHÂN DÂN", centre: 420, y: 150)
        b.centred("TỈNH QUẢNG NINH", centre: 420, y: 195)
        b.centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", centre: 1150, y: 150)
        b.line("Số: 1109/UBND-VX", x: 300, y: 300)
        b.line("Quảng Ninh, ngày 05 tháng 3 năm 2024", x: 850, y: 300)
        b.centred("V/v tăng cường công tác phòng,", centre: 420, y: 350, height: 26)
        b.centred("chống dịch bệnh", centre: 420, y: 385, height: 26)
        b.line("Kính gửi: Sở Y tế.", x: 600, y: 480)
        b.line("Thực hiện chỉ đạo của Chính phủ, Ủy ban nhân dân tỉnh yêu cầu:", x: 330, y: 560)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.loaiVanBan) == "Công văn")
        #expect(fields.value(FieldName.trichYeu) == "tăng cường công tác phòng, chống dịch bệnh")
        // A wrapped name without a parent: "ỦY BAN NHÂN DÂN" + "TỈNH QUẢNG NINH".
        #expect(fields.value(FieldName.coQuanBanHanh) == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH")
        #expect(fields.value(FieldName.coQuanChuQuan) == nil)
        #expect(fields.value(FieldName.ngayVanBan) == "2024-03-05")
        #expect(fields.value(FieldName.kinhGui) == "Sở Y tế")
    }

    @Test func theArrivalStampIsDetectedAndKeptOutOfTheHeader() {
        let fields = extractor.extract(pages: [quyetDinhPage(stamp: true)])
        #expect(fields.value(FieldName.hasArrivalStamp) == "true")
        #expect(fields.value(FieldName.coQuanBanHanh) == "SỞ NỘI VỤ")
        // The stamp's "Số"-less receiver line is not the document's number either.
        #expect(fields.value(FieldName.soKyHieu) == "15/QĐ-SNV")
    }

    @Test(arguments: [("MẬT", "Mật"), ("TỐI MẬT", "Tối mật"), ("TUYỆT MẬT", "Tuyệt mật")])
    func secrecyMarksAreRead(mark: String, value: String) {
        let fields = extractor.extract(pages: [quyetDinhPage(mark: mark)])
        #expect(fields.value(FieldName.doMat) == value)
    }

    @Test(arguments: [("KHẨN", "Khẩn"), ("THƯỢNG KHẨN", "Thượng khẩn"), ("HỎA TỐC", "Hỏa tốc")])
    func urgencyMarksAreRead(mark: String, value: String) {
        let fields = extractor.extract(pages: [quyetDinhPage(mark: mark)])
        #expect(fields.value(FieldName.doKhan) == value)
        #expect(fields.value(FieldName.doMat) == nil)
    }

    /// A Công văn's summary goes on over a line read in capitals ("Ở CƠ SỞ"), not over an
    /// urgency mark stamped under it.
    @Test(arguments: [("Ở CƠ SỞ", "triển khai Luật Thực hiện dân chủ ở cơ sở"), ("THƯỢNG KHẨN", "triển khai Luật Thực hiện dân chủ")])
    func aSummaryStopsAtAMarkNotAtCapitals(second: String, summary: String) {
        var b = PageBuilder()
        b.centred("ỦY BAN NHÂN DÂN", centre: 420, y: 150)
        b.centred("QUẬN SƠN TRÀ", centre: 420, y: 195)
        b.line("Số: 30/UBND-QLĐT", x: 300, y: 300)
        b.line("Sơn Trà, ngày 04 tháng 01 năm 2023", x: 850, y: 300)
        b.line("V/v triển khai Luật Thực hiện dân chủ", x: 284, y: 374)
        b.line(second, x: 489, y: 415)
        b.line("Kính gửi: UBND các phường.", x: 563, y: 515)
        let fields = extractor.extract(pages: [b.page()])
        // Its letters' case as read: the words are what counts here.
        #expect(fields.value(FieldName.trichYeu)?.lowercased() == summary.lowercased())
    }

    @Test func aSmudgedSecrecyMarkIsDoubtedNotIgnored() {
        // "MAT" without its diacritics: unsure, so the confidence that there is no mark drops.
        let fields = extractor.extract(pages: [quyetDinhPage(mark: "MAT")])
        let secrecy = fields[FieldName.doMat]
        #expect(secrecy?.value != nil || (secrecy?.confidence ?? 0) < 0.5)
    }

    @Test func theMatTranOfAnAgencyNameIsNotASecrecyMark() {
        var b = PageBuilder()
        b.centred("ỦY BAN MẶT TRẬN TỔ QUỐC", centre: 420, y: 150)
        b.line("Số: 12/BC-MTTQ", x: 300, y: 300)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.doMat) == nil)
        #expect((fields[FieldName.doMat]?.confidence ?? 0) >= 0.5)
    }

    @Test func theSignerComesFromTheLastPageWithTheBlock() {
        var first = PageBuilder()
        first.line("Số: 07/BC-SNV", x: 300, y: 300)
        var last = PageBuilder()
        last.centred("2", centre: 827, y: 100)
        last.line("Nơi nhận:", x: 260, y: 900, height: 26)
        last.line("TM. ỦY BAN NHÂN DÂN", x: 1000, y: 900)
        last.line("- Như trên;", x: 260, y: 940, height: 24)
        last.line("CHỦ TỊCH", x: 1080, y: 945)
        last.line("Đại tá Trần Minh Đức", x: 1000, y: 1150)
        let fields = extractor.extract(pages: [first.page(1), last.page(2)])
        #expect(fields.value(FieldName.chucVu) == "CHỦ TỊCH")
        #expect(fields.value(FieldName.quyenHanKy) == "TM.")
        // The rank is not part of the name.
        #expect(fields.value(FieldName.nguoiKy) == "Trần Minh Đức")
        #expect(fields[FieldName.nguoiKy]?.page == 2)
    }

    @Test func aDateAfterArrivalIsRejected() {
        let arrival = DateComponents(year: 2018, month: 10, day: 1)
        let fields = extractor.extract(pages: [quyetDinhPage()], arrival: arrival)
        #expect(fields.value(FieldName.ngayVanBan) == nil)
    }
}

struct NumberRepairTests {
    @Test(arguments: [
        ("15|QĐ-UBND", "15/QĐ-UBND"),
        ("15⁄QĐ-UBND", "15/QĐ-UBND"),
        ("O5/QĐ-UBND", "05/QĐ-UBND"),
        ("12/2024/QÐ-UBND", "12/2024/QĐ-UBND"),
        ("47a/TTr-VHTTDL", "47a/TTr-VHTTDL"),
        ("25/QD-UBND", "25/QĐ-UBND"),
        ("1109/VP.UBND", "1109/VP.UBND"),
        // Small letters before a capital are the abbreviation's (Sở Ngoại vụ), and TTg is known.
        ("45/KH-SNgV", "45/KH-SNgV"),
        ("28/2018/QĐ-TTg", "28/2018/QĐ-TTg"),
        // The blank's dotted line after the symbol, and a speck after it.
        ("291/TCKH..........B", "291/TCKH"),
    ])
    func ocrConfusionsAreRepairedWhereTheDomainIsCertain(raw: String, expected: String) throws {
        let word = LayoutWord(text: raw, box: Box(x: 400, y: 300, width: 300, height: 30), confidence: 90)
        let line = try #require(TextLine(page: 1, words: [word]))
        let reading = try #require(NumberReader.parse([word], line: line))
        #expect(reading.full == expected)
    }

    @Test func aHandwrittenArrivalNumberWithoutSymbolIsNotTheDocumentNumber() throws {
        let word = LayoutWord(text: "2059", box: Box(x: 400, y: 300, width: 100, height: 30), confidence: 60)
        let line = try #require(TextLine(page: 1, words: [word]))
        #expect(NumberReader.parse([word], line: line) == nil)
    }
}

struct HeaderRulesTests {
    @Test func theSymbolTellsWhereTheAgencyNameStarts() {
        #expect(HeaderReader.initials(of: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ") == "SKHĐT")
        #expect(HeaderReader.initials(of: "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH") == "UBND")
        #expect(HeaderReader.agencyAbbreviations(in: "QĐ-UBND") == ["UBND"])
        #expect(HeaderReader.agencyAbbreviations(in: "12/2024/QĐ-UBND") == ["UBND"])
        // One letter of the type's part left: the agency's part follows.
        #expect(HeaderReader.agencyAbbreviations(in: "2016/Đ-UBND") == ["UBND"])
        #expect(HeaderReader.agencyAbbreviations(in: "SKHCN-QLKH") == ["SKHCN"])
        #expect(HeaderReader.agencyAbbreviations(in: "VP.UBND") == ["VP"])
        // An abbreviation in the name stands whole in its initials.
        #expect(HeaderReader.initials(of: "VĂN PHÒNG UBND THÀNH PHỐ HẢI PHÒNG") == "VPUBND")
        #expect(NumberReader.symbol("VPUBND5", endingWithInitialsOf: "VĂN PHÒNG UBND THÀNH PHỐ HẢI PHÒNG") == "VPUBND")
        // A unit's word inside a phrase is no unit: XÃ HỘI, THANH TRA.
        #expect(HeaderReader.initials(of: "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == "SLĐTBXH")
        #expect(HeaderReader.initials(of: "BẢO HIỂM XÃ HỘI TỈNH BẮC NINH") == "BHXH")
        #expect(HeaderReader.initials(of: "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP TỈNH BẮC NINH") == "BQLCKCN")
        #expect(HeaderReader.initials(of: "ỦY BAN NHÂN DÂN QUẬN BA ĐÌNH") == "UBND")
        #expect(HeaderReader.initials(of: "ỦY BAN NHÂN DÂN XÃ TÂN PHONG") == "UBND")
        #expect(HeaderReader.initials(of: "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ TIÊN") == "UBND")
        #expect(HeaderReader.initials(of: "ỦY BAN NHÂN DÂN THỊ XÃ CỬA LÒ") == "UBND")
    }

    @Test func aLineBreakInsideAKnownPhraseDoesNotStartANewName() {
        var b = PageBuilder()
        b.centred("UBND THÀNH PHỐ HỒ CHÍ MINH", centre: 420, y: 180)
        b.centred("SỞ TÀI NGUYÊN VÀ MÔI", centre: 420, y: 225)
        // TRƯỜNG alone would name a school.
        b.centred("TRƯỜNG", centre: 420, y: 270)
        // The number lost under a stamp: no symbol tells where the name starts.
        b.line("Hồ Chí Minh, ngày 5 tháng 3 năm 2024", x: 850, y: 330)
        let fields = FieldExtractor().extract(pages: [b.page()])
        #expect(fields.value(FieldName.coQuanBanHanh) == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")
        #expect(fields.value(FieldName.coQuanChuQuan) == "UBND THÀNH PHỐ HỒ CHÍ MINH")
    }
}

struct VietnameseTextTests {
    @Test func tonePlacementIsNormalisedButNotAfterQ() {
        #expect(VietnameseText.normalized("hoà bình") == "hòa bình")
        #expect(VietnameseText.normalized("HOẢ TỐC") == "HỎA TỐC")
        #expect(VietnameseText.normalized("thuỷ lợi") == "thủy lợi")
        #expect(VietnameseText.normalized("quý") == "quý")
    }

    @Test func foldingRemovesDiacriticsAndDStroke() {
        #expect(VietnameseText.folded("Quyết Định") == "quyet dinh")
        #expect(VietnameseText.folded("ĐỒNG NAI") == "dong nai")
    }
}

struct AcceptancePolicyTests {
    @Test func aDocumentIsAcceptedOnlyWhenEveryRequiredFieldPassesItsThreshold() {
        var fields = ExtractedFields()
        for name in FieldName.required { fields[name] = ExtractedField(value: "x", confidence: 0.99) }
        let policy = AcceptancePolicy(thresholds: Dictionary(uniqueKeysWithValues: FieldName.required.map { ($0, 0.9) }))
        #expect(policy.doubtfulFields(in: fields).isEmpty)
        fields[FieldName.trichYeu] = ExtractedField(value: "x", confidence: 0.5)
        fields[FieldName.soKyHieu] = ExtractedField(value: nil, confidence: 1)
        #expect(policy.doubtfulFields(in: fields) == [FieldName.soKyHieu, FieldName.trichYeu])
    }
}
