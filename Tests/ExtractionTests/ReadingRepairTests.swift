@testable import Extraction
import Testing

/// What OCR does to real scans — a page fed askew, a region cut short, a letter off — and
/// the domain rules that recover the field.
struct ReadingRepairTests {
    let extractor = FieldExtractor()

    /// A date blank read alone (`.dayDigits`, `.monthDigits`) as one word over `box`.
    func blankRead(_ purpose: RegionRequest.Purpose, _ text: String, at box: Box, confidence: Double) -> Reread {
        Reread(purpose: purpose, page: 1, words: [LayoutWord(text: text, box: box, confidence: confidence)])
    }

    /// Every word of the page moved down by `slope` px per px right of the centre.
    func skewed(_ page: LayoutPage, slope: Double) -> LayoutPage {
        var page = page
        page.words = page.words.map { word in
            var word = word
            word.box.y += Int((slope * (word.box.midX - Double(page.width) / 2)).rounded())
            return word
        }
        return page
    }

    @Test func aPageFedTwoDegreesAskewReadsLikeAStraightOne() {
        var b = PageBuilder()
        b.centred("BỘ NỘI VỤ", centre: 420, y: 150)
        b.centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", centre: 1150, y: 150)
        b.line("Số: 105/TB-BNV", x: 300, y: 300)
        b.line("Hà Nội, ngày 08 tháng 12 năm 2015", x: 850, y: 300)
        b.centred("THÔNG BÁO", centre: 827, y: 390, height: 34)
        b.centred("Ý kiến chỉ đạo của đồng chí Chủ tịch UBND huyện Mường Nhé", centre: 827, y: 430)
        b.centred("về công tác chuẩn bị Tuần lễ quốc gia phòng, chống thiên tai", centre: 827, y: 470)
        // The body starts after the short rule, at the usual distance below the summary.
        b.line("Ngày 08/12/2015, tại Phòng họp số 2, Trụ sở Ủy ban nhân dân huyện Mường", x: 330, y: 565)
        b.line("Nhé, đồng chí Bùi Văn Toàn, Chủ tịch UBND tỉnh đã chủ trì cuộc họp Ban", x: 250, y: 605)
        let summary = "Ý kiến chỉ đạo của đồng chí Chủ tịch UBND huyện Mường Nhé về công tác chuẩn bị Tuần lễ quốc gia phòng, chống thiên tai"
        #expect(extractor.extract(pages: [b.page()]).value(FieldName.trichYeu) == summary)
        // tan 2.5° ≈ 0.044: the lines climb 35 px across the page.
        let askew = extractor.extract(pages: [skewed(b.page(), slope: -0.044)])
        #expect(askew.value(FieldName.trichYeu) == summary)
        #expect(askew.value(FieldName.soKyHieu) == "105/TB-BNV")
        #expect(askew.value(FieldName.coQuanBanHanh) == "BỘ NỘI VỤ")
    }

