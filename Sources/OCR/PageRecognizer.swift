import Foundation

/// Prepares and recognises one page, holding a single engine for both steps (OSD and OCR
/// use the same engine's models, and the page is not queued twice).
public struct PageRecognizer: Sendable {
    public let pool: EnginePool
    public let preparer: PagePreparer

    public init(pool: EnginePool) {
        self.init(pool: pool, preparer: PagePreparer())
    }

    public init(pool: EnginePool, preparer: PagePreparer) {
        self.pool = pool
        self.preparer = preparer
    }

    public func recognize(_ page: DecodedPage) async throws -> (PreparedPage, PageLayout) {
        let preparer = self.preparer
        let (prepared, layout) = try await pool.withEngine { engine -> Pair in
            let prepared = try preparer.prepare(page, using: engine)
            let found = try engine.recognize(prepared.ocrImage, dpi: page.dpi)
            return Pair(prepared: prepared, layout: Self.layout(of: prepared, from: found))
        }.tuple
        return (prepared, layout)
    }

    /// Moves Tesseract's boxes from the deskewed image onto the upright page.
    static func layout(of page: PreparedPage, from found: RecognizedText) -> PageLayout {
        let skew = page.skewRotation
        let words = found.words.map { word -> RecognizedWord in
            var upright = word
            upright.box = skew.uprightBox(of: word.box)
            return upright
        }
        return PageLayout(width: page.uprightWidth, height: page.uprightHeight, dpi: page.source.dpi,
                          rotation: page.rotation, skewAngle: page.skewAngle,
                          words: words, meanConfidence: found.meanConfidence)
    }

    /// Carries both results out of the engine's queue as one Sendable value.
    private struct Pair: Sendable {
        let prepared: PreparedPage
        let layout: PageLayout
        var tuple: (PreparedPage, PageLayout) { (prepared, layout) }
    }
}
