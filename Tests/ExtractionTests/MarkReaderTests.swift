@testable import Extraction
import Foundation
import Testing

/// Reading stamped frames: what is inside decides the mark, and a frame that reads as
/// nothing known holds the document (secrecy doubt) unless a mark read elsewhere explains it.
struct MarkReaderTests {
    func words(_ text: String, confidence: Double = 90, at box: Box = Box(x: 300, y: 500, width: 200, height: 60)) -> [LayoutWord] {
        text.split(separator: " ").enumerated().map { i, w in
            LayoutWord(text: String(w), box: Box(x: box.x + i * 80, y: box.y, width: 70, height: box.height), confidence: confidence, block: 0, line: 0)
        }
    }

    func frame(_ text: String, confidence: Double = 90, box: Box = Box(x: 280, y: 480, width: 300, height: 100)) -> Reread {
        Reread(purpose: .markFrame, page: 1, words: words(text, confidence: confidence, at: box), region: box)
    }

    let page = PageText(LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200, words: []))

    /// A frame read again on another layer is taken only when it spells a mark exactly: clean
    /// print a red ring crosses is no reason to drop the ring's doubt.
    @Test func aFrameReadsAsAMarkOnlyWhenItSpellsOneExactly() {
        #expect(FieldExtractor.frameReadsAsMark(words("KHẨN")))
        #expect(FieldExtractor.frameReadsAsMark(words("TỐI MẬT")))
        #expect(!FieldExtractor.frameReadsAsMark(words("4i Ằwy", confidence: 20)))
        #expect(!FieldExtractor.frameReadsAsMark(words("KHÁNH")))
        #expect(!FieldExtractor.frameReadsAsMark(words("MAI")))
    }

    @Test(arguments: [
        ("MẬT", MarkReader.FrameText.secrecy("Mật", exact: true)),
        ("TUYỆT MẬT", .secrecy("Tuyệt mật", exact: true)),
        ("TỐI MẬT", .secrecy("Tối mật", exact: true)),
        ("|MẬT|", .secrecy("Mật", exact: true)),
        ("TUYET MAT", .secrecy("Tuyệt mật", exact: true)),
        ("MẶT", .secrecy("Mật", exact: true)),
        ("MAI", .secrecy("Mật", exact: false)),
        ("THƯỢNG KHẨN", .urgency("Thượng khẩn", exact: true)),
        ("KHẨN", .urgency("Khẩn", exact: true)),
        ("HỎA TỐC", .urgency("Hỏa tốc", exact: true)),
        ("HOẢ TỐC HẸN GIỜ", .urgency("Hỏa tốc hẹn giờ", exact: true)),
        // HỎA lost its H: the "A T" across the words is no MẬT. A MẬT beside urgency words still is.
        ("A TỐC", .urgency("Hỏa tốc", exact: false)),
        ("HỎA TỐC MẠT", .secrecy("Mật", exact: false)),
        ("~'.", .unread),
        // A word spelt right that is no mark's ("KHÁNH" of KHÁNH HÒA) and the symbol's capitals
        // ("SKHCN") are no KHẨN; a KHẨN with its vowel lost, or stray letters after it, still is.
        ("KHÁNH", .other),
        ("-SKHCN", .other),
        ("KHN", .urgency("Khẩn", exact: false)),
    ])
    func classifiesFrameText(text: String, expected: MarkReader.FrameText) {
        #expect(MarkReader.classifyFrame(words(text)) == expected)
    }

    @Test(arguments: [("IHÒA TỐC,", "Hỏa tốc", nil), ("ỐI MẬT", nil, "Tối mật"), ("TUYẾT MẬT", nil, "Tuyệt mật"), ("I MẬT", nil, "Mật")] as [(String, String?, String?)])
    func marksReadWithALetterLostOrGained(text: String, urgency: String?, secrecy: String?) {
        let page = PageText(LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200, words: words(text)))
        let reading = MarkReader().read(page)
        #expect(reading.urgency?.value == urgency)
        #expect(reading.secrecy?.value == secrecy)
    }

    @Test func aKhanWithStrayLettersReadDoubtfullyIsStillKhan() {
        #expect(MarkReader.classifyFrame(words("KHẨIì", confidence: 14)) == .urgency("Khẩn", exact: false))
    }

    @Test func garbledLowConfidenceTextIsUnread() {
        #expect(MarkReader.classifyFrame(words("ĐỂ 2/1", confidence: 40)) == .unread)
        #expect(MarkReader.classifyFrame([]) == .unread)
    }

    @Test func aFrameReadAsMatIsASecrecyMark() {
        let r = MarkReader().read(page, frames: [frame("TỐI MẬT")])
        #expect(r.secrecy?.value == "Tối mật")
    }

    @Test func anUnreadFrameIsADoubtAndHolds() {
        let r = MarkReader().read(page, frames: [frame("", confidence: 0)])
        #expect(r.secrecy == nil)
        #expect(r.secrecyDoubt)
        let fields = FieldExtractor().extract(pages: [LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200, words: [])],
                                              rereads: [frame("%/;", confidence: 30)])
        #expect(fields[FieldName.doMat]?.value == nil)
        #expect((fields[FieldName.doMat]?.confidence ?? 1) < 0.5, "doubt: the document is held")
    }

    @Test func anUnreadFrameExplainedByAnUrgencyMarkIsNoDoubt() {
        let box = Box(x: 280, y: 480, width: 300, height: 100)
        let pageWithKhan = PageText(LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200,
                                               words: words("KHẨN", at: Box(x: 330, y: 500, width: 150, height: 60))))
        let r = MarkReader().read(pageWithKhan, frames: [frame("", box: box)])
        #expect(r.urgency?.value == "Khẩn")
        #expect(!r.secrecyDoubt)
    }

    @Test func theFrameReadsTheWholeUrgencyMark() {
        // The page pass saw only KHẨN of THƯỢNG KHẨN; the frame reads both words.
        let pageWithKhan = PageText(LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200,
                                               words: words("KHẨN", at: Box(x: 430, y: 500, width: 150, height: 60))))
        let r = MarkReader().read(pageWithKhan, frames: [frame("THƯỢNG KHẨN")])
        #expect(r.urgency?.value == "Thượng khẩn")
    }

    /// THƯỢNG is taller than KHẨN, and the ĐẾN stamp's small "và ký" sits to the right on the
    /// same rows: in reading order (by the middle of each box), "ký" falls between the mark's
    /// two words.
    @Test func aMarksWordsAreNeighboursOnTheirRowNotInReadingOrder() {
        let marks = [
            LayoutWord(text: "THƯỢNG", box: Box(x: 308, y: 313, width: 181, height: 47), confidence: 96),
            LayoutWord(text: "KHẨN", box: Box(x: 503, y: 322, width: 118, height: 36), confidence: 96),
            LayoutWord(text: "và", box: Box(x: 683, y: 330, width: 23, height: 14), confidence: 34),
            LayoutWord(text: "ký", box: Box(x: 713, y: 330, width: 21, height: 19), confidence: 90),
        ]
        let page = PageText(LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200, words: marks))
        #expect(MarkReader().read(page).urgency?.value == "Thượng khẩn")
        let lostT = PageText(LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200, words: words("HƯƠNG KHẨN")))
        #expect(MarkReader().read(lostT).urgency?.value == "Thượng khẩn")
    }

    /// A fax or a phone photo read at low confidence cannot rule a faint mark out: held. The
    /// same page read cleanly is not.
    @Test func aPoorlyReadPageIsASecrecyDoubt() {
        func page(confidence: Double) -> PageText {
            PageText(LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200,
                                words: self.words("ỦY BAN NHÂN DÂN HUYỆN YÊN CHÂU", confidence: confidence, at: Box(x: 200, y: 150, width: 0, height: 30))
                                    + self.words("Số: 15/UBND-VP", confidence: confidence, at: Box(x: 300, y: 300, width: 0, height: 30))))
        }
        #expect(MarkReader().read(page(confidence: 60)).secrecyDoubt)
        // A fax copy read at 85–86 % missed its faint MẬT box (`sec-h` doc0003).
        #expect(MarkReader().read(page(confidence: 86)).secrecyDoubt)
        #expect(!MarkReader().read(page(confidence: 95)).secrecyDoubt)
    }

    /// Print the page pass read cleanly explains a frame around it (a rule under a title taken
    /// for one), unless the frame holds a word a letter away from MẬT: a mark stamped on the
    /// ĐẾN stamp, read with the stamp's printed words (`secret-normal` doc0065).
    @Test func printExplainsAFrameUnlessAWordInItIsNearlyMat() {
        let box = Box(x: 280, y: 480, width: 300, height: 100)
        let printed = PageText(LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200,
                                          words: words("SỞ Y TẾ", confidence: 92, at: Box(x: 300, y: 500, width: 0, height: 30))))
        #expect(!MarkReader().read(printed, frames: [frame("ĐẾN sai", confidence: 30, box: box)]).secrecyDoubt)
        #expect(MarkReader().read(printed, frames: [frame("ĐẾN sai TẤT", confidence: 30, box: box)]).secrecyDoubt)
    }

    /// A ring stamped over the heading crosses clean print: that print explains nothing (a
    /// TUYỆT MẬT ring read as "'UYÊBÂN," over GIẤY MỜI, `sec-e` doc0028).
    @Test func printDoesNotExplainALargeRing() {
        let ring = Box(x: 383, y: 380, width: 354, height: 312)
        let printed = PageText(LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200,
                                          words: words("GIẤY MỜI", confidence: 95, at: Box(x: 511, y: 491, width: 0, height: 34))))
        #expect(MarkReader().read(printed, frames: [frame("'UYÊBÂN,", confidence: 0, box: ring)]).secrecyDoubt)
        // A small box about a letter or two of the header, as tall as wide, is still explained.
        let small = Box(x: 500, y: 480, width: 80, height: 70)
        // Nor the ĐẾN stamp's box, wider than tall, over the header (a stamp word misread).
        let stamp = Box(x: 93, y: 116, width: 441, height: 225)
        let underStamp = PageText(LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200,
                                             words: words("SỞ KHOA HỌC", confidence: 95, at: Box(x: 150, y: 200, width: 0, height: 34))))
        #expect(!MarkReader().read(underStamp, frames: [frame("VU", confidence: 40, box: stamp)]).secrecyDoubt)
        let header = PageText(LayoutPage(number: 1, width: 1654, height: 2339, dpi: 200,
                                         words: words("SỞ", confidence: 95, at: Box(x: 510, y: 495, width: 0, height: 34))))
        #expect(!MarkReader().read(header, frames: [frame("JỆ\\", confidence: 0, box: small)]).secrecyDoubt)
    }

    @Test func aCleanOtherWordInAFrameIsNoMark() {
        let r = MarkReader().read(page, frames: [frame("DỰ THẢO", confidence: 92)])
        #expect(r.secrecy == nil && r.urgency == nil && !r.secrecyDoubt)
    }
}

/// The ĐẾN arrival stamp is a frame in the marks zone too; it is no reason to hold.
struct ArrivalStampFrameTests {
    @Test func theArrivalStampsFrameIsNoMark() {
        let words = [LayoutWord(text: "Số:", box: Box(x: 225, y: 272, width: 40, height: 24), confidence: 75),
                     LayoutWord(text: "Ngà", box: Box(x: 224, y: 310, width: 38, height: 20), confidence: 91),
                     LayoutWord(text: "ĐiIENH", box: Box(x: 369, y: 240, width: 75, height: 15), confidence: 49)]
        #expect(MarkReader.classifyFrame(words) == .other)
        // A frame of illegible ink stays a doubt.
        let smudge = [LayoutWord(text: "ĐiIENH", box: Box(x: 369, y: 240, width: 75, height: 15), confidence: 30)]
        #expect(MarkReader.classifyFrame(smudge) == .unread)
    }
}