    @Test func aCongVanSummaryEndsWhereKinhGuiCrossesTheColumnAndSpecksDoNotEndIt() {
        var b = PageBuilder()
        b.centred("BAN DÂN TỘC", centre: 420, y: 150)
        b.line("Số: 1702/BDT-VP", x: 300, y: 300)
        b.line("Điện Biên, ngày 12 tháng 9 năm 2024", x: 850, y: 300)
        b.line("V/v triển khai thực hiện Thông tư số", x: 280, y: 350, height: 26)
        b.line("¬ _„—", x: 980, y: 355, confidence: 13)
        b.centred("01/2011/TT-BNV", centre: 520, y: 388, height: 26)
        // OCR read "Kính gửi" badly, on a line that spans both columns.
        b.line("Sao gửi các Pf gửi: - UBND các huyện, thành phố, thị xã;", x: 130, y: 426)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.trichYeu) == "triển khai thực hiện Thông tư số 01/2011/TT-BNV")
    }

    @Test func aNumberCutShortByTheRegionEdgeIsTakenWhole() {
        var b = PageBuilder()
        b.centred("HỘI ĐỒNG NHÂN DÂN", centre: 420, y: 150)
        b.line("Số: 32/TB-HĐN", x: 300, y: 300)
        let page = b.page()
        var again = PageBuilder()
        again.line("Số: 32/TB-HĐND", x: 300, y: 300, confidence: 60)
        let fields = extractor.extract(pages: [page], rereads: [Reread(purpose: .numberLine, page: 1, words: again.words)])
        #expect(fields.value(FieldName.soKyHieu) == "32/TB-HĐND")
    }

    @Test func theSymbolsTypePartAgreesWithTheHeading() {
        #expect(NumberReader.symbol("Bđ-UBND", agreeingWith: DocumentType.all.first { $0.name == "Báo cáo" }!) == "BC-UBND")
        #expect(NumberReader.symbol("2024/QD-UBND", agreeingWith: DocumentType.all.first { $0.name == "Quyết định" }!) == "2024/QĐ-UBND")
        // A known abbreviation, or the agency part of a Công văn, is left alone.
        #expect(NumberReader.symbol("TB-UBND", agreeingWith: DocumentType.all.first { $0.name == "Báo cáo" }!) == nil)
        // TTr's small letter lost with a capital misread; another type's abbreviation stays.
        let toTrinh = DocumentType.all.first { $0.name == "Tờ trình" }!
        #expect(NumberReader.symbol("TH-TNMT", agreeingWith: toTrinh) == "TTr-TNMT")
        #expect(NumberReader.symbol("TT-UBND", agreeingWith: toTrinh) == "TTr-UBND")
        #expect(NumberReader.symbol("QĐ-UBND", agreeingWith: toTrinh) == nil)
        // The hyphen after the type read as a digit.
        #expect(NumberReader.symbol("QĐ4UBND", separatingPartsUnder: "ỦY BAN NHÂN DÂN TỈNH AN GIANG") == "QĐ-UBND")
        #expect(NumberReader.symbol("UND-TH", agreeingWithInitialsOf: "ỦY BAN NHÂN DÂN HUYỆN PHÚ TÂN") == "UBND-TH")
        #expect(NumberReader.symbol("UBND-VX", agreeingWith: .congVan) == nil)
    }

    @Test func givenNamesReadAsNoSyllableOrAsNoNamesAreRestored() {
        #expect(VietnameseText.isSyllable("Nguyễn") && VietnameseText.isSyllable("Quỳnh") && VietnameseText.isSyllable("Giàng"))
        #expect(!VietnameseText.isSyllable("Thanñ") && !VietnameseText.isSyllable("Văw") && !VietnameseText.isSyllable("Irường"))
        #expect(PersonalName.nameSyllable("Thanñ") == "Thanh")
        #expect(PersonalName.nameSyllable("Văw") == "Văn")
        #expect(PersonalName.nameSyllable("Irường") == "Trường")
        // A syllable no name uses, with the letters of one that does: its marks were misread,
        // however clearly ("Cấn" on the seal's red).
        #expect(PersonalName.nameSyllable("Hoãng", confidence: 45) == "Hoàng")
        #expect(PersonalName.nameSyllable("Cấn", confidence: 93) == "Cẩn")
        #expect(PersonalName.nameSyllable("Nhỉ", confidence: 83) == "Nhi")
        // A rarer name sharing a commoner one's letters, and a family name in the middle, stay.
        #expect(PersonalName.nameSyllable("Hưởng", confidence: 90) == "Hưởng")
        #expect(PersonalName.nameSyllable("Đoàn", confidence: 90) == "Đoàn")
        // A syllable that may be a name stays as read.
        #expect(PersonalName.nameSyllable("Tím") == "Tím")
        #expect(PersonalName.nameSyllable("Hưng") == "Hưng")
        var b = PageBuilder()
        b.line("Nơi nhận:", x: 260, y: 1500, height: 26)
        b.centred("GIÁM ĐỐC", centre: 1230, y: 1500)
        b.centred("Phạm Thanñ Thịnh", centre: 1230, y: 1720)
        #expect(SignatureReader().read([PageText(b.page())])?.name == "Phạm Thanh Thịnh")
    }

    @Test func familyNamesAreRestored() {
        #expect(PersonalName.familyName("Nguyên") == "Nguyễn")
        #expect(PersonalName.familyName("Dinh") == "Đinh")
        #expect(PersonalName.familyName("Đặñg") == "Đặng")
        #expect(PersonalName.familyName("Sở") == nil)
        // Two letters off, only a long name and only when no other family name is as near.
        #expect(PersonalName.familyName("Ngũúysn") == "Nguyễn")
        #expect(PersonalName.familyName("Truong") == "Trương")
        #expect(PersonalName.familyName("Hoaxg") == "Hoàng")
        #expect(PersonalName.familyName("Thnnh") == nil)
        var b = PageBuilder()
        b.line("Nơi nhận:", x: 260, y: 1500, height: 26)
        b.centred("GIÁM ĐỐC", centre: 1230, y: 1500)
        b.centred("Xc Ín", centre: 1230, y: 1600, confidence: 20)
        b.centred("Nguyên Quốc Thịnh", centre: 1230, y: 1720)
        let reading = SignatureReader().read([PageText(b.page())])
        #expect(reading?.name == "Nguyễn Quốc Thịnh")
        var glued = PageBuilder()
        glued.line("Nơi nhận:", x: 260, y: 1500, height: 26)
        glued.centred("CHỦ TỊCH", centre: 1230, y: 1500)
        glued.centred("NguyenCông Cường", centre: 1230, y: 1720)
        #expect(SignatureReader().read([PageText(glued.page())])?.name == "Nguyễn Công Cường")
    }

    @Test func theDateIsReadFromANumberLineMergedWithItButNotFromTheBody() {
        var b = PageBuilder()
        b.centred("BỘ TÀI CHÍNH", centre: 420, y: 150)
        b.line("Số: 681/QĐ-BTC Hà Nội, ngày 14 tháng 4 năm 2021", x: 380, y: 270)
        #expect(extractor.extract(pages: [b.page()]).value(FieldName.ngayVanBan) == "2021-04-14")
        // No legible date line: a date the body quotes is not the document's.
        var c = PageBuilder()
        c.centred("BỘ TÀI CHÍNH", centre: 420, y: 150)
        c.line("Số: 681/QĐ-BTC", x: 300, y: 270)
        c.line("Thực hiện Công văn số 2861/SNV-CCHC ngày 30/07/2024 của Sở Nội vụ", x: 344, y: 500)
        #expect(extractor.extract(pages: [c.page()]).value(FieldName.ngayVanBan) == nil)
    }

    @Test func theDateIsReadFromANumberLineWhoseNumberWasNotReadAcrossTheColumnsGap() {
        var b = PageBuilder()
        b.centred("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", centre: 420, y: 150)
        b.line(": An Lai Châu, ngày 22 tháng 11 năm 2021", x: 142, y: 300)
        // The number's garbled words (one as tall as the stamp's smear it was read from, so
        // that OCR kept the row one line), then the column's gap, then the place and the date.
        let row = b.words.indices.filter { b.words[$0].box.y == 300 }
        b.words[row[1]].box.height = 150
        for i in row.dropFirst(2) { b.words[i].box.x += 500 }
        #expect(extractor.extract(pages: [b.page()]).value(FieldName.ngayVanBan) == "2021-11-22")
        // Body text from the margin, no gap: its date is another document's.
        var c = PageBuilder()
        c.centred("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", centre: 420, y: 150)
        c.line("Căn cứ Kế hoạch của UBND tỉnh Lai Châu, ngày 22 tháng 11 năm 2021", x: 142, y: 300)
        #expect(extractor.extract(pages: [c.page()]).value(FieldName.ngayVanBan) == nil)
    }

    @Test func aDateLineWithSpecksBeforeTheColumnIsRead() {
        // A second look at the date's zone: the stamp's edge read as specks before the place.
        var b = PageBuilder()
        b.line("K? ` Re. Kiên Giang, ngày 20 tháng 11 năm 2024", x: 600, y: 309)
        #expect(DateReader().read(PageText(b.page()), latest: nil)?.isoDate == "2024-11-20")
        // A body line, from the left margin, quotes another document's date.
        var body = PageBuilder()
        body.line("Căn cứ Quyết định số 12/QĐ-UBND ngày 20 tháng 11 năm 2024 của", x: 330, y: 600)
        #expect(DateReader().read(PageText(body.page()), latest: nil) == nil)
    }

    @Test func aDateLineWithItsNgayGluedOrLostIsRead() {
        var glued = PageBuilder()
        glued.centred("VĂN PHÒNG CHÍNH PHỦ", centre: 420, y: 150)
        glued.line("Số: 6021/VPCP-KTTH", x: 300, y: 300)
        glued.line("Hà Nội,ngày 2 tháng 08 năm 2022", x: 900, y: 300)
        #expect(extractor.extract(pages: [glued.page()]).value(FieldName.ngayVanBan) == "2022-08-02")
        var lost = PageBuilder()
        lost.centred("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", centre: 420, y: 150)
        lost.line("Số: 812/UBND-VX", x: 300, y: 300)
        lost.line("y 24 tháng 7 năm 2018", x: 1145, y: 300)
        #expect(extractor.extract(pages: [lost.page()]).value(FieldName.ngayVanBan) == "2018-07-24")
        // Split by OCR into two lines of one row, the day's first digit read as a stroke.
        var split = PageBuilder()
        split.centred("ỦY BAN NHÂN DÂN XÃ TÂN PHONG", centre: 420, y: 150)
        split.line("Số: 11/TTr-UBND", x: 402, y: 300)
        split.line("Tân Phong, ngày I", x: 893, y: 308, height: 44)
        split.line("4 tháng 3 năm 2019.", x: 1300, y: 322, height: 42)
        let fields = extractor.extract(pages: [split.page()])
        #expect(fields.value(FieldName.ngayVanBan) == "2019-03-14")
        #expect((fields[FieldName.ngayVanBan]?.confidence ?? 1) < AcceptancePolicy.calibrated[FieldName.ngayVanBan]!)
    }

    @Test func aDayWrittenInByHandIsReadAgainFromItsBlankForDigits() throws {
        var b = PageBuilder()
        b.centred("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", centre: 420, y: 150)
        b.line("Số: 1254/SLĐTBXH-VP", x: 300, y: 342)
        b.line("Tân An, ngày 2Ï tháng 8 năm 2020", x: 893, y: 342, confidence: 85)
        let page = b.page()
        // The page pass took the stroke of "21" for a one — or not at all: doubtful either way.
        let first = extractor.extract(pages: [page])
        #expect(first.value(FieldName.ngayVanBan) == "2020-08-21")
        let doubtful = try #require(first[FieldName.ngayVanBan]).confidence
        #expect(doubtful < AcceptancePolicy.calibrated[FieldName.ngayVanBan]!)
        // The blanks between "ngày", "tháng" and "năm" are asked for, digits only.
        let requests = extractor.rereadRequests(for: first, pages: [page])
        let blanks = requests.filter { $0.purpose == .dayDigits || $0.purpose == .monthDigits }
        #expect(blanks.count == 2 && blanks.allSatisfy(\.digitsOnly))
        let day = try #require(blanks.first { $0.purpose == .dayDigits }).box
        let words = PageText(page).lines.flatMap(\.words)
        let ngay = try #require(words.first { $0.text == "ngày" }), thang = try #require(words.first { $0.text == "tháng" })
        #expect(day.x >= ngay.box.maxX && day.maxX <= thang.box.x)
        // What the blank alone read replaces the line's day, for a person to check.
        let reread = blankRead(.dayDigits, "24", at: day, confidence: 80)
        let fields = extractor.extract(pages: [page], rereads: [reread])
        #expect(fields.value(FieldName.ngayVanBan) == "2020-08-24")
        #expect(try #require(fields[FieldName.ngayVanBan]).confidence <= 0.8)
        // A blank read as more than a day's two digits, or read with next to no confidence, is no reading.
        let noise = blankRead(.dayDigits, "2114", at: day, confidence: 80)
        #expect(extractor.extract(pages: [page], rereads: [noise]).value(FieldName.ngayVanBan) == "2020-08-21")
        let guess = blankRead(.dayDigits, "4", at: day, confidence: 0)
        #expect(extractor.extract(pages: [page], rereads: [guess]).value(FieldName.ngayVanBan) == "2020-08-21")
    }

    /// A month the line read as plain digits, surer than its blank read alone, stays: the
    /// blank's "2" at 71 % is no correction of a typed 5 read at 96 %.
    @Test func aMonthTheLineReadCleanlyOutweighsItsBlanksWeakerReading() throws {
        var b = PageBuilder()
        b.centred("SỞ KHOA HỌC VÀ CÔNG NGHỆ", centre: 420, y: 150)
        b.line("Số: 754/SKHCN-VP", x: 300, y: 313)
        b.line("Bắc Ninh, ngày L0 tháng 5 năm 2022", x: 853, y: 313, confidence: 96)
        let page = b.page()
        let month = try #require(DateReader.blanks(in: PageText(page))?.month)
        let weaker = blankRead(.monthDigits, "2", at: month, confidence: 71)
        #expect(extractor.extract(pages: [page], rereads: [weaker]).value(FieldName.ngayVanBan) == "2022-05-10")
        let surer = blankRead(.monthDigits, "6", at: month, confidence: 99)
        #expect(extractor.extract(pages: [page], rereads: [surer]).value(FieldName.ngayVanBan) == "2022-06-10")
    }

    @Test func aDateLineWhoseMonthNoPassReadIsDatedByItsBlanks() throws {
        var b = PageBuilder()
        b.centred("HỘI ĐỒNG NHÂN DÂN", centre: 420, y: 150)
        b.line("Số: 26/KH-HĐND", x: 330, y: 307)
        b.line("Bà Rịa, ngày 2 0 tháng Ổ năm 2018", x: 900, y: 307)
        let page = b.page()
        #expect(extractor.extract(pages: [page]).value(FieldName.ngayVanBan) == nil)
        let box = Box(x: 1000, y: 290, width: 100, height: 60)
        let day = blankRead(.dayDigits, "20", at: box, confidence: 97)
        let month = blankRead(.monthDigits, "8", at: box, confidence: 95)
        let fields = extractor.extract(pages: [page], rereads: [day, month])
        #expect(fields.value(FieldName.ngayVanBan) == "2018-08-20")
        #expect(fields.value(FieldName.diaDanh) == "Bà Rịa")
        #expect(try #require(fields[FieldName.ngayVanBan]).confidence < AcceptancePolicy.calibrated[FieldName.ngayVanBan]!)
        // One blank alone dates nothing.
        #expect(extractor.extract(pages: [page], rereads: [day]).value(FieldName.ngayVanBan) == nil)
    }

    @Test func aBodyQuotingAnotherDocumentIsNotTheNumberLine() {
        var b = PageBuilder()
        b.centred("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", centre: 420, y: 150)
        // The stamp garbled the label to a letter and its colon.
        b.line("ð: 1751/SLĐTBXH-VP", x: 330, y: 370)
        b.line("Hải Phòng, ngày 27 tháng 8 năm 2025", x: 900, y: 370)
        b.line("Ngày 11/07/2025, Sở Lao động - Thương binh và Xã hội nhận được Công văn", x: 312, y: 775)
        b.line("số 1412/BKHĐT-TH ngày 15/08/2025 của Bộ Kế hoạch và Đầu tư về việc", x: 310, y: 819)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.soKyHieu) == "1751/SLĐTBXH-VP")
        #expect(fields.value(FieldName.ngayVanBan) == "2025-08-27")
        // Without the number line, the quoted one is still not taken.
        var c = PageBuilder()
        c.centred("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", centre: 420, y: 150)
        c.line("Công văn", x: 312, y: 400)
        c.line("số 1412/BKHĐT-TH ngày 15/08/2025 của Bộ Kế hoạch và Đầu tư về việc", x: 310, y: 440)
        #expect(extractor.extract(pages: [c.page()]).value(FieldName.soKyHieu) == nil)
    }

    @Test func aSymbolAnotherReadingSawMoreLettersAfterIsDoubtful() {
        var page = PageBuilder()
        page.line("Số: 1124/SXD-HTẾT", x: 326, y: 336, confidence: 66)
        var zone = PageBuilder()
        zone.line("Số: 1124/SXD-HT", x: 325, y: 336, confidence: 91)
        let reader = NumberReader()
        let best = NumberReader.best(lineReadings: [PageText(page.page())].compactMap(reader.read),
                                     zoneReading: reader.read(PageText(zone.page())))
        #expect(best?.full == "1124/SXD-HT")
        #expect((best?.quality ?? 1) < AcceptancePolicy.calibrated[FieldName.soKyHieu]!)
    }

    @Test func aNumberLineTheStampGarbledIsReadWithoutTheStampsInk() {
        // Specks of the stamp's edge before the label, the slash lost.
        var b = PageBuilder()
        b.centred("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", centre: 420, y: 150)
        b.line("L_ — ____ Số: 118 BC-STNMT", x: 60, y: 300, confidence: 80)
        #expect(extractor.extract(pages: [b.page()]).value(FieldName.soKyHieu) == "118/BC-STNMT")
        // A letter of the stamp read as a word after the whole symbol; spaced print stays whole.
        var c = PageBuilder()
        c.centred("SỞ CÔNG THƯƠNG", centre: 420, y: 150)
        c.line("Số: 111/QĐ-SCT R", x: 340, y: 300)
        #expect(extractor.extract(pages: [c.page()]).value(FieldName.soKyHieu) == "111/QĐ-SCT")
        var spaced = PageBuilder()
        spaced.line("Số: 1 4 6 / C T - T T K T 1", x: 340, y: 300)
        #expect(extractor.extract(pages: [spaced.page()]).value(FieldName.soKyHieu) == "146/CT-TTKT1")
        // The page pass lost the line under the stamp; the header's second look, on black
        // print alone down to the number, read it.
        var lost = PageBuilder()
        lost.centred("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", centre: 420, y: 150)
        lost.line("5 EENEiooiL.. Hà Nội, ngày 17 tháng 01 năm 2017", x: 337, y: 238, confidence: 84)
        var header = PageBuilder()
        header.centred("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", centre: 420, y: 150)
        header.line("Số: 240/LĐTBXH-NCC", x: 359, y: 296, confidence: 61)
        let fields = extractor.extract(pages: [lost.page()], rereads: [Reread(purpose: .header, page: 1, words: header.words)])
        #expect(fields.value(FieldName.soKyHieu) == "240/LĐTBXH-NCC")
    }

    @Test func twoHeaderReadingsThatDifferInToneMarksAreForAPersonToCheck() throws {
        func page(_ place: String, confidence: Double) -> PageBuilder {
            var b = PageBuilder()
            b.centred("ỦY BAN NHÂN DÂN", centre: 420, y: 150, confidence: confidence)
            b.centred("THỊ TRẤN \(place)", centre: 420, y: 195, confidence: confidence)
            b.line("Số: 15/UBND-VP", x: 300, y: 300)
            return b
        }
        let first = page("TÂN PHONG", confidence: 85).page()
        let again = page("TẤN PHONG", confidence: 97)
        let fields = extractor.extract(pages: [first], rereads: [Reread(purpose: .header, page: 1, words: again.words)])
        #expect(fields.value(FieldName.coQuanBanHanh) == "ỦY BAN NHÂN DÂN THỊ TRẤN TẤN PHONG")
        #expect(try #require(fields[FieldName.coQuanBanHanh]).confidence <= 0.9)
        // Read the same twice, the clearer reading keeps its confidence.
        let same = extractor.extract(pages: [page("TẤN PHONG", confidence: 85).page()],
                                     rereads: [Reread(purpose: .header, page: 1, words: again.words)])
        #expect(try #require(same[FieldName.coQuanBanHanh]).confidence > 0.9)
    }

    @Test func aSummaryQuotingADocumentIsNotTheNumberLine() {
        var b = PageBuilder()
        b.centred("SỞ NỘI VỤ", centre: 420, y: 150)
        b.line("Số: 291/TTr-NV1", x: 383, y: 308, confidence: 70)
        b.line("V/v triển khai Nghị định", x: 283, y: 360)
        b.line("số 138/2020/NĐ-CP của Chính phủ", x: 283, y: 403)
        #expect(extractor.extract(pages: [b.page()]).value(FieldName.soKyHieu) == "291/TTr-NV1")
    }

    @Test func aSymbolCutShortIsDoubtfulAndTheStampsWordIsCutOff() {
        #expect(NumberReader.symbol("TTr", looksCutShortUnder: nil))
        #expect(NumberReader.symbol("KH-UB", looksCutShortUnder: "ỦY BAN NHÂN DÂN TỈNH GIA LAI"))
        #expect(NumberReader.symbol("SC", looksCutShortUnder: "SỞ CÔNG THƯƠNG"))
        #expect(!NumberReader.symbol("KH-UBND", looksCutShortUnder: "ỦY BAN NHÂN DÂN TỈNH GIA LAI"))
        #expect(!NumberReader.symbol("VP.UBND", looksCutShortUnder: "VĂN PHÒNG UBND TỈNH GIA LAI"))
        let fields = extractor.extract(pages: [PageBuilder.header("ỦY BAN NHÂN DÂN", "TỈNH GIA LAI", number: "Số: 291/KH-UB")])
        #expect(fields.value(FieldName.soKyHieu) == "291/KH-UB")
        #expect((fields[FieldName.soKyHieu]?.confidence ?? 1) < AcceptancePolicy.calibrated[FieldName.soKyHieu]!)
        #expect(NumberReader.trimmingGluedInk("SGTVT-QLGTĐEN") == "SGTVT-QLGT")
    }

    @Test func aLabelGluedToTheNumberAndASlashReadAsAHashAreRead() {
        #expect(NumberReader.withoutLabel("Số›459a/UBND") == "459a/UBND")
        #expect(NumberReader.withoutLabel("Sốz489a/UBND") == "Sốz489a/UBND")
        #expect(NumberReader.repairSlashes("78#BC-KTHT") == "78/BC-KTHT")
        let fields = extractor.extract(pages: [PageBuilder.header("ỦY BAN NHÂN DÂN", "PHƯỜNG LONG THẠNH MỸ", number: "Số›459a/UBND")])
        #expect(fields.value(FieldName.soKyHieu) == "459a/UBND")
    }

    /// A speck glued after the year's slash (the Q of QĐ half read as a bracket): dropped, and
    /// the type part a letter short is the heading's.
    @Test func aSpeckAfterASlashIsNoPartOfTheSymbol() {
        #expect(NumberReader.repairSlashes("147/2016/)Đ-UBND") == "147/2016/Đ-UBND")
        #expect(NumberReader.repairSlashes("15/(QĐ-UBND") == "15/QĐ-UBND")
        #expect(NumberReader.repairSlashes("15/QĐ-UBND") == "15/QĐ-UBND")
        #expect(NumberReader.symbol("2016/Đ-UBND", agreeingWith: DocumentType.all[1]) == "2016/QĐ-UBND")
    }

    @Test func aSymbolsAgencyPartOneLetterOffTheBodysOtherInitialsIsSpeltAsThey() {
        #expect(HeaderReader.otherInitials(of: "CỤC HẢI QUAN TỈNH QUẢNG NINH", parent: nil) == ["HQQN"])
        #expect(NumberReader.symbol("HQON-TCCB", agreeingWithInitialsOf: "CỤC HẢI QUAN TỈNH QUẢNG NINH") == "HQQN-TCCB")
        #expect(NumberReader.symbol("BC-NHRN", agreeingWithInitialsOf: "CHI NHÁNH TỈNH ĐIỆN BIÊN", parent: "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM") == "BC-NHNN")
        // Not a unit's part, and not from a name with a speck glued to it.
        #expect(NumberReader.symbol("HQQN-TCCN", agreeingWithInitialsOf: "CỤC HẢI QUAN TỈNH QUẢNG NINH", parent: "TỔNG CỤC HẢI QUAN") == nil)
        #expect(NumberReader.symbol("NHNN-TT", agreeingWithInitialsOf: "CHI NHÁNH TỈNH NINH THUẬN", parent: "8/3/4@ÂN HÀNG NHÀ NƯỚC") == nil)
    }

    @Test func aSymbolSpellingTheAgencysInitialsOutweighsTheFileCopysLine() {
        #expect(NumberReader.symbol("13/BC-TTCP", agreeingWithFiledUnits: ["TTCE"], agency: "THANH TRA CHÍNH PHỦ") == nil)
        #expect(NumberReader.symbol("13/BC-TTCP", agreeingWithFiledUnits: ["TTCE"]) == "13/BC-TTCE")
    }

    @Test func aSymbolsPartOneLetterOffTheAgencysInitialsIsSpeltAsThey() {
        #expect(NumberReader.symbol("KH-SKHDT", agreeingWithInitialsOf: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ") == "KH-SKHĐT")
        #expect(NumberReader.symbol("QĐ-UBNI", agreeingWithInitialsOf: nil) == "QĐ-UBND")
        #expect(NumberReader.symbol("TB-SGTVI", agreeingWithInitialsOf: "SỞ GIAO THÔNG VẬN TẢI") == "TB-SGTVT")
        // A unit's part, a type and a part two letters off are left alone.
        #expect(NumberReader.symbol("UBND-VX", agreeingWithInitialsOf: "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG") == nil)
        #expect(NumberReader.symbol("SGTVT-QLGT", agreeingWithInitialsOf: "SỞ GIAO THÔNG VẬN TẢI") == nil)
        #expect(NumberReader.symbol("KH-SKHCN", agreeingWithInitialsOf: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ") == nil)
        // UBND and HĐND after the agency's part only under their own body: HĐXD is a ministry's unit.
        #expect(NumberReader.symbol("BXD-HĐXD", agreeingWithInitialsOf: "BỘ XÂY DỰNG") == nil)
        #expect(NumberReader.symbol("CĐ-UBNI", agreeingWithInitialsOf: "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI") == "CĐ-UBND")
        let fields = extractor.extract(pages: [PageBuilder.header("ỦY BAN NHÂN DÂN", "HUYỆN MỘC CHÂU", number: "Số: 264/QĐ-UBNI")])
        #expect(fields.value(FieldName.soKyHieu) == "264/QĐ-UBND")
        #expect((fields[FieldName.soKyHieu]?.confidence ?? 1) < AcceptancePolicy.calibrated[FieldName.soKyHieu]!)
    }

    @Test func twoLineReadingsThatSpellTheSymbolDifferentlyAreDoubtful() {
        var page = PageBuilder()
        page.line("Số: 118/BC-STNMI", x: 324, y: 306, confidence: 96)
        var again = PageBuilder()
        again.line("Số: 118/BO-STNMT", x: 324, y: 306, confidence: 60)
        let reader = NumberReader()
        let best = NumberReader.best(lineReadings: [page, again].compactMap { reader.read(PageText($0.page())) }, zoneReading: nil)
        #expect(best?.full == "118/BC-STNMI")
        #expect((best?.quality ?? 1) < AcceptancePolicy.calibrated[FieldName.soKyHieu]!)
    }

    @Test func aSlashReadAsSevenAndAStrokeGluedToTheAgencyPartAreRepaired() {
        var b = PageBuilder()
        b.centred("VĂN PHÒNG CHÍNH PHỦ", centre: 420, y: 150)
        b.line("Số: 60217VPCP-KTTH", x: 351, y: 305)
        #expect(extractor.extract(pages: [b.page()]).value(FieldName.soKyHieu) == "6021/VPCP-KTTH")
        var c = PageBuilder()
        c.centred("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", centre: 420, y: 150)
        c.line("Số: 487/GM-BTTTTI", x: 297, y: 302)
        #expect(extractor.extract(pages: [c.page()]).value(FieldName.soKyHieu) == "487/GM-BTTTT")
        // Letters are never cut: a header read short does not shorten the symbol.
        #expect(NumberReader.symbol("TTr-UBND", endingWithInitialsOf: "ỦY BAN") == nil)
    }

    @Test func aHeadingWithAStampsSpecksOnItsRowKeepsItsSummary() {
        var b = PageBuilder()
        b.centred("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", centre: 420, y: 150)
        b.line("Số: 125/KH-STNMT", x: 286, y: 300)
        b.line("Bình Dương, ngày 16 tháng 01 năm 2025", x: 858, y: 300)
        // The stamp's dots read on the heading's row, and a speck under it.
        b.line("\"`... ", x: 202, y: 486, confidence: 20)
        b.centred("KẾ HOẠCH", centre: 827, y: 486, height: 33)
        b.line("ï", x: 204, y: 540, height: 6, confidence: 0)
        // A summary may start as the body does.
        b.centred("Thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2020", centre: 827, y: 545)
        b.line("Thực hiện Kế hoạch số 80/KH-BCĐ ngày 16/05/2020 của Ban Chỉ đạo tỉnh, Sở", x: 296, y: 643)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.loaiVanBan) == "Kế hoạch")
        #expect(fields.value(FieldName.trichYeu) == "Thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2020")
    }

    @Test func aHeadingWithSpecksGluedBeforeItIsTheHeadingNotTheDecisionsLastOne() {
        var b = PageBuilder()
        b.centred("SỞ CÔNG THƯƠNG", centre: 420, y: 150)
        b.line("Số: 111/QĐ-SCT", x: 340, y: 222)
        b.centred("\\ 'ˆ⁄\"“QUYẾT ĐỊNH", centre: 827, y: 398)
        b.centred("Về việc công bố danh mục thủ tục hành chính", centre: 827, y: 445)
        b.centred("GIÁM ĐỐC SỞ CÔNG THƯƠNG", centre: 827, y: 656)
        b.line("Căn cứ Nghị định số 163/2016/NĐ-CP ngày 21 tháng 12 năm 2016 của Chính phủ;", x: 311, y: 727)
        // "QUYẾT ĐỊNH:" before the articles is no heading of the document.
        b.centred("QUYẾT ĐỊNH:", centre: 827, y: 900)
        b.line("Điều 1. Công bố danh mục thủ tục hành chính được thực hiện", x: 220, y: 950)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.loaiVanBan) == "Quyết định")
        #expect(fields.value(FieldName.trichYeu) == "Về việc công bố danh mục thủ tục hành chính")
    }

    @Test func aBodyOpeningOnADayIsNotPartOfTheSummary() {
        /// A Thông báo whose summary is `summary`, then `next` under it.
        func summary(_ summary: String, then next: (text: String, centred: Bool)) -> String? {
            var b = PageBuilder()
            b.centred("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", centre: 420, y: 150)
            b.line("Số: 52/TB-UBND", x: 300, y: 300)
            b.centred("THÔNG BÁO", centre: 827, y: 480, height: 33)
            b.centred(summary, centre: 827, y: 530)
            if next.centred { b.centred(next.text, centre: 827, y: 575) } else { b.line(next.text, x: 296, y: 575) }
            return extractor.extract(pages: [b.page()]).value(FieldName.trichYeu)
        }
        #expect(summary("Về việc danh sách thí sinh đủ điều kiện dự thi vòng 2",
                        then: ("Ngày 06/04/2016, tại Trung tâm Hội nghị tỉnh, đồng chí Phó Chủ tịch", false))
                == "Về việc danh sách thí sinh đủ điều kiện dự thi vòng 2")
        // A summary's line may go on with a date in small letters.
        #expect(summary("Kết luận của Chủ tịch tại cuộc họp", then: ("ngày 06/04/2016", true))
                == "Kết luận của Chủ tịch tại cuộc họp ngày 06/04/2016")
    }

    /// The department's line lost under a stamp: the People's Committee above it is read as
    /// the sender, but the symbol's initials name the department.
    @Test func aDepartmentsSymbolNamesTheSenderUnderItsCommittee() {
        var b = PageBuilder()
        b.centred("UBND TỈNH VĨNH PHÚC", centre: 420, y: 150)
        b.line("Số: 820/QĐ-SYT", x: 300, y: 300)
        b.line("Vĩnh Phúc, ngày 16 tháng 12 năm 2022", x: 850, y: 300)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.coQuanBanHanh) == "SỞ Y TẾ")
        #expect(fields.value(FieldName.coQuanChuQuan) == "UBND TỈNH VĨNH PHÚC")
        #expect((fields[FieldName.coQuanBanHanh]?.confidence ?? 1) <= 0.6)
        // Initials that agree, or that may be a board's as well as a ministry's, change nothing.
        var c = PageBuilder()
        c.centred("UBND TỈNH KIÊN GIANG", centre: 420, y: 150)
        c.centred("BAN DÂN TỘC", centre: 420, y: 195)
        c.line("Số: 1017/BDT-CSDT", x: 300, y: 300)
        #expect(extractor.extract(pages: [c.page()]).value(FieldName.coQuanBanHanh) == "BAN DÂN TỘC")
    }

    /// What a region read again under a stamp gives after the summary: "Kính gửi" with its
    /// word misread or specks before it, the body's dated opening after specks.
    @Test(arguments: ["Kính đừi: - Sở Tài chính", "\"%' gửi: Cổng thông tin", "s/c Thành Ngày 07/2/2022, Sở Tài chính",
                      "L Ngày-†5/03/2018, tại Phòng họp"])
    func theBodysOpeningIsKnownUnderSpecks(text: String) {
        var b = PageBuilder()
        b.line(text, x: 250, y: 500)
        #expect(TitleReader.startsBody(try! #require(PageText(b.page()).lines.first)))
    }

    @Test func aSummaryWithADateIsNoBody() {
        var b = PageBuilder()
        b.line("Kết luận của Chủ tịch ngày 06/04/2016, tại", x: 250, y: 500)
        #expect(!TitleReader.startsBody(try! #require(PageText(b.page()).lines.first)))
    }

    /// The ĐẾN stamp struck over the heading's row: its word is no part of the heading.
    @Test func theArrivalStampsWordBesideTheHeadingIsLeftOut() {
        var b = PageBuilder()
        b.line("ĐẾN 12. 31/3/2018 THÔNG BÁO", x: 300, y: 417)
        let line = try! #require(PageText(b.page()).lines.first)
        let heading = TitleReader.matchHeading(line)
        #expect(heading?.0.name == "Thông báo")
        // Its centre is the heading's own, right of the stamp's words.
        let thong = try! #require(line.words.first { $0.text == "THÔNG" })
        #expect((heading?.centre ?? 0) > Double(thong.box.x))
    }

    @Test func aStampsStrokesAndKinhGuiAfterASummaryAreNotPartOfIt() {
        var b = PageBuilder()
        b.centred("SỞ Y TẾ", centre: 420, y: 150)
        b.line("Số: 71/SYT-VP", x: 300, y: 300)
        b.line("V/v triển khai thực hiện Nghị quyết", x: 250, y: 350)
        b.line("số 01/NQ-CP của Chính phủ", x: 300, y: 390)
        b.line("2⁄e “/ên", x: 640, y: 392, confidence: 30)
        b.line("Kính gửi: Các phòng, ban chuyên môn", x: 520, y: 480)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.trichYeu) == "triển khai thực hiện Nghị quyết số 01/NQ-CP của Chính phủ")
        let words = [("tra", 95.0), ("Kính", 95), ("gửi:", 95), ("-", 90)].enumerated().map { i, w in
            LayoutWord(text: w.0, box: Box(x: 300 + 80 * i, y: 400, width: 70, height: 30), confidence: w.1)
        }
        #expect(TitleReader.withoutTrailingInk(words).map(\.text) == ["tra"])
        // A symbol at the end is judged by its confidence; a word by its spelling too.
        #expect(!TitleReader.isStrayInk(LayoutWord(text: "02/9", box: Box(x: 0, y: 0, width: 60, height: 30), confidence: 70)))
        #expect(TitleReader.isStrayInk(LayoutWord(text: "Đry", box: Box(x: 0, y: 0, width: 60, height: 30), confidence: 70)))
        #expect(!TitleReader.isStrayInk(LayoutWord(text: "mạng", box: Box(x: 0, y: 0, width: 60, height: 30), confidence: 70)))
    }

    @Test func aStampsGarbageAcrossTheColumnDoesNotEndTheSummary() {
        var b = PageBuilder()
        b.centred("CỤC THUẾ TỈNH LONG AN", centre: 420, y: 150)
        b.line("Số: 146/CT-TTKT1", x: 324, y: 309)
        b.line("V/v triển khai thực hiện Nghị quyết số", x: 244, y: 373)
        // The ĐẾN stamp's strokes, read as one tall line from the column to the right.
        b.line("'SEI2NEIEIE EU Hi", x: 717, y: 337, height: 81, confidence: 14)
        b.line("76/NQ-CP của Chính phủ", x: 327, y: 408)
        b.line("Kính gửi: - Kho bạc Nhà nước tỉnh;", x: 485, y: 504)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.trichYeu) == "triển khai thực hiện Nghị quyết số 76/NQ-CP của Chính phủ")
    }

    @Test func aVvLabelReadWithAHyphenIsALabel() {
        #expect(TitleReader.isVvLabel("V-š"))
        #expect(TitleReader.isVvLabel("V.v"))
        #expect(!TitleReader.isVvLabel("Về"))
        var b = PageBuilder()
        b.centred("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", centre: 420, y: 150)
        b.line("Số: 1005/STTTT-TTBCXB", x: 279, y: 300)
        b.line("V-š chấn chỉnh tình trạng chậm trễ trong", x: 240, y: 350)
        b.line("giải quyết công việc", x: 300, y: 390)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.trichYeu) == "chấn chỉnh tình trạng chậm trễ trong giải quyết công việc")
        #expect(fields.value(FieldName.loaiVanBan) == "Công văn")
    }

    @Test func aTitledDocumentsSummaryIsReadWhereItsHeadingWasLost() throws {
        var b = PageBuilder()
        b.centred("ỦY BAN NHÂN DÂN", centre: 420, y: 150)
        b.line("Số: 11/TTr-UBND", x: 402, y: 280)
        // The heading TỜ TRÌNH was not read; the summary under it was.
        b.centred("Về việc đề nghị phê duyệt Kế hoạch lựa chọn nhà thầu", centre: 827, y: 440)
        b.centred("gói thầu số 03", centre: 827, y: 480)
        b.line("Kính gửi: Ủy ban nhân dân huyện", x: 600, y: 560)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.loaiVanBan) == "Tờ trình")
        #expect(fields.value(FieldName.trichYeu) == "Về việc đề nghị phê duyệt Kế hoạch lựa chọn nhà thầu gói thầu số 03")
        // Without its heading, less sure than under one.
        #expect(try #require(fields[FieldName.trichYeu]).confidence < 0.9)
    }

    @Test func aSummaryReadWhereItsHeadingWasLostEndsAtTheBody() {
        var b = PageBuilder()
        b.centred("SỞ GIÁO DỤC VÀ ĐÀO TẠO", centre: 420, y: 150)
        b.line("Số: 21/KH-SGDĐT", x: 402, y: 280)
        // The heading KẾ HOẠCH was lost; the body opens right under the summary.
        b.centred("Tổ chức kỳ thi chọn học sinh giỏi cấp tỉnh năm học 2023 - 2024", centre: 827, y: 444)
        b.line("Thực hiện Thông tư số 311/2023/TT-BTP ngày 18/04/2023 của Bộ Tư pháp, Sở ban hành", x: 324, y: 500)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.trichYeu) == "Tổ chức kỳ thi chọn học sinh giỏi cấp tỉnh năm học 2023 - 2024")
    }

    @Test func aPageWithNoHeadingNoLabelAndNoSymbolReadIsADoubtfulCongVan() throws {
        var b = PageBuilder()
        b.centred("ỦY BAN NHÂN DÂN", centre: 420, y: 150)
        b.line("Thái Nguyên, ngày 16 tháng 4 năm 2024", x: 900, y: 300)
        // The number line lost under the stamp; the label read after a speck.
        b.line("' V/v xác minh nội dung phản ánh", x: 200, y: 360)
        b.line("Kính gửi: Sở Xây dựng", x: 600, y: 480)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.loaiVanBan) == "Công văn")
        #expect(fields.value(FieldName.trichYeu) == "xác minh nội dung phản ánh")
        #expect(try #require(fields[FieldName.loaiVanBan]).confidence < AcceptancePolicy.calibrated[FieldName.loaiVanBan]!)
        #expect(TitleReader.clean("Ve việc tuyển sinh") == "Về việc tuyển sinh")
    }

    @Test func punctuationStandingAloneInsideASummaryIsASpeck() {
        #expect(TitleReader.clean("tăng cường công tác phòng; -- chống cháy, nổ") == "tăng cường công tác phòng; chống cháy, nổ")
        #expect(TitleReader.clean("chấn chỉnh việc chấp hành. : thời ; giờ làm việc") == "chấn chỉnh việc chấp hành. thời giờ làm việc")
        // A dash between names is the name's.
        #expect(TitleReader.clean("gửi Sở Lao động - Thương binh và Xã hội") == "gửi Sở Lao động - Thương binh và Xã hội")
    }

    @Test func aRulesStrokeBeforeASummarysFirstWordGoes() {
        #expect(TitleReader.clean("_Về việc thành lập Ban Chỉ đạo") == "Về việc thành lập Ban Chỉ đạo")
        #expect(TitleReader.clean("~-Kiểm tra việc thực hiện") == "Kiểm tra việc thực hiện")
        // A number opening a summary stays.
        #expect(TitleReader.clean("02/9 là Quốc khánh") == "02/9 là Quốc khánh")
    }

    @Test func aNumbersOneReadAsCapitalLAndADoubledHyphenAreRepaired() {
        var b = PageBuilder()
        b.centred("ỦY BAN NHÂN DÂN", centre: 420, y: 150)
        b.line("Số: 1L/TTr--UBND", x: 351, y: 305)
        #expect(extractor.extract(pages: [b.page()]).value(FieldName.soKyHieu) == "11/TTr-UBND")
    }

    @Test func aRuleBeforeTheLabelAndTheBlanksDotsBeforeTheSlashAreNotTheNumbers() {
        #expect(NumberReader.withoutLabel("————~Sø:558/QĐ-SXD") == "558/QĐ-SXD")
        #expect(NumberReader.repairSlashes("__440-/STNMT-QLĐĐ") == "__440/STNMT-QLĐĐ")
        #expect(NumberReader.repairSlashes("15./UBND-VP") == "15/UBND-VP")
        // A hyphen inside the symbol stays.
        #expect(NumberReader.repairSlashes("15/UBND-VP") == "15/UBND-VP")
    }

    /// A second look whose region's top edge ran through the heading: it read the heading's
    /// lower half as garbage, and the heading of the line above again.
    @Test func aSecondLookKeepsTheWordsItsRegionCutAndDropsWhatItReadTwice() {
        func word(_ text: String, _ x: Int, _ y: Int, _ w: Int, _ h: Int, _ c: Double, line: Int) -> LayoutWord {
            LayoutWord(text: text, box: Box(x: x, y: y, width: w, height: h), confidence: c, line: line)
        }
        let page = LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200, words: [
            word("GIẤY", 749, 440, 90, 35, 94, line: 1), word("MỜI", 850, 440, 80, 35, 94, line: 1),
            word("QUYẾT", 785, 514, 127, 39, 96, line: 2), word("ĐỊNH", 920, 517, 100, 39, 96, line: 2),
            word("Về", 441, 566, 40, 32, 50, line: 4), word("vịệc", 490, 566, 60, 32, 40, line: 4),
        ])
        let region = Box(x: 358, y: 536, width: 1054, height: 177)
        let second = [
            word("GIẤY", 751, 444, 90, 33, 90, line: 0), word("(4U", 786, 528, 60, 25, 15, line: 1),
            word("ĐINH", 920, 528, 90, 25, 15, line: 1),
            word("Về", 441, 590, 40, 32, 96, line: 2), word("việc", 490, 590, 60, 32, 96, line: 2),
        ]
        let merged = FieldExtractor.replacing(region, of: page, with: second).words.map(\.text)
        #expect(merged.contains("ĐỊNH") && !merged.contains("ĐINH") && !merged.contains("(4U"))
        #expect(merged.filter { $0 == "GIẤY" }.count == 1)
        #expect(merged.contains("việc") && !merged.contains("vịệc"))
        // A speck the page read where the second look read a line does not stand for that line.
        let specked = LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200,
                                 words: [word(">>", 800, 546, 111, 7, 0, line: 1), word("GIẦY", 749, 553, 90, 28, 67, line: 2)])
        let heading = FieldExtractor.replacing(Box(x: 437, y: 555, width: 790, height: 149), of: specked,
                                               with: [word("GIẤY", 749, 544, 90, 35, 94, line: 0)]).words.map(\.text)
        #expect(heading.contains("GIẤY") && !heading.contains("GIẦY"))
    }

    @Test func aRoutingWrittenUnderTheSummaryIsNotPartOfIt() {
        var b = PageBuilder()
        b.centred("SỞ Y TẾ", centre: 420, y: 150)
        b.line("Số: 71/SYT-VP", x: 300, y: 300)
        b.line("V/v triển khai thực hiện Nghị quyết", x: 250, y: 350)
        b.line("số 01/NQ-CP của Chính phủ", x: 300, y: 390)
        // The leader's note, handwritten in the margin under it.
        b.line("Chuyển P.HC nghiên cứu, đề xuất", x: 240, y: 436, confidence: 70)
        b.line("Kính gửi: Các phòng, ban chuyên môn", x: 520, y: 520)
        let fields = extractor.extract(pages: [b.page()])
        #expect(fields.value(FieldName.trichYeu) == "triển khai thực hiện Nghị quyết số 01/NQ-CP của Chính phủ")
    }

    @Test func summariesSplitByOCRAreJoinedAndAnUnlabelledCongVanKeepsItsSummary() {
        // "V/v" as a line of its own, its words on another line of the same row.
        var vv = PageBuilder()
        vv.centred("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", centre: 420, y: 150)
        vv.line("Số: 4973/BTTTT-THH", x: 367, y: 343)
        vv.line("V/v", x: 303, y: 397, height: 24)
        vv.line("đôn đốc nộp báo cáo kết quả", x: 384, y: 395, height: 24)
        vv.line("thực hiện công tác cải cách hành chính", x: 304, y: 430, height: 24)
        vv.line("Kính gửi: Cổng thông tin điện tử tỉnh", x: 499, y: 579)
        #expect(extractor.extract(pages: [vv.page()]).value(FieldName.trichYeu)
            == "đôn đốc nộp báo cáo kết quả thực hiện công tác cải cách hành chính")
        // The heading split in two lines of one row.
        var heading = PageBuilder()
        heading.centred("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", centre: 420, y: 150)
        heading.line("Số: 487/GM-BTTTT", x: 297, y: 302)
        heading.line("GIẤY", x: 740, y: 386, height: 34)
        heading.line("MỜI", x: 875, y: 387, height: 34)
        heading.centred("Dự Lễ công bố huyện Bảo Lạc đạt chuẩn nông thôn mới", centre: 827, y: 440)
        let invitation = extractor.extract(pages: [heading.page()])
        #expect(invitation.value(FieldName.loaiVanBan) == "Giấy mời")
        #expect(invitation.value(FieldName.trichYeu) == "Dự Lễ công bố huyện Bảo Lạc đạt chuẩn nông thôn mới")
        // No V/v read at all: the symbol says Công văn, the lines under the number are its summary.
        var bare = PageBuilder()
        bare.centred("VĂN PHÒNG TỈNH ỦY", centre: 420, y: 150)
        bare.line("Số: 2583/VP-HCTC", x: 348, y: 319)
        bare.line("ø dẫn đánh giá, xếp loại", x: 397, y: 377)
        bare.line("chất lượng cán bộ, công chức", x: 348, y: 418)
        bare.line("Kính gửi: Sở Tài chính.", x: 699, y: 551)
        let fields = extractor.extract(pages: [bare.page()])
        #expect(fields.value(FieldName.loaiVanBan) == "Công văn")
        #expect(fields.value(FieldName.trichYeu) == "dẫn đánh giá, xếp loại chất lượng cán bộ, công chức")
        #expect(AcceptancePolicy().doubtfulFields(in: fields).contains(FieldName.trichYeu))
    }

    @Test func handwrittenOnesInTheDateBlanksAreRead() {
        #expect(DateReader.repairHandwrittenOnes("lai chau, ngay 10 thang i nam 2024") == "lai chau, ngay 10 thang 1 nam 2024")
        #expect(DateReader.repairHandwrittenOnes("ngay ll thang 9") == "ngay 11 thang 9")
        // The blank's two strokes read as two words ("tháng Ï Ì"): 11, no more than two.
        #expect(DateReader.repairHandwrittenOnes("ngay 02 thang 1 i nam 2022") == "ngay 02 thang 1 1 nam 2022")
        #expect(DateReader.repairHandwrittenOnes("ngay 02 thang ii i nam 2022") == "ngay 02 thang 11 i nam 2022")
        // A dagger or a bracket beside a digit is a one; alone it may be any handwriting.
        #expect(DateReader.repairHandwrittenOnes("ngay 02 thang †0 nam 2025") == "ngay 02 thang 10 nam 2025")
        #expect(DateReader.repairHandwrittenOnes("ngay ]4 thang 7") == "ngay 14 thang 7")
        #expect(DateReader.repairHandwrittenOnes("ngay ‡ thang 10") == "ngay ‡ thang 10")
        // Only in the blanks: other words keep their letters.
        #expect(DateReader.repairHandwrittenOnes("thi xa lai chau") == "thi xa lai chau")
    }

    @Test func summaryPhrasesWithATellTaleToneMarkAreRepaired() {
        #expect(TitleReader.clean("cơ cấu tố chức năm 2023") == "cơ cấu tổ chức năm 2023")
        #expect(TitleReader.clean("sự nghiệp môi trường nắm 2022") == "sự nghiệp môi trường năm 2022")
        // "nắm" not before a year is left alone.
        #expect(TitleReader.clean("nắm bắt tình hình") == "nắm bắt tình hình")
    }

    @Test func aSummaryThePagePassLostIsReadAgainWhereTheFormatPutsIt() throws {
        // A Công văn whose V/v block the ĐẾN stamp hid from the page pass.
        var b = PageBuilder()
        b.centred("SỞ NỘI VỤ", centre: 420, y: 150)
        b.line("Số: 152/SNV-VP", x: 300, y: 300)
        b.line("Sơn La, ngày 12 tháng 3 năm 2024", x: 900, y: 300)
        b.line("Kính gửi: Ủy ban nhân dân các huyện", x: 600, y: 620)
        let page = b.page()
        let first = extractor.extract(pages: [page])
        #expect(first.value(FieldName.trichYeu) == nil)
        let zone = try #require(extractor.rereadRequests(for: first, pages: [page]).first { $0.purpose == .summary }).box
        #expect(zone.y >= 330 && zone.x < 300 && zone.maxX <= 827, "under the number, in the left column")
        // What the zone alone read gives the summary.
        var again = PageBuilder()
        again.line("V/v tuyển dụng công chức", x: 260, y: 360)
        again.line("năm 2024", x: 330, y: 400)
        let reread = Reread(purpose: .summary, page: 1, words: again.words, region: zone)
        #expect(extractor.extract(pages: [page], rereads: [reread]).value(FieldName.trichYeu) == "tuyển dụng công chức năm 2024")
        // Under a type's heading, the zone is centred below it.
        var titled = PageBuilder()
        titled.centred("SỞ NỘI VỤ", centre: 420, y: 150)
        titled.line("Số: 15/KH-SNV", x: 300, y: 300)
        titled.centred("KẾ HOẠCH", centre: 827, y: 480, height: 36)
        let heading = titled.page()
        let below = try #require(extractor.rereadRequests(for: extractor.extract(pages: [heading]), pages: [heading])
            .first { $0.purpose == .summary }).box
        #expect(below.y >= 516 && below.x < 500 && below.maxX > 1150)
    }

    @Test func theSignatureBlockIsReadAgainOnlyWhenThePagePassDoubtsIt() {
        var clean = PageBuilder()
        clean.line("Nơi nhận:", x: 260, y: 1500, height: 26)
        clean.centred("GIÁM ĐỐC", centre: 1230, y: 1500)
        clean.centred("Lê Thị Lan", centre: 1230, y: 1700)
        let page = clean.page()
        let fields = extractor.extract(pages: [page])
        #expect(!extractor.rereadRequests(for: fields, pages: [page]).contains { $0.purpose == .signature })
        // The seal took the name: read the block again.
        var sealed = PageBuilder()
        sealed.line("Nơi nhận:", x: 260, y: 1500, height: 26)
        sealed.centred("GIÁM ĐỐC", centre: 1230, y: 1500)
        sealed.centred("xc ín", centre: 1230, y: 1700, confidence: 20)
        let doubtful = sealed.page()
        let request = extractor.rereadRequests(for: extractor.extract(pages: [doubtful]), pages: [doubtful])
            .first { $0.purpose == .signature }
        #expect(request != nil)
        #expect((request?.box.y ?? 0) < 1500 && (request?.box.maxY ?? 0) > 1700)
    }
}

