import Extraction
import Foundation
import OCR
import Registry

/// Step 5b: the metadata fields, from the OCR layout plus a second look where the first
/// pass was doubtful (regions re-read alone, some on black print alone; the coloured-ink
/// layer of page 1 for stamped marks).
struct ExtractStep: Sendable {
    let extractor = FieldExtractor()
    let recognizer: PageRecognizer

    func run(_ pages: [RecognizedPage], receivedAt: Date) async -> ExtractedFields {
        await read(pages, receivedAt: receivedAt).fields
    }

    /// The fields and everything they were read from.
    func read(_ pages: [RecognizedPage], receivedAt: Date) async -> (fields: ExtractedFields, input: ExtractionInput) {
        let layouts = pages.enumerated().map { Self.layoutPage($1.layout, number: $0 + 1) }
        let arrival = Calendar(identifier: .gregorian).dateComponents(in: VietnamTime.timeZone, from: receivedAt)
        var timing = StepTiming()
        var ink: [Int: [LayoutWord]] = [:]
        if let first = pages.first, let words = try? await recognizer.readColouredInk(first.prepared) {
            ink[1] = words.map(Self.layoutWord)
        }
        timing.lap("ink")
        let firstPass = extractor.extract(pages: layouts, inkWords: ink, arrival: arrival)
        var rereads: [Reread] = []
        for request in extractor.rereadRequests(for: firstPass, pages: layouts) {
            let page = pages[request.page - 1].prepared
            let region = PixelBox(x: request.box.x, y: request.box.y, width: request.box.width, height: request.box.height)
            let segmentation: PageSegmentation = switch request.segmentation {
            case .singleLine: .singleLine
            case .block: .block
            case .sparse: .sparse
            }
            // Black print alone is separated in the region only: the whole page's costs more
            // than reading it.
            let read = request.ink == .blackOnly
                ? try? await recognizer.rereadBlackPrint(page, region: region, segmentation: segmentation, scale: request.scale)
                : try? await recognizer.reread(page, region: region, segmentation: segmentation,
                                               scale: request.scale, digitsOnly: request.digitsOnly)
            guard let words = read else { continue }
            rereads.append(Reread(purpose: request.purpose, page: request.page, words: words.map(Self.layoutWord),
                                  region: request.box))
            timing.lap(request.purpose.rawValue)
        }
        // Stamped frames near the number (urgency and secrecy marks), each read on its own.
        if let first = pages.first,
           let frames = try? await recognizer.readMarkFrames(first.prepared, readsAsMark: { FieldExtractor.frameReadsAsMark($0.map(Self.layoutWord)) }) {
            rereads += frames.map { frame in
                Reread(purpose: .markFrame, page: 1, words: frame.words.map(Self.layoutWord),
                       region: Box(x: frame.box.x, y: frame.box.y, width: frame.box.width, height: frame.box.height))
            }
        }
        timing.lap("frames")
        timing.report()
        let input = ExtractionInput(pages: layouts, inkWords: ink, rereads: rereads, arrival: arrival)
        guard !rereads.isEmpty else { return (firstPass, input) }
        return (extractor.extract(input), input)
    }

    static func layoutPage(_ layout: PageLayout, number: Int) -> LayoutPage {
        LayoutPage(number: number, width: layout.width, height: layout.height, dpi: layout.dpi,
                   words: layout.words.map(layoutWord))
    }

    static func layoutWord(_ w: RecognizedWord) -> LayoutWord {
        LayoutWord(text: w.text, box: Box(x: w.box.x, y: w.box.y, width: w.box.width, height: w.box.height),
                   confidence: w.confidence, block: w.block, line: w.line)
    }
}

/// INTAKE_DEBUG_TIMING set: where a document's second looks spent their time, one line on
/// standard error (for tuning the extraction's share of a page's time).
struct StepTiming {
    static let enabled = ProcessInfo.processInfo.environment["INTAKE_DEBUG_TIMING"] != nil
    private var last = ContinuousClock.now
    private var laps: [String] = []

    mutating func lap(_ name: String) {
        guard Self.enabled else { return }
        let now = ContinuousClock.now
        laps.append(String(format: "%@ %.2f", name, (now - last).seconds))
        last = now
    }

    func report() {
        guard Self.enabled else { return }
        FileHandle.standardError.write(Data(("extraction timing: " + laps.joined(separator: ", ") + "\n").utf8))
    }
}
