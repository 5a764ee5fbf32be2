import Foundation
import OCR

/// Decode → Prepare → Recognize → Extract for files that are only read, never registered
/// (`intake extract`): the same steps as the daemon, without claim or registry.
public struct DocumentReader: Sendable {
    let decode: DocumentDecoder
    let recognize: RecognizeStep

    public struct Reading: Sendable {
        public let layouts: [PageLayout]
        public let seconds: Double
    }

    public init(configuration: IntakeConfiguration) throws {
        decode = DocumentDecoder(limits: DecodeLimits(
            maxPixels: configuration.limits.maxPixels,
            assumedDPI: configuration.limits.assumedDPI,
            maxPages: configuration.limits.maxPages))
        let engines = try EnginePool(
            size: configuration.engineCount, language: configuration.ocr.language, dataPath: configuration.ocr.tessdata)
        recognize = RecognizeStep(recognizer: PageRecognizer(pool: engines))
    }

    public func read(path: String) async -> Result<Reading, Error> {
        let started = ContinuousClock.now
        do {
            let decoded = try decode.decode(fileAt: URL(fileURLWithPath: path))
            let pages = try await recognize.run(decoded)
            let elapsed = ContinuousClock.now - started
            return .success(Reading(
                layouts: pages.map(\.layout),
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
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