struct ToneMarkTests {
    @Test func theOldPlacementIsForOpenSyllablesOnly() {
        #expect(VietnameseText.normalized("hoà bình") == "hòa bình")
        #expect(VietnameseText.normalized("Thuỷ") == "Thủy")
        // Closed by a consonant, the mark stands on the second vowel in both placements.
        #expect(VietnameseText.normalized("Toản") == "Toản")
        #expect(VietnameseText.normalized("Tỏan") == "Toản")
        #expect(VietnameseText.normalized("Huỳnh") == "Huỳnh")
    }
}

struct DecisionHeadingTests {
    /// A Quyết định whose heading OCR lost: only the decision's own "QUYẾT ĐỊNH:" over Điều 1
    /// reads, far below the number.
    func page(withAbout: Bool, about: String = "Về việc phê duyệt kế hoạch đào tạo, bồi dưỡng") -> LayoutPage {
        var b = PageBuilder()
        b.centred("SỞ NỘI VỤ", centre: 420, y: 195)
        b.line("Số: 15/QĐ-SNV", x: 300, y: 300)
        b.line("Sơn La, ngày 22 tháng 10 năm 2018", x: 850, y: 300)
        b.centred("ĐỊNH——_Í", centre: 827, y: 450, height: 34, confidence: 25)
        if withAbout {
            b.centred(about, centre: 827, y: 500)
            b.centred("cán bộ, công chức năm 2019", centre: 827, y: 540)
        }
        b.centred("GIÁM ĐỐC SỞ NỘI VỤ", centre: 827, y: 640)
        b.line("Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;", x: 330, y: 700)
        b.centred("QUYẾT ĐỊNH:", centre: 827, y: 860, height: 34)
        b.line("Điều 1. Phê duyệt kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm 2019.", x: 330, y: 910)
        return b.page()
    }

