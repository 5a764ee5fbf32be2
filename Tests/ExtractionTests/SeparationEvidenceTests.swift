@testable import Extraction
import Testing

/// The first-page / continuation cues read from OCR words, tolerant of OCR noise, and how
/// they are weighed.
@Suite("Stack separation, page evidence")
struct SeparationEvidenceTests {
    let width = 1654, height = 2339

    /// Words of one line, laid out left to right from `x` with a space of 12 px.
    func line(_ text: String, x: Int, y: Int, line: Int, letter: Int = 20) -> [SeparationWord] {
        var words: [SeparationWord] = []
        var left = x
        for token in text.split(separator: " ") {
            let w = letter * token.count
            words.append(SeparationWord(text: String(token), x: left, y: y, width: w, height: 30, line: line))
            left += w + 12
        }
        return words
    }

    @Test func fuzzyDistanceFindsPatternInsideText() {
        let d = { (p: String, t: String) in PageEvidence.fuzzyDistance(of: Array(p), in: Array(t)) }
        #expect(d("HOA", "CONGHOAXA") == 0)
        #expect(d("HOA", "CONGH0AXA") == 1)
        #expect(d("DOCLAP", "XXDOCIAPYY") == 1)
        #expect(d("ABC", "") == 3)
        #expect(d("CONGHOA", "ZZZZZZZ") == 7)
    }

    @Test func nationalTitleReadWithOCRErrorsIsFound() {
        // "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" as a noisy fax page reads it.
        let words = line("ỦY BAN NHÂN DÂN", x: 220, y: 140, line: 0)
            + line("CÔNG H0A XÄ HÔl CHU NGHIA VIET NAM", x: 820, y: 140, line: 1, letter: 16)
        let e = PageEvidence.read(words: words, width: width, height: height, blank: false)
        #expect(e.nationalMotto)
        #expect(e.looksLikeFirstPage)
    }

    @Test func mottoLineReadWithOCRErrorsIsFound() {
        let words = line("Đ0c lâp - Tư d0 - Hạnh phüc", x: 900, y: 190, line: 0)
            + line("Căn cứ Luật Tổ chức chính quyền địa phương", x: 250, y: 700, line: 1)
        #expect(PageEvidence.mottoFound(in: words, height: Double(height)))
    }

    @Test func republicNamedInLowerCaseBodyIsNotTheTitle() {
        let words = line("2", x: 817, y: 120, line: 0)
            + line("Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam bảo đảm quyền", x: 250, y: 220, line: 1, letter: 14)
        let e = PageEvidence.read(words: words, width: width, height: height, blank: false)
        #expect(!e.nationalMotto)
        #expect(e.topPageNumber == 2)
        #expect(e.looksLikeContinuation && !e.looksLikeFirstPage)
    }

    @Test func numberLabelToleratesMisreadLetters() {
        #expect(PageEvidence.isNumberLabel("Số:", next: "12/QĐ-UBND"))
        #expect(PageEvidence.isNumberLabel("S6:", next: "47a/TTr-VHTTDL"))
        #expect(PageEvidence.isNumberLabel("Sé:12/QĐ-UBND", next: nil))
        #expect(!PageEvidence.isNumberLabel("Sở", next: "Nội"))
        #expect(!PageEvidence.isNumberLabel("Số", next: "lượng"))
    }

    @Test func placeDateLineInTheRightColumn() {
        let header = line("Số: 12/QĐ-UBND", x: 260, y: 330, line: 0)
            + line("Sơn La, ngày 12 tháng 3 năm 2024", x: 900, y: 330, line: 0, letter: 14)
        #expect(PageEvidence.placeDateFound(in: header, width: Double(width), height: Double(height)))
        // The same words inside a body sentence running across the page are not the date line.
        let body = line("theo Quyết định số 12 của Ủy ban ban hành ngày 12 tháng 3 năm 2024 về việc", x: 250, y: 330, line: 0, letter: 12)
        #expect(!PageEvidence.placeDateFound(in: body, width: Double(width), height: Double(height)))
    }

