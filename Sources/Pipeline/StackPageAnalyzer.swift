import Extraction
import Foundation
import OCR

/// Blank check (Leptonica, no OCR) then, for pages with writing, orientation + OCR, and the
/// splitting evidence read from the upright layout.
struct StackPageAnalyzer: Sendable {
    let recognizer: PageRecognizer

    func analyze(_ page: DecodedPage, index: Int) async throws -> StackPage {
        let ink = try page.image.inkStatistics()
        if ink.looksBlank {
            return StackPage(index: index, decoded: page, ink: ink, recognized: nil, evidence: .blankPage, ocrSeconds: 0)
        }
        let started = ContinuousClock.now
        let (prepared, layout) = try await recognizer.recognize(page)
        let elapsed = ContinuousClock.now - started
        let words = layout.words.map {
            SeparationWord(text: $0.text, x: $0.box.x, y: $0.box.y, width: $0.box.width, height: $0.box.height, line: $0.line)
        }
        var evidence = PageEvidence.read(words: words, width: layout.width, height: layout.height, blank: false,
                                         inkMarks: ink.markCount)
        // The page number is small and often misread by OCR: look for it in the ink too, on the
        // page as OCR saw it and as scanned (OSD can turn a sparse page the wrong way).
        if !evidence.blank, evidence.topPageNumber == nil {
            let upright = try? prepared.ocrImage.topLine()
            let stored = prepared.rotation == 0 && evidence.wordCount >= 3 ? nil : try? page.image.topLine()
            if upright?.looksLikePageNumber == true || stored?.looksLikePageNumber == true {
                evidence.topPageNumberMark = true
            }
        }
        return StackPage(index: index, decoded: page, ink: ink,
                         recognized: RecognizedPage(prepared: prepared, layout: layout), evidence: evidence,
                         ocrSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