    @Test func theDecisionsOwnHeadingIsNotTheDocumentsOne() {
        let fields = FieldExtractor().extract(pages: [page(withAbout: true)])
        #expect(fields.value(FieldName.loaiVanBan) == "Quyết định")
        #expect(fields.value(FieldName.trichYeu) == "Về việc phê duyệt kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm 2019")
        // No "Về việc" read: what Điều 1 decides is the nearest there is.
        let bare = FieldExtractor().extract(pages: [page(withAbout: false)])
        #expect(bare.value(FieldName.trichYeu)?.hasPrefix("Điều 1. Phê duyệt") == true)
    }

    /// The ĐẾN stamp's ink glued before "Về", "việc" misread: the label after the specks.
    @Test func theAboutLineIsFoundAfterAStampsSpecks() {
        let fields = FieldExtractor().extract(pages: [page(withAbout: true, about: "| 'ĐÉ?Về việt phê duyệt kế hoạch đào tạo, bồi dưỡng")])
        #expect(fields.value(FieldName.trichYeu) == "Về việc phê duyệt kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm 2019")
        #expect(TitleReader.fromAboutLabel(TextLine(page: 1, words: [LayoutWord(text: "Vì", box: Box(x: 0, y: 0, width: 9, height: 9), confidence: 90),
                                                                    LayoutWord(text: "vậy", box: Box(x: 20, y: 0, width: 9, height: 9), confidence: 90)])!) == nil)
    }
}

