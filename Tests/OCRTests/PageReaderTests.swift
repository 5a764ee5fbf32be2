import Foundation
import Testing
@testable import OCR

/// `DocumentDecoder.open`: the same pages as `decode`, one at a time, in any order, and
/// the whole file checked before any page is decoded.
@Suite struct PageReaderTests {
    let decoder = DocumentDecoder()

    func same(_ a: DecodedPage, _ b: DecodedPage) -> Bool {
        a.number == b.number && a.image.width == b.image.width && a.image.height == b.image.height
            && a.image.depth == b.image.depth && a.dpi == b.dpi && a.dpiAssumed == b.dpiAssumed
            && a.originalJPEG == b.originalJPEG
    }

    @Test(arguments: ["two-pages.tif", "scan-2p.pdf", "cong-van.jpg", "gray-no-dpi.png", "rotated-180.pdf"])
    func pagesOneAtATimeAreThePagesOfTheWholeFile(_ name: String) throws {
        let whole = try decoder.decode(fileAt: ScanFixtures.url(name))
        let reader = try decoder.open(fileAt: ScanFixtures.url(name))
        #expect(reader.format == whole.format)
        #expect(reader.pageCount == whole.pages.count)
        // Backwards, and one page twice: each read stands alone.
        for number in Array((1...reader.pageCount).reversed()) + [1] {
            let read = try reader.page(number)
            #expect(same(read.page, whole.pages[number - 1]), "\(name) page \(number)")
        }
        let warnings = try (1...reader.pageCount).compactMap { try reader.page($0).warning }
        #expect(warnings == whole.warnings)
    }

    @Test func aBrokenFileIsRefusedWhenOpened() throws {
        let scratch = try ScratchDirectory()
        let bad = try scratch.file("bad.pdf", Data("%PDF-1.4\nnot really\n".utf8))
        #expect(throws: DecodeError.self) { try decoder.open(fileAt: bad) }
        let empty = try scratch.file("empty.tif", Data())
        #expect(throws: DecodeError.emptyFile) { try decoder.open(fileAt: empty) }
    }
}
