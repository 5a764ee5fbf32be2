import Extraction
import Foundation
import OCR

/// Decode → Prepare → Recognize → Extract for files that are only read, never registered
/// (`intake extract`): the same steps as the daemon, without claim or registry.
public struct DocumentReader: Sendable {
    let decode: DocumentDecoder
    let recognize: RecognizeStep
    let extract: ExtractStep

    public struct Reading: Sendable {
        public let layouts: [PageLayout]
        public let fields: ExtractedFields
        /// What the fields were read from: replaying it through `FieldExtractor` gives `fields`.
        public let extractionInput: ExtractionInput
        /// Whole reading, and the share spent after the first full-page OCR pass.
        public let seconds: Double
        public let extractionSeconds: Double
    }

    public init(configuration: IntakeConfiguration) throws {
        decode = DocumentDecoder(limits: DecodeLimits(
            maxPixels: configuration.limits.maxPixels,
            assumedDPI: configuration.limits.assumedDPI,
            maxPages: configuration.limits.maxPages))
        let engines = try EnginePool(
            size: configuration.engineCount, language: configuration.ocr.language, dataPath: configuration.ocr.tessdata)
        let recognizer = PageRecognizer(pool: engines)
        recognize = RecognizeStep(recognizer: recognizer)
        extract = ExtractStep(recognizer: recognizer)
    }

    public func read(path: String) async -> Result<Reading, Error> {
        let started = ContinuousClock.now
        do {
            let decoded = try decode.decode(fileAt: URL(fileURLWithPath: path))
            let pages = try await recognize.run(decoded)
            let recognized = ContinuousClock.now
            let (fields, input) = await extract.read(pages, receivedAt: Date())
            let finished = ContinuousClock.now
            return .success(Reading(
                layouts: pages.map(\.layout), fields: fields, extractionInput: input,
                seconds: (finished - started).seconds, extractionSeconds: (finished - recognized).seconds))
        } catch {
            return .failure(error)
        }
    }

    /// Reads up to `concurrency` files at once; `report` is called in the order given.
    public func read(paths: [String], concurrency: Int, report: (String, Result<Reading, Error>) -> Void) async {
        await OrderedConcurrency.run(count: paths.count, window: concurrency) { index in
            await read(path: paths[index])
        } report: { index, result in
            report(paths[index], result)
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
