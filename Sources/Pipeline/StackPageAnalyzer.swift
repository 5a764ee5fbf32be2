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
        // A stack's pages come in any way up, and a wrong turn also breaks the split.
        let (prepared, layout, orientationNote) = try await recognizer.recognizeUpright(page, doubtTurnedPages: true)
        let elapsed = ContinuousClock.now - started
        let words = layout.words.map {
            SeparationWord(text: $0.text, x: $0.box.x, y: $0.box.y, width: $0.box.width, height: $0.box.height, line: $0.line)
        }
        var evidence = PageEvidence.read(words: words, width: layout.width, height: layout.height, blank: false,
                                         inkMarks: ink.markCount)
        var secondLook = ""
        if !evidence.blank, !evidence.nationalMotto, evidence.topPageNumber == nil {
            // No national title and no page number: the full-page segmentation may have lost a
            // header under a stamp or in noise. Read the top right (the title's column) as one block.
            let image = prepared.ocrImage
            let box = PixelBox(x: Int(Double(image.width) * 0.45), y: Int(Double(image.height) * 0.02),
                               width: Int(Double(image.width) * 0.53), height: Int(Double(image.height) * 0.16))
            if let extra = try? await recognizer.readRegion(prepared, box: box, firstLine: 100_000), !extra.isEmpty {
                let more = words + extra.map {
                    SeparationWord(text: $0.text, x: $0.box.x, y: $0.box.y, width: $0.box.width, height: $0.box.height, line: $0.line)
                }
                let again = PageEvidence.read(words: more, width: layout.width, height: layout.height, blank: false,
                                              inkMarks: ink.markCount)
                secondLook = " second look: \(extra.count) words, motto \(again.nationalMotto)"
                evidence.nationalMotto = again.nationalMotto
            }
        }
        var inkLines: [TopLine] = []
        if !evidence.blank {
            // The page number is small and often misread by OCR, and a noisy header may be
            // illegible: look at the first lines in the ink too, on the page as OCR saw it
            // and (page number only) as scanned.
            let lines = (try? prepared.ocrImage.topLines(limit: 6)) ?? []
            inkLines = lines
            let inkColumns = PageEvidence.leadingTwoColumnLines(lines.filter { $0.top < 0.3 && !$0.looksLikePageNumber }
                .map { ($0.looksLikeTwoColumns, $0.minX, $0.maxX) })
            evidence.twoColumnRows = max(evidence.twoColumnRows, inkColumns)
            if evidence.topPageNumber == nil {
                let stored = prepared.rotation == 0 && evidence.wordCount >= 3 ? [] : (try? page.image.topLines(limit: 4)) ?? []
                if TopLine.pageNumberAtTop(lines) || TopLine.pageNumberAtTop(stored) {
                    evidence.topPageNumberMark = true
                }
            }
        }
        if Self.debug {
            let line = "split page \(index): score \(evidence.firstPageScore) motto \(evidence.nationalMotto) "
                + "header \(evidence.agencyHeader) date \(evidence.placeDateLine) columns \(evidence.twoColumnRows) "
                + "number \(evidence.topPageNumber.map(String.init) ?? (evidence.topPageNumberMark ? "mark" : "-")) "
                + "words \(evidence.wordCount) conf \(Int(layout.meanConfidence)) \(orientationNote)\(secondLook)"
                + " ink lines " + inkLines.prefix(4).map {
                    String(format: "[%.3f-%.3f top %.3f h %.3f gap %.3f m %d wg %.3f@%.2f]", $0.minX, $0.maxX, $0.top, $0.height,
                           $0.gapBelow, $0.marks, $0.widestGap, $0.widestGapCentre)
                }.joined(separator: " ") + "\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        return StackPage(index: index, decoded: page, ink: ink,
                         recognized: RecognizedPage(prepared: prepared, layout: layout), evidence: evidence,
                         ocrSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// INTAKE_SPLIT_DEBUG set: one line of evidence per page on standard error.
    static let debug = !(ProcessInfo.processInfo.environment["INTAKE_SPLIT_DEBUG"] ?? "").isEmpty
}
