import Foundation
import Testing
@testable import OCR

/// A page whose top third read poorly with Otsu's threshold is read again with Sauvola's.
@Suite struct BinarisationTests {
    static let pool: EnginePool? = try? EnginePool(size: 1)

    /// A 1000 × 1500 page with `count` words read at `confidence`, eight to a line, the first
    /// line at `top`.
    private func page(words count: Int, confidence: Double, text: String = "chữ", top: Int = 40) -> PageLayout {
        let words = (0..<count).map { i in
            RecognizedWord(text: text, box: PixelBox(x: 40 + i % 8 * 115, y: top + i / 8 * 45, width: 100, height: 30),
                           confidence: confidence, block: 0, line: i / 8)
        }
        return PageLayout(width: 1000, height: 1500, dpi: 150, rotation: 0, skewAngle: 0, words: words, meanConfidence: confidence)
    }

    @Test func aTopThirdReadSurelyIsNotReadAgain() {
        let top = page(words: 80, confidence: 92).topReading
        #expect(top.legibleWords == 80 && top.meanConfidence == 92 && !top.isPoor)
        #expect(abs(top.score - 80 * 0.92) < 1e-9)
        // Only the top third counts: what is read further down does not make up for it.
        #expect(page(words: 80, confidence: 92, top: 520).topReading.legibleWords == 0)
    }

    @Test func aTopThirdReadUnsurelyOrHardlyAtAllIsReadAgain() {
        #expect(page(words: 80, confidence: 70).topReading.isPoor)
        // The header lost in shadow: the page's text is read below it, surely.
        #expect(page(words: 200, confidence: 95, top: 520).topReading.isPoor)
        // A blackened header read as specks: single characters are no words.
        let specks = page(words: 80, confidence: 95, text: "'.").topReading
        #expect(specks.legibleWords == 0 && specks.isPoor)
    }

    /// A phone photo shaded from the left (also askew, in perspective, blurred and noisy):
    /// one threshold for the whole page reads next to nothing of its top third, Sauvola's
    /// reads the agency, the number and the date; the page is read again and that kept.
    @Test func aShadedPhotoIsReadAgainWithSauvolaAndItsHeaderFound() async throws {
        let pool = try #require(Self.pool, "Tesseract with 'vie' must be installed")
        let page = try DocumentDecoder().decode(fileAt: ScanFixtures.url("shadow-phone.pdf")).pages[0]
        let recognizer = PageRecognizer(pool: pool)
        let (prepared, otsu) = try await recognizer.recognize(page)
        #expect(otsu.topReading.isPoor)
        let number = try ScanFixtures.documentNumber(of: "shadow-phone.pdf")
        #expect(number == "795/UBND-NN")
        let otsuText = ScanFixtures.squeezed(otsu.text)
        #expect(!otsuText.contains("NHÂNDÂN") && !otsuText.contains(number) && !otsuText.contains("LâmĐồng,ngày"))
        let sauvola = try await recognizer.recognize(prepared, binarisation: .sauvola)
        #expect(sauvola.topReading.score > 3 * otsu.topReading.score)
        #expect(!sauvola.topReading.isPoor)

        let (_, kept, note) = try await recognizer.recognizeUpright(page)
        #expect(note.hasSuffix("-> sauvola"))
        #expect(kept.topReading == sauvola.topReading)
        let text = ScanFixtures.squeezed(kept.text)
        #expect(text.contains("ỦYBANNHÂNDÂN") && text.contains(number) && text.contains("LâmĐồng,ngày02"))
        // The engine is back on Otsu's threshold for the next page.
        #expect(try await recognizer.recognize(page).1.topReading == otsu.topReading)
    }

    /// An even scan reads its top third surely the first time: it is read once.
    @Test func anEvenScanIsReadOnce() async throws {
        let pool = try #require(Self.pool, "Tesseract with 'vie' must be installed")
        let page = try DocumentDecoder().decode(fileAt: ScanFixtures.url("quyet-dinh.png")).pages[0]
        let (_, layout, note) = try await PageRecognizer(pool: pool).recognizeUpright(page)
        #expect(!layout.topReading.isPoor)
        #expect(!note.contains("sauvola"))
    }
}
