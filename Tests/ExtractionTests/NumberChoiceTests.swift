@testable import Extraction
import Foundation
import Testing

/// Which of the number's readings is kept, and the number written in by hand or stamped
/// apart from its symbol, read again for digits alone.
struct NumberChoiceTests {
    let extractor = FieldExtractor()

    func reading(_ text: String, quality: Double, cutLetters: Bool = false) -> NumberReader.Reading {
        var b = PageBuilder()
        b.line("Số: " + text, x: 300, y: 300)
        var read = NumberReader().read(PageText(b.page()))!
        read.quality = quality
        read.cutLetters = cutLetters
        return read
    }

    @Test func aReadingTwoLinesConfirmIsExtendedByAWholePartOnly() {
        // "STCG": a stroke after the symbol, read once; the page and a second look agree on STC.
        let stroke = NumberReader.best(
            lineReadings: [reading("215/QĐ-STCG", quality: 0.57), reading("215/QĐ-STC", quality: 0.80), reading("215/QĐ-STC", quality: 0.67)],
            zoneReading: reading("215/QĐ-STC", quality: 0.83))
        #expect(stroke?.full == "215/QĐ-STC")
        // A whole part more, read cleanly, is the symbol's end that the others lost.
        let part = NumberReader.best(
            lineReadings: [reading("2732/BYT-KH", quality: 0.88), reading("2732/BYT-KH", quality: 0.92)],
            zoneReading: reading("2732/BYT-KH-TC", quality: 0.42))
        #expect(part?.full == "2732/BYT-KH-TC")
        // Unconfirmed, a longer reading is the whole of it, as before.
        let cut = NumberReader.best(lineReadings: [reading("28/BC-UBN", quality: 0.84)], zoneReading: reading("28/BC-UBND", quality: 0.15))
        #expect(cut?.full == "28/BC-UBND")
        // Of two longer readings, the one read best, not a longer garble.
        let garble = NumberReader.best(
            lineReadings: [reading("209/UBND", quality: 0.9), reading("209/UBENN", quality: 0, cutLetters: true)],
            zoneReading: reading("209/UB", quality: 0.91))
        #expect(garble?.full == "209/UBND")
    }

    @Test func theMarksZonesReadingCutShortGetsTheEndTwoLinesAgreeOn() {
        let best = NumberReader.best(
            lineReadings: [reading("1817/TIr-NV2", quality: 0.72), reading("1817/TT-NV2", quality: 0.84)],
            zoneReading: reading("1817/TTr-NV", quality: 0.91))
        #expect(best?.full == "1817/TTr-NV2")
        // One line's longer end is not enough.
        let once = NumberReader.best(
            lineReadings: [reading("1817/TIr-NV2", quality: 0.72), reading("1817/TT-NV", quality: 0.84)],
            zoneReading: reading("1817/TTr-NV", quality: 0.91))
        #expect(once?.full == "1817/TTr-NV")
    }

    @Test func aUBNDReadRightIsNotRespeltAfterAMisreadHeaderAndOneThatLostItsDIsCompleted() {
        // Initials "TBND" of a misread header are one letter off UBND.
        #expect(NumberReader.symbol("BC-UBND", agreeingWithInitialsOf: "TỈNH BAN NHÂN DÂN") == nil)
        #expect(NumberReader.symbol("BC-UBNI", agreeingWithInitialsOf: "TỈNH BAN NHÂN DÂN") == "BC-UBND")
        // UBND's D lost; an agency's initials cut short may be another agency's own.
        #expect(NumberReader.symbol("TTr-UBN", agreeingWithInitialsOf: nil) == "TTr-UBND")
        #expect(NumberReader.symbol("BND-ĐN", agreeingWithInitialsOf: "ỦY BAN NHÂN DÂN HUYỆN KIM BẢNG") == "UBND-ĐN")
        #expect(NumberReader.symbol("KH-SNN", agreeingWithInitialsOf: "SỞ NÔNG NGHIỆP PHÁT TRIỂN") == nil)
    }

