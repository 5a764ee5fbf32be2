import Foundation
import Testing
@testable import OCR

/// Real OCR of the sample scans (each page takes a few seconds).
@Suite struct RecognitionTests {
    /// One engine for the suite: loading Vietnamese once keeps the suite quick.
    static let pool: EnginePool? = try? EnginePool(size: 1)

    private func recognize(_ name: String, page: Int = 1) async throws -> (PreparedPage, PageLayout) {
        let pool = try #require(Self.pool, "Tesseract with 'vie' must be installed")
        let document = try DocumentDecoder().decode(fileAt: ScanFixtures.url(name))
        return try await PageRecognizer(pool: pool).recognize(document.pages[page - 1])
    }

    /// The "Số" word on the line carrying the document number.
    private func numberLabel(in layout: PageLayout, number: String) throws -> RecognizedWord {
        let lines = Dictionary(grouping: layout.words, by: \.line)
        let line = try #require(lines.first { ScanFixtures.squeezed($0.value.map(\.text).joined()).contains(number) }?.key,
                                "no line with \(number)")
        return try #require(layout.words.first { $0.line == line && $0.text.precomposedStringWithCanonicalMapping.hasPrefix("Số") })
    }

    @Test func uprightDecisionFindsItsNumber() async throws {
        let (prepared, layout) = try await recognize("quyet-dinh.png")
        let number = try ScanFixtures.documentNumber(of: "quyet-dinh.png")
        #expect(number == "25/QĐ-UBND")
        #expect(ScanFixtures.squeezed(layout.text).contains(number))
        #expect(layout.meanConfidence > 50)
        #expect(prepared.rotation == 0 && layout.rotation == 0)
        #expect(prepared.ocrImage.depth == 8)
        #expect((layout.width, layout.height, layout.dpi) == (1654, 2339, 200))

        // Boxes are in page coordinates: the number line sits in the top third, left half.
        let label = try numberLabel(in: layout, number: number)
        #expect(label.box.midY < Double(layout.height) / 3)
        #expect(label.box.midX < Double(layout.width) / 2)
        for word in layout.words {
            #expect(word.box.x >= 0 && word.box.y >= 0 && word.box.x + word.box.width <= layout.width && word.box.y + word.box.height <= layout.height)
            #expect((0...100).contains(word.confidence))
        }
        // Reading order: line numbers never go back, blocks are separated by a blank line.
        #expect(zip(layout.words, layout.words.dropFirst()).allSatisfy { $0.line <= $1.line && $0.block <= $1.block })
        #expect(layout.text.contains("\n\n"))
        #expect(Set(layout.words.map(\.block)).count >= 2)
    }

    @Test func aRegionReadForDigitsHoldsOnlyDigitsAndTheEngineThenReadsEverything() async throws {
        let pool = try #require(Self.pool, "Tesseract with 'vie' must be installed")
        let (prepared, layout) = try await recognize("quyet-dinh.png")
        let thang = try #require(layout.words.first {
            $0.text.precomposedStringWithCanonicalMapping == "tháng" && $0.box.midY < Double(layout.height) / 3
        })
        let line = layout.words.filter { $0.line == thang.line }.map(\.box).reduce(thang.box) { $0.union($1) }
        let recognizer = PageRecognizer(pool: pool)
        let before = try await recognizer.reread(prepared, region: line, segmentation: .singleLine)
        #expect(before.contains { $0.text.contains(where: \.isLetter) })
        let digits = try await recognizer.reread(prepared, region: line, segmentation: .singleLine, digitsOnly: true)
        #expect(digits.count >= 2)
        #expect(digits.allSatisfy { $0.text.allSatisfy(\.isNumber) })
        // The limit was for that reading only: the same engine reads the line as before.
        let again = try await recognizer.reread(prepared, region: line, segmentation: .singleLine)
        #expect(again.map(\.text) == before.map(\.text))
    }

    @Test func pageTurnedAQuarterClockwiseIsTurnedBack() async throws {
        let (prepared, layout) = try await recognize("rotated-90.jpg")
        // Stored with its top on the right: a 270° clockwise turn makes it upright.
        #expect(prepared.rotation == 270)
        #expect(prepared.orientationConfidence > 2)
        #expect((prepared.source.image.width, prepared.source.image.height) == (2339, 1654))
        #expect((layout.width, layout.height) == (1654, 2339))
        // The number itself is stamped in violet by a numbering machine and reads either
        // way ("1505" or "1565"); the printed symbol after it is what proves the page is upright.
        let number = try ScanFixtures.documentNumber(of: "rotated-90.jpg")
        let symbol = String(number.drop { $0 != "/" })
        #expect(ScanFixtures.squeezed(layout.text).contains(symbol))
        let label = try numberLabel(in: layout, number: symbol)
        #expect(label.box.midY < Double(layout.height) / 3)
        #expect(label.box.midX < Double(layout.width) / 2)
    }

    @Test func upsideDownPDFPageIsTurnedBack() async throws {
        let (prepared, layout) = try await recognize("rotated-180.pdf")
        #expect(prepared.rotation == 180)
        #expect(layout.rotation == 180)
        let number = try ScanFixtures.documentNumber(of: "rotated-180.pdf")
        #expect(ScanFixtures.squeezed(layout.text).contains(number))
        // This scan is also askew: the correction is recorded and small.
        #expect(abs(prepared.skewAngle) <= 5)
        #expect(layout.skewAngle == prepared.skewAngle)
        let label = try numberLabel(in: layout, number: number)
        #expect(label.box.midY < Double(layout.height) / 3)
        #expect(label.box.midX < Double(layout.width) / 2)
    }

    @Test func blankPageHasNoWords() async throws {
        let pool = try #require(Self.pool)
        let page = DecodedPage(number: 1, image: PageImage.blank(width: 800, height: 1100, dpi: 100), dpi: 100,
                               dpiAssumed: false, originalJPEG: nil)
        let (prepared, layout) = try await PageRecognizer(pool: pool).recognize(page)
        #expect(prepared.rotation == 0 && prepared.skewAngle == 0)
        #expect(layout.words.isEmpty && layout.text.isEmpty)
        #expect((layout.width, layout.height, layout.dpi) == (800, 1100, 100))
    }

    @Test func layoutSurvivesJSON() throws {
        let words = [
            RecognizedWord(text: "Số:", box: PixelBox(x: 1, y: 2, width: 3, height: 4), confidence: 90, block: 0, line: 0),
            RecognizedWord(text: "25/QĐ-UBND", box: PixelBox(x: 5, y: 2, width: 30, height: 4), confidence: 80, block: 0, line: 0),
            RecognizedWord(text: "QUYẾT", box: PixelBox(x: 1, y: 9, width: 9, height: 4), confidence: 70, block: 0, line: 1),
            RecognizedWord(text: "Điều", box: PixelBox(x: 1, y: 20, width: 9, height: 4), confidence: 60, block: 1, line: 2),
        ]
        let layout = PageLayout(width: 100, height: 200, dpi: 200, rotation: 90, skewAngle: -1.5, words: words, meanConfidence: 75)
        #expect(layout.text == "Số: 25/QĐ-UBND\nQUYẾT\n\nĐiều")
        let decoded = try JSONDecoder().decode(PageLayout.self, from: JSONEncoder().encode(layout))
        #expect(decoded.words == words && decoded.text == layout.text && decoded.rotation == 90 && decoded.skewAngle == -1.5)
    }
}