    @Test func twoColumnRowsOfTheHeader() {
        let header = line("ỦY BAN NHÂN DÂN", x: 240, y: 140, line: 0)
            + line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x: 820, y: 142, line: 1, letter: 16)
            + line("TỈNH SƠN LA", x: 290, y: 190, line: 2)
            + line("Độc lập - Tự do - Hạnh phúc", x: 900, y: 192, line: 3, letter: 16)
        #expect(PageEvidence.twoColumnRows(in: header, width: Double(width), height: Double(height)) == 2)
        let body = line("Thực hiện Kế hoạch số 12 của Ủy ban nhân dân tỉnh về công tác", x: 250, y: 140, line: 0, letter: 14)
        #expect(PageEvidence.twoColumnRows(in: body, width: Double(width), height: Double(height)) == 0)
    }

    @Test func numberedSectionHeadingIsNotAnAgency() {
        let words = line("II. NHIỆM VỤ GIẢI PHÁP", x: 250, y: 200, line: 0, letter: 14)
        #expect(!PageEvidence.headerFound(in: words, width: Double(width), height: Double(height)))
        let agency = line("SỞ NỘI VỤ TỈNH", x: 260, y: 200, line: 0, letter: 14)
        #expect(PageEvidence.headerFound(in: agency, width: Double(width), height: Double(height)))
    }

    @Test func cuesAreWeighedNotTakenAlone() {
        // The ink shows the two-column header and no page number: a first page OCR could not read.
        #expect(PageEvidence(blank: false, wordCount: 40, twoColumnRows: 2).looksLikeFirstPage)
        // One two-column row alone (a table, a signature block) is not enough.
        #expect(!PageEvidence(blank: false, wordCount: 40, twoColumnRows: 1).looksLikeFirstPage)
        // A page number outweighs a header-like row and the place-date words.
        let cont = PageEvidence(blank: false, topPageNumber: 3, wordCount: 120, placeDateLine: true, twoColumnRows: 1)
        #expect(cont.looksLikeContinuation && !cont.looksLikeFirstPage)
        // The full header outweighs a stray mark taken for a page number.
        let first = PageEvidence(blank: false, nationalMotto: true, agencyHeader: true, wordCount: 200,
                                 topPageNumberMark: true, placeDateLine: true, twoColumnRows: 2)
        #expect(first.looksLikeFirstPage && !first.looksLikeContinuation)
        #expect(!PageEvidence.blankPage.looksLikeFirstPage && !PageEvidence.blankPage.looksLikeContinuation)
    }

    @Test func splitterUsesWeighedEvidence() {
        let inkOnlyFirst = PageEvidence(blank: false, wordCount: 30, twoColumnRows: 2)
        let cont = PageEvidence(blank: false, wordCount: 100, topPageNumberMark: true, twoColumnRows: 1)
        let first = PageEvidence(blank: false, nationalMotto: true, agencyHeader: true, wordCount: 200)
        let split = StackSplitter.split([first, cont, inkOnlyFirst, cont], options: SplitOptions(duplex: false))
        #expect(split.documents == [[1, 2], [3, 4]])
    }
}

@Suite("Stack separation, header rows")
struct SeparationHeaderRowTests {
    @Test func onlyTwoColumnRowsOpeningThePageCount() {
        func row(_ text: String, x: Int, y: Int, line: Int) -> [SeparationWord] {
            var left = x
            return text.split(separator: " ").map { token in
                defer { left += 16 * token.count + 10 }
                return SeparationWord(text: String(token), x: left, y: y, width: 16 * token.count, height: 28, line: line)
            }
        }
        // Continuation page: a body line, then "Nơi nhận:" beside the signature block.
        let page = row("phương biết, thực hiện và báo cáo kết quả về Sở", x: 260, y: 150, line: 0)
            + row("Nơi nhận:", x: 250, y: 230, line: 1) + row("TL. GIÁM ĐỐC", x: 1000, y: 230, line: 2)
            + row("Như trên;", x: 250, y: 280, line: 3) + row("CHÁNH VĂN PHÒNG", x: 950, y: 280, line: 4)
        #expect(PageEvidence.twoColumnRows(in: page, width: 1654, height: 2339) == 0)
        // The ink lines of the same kind of page, and of a header.
        #expect(PageEvidence.leadingTwoColumnLines([(false, 0.2, 0.62), (true, 0.15, 0.8), (true, 0.15, 0.8)]) == 0)
        #expect(PageEvidence.leadingTwoColumnLines([(true, 0.1, 0.9), (false, 0.45, 0.9), (true, 0.16, 0.9), (false, 0.2, 0.9)]) == 2)
    }
}