    /// Three-letter initials are repaired where the agency's part stands, not in a unit's.
    @Test func threeLetterInitialsAreRepairedInTheAgencysPartAlone() {
        #expect(NumberReader.symbol("913/BDI-VP", agreeingWithInitialsOf: "BAN DÂN TỘC") == "913/BDT-VP")
        #expect(NumberReader.symbol("913/QĐ-BDI", agreeingWithInitialsOf: "BAN DÂN TỘC") == "913/QĐ-BDT")
        #expect(NumberReader.symbol("913/BDT-BDI", agreeingWithInitialsOf: "BAN DÂN TỘC") == nil)
    }

    /// A symbol cut after its type part under a People's Committee or Council: theirs.
    @Test func aSymbolCutAfterItsTypeUnderACommitteeIsTheCommittees() {
        #expect(NumberReader.symbol("155/QĐ", completedUnder: "ỦY BAN NHÂN DÂN HUYỆN YÊN CHÂU") == "155/QĐ-UBND")
        #expect(NumberReader.symbol("703/2017/QĐ", completedUnder: "UBND TỈNH ĐIỆN BIÊN") == "703/2017/QĐ-UBND")
        #expect(NumberReader.symbol("35/NQ", completedUnder: "HỘI ĐỒNG NHÂN DÂN TỈNH ĐẮK LẮK") == "35/NQ-HĐND")
        #expect(NumberReader.symbol("155/QĐ", completedUnder: "SỞ Y TẾ") == nil)
        #expect(NumberReader.symbol("155/QĐ-UBND", completedUnder: "ỦY BAN NHÂN DÂN HUYỆN YÊN CHÂU") == nil)
    }