struct GhostLineTests {
    /// A block read alone may come back with one line twice over itself: the better read stays;
    /// a stamp's line across the header, of other words, stays too.
    @Test func aLineReadTwiceOverItselfIsKeptOnce() {
        var b = PageBuilder()
        b.line("V/v triển khai Luật Thực hiện dân chủ", x: 286, y: 375, confidence: 96)
        b.line("; triển khai Luật Thực hiện dân chỉ", x: 328, y: 374, confidence: 90)
        b.line("ỦY BAN NHÂN DÂN", x: 300, y: 150)
        b.line("SỞ Y TẾ TỈNH HƯNG YÊN", x: 280, y: 152, confidence: 80)
        let lines = PageText(b.page()).lines.map(\.text)
        #expect(lines.contains("V/v triển khai Luật Thực hiện dân chủ"))
        #expect(!lines.contains { $0.hasSuffix("dân chỉ") })
        #expect(lines.contains("ỦY BAN NHÂN DÂN") && lines.contains("SỞ Y TẾ TỈNH HƯNG YÊN"))
    }
}

struct SummaryStrokeTests {
    /// A stamp's strokes read as a line of garbage beside the summary do not end it, nor does
    /// a stroke read before a line's words belong to it.
    @Test func aStampsStrokesDoNotCutTheSummary() {
        var b = PageBuilder()
        b.centred("SỞ KHOA HỌC VÀ CÔNG NGHỆ", centre: 420, y: 150)
        b.line("Số: 12/GM-SKHCN", x: 300, y: 300)
        b.line("Bắc Ninh, ngày 10 tháng 5 năm 2022", x: 853, y: 300)
        b.centred("GIẤY MỜI", centre: 827, y: 402)
        b.centred("Họp Hội đồng nghiệm thu nhiệm vụ khoa học và công nghệ cấp", centre: 827, y: 451)
        b.line("_ yến! CO O/W A0. feo Gữ", x: 259, y: 507, confidence: 20)
        b.line("tỉnh", x: 876, y: 505)
        b.line("Kính gửi: Sở Giao thông vận tải;", x: 446, y: 595)
        let fields = FieldExtractor().extract(pages: [b.page()])
        #expect(fields.value(FieldName.trichYeu) == "Họp Hội đồng nghiệm thu nhiệm vụ khoa học và công nghệ cấp tỉnh")
        // The ĐẾN stamp's first line beside the heading neither belongs to the summary nor ends
        // it; specks glued before its "Về việc" go, and the label is spelt right.
        var stamped = PageBuilder()
        stamped.centred("CHI CỤC KIỂM LÂM", centre: 420, y: 265)
        stamped.line("Số: 02/TB-CCKL", x: 328, y: 353)
        stamped.line("Bạc Liêu, ngày 12 tháng 01 năm 2023", x: 853, y: 353)
        stamped.line("THONG BẢO", x: 760, y: 447, confidence: 70)
        stamped.line("ĐẾN số: .848............", x: 248, y: 467, confidence: 50)
        stamped.centred(": Noà›:..Vẻ việc tuyển sinh đào tạo trình độ cao đẳng năm 2023", centre: 800, y: 501)
        stamped.line("Ngày 17/09/2022, tại Trụ sở Ủy ban nhân dân xã An Hải Tây, đồng chí", x: 319, y: 606)
        let summary = FieldExtractor().extract(pages: [stamped.page()]).value(FieldName.trichYeu)
        #expect(summary == "Về việc tuyển sinh đào tạo trình độ cao đẳng năm 2023")
        // A province's own words are no stray ink at the summary's end, syllables or not.
        #expect(!TitleReader.isStrayInk(LayoutWord(text: "Lắk", box: Box(x: 0, y: 0, width: 9, height: 9), confidence: 84)))
        #expect(TitleReader.isStrayInk(LayoutWord(text: "Lqk", box: Box(x: 0, y: 0, width: 9, height: 9), confidence: 84)))
    }
}

