import Extraction
import Testing

@Suite("Stack separation")
struct SeparationTests {
    let first = PageEvidence(blank: false, nationalMotto: true, agencyHeader: true, wordCount: 200)
    let cont = PageEvidence(blank: false, topPageNumber: 2, wordCount: 150)
    let plain = PageEvidence(blank: false, wordCount: 150)
    let blank = PageEvidence.blankPage

    @Test func firstPagesStartDocumentsContinuationsStay() {
        let split = StackSplitter.split([first, cont, cont, first, first, cont], options: SplitOptions(duplex: false))
        #expect(split.documents == [[1, 2, 3], [4], [5, 6]])
        #expect(split.dropped.isEmpty)
    }

    @Test func simplexSeparatorEndsDocumentEvenWithoutFirstPageLook() {
        let split = StackSplitter.split([first, cont, blank, plain, cont], options: SplitOptions(duplex: false))
        #expect(split.documents == [[1, 2], [4, 5]])
        #expect(split.dropped == [DroppedPage(page: 3, reason: .separator)])
    }

    @Test func separatorsCanBeSwitchedOff() {
        let split = StackSplitter.split([first, blank, plain], options: SplitOptions(separatorSheets: false, duplex: false))
        #expect(split.documents == [[1, 3]])
        #expect(split.dropped == [DroppedPage(page: 2, reason: .blank)])
    }

    @Test func duplexBlankBacksAreDroppedNotSeparators() {
        // doc A: 1 page + blank back; doc B (printed double-sided): 2 pages; sep sheet; doc C
        let pages = [first, blank, plain, cont, blank, blank, plain, blank]
        let split = StackSplitter.split(pages, options: SplitOptions(duplex: true))
        #expect(split.documents == [[1, 3, 4], [7]])
        #expect(split.dropped == [DroppedPage(page: 2, reason: .blank), DroppedPage(page: 5, reason: .separator),
                                  DroppedPage(page: 6, reason: .separator), DroppedPage(page: 8, reason: .blank)])
    }

    @Test func duplexInferredFromBlankPattern() {
        #expect(StackSplitter.inferDuplex([false, true, false, true]))
        #expect(!StackSplitter.inferDuplex([false, true, false]))          // odd count
        #expect(!StackSplitter.inferDuplex([false, false, true, false]))   // blank front, written back
        #expect(!StackSplitter.inferDuplex([false, false, false, false]))  // no blanks at all
    }

    @Test func incrementalSplitterClosesDocumentAtNextFirstPage() {
        var splitter = StackSplitter(options: SplitOptions(duplex: false))
        #expect(splitter.add(first) == nil)
        #expect(splitter.add(cont) == nil)
        #expect(splitter.add(first) == [1, 2])
        #expect(splitter.finish() == [3])
    }

    @Test func evidenceFromWords() {
        func w(_ t: String, _ x: Int, _ y: Int, line: Int) -> SeparationWord {
            SeparationWord(text: t, x: x, y: y, width: 20 * t.count, height: 30, line: line)
        }
        let header = [
            w("ỦY", 200, 150, line: 0), w("BAN", 260, 150, line: 0), w("NHÂN", 330, 150, line: 0),
            w("CỘNG", 860, 150, line: 0), w("HÒA", 960, 150, line: 0), w("XÃ", 1040, 150, line: 0),
            w("HỘI", 1100, 150, line: 0), w("CHỦ", 1180, 150, line: 0), w("NGHĨA", 1260, 150, line: 0),
            w("Số:", 300, 300, line: 1), w("12/QĐ-UBND", 370, 300, line: 1), w("Điều", 300, 900, line: 2),
        ]
        let e1 = PageEvidence.read(words: header, width: 1654, height: 2339, blank: false)
        #expect(e1.nationalMotto && e1.agencyHeader && e1.looksLikeFirstPage && e1.topPageNumber == nil)

        let page2 = [w("2", 817, 120, line: 0), w("Sở", 300, 200, line: 1), w("Nội", 360, 200, line: 1),
                     w("vụ", 420, 200, line: 1), w("đề", 480, 200, line: 1)]
        let e2 = PageEvidence.read(words: page2, width: 1654, height: 2339, blank: false)
        #expect(e2.topPageNumber == 2 && e2.looksLikeContinuation && !e2.looksLikeFirstPage)

        // A body sentence naming the republic in lower case is not the national title.
        let body = [w("Căn", 300, 150, line: 0), w("cứ", 360, 150, line: 0), w("Cộng", 420, 150, line: 0),
                    w("hòa", 500, 150, line: 0), w("xã", 560, 150, line: 0), w("hội", 600, 150, line: 0),
                    w("chủ", 660, 150, line: 0), w("nghĩa", 720, 150, line: 0), w("Việt", 800, 150, line: 0), w("Nam", 860, 150, line: 0)]
        #expect(!PageEvidence.read(words: body, width: 1654, height: 2339, blank: false).nationalMotto)

        // Nothing legible and little ink: blank; lots of ink: never blank.
        #expect(PageEvidence.read(words: [], width: 1654, height: 2339, blank: false, inkMarks: 20).blank)
        #expect(!PageEvidence.read(words: [], width: 1654, height: 2339, blank: false, inkMarks: 300).blank)
    }
}

@Suite("Stack separation, duplex sheets")
struct DuplexSheetTests {
    @Test func backOfAWrittenSheetNeverStartsADocument() {
        let first = PageEvidence(blank: false, nationalMotto: true, wordCount: 200)
        // Sheet 1: front + back both look like first pages (a misread back): one document.
        let split = StackSplitter.split([first, first, first, .blankPage], options: SplitOptions(duplex: true))
        #expect(split.documents == [[1, 2], [3]])
    }
}