    /// A ministry's or department's initials with their Đ read as D.
    @Test func aBodysInitialsGetTheirĐBack() {
        #expect(NumberReader.symbol(spellingBodysInitials: "2543/SGDDT-KHTC") == "2543/SGDĐT-KHTC")
        #expect(NumberReader.symbol(spellingBodysInitials: "2543/KH-SGDDT") == "2543/KH-SGDĐT")
        #expect(NumberReader.symbol(spellingBodysInitials: "2543/SGDĐT-KHTC") == nil)
        #expect(AgencyName.named(by: "SGDDT") == "SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    }

    /// A type part whose small letter was lost: the one type with those capitals, unless they
    /// are a type's themselves or a ministry's Thông tư (TT-BYT).
    @Test func aTypePartsLostSmallLetterIsPutBack() {
        #expect(NumberReader.symbol(restoringSmallLetterOf: "128/TT-UBND") == "128/TTr-UBND")
        #expect(NumberReader.symbol(restoringSmallLetterOf: "12/2024/TT-HĐND") == "12/2024/TTr-HĐND")
        #expect(NumberReader.symbol(restoringSmallLetterOf: "15/TT-BYT") == nil)
        #expect(NumberReader.symbol(restoringSmallLetterOf: "15/CT-UBND") == nil)
        #expect(NumberReader.symbol(restoringSmallLetterOf: "15/TTr-UBND") == nil)
        #expect(NumberReader.symbol(restoringSmallLetterOf: "15/UBND-TT") == nil)
    }

    /// A number line "Số: ____ /QĐ-UBND" whose number was written in the gap.
    func filledInPage(number: String?) -> LayoutPage {
        var b = PageBuilder()
        b.centred("ỦY BAN NHÂN DÂN", centre: 420, y: 150)
        b.centred("HUYỆN YÊN CHÂU", centre: 420, y: 195)
        b.line(["Số:", number, "/QĐ-UBND"].compactMap { $0 }.joined(separator: " "), x: 240, y: 300, confidence: 60)
        return b.page()
    }

    @Test func aNumberWrittenInApartFromItsSymbolIsReadAgainForDigitsAlone() throws {
        let page = filledInPage(number: "725")
        let first = extractor.extract(pages: [page])
        #expect(first.value(FieldName.soKyHieu) == "725/QĐ-UBND")
        let request = try #require(extractor.rereadRequests(for: first, pages: [page]).first { $0.purpose == .numberDigits })
        #expect(request.digitsOnly)
        // Between the label and the symbol's slash, the line's height and more each way.
        let words = page.words
        let label = try #require(words.first { $0.text == "Số:" }), symbol = try #require(words.first { $0.text == "/QĐ-UBND" })
        #expect(request.box.x >= label.box.maxX && request.box.maxX <= symbol.box.x)
        #expect(request.box.y < symbol.box.y && request.box.maxY > symbol.box.maxY)
        // What the gap alone read replaces the number, for a person to check.
        let digits = Reread(purpose: .numberDigits, page: 1, words: [LayoutWord(text: "155", box: request.box, confidence: 96)])
        let fields = extractor.extract(pages: [page], rereads: [digits])
        #expect(fields.value(FieldName.soKyHieu) == "155/QĐ-UBND")
        #expect(fields.value(FieldName.so) == "155")
        #expect(try #require(fields[FieldName.soKyHieu]).confidence <= 0.85)
        // Digits read doubtfully change nothing unless they keep the line's count: a stroke
        // adds a digit, the region's edge cuts one.
        for other in ["71", "1725"] {
            let doubtful = Reread(purpose: .numberDigits, page: 1, words: [LayoutWord(text: other, box: request.box, confidence: 10)])
            #expect(extractor.extract(pages: [page], rereads: [doubtful]).value(FieldName.soKyHieu) == "725/QĐ-UBND")
        }
        let doubtful = Reread(purpose: .numberDigits, page: 1, words: [LayoutWord(text: "155", box: request.box, confidence: 0)])
        let replaced = extractor.extract(pages: [page], rereads: [doubtful])
        #expect(replaced.value(FieldName.soKyHieu) == "155/QĐ-UBND")
        #expect(try #require(replaced[FieldName.soKyHieu]).confidence <= 0.6)
    }

    @Test func doubtfulDigitsByTheSymbolFillANumberTheLineLost() throws {
        let empty = filledInPage(number: "†17ổ@")
        #expect(extractor.extract(pages: [empty]).value(FieldName.soKyHieu) == nil)
        let words = [LayoutWord(text: "6", box: Box(x: 300, y: 280, width: 20, height: 60), confidence: 45),
                     LayoutWord(text: "178", box: Box(x: 340, y: 280, width: 80, height: 60), confidence: 0)]
        let fields = extractor.extract(pages: [empty], rereads: [Reread(purpose: .numberDigits, page: 1, words: words)])
        #expect(fields.value(FieldName.soKyHieu) == "178/QĐ-UBND")
        #expect(try #require(fields[FieldName.soKyHieu]).confidence <= 0.4)
    }

    @Test func aFlorinSignIsTheSlash() {
        #expect(NumberReader.repairSlashes("1701ƒVP-KGVX") == "1701/VP-KGVX")
    }

    @Test func theDigitsKeepTheLinesLetterAndMakeANumberWhereTheLineReadNone() throws {
        let suffixed = filledInPage(number: "618a")
        let box = Box(x: 300, y: 280, width: 120, height: 60)
        let digits = Reread(purpose: .numberDigits, page: 1, words: [LayoutWord(text: "618", box: box, confidence: 96)])
        #expect(extractor.extract(pages: [suffixed], rereads: [digits]).value(FieldName.soKyHieu) == "618a/QĐ-UBND")
        // The page pass read nothing in the gap: the digits and the printed symbol make the number.
        let empty = filledInPage(number: nil)
        #expect(extractor.extract(pages: [empty]).value(FieldName.soKyHieu) == nil)
        #expect(extractor.rereadRequests(for: extractor.extract(pages: [empty]), pages: [empty]).contains { $0.purpose == .numberDigits })
        let read = Reread(purpose: .numberDigits, page: 1, words: [LayoutWord(text: "155", box: box, confidence: 96)])
        let fields = extractor.extract(pages: [empty], rereads: [read])
        #expect(fields.value(FieldName.soKyHieu) == "155/QĐ-UBND")
        #expect(try #require(fields[FieldName.soKyHieu]).confidence <= 0.85)
    }

    @Test func aTypedNumberIsReadAgainOnlyWhenDoubtful() {
        var b = PageBuilder()
        b.centred("ỦY BAN NHÂN DÂN", centre: 420, y: 150)
        b.line("Số: 1254/QĐ-UBND", x: 300, y: 300)
        let page = b.page()
        #expect(!extractor.rereadRequests(for: extractor.extract(pages: [page]), pages: [page]).contains { $0.purpose == .numberDigits })
        // Doubtful and glued to its symbol: the number's part of the word, left of the slash.
        var c = PageBuilder()
        c.centred("ỦY BAN NHÂN DÂN", centre: 420, y: 150)
        c.line("Số: 1254/QĐ-UBND", x: 300, y: 300, confidence: 40)
        let doubtful = c.page()
        let request = extractor.rereadRequests(for: extractor.extract(pages: [doubtful]), pages: [doubtful]).first { $0.purpose == .numberDigits }
        let label = doubtful.words[doubtful.words.count - 2], word = doubtful.words[doubtful.words.count - 1]
        #expect(request != nil && request!.box.x >= label.box.maxX && Double(request!.box.maxX) < word.box.midX)
    }
}

/// The file copy's line of Nơi nhận (`Lưu: VT, KGVX`) names the unit a symbol ends with.
struct FiledUnitTests {
    @Test func theFileCopysUnitsAreItsCapitalisedAbbreviations() {
        #expect(RecipientsReader.filedUnits(in: ["Như trên", "Lưu: VT, KGVX(21b)"]) == ["KGVX"])
        #expect(RecipientsReader.filedUnits(in: ["Lưu: VT, TCKH, ĐVH"]) == ["TCKH", "ĐVH"])
        // OCR's "tựu" for Lưu; a drafter's name and a letter F (no Vietnamese word has one) are no unit.
        #expect(RecipientsReader.filedUnits(in: ["tựu: VỊ, KGVX, Minh"]) == ["KGVX"])
        #expect(RecipientsReader.filedUnits(in: ["Lưu: VT, TFGSNH"]) == [])
        #expect(RecipientsReader.filedUnits(in: ["Như trên", "Bộ Nội vụ"]) == [])
    }