struct UnlabelledSummaryTests {
    @Test func aPlansSummaryUnderItsLostHeadingIsTheCentredLineUnderTheNumber() {
        var b = PageBuilder()
        b.centred("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", centre: 420, y: 195)
        b.line("Số: 12/KH-STNMT", x: 300, y: 300)
        b.line("Bình Dương, ngày 16 tháng 01 năm 2025", x: 850, y: 300)
        b.centred("Tổ chức các hoạt động kỷ niệm Ngày Thương binh - Liệt sỹ 27/7", centre: 827, y: 440)
        b.line("Thực hiện Công văn số 2234/BTC-NSNN ngày 23/11/2024 của Bộ Tài chính, Sở", x: 320, y: 560)
        let fields = FieldExtractor().extract(pages: [b.page()])
        #expect(fields.value(FieldName.loaiVanBan) == "Kế hoạch")
        #expect(fields.value(FieldName.trichYeu) == "Tổ chức các hoạt động kỷ niệm Ngày Thương binh - Liệt sỹ 27/7")
        #expect((fields[FieldName.trichYeu]?.confidence ?? 1) < 0.9)
    }
}

struct ProofreaderTests {
    @Test func aMarkMisreadWhereOneWordFitsIsRespelt() {
        let read = Proofreader().read("tăng cường tố chức thực hiện")
        #expect(read.text == "tăng cường tổ chức thực hiện")
        #expect(read.repaired == 1 && read.unconfirmed.isEmpty)
        // A word on its own ("đấy", "trong") whose letters would make one with a neighbour is
        // left as read, but doubtful: "rừng trong dịp" is no "rừng trồng".
        #expect(Proofreader().read("đấy mạnh ứng dụng công nghệ thông tin").unconfirmed.contains("đấy"))
        #expect(Proofreader().read("bảo vệ rừng trong dịp Tết").text == "bảo vệ rừng trong dịp Tết")
        // A word that is no word of grammar, alone, is respelt: "đồn" (a post) in "đồn đốc".
        #expect(Proofreader().read("đồn đốc thực hiện các nhiệm vụ được giao").text == "đôn đốc thực hiện các nhiệm vụ được giao")
    }