    @Test func aSymbolsLastPartALetterOffTheFiledUnitIsSpeltAsFiled() {
        #expect(NumberReader.symbol("UBND-KGVR", agreeingWithFiledUnits: ["KGVX"]) == "UBND-KGVX")
        #expect(NumberReader.symbol("SXD-OHKT", agreeingWithFiledUnits: ["QHKT", "ĐVH"]) == "SXD-QHKT")
        // Agreeing, or no unit near (an agency-only symbol filed under VP): nothing to repair.
        #expect(NumberReader.symbol("UBND-KGVX", agreeingWithFiledUnits: ["KGVX"]) == nil)
        #expect(NumberReader.symbol("UBND", agreeingWithFiledUnits: ["VP"]) == nil)
        #expect(NumberReader.symbol("SNV-CCHC", agreeingWithFiledUnits: ["VP", "NTL"]) == nil)
        // The hyphen before the filed unit lost: put back where the rest is the agency's
        // initials (a letter off at most), never inside an agency's own letters.
        #expect(NumberReader.symbol("BDIVP", agreeingWithFiledUnits: ["VP"], agency: "BAN DÂN TỘC") == "BDI-VP")
        #expect(NumberReader.symbol("VPUBND", agreeingWithFiledUnits: ["VP"], agency: "VĂN PHÒNG") == nil)
        #expect(NumberReader.symbol("PNV", agreeingWithFiledUnits: ["VP"], agency: "PHÒNG NỘI VỤ") == nil)
        // Cut short by a stamp or the region's edge: the unit as filed, whole.
        #expect(NumberReader.symbol("BTNMT-TC", agreeingWithFiledUnits: ["TCMT"]) == "BTNMT-TCMT")
    }

    @Test func aPartTheFileCopySpellsTooIsRespeltOnlyByAKnownName() {
        // The header misread ("MÃN PHÒNG…" has initials MPCP): the symbol and the file line agree.
        #expect(NumberReader.symbol("TB-VPCP", agreeingWithInitialsOf: "MÃN PHÒNG CHÍNH PHỦ", confirmedBy: ["VPCP"]) == nil)
        #expect(NumberReader.symbol("TB-VPCP", agreeingWithInitialsOf: "MÃN PHÒNG CHÍNH PHỦ") == "TB-MPCP")
    }

    @Test func theExtractorSpellsTheSymbolAsFiledAndDoubtsIt() {
        var b = PageBuilder()
        b.centred("ỦY BAN NHÂN DÂN", centre: 420, y: 150)
        b.centred("TỈNH SƠN LA", centre: 420, y: 190)
        b.line("Số: 2539/UBND-KGVR", x: 300, y: 300)
        b.line("Sơn La, ngày 12 tháng 9 năm 2024", x: 850, y: 300)
        b.line("Nơi nhận:", x: 260, y: 1500, height: 26)
        b.line("- Như trên;", x: 260, y: 1540)
        b.line("- Lưu: VT, KGVX.", x: 260, y: 1580)
        let fields = FieldExtractor().extract(pages: [b.page()])
        #expect(fields.value(FieldName.soKyHieu) == "2539/UBND-KGVX")
        #expect((fields[FieldName.soKyHieu]?.confidence ?? 1) <= 0.85)
    }
}

struct GluedSymbolTests {
    @Test func aLostHyphenIsPutBackBetweenPartsTheDomainKnows() {
        #expect(NumberReader.symbol("QĐUBND", separatingPartsUnder: "ỦY BAN NHÂN DÂN TỈNH SƠN LA") == "QĐ-UBND")
        #expect(NumberReader.symbol("BVHTTDLDSVH", separatingPartsUnder: "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH") == "BVHTTDL-DSVH")
        // Long initials a letter off after a type's part are the agency's.
        #expect(NumberReader.symbol("355/HDBTNMMT", separatingPartsUnder: "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG") == "355/HD-BTNMT")
        #expect(NumberReader.symbol("355/HDBTNMMT", separatingPartsUnder: "SỞ TƯ PHÁP") == nil)
        // Units that start with a type's letters (TCKH, KHTC), a department named whole by its
        // initials under a header read short, or nothing known: left.
        #expect(NumberReader.symbol("UBND-TCKH", separatingPartsUnder: "ỦY BAN NHÂN DÂN TỈNH SƠN LA") == nil)
        #expect(NumberReader.symbol("SGTVT-KHTC", separatingPartsUnder: "SỞ GIAO THÔNG VẬN TẢI") == nil)
        #expect(NumberReader.symbol("QĐ-SLĐTBXH", separatingPartsUnder: "SỞ LAO ĐỘNG") == nil)
        #expect(NumberReader.symbol("TCKH", separatingPartsUnder: nil) == nil)
    }

    @Test func aCommitteesOrCouncilsInitialsWithALetterMoreAreRepaired() {
        #expect(NumberReader.symbol("QĐ-UIBND", agreeingWithInitialsOf: nil) == "QĐ-UBND")
        #expect(NumberReader.symbol("HĐĐND-DT", agreeingWithInitialsOf: nil) == "HĐND-DT")
        #expect(NumberReader.symbol("UBND-VX", agreeingWithInitialsOf: nil) == nil)
    }
}