    @Test func aNeighbourAlreadyAWordWithItsOtherSideIsNotBorrowed() {
        // "no" (nổ) next to "công nghiệp": "nợ công" is a word, but "công" belongs to "công nghiệp".
        let read = Proofreader().read("tăng cường quản lý vật liệu no công nghiệp")
        #expect(read.text == "tăng cường quản lý vật liệu no công nghiệp")
        #expect(read.unconfirmed == ["no"])
    }

    @Test func whatTheVocabularyCannotConfirmIsDoubtful() {
        // Every word confirmed: names (capitalised, no word of grammar) and symbols pass.
        #expect(Proofreader().read("triển khai thực hiện Nghị quyết số 76/NQ-CP của Chính phủ").unconfirmed.isEmpty)
        #expect(Proofreader().read("trả lời kiến nghị của cử tri huyện Mường Nhé").unconfirmed.isEmpty)
        // Specks read as a code, a quote, a word of grammar capitalised, a second syllable
        // capitalised alone, an end that wants more, or too few words.
        #expect(Proofreader().read("triển khai thực hiện Nghị quyết NEYE 76/NQ-CP").unconfirmed == ["NEYE"])
        #expect(Proofreader().read("thực hiện Nghị quyết của 'Chính phủ").unconfirmed == ["'Chính"])
        #expect(Proofreader().read("ĐẾN 247 - Chuyển 9 Và ký hiệu").unconfirmed.contains("Và"))
        #expect(!Proofreader().read("chấn Chỉnh công tác tiếp nhận hồ sơ").unconfirmed.isEmpty)
        #expect(!Proofreader().read("Về Việc phê duyệt kế hoạch năm 2017").unconfirmed.isEmpty)
        #expect(Proofreader().read("giải quyết kiến nghị: của hộ gia đình").unconfirmed == ["nghị:"])
        #expect(Proofreader().read("gói thầu số 03: Thi công xây dựng").unconfirmed.isEmpty)
        #expect(Proofreader().read("hướng dẫn thi đua, khen thưởng năm").unconfirmed == ["năm"])
        #expect(!Proofreader().read("Cải cách").unconfirmed.isEmpty)
        // No comma after a word of grammar; no summary ends on a word's first syllable.
        #expect(Proofreader().read("bảo đảm an toàn giao thông trong, dịp mùa mưa bão").unconfirmed == ["trong,"])
        #expect(Proofreader().read("nhằm đánh giá kết quả thực hiện nhiệm vụ trong thời").unconfirmed == ["thời"])
    }

    @Test func aSummaryTheVocabularyConfirmsKeepsItsConfidence() {
        var b = PageBuilder()
        b.centred("SỞ NỘI VỤ", centre: 420, y: 195)
        b.line("Số: 15/KH-SNV", x: 300, y: 300)
        b.line("Sơn La, ngày 22 tháng 10 năm 2018", x: 850, y: 300)
        b.centred("KẾ HOẠCH", centre: 827, y: 450, height: 34)
        b.centred("Tố chức thực hiện công tác cải cách hành chính năm 2019", centre: 827, y: 500)
        let fields = FieldExtractor().extract(pages: [b.page()])
        #expect(fields.value(FieldName.trichYeu) == "Tổ chức thực hiện công tác cải cách hành chính năm 2019")
        #expect((fields[FieldName.trichYeu]?.confidence ?? 0) > 0.9)
        var unsure = PageBuilder()
        unsure.centred("SỞ NỘI VỤ", centre: 420, y: 195)
        unsure.line("Số: 15/KH-SNV", x: 300, y: 300)
        unsure.centred("KẾ HOẠCH", centre: 827, y: 450, height: 34)
        unsure.centred("Tổ chức thực hiện công tác cải cách NEYE hành chính năm", centre: 827, y: 500)
        #expect((FieldExtractor().extract(pages: [unsure.page()])[FieldName.trichYeu]?.confidence ?? 1) <= 0.9)
    }
}

struct PlaceAgreementTests {
    @Test func theNamesPlaceIsSpeltAsTheDateLinesPlace() {
        #expect(AgencyName.spellingPlace("ỦY BAN NHÂN DÂN THỊ TRẤN HÔNG PHONG", place: "Hồng Phong") == "ỦY BAN NHÂN DÂN THỊ TRẤN HỒNG PHONG")
        #expect(AgencyName.spellingPlace("ỦY BAN NHÂN DÂN THỊ XÃ DU YÊN HẢI", place: "Duyên Hải") == "ỦY BAN NHÂN DÂN THỊ XÃ DUYÊN HẢI")
        #expect(AgencyName.spellingPlace("ỦY BAN NHÂN DÂN THỊ TRẤN HỒNG PHONG", place: "Hồng Phong") == nil)
        #expect(AgencyName.spellingPlace("SỞ Y TẾ", place: "Sơn La") == nil)
        // The kind of body is no place's first word ("… ĐÔ THỊ" dated at "Thị Can …"), but a
        // place's word with the letters of one is (BẮC, not KHO BẠC's BẠC).
        #expect(AgencyName.completingPlace("PHÒNG QUẢN LÝ ĐÔ THỊ", place: "Thị Can Ngọc Hiển") == nil)
        #expect(AgencyName.completingPlace("ỦY BAN NHÂN DÂN TỈNH BÁC", place: "Bắc Ninh") == "ỦY BAN NHÂN DÂN TỈNH BÁC NINH")
    }

    @Test func thePlaceIsItsCapitalisedWordsBeforeTheDay() {
        var b = PageBuilder()
        b.line("Số: 15/UBND-VP", x: 300, y: 300)
        b.line("và ký nêu ao Kinh Môn, ngày 22 tháng 10 năm 2018", x: 700, y: 300)
        let date = DateReader().read(PageText(b.page()), latest: nil)
        #expect(date?.place == "Kinh Môn")
        #expect(date?.isoDate == "2018-10-22")
    }
}
