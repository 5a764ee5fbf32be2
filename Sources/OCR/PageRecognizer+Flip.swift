import Foundation

extension PageRecognizer {
    /// Recognises the page, then — when the reading is in doubt — again turned half round,
    /// keeping the way up that reads clearly better. OSD decides on few characters and is
    /// fooled by noise: a page read upside down loses every field. Last, a page whose top
    /// third read poorly is read again with Sauvola's threshold (`withBetterBinarisation`).
    /// `doubtTurnedPages`: also take a second opinion on every page OSD turned.
    public func recognizeUpright(_ page: DecodedPage, doubtTurnedPages: Bool = false) async throws
        -> (prepared: PreparedPage, layout: PageLayout, note: String) {
        var (prepared, layout) = try await recognize(page)
        var note = "osd \(prepared.rotation)"
        if Self.orientationInDoubt(prepared: prepared, layout: layout, doubtTurnedPages: doubtTurnedPages) {
            let (turned, turnedLayout) = try await recognizeTurnedHalfRound(prepared)
            note += String(format: " read %.1f, turned %.1f", layout.readingScore, turnedLayout.readingScore)
            if Self.readsBetter(turnedLayout.readingScore, than: layout.readingScore) {
                (prepared, layout) = (turned, turnedLayout)
                note += " -> \(prepared.rotation)"
            }
        }
        let binarised = try await withBetterBinarisation(prepared, layout)
        return (prepared, binarised.layout, note + binarised.note)
    }

    /// A page with fewer legible words than this, or read with less mean confidence, is
    /// read a second time turned half round.
    static let sparseWords = 80
    static let doubtfulConfidence = 65.0

    static func orientationInDoubt(prepared: PreparedPage, layout: PageLayout, doubtTurnedPages: Bool) -> Bool {
        let legible = layout.words.filter(\.isLegible).count
        return (doubtTurnedPages && prepared.rotation != 0) || legible < sparseWords || layout.meanConfidence < doubtfulConfidence
    }

    /// The other way up wins only clearly: more confidently read words by a margin.
    static func readsBetter(_ candidate: Double, than current: Double) -> Bool {
        candidate > current * 1.2 + 2
    }

    /// Recognises a prepared page again turned half round (180°): the second opinion on
    /// orientation for sparse pages, where OSD has few characters to go by. The result is
    /// the page as if OSD had said the other way up (rotation + 180, same deskew).
    public func recognizeTurnedHalfRound(_ prepared: PreparedPage) async throws -> (PreparedPage, PageLayout) {
        let result = try await pool.withEngine { engine -> FlipPair in
            let image = try prepared.ocrImage.rotatedClockwise(degrees: 180)
            let turned = PreparedPage(source: prepared.source, rotation: (prepared.rotation + 180) % 360,
                                      orientationConfidence: 0, skewAngle: prepared.skewAngle, ocrImage: image)
            let found = try engine.recognize(image, dpi: prepared.source.dpi)
            return FlipPair(prepared: turned, layout: Self.layout(of: turned, from: found))
        }
        return (result.prepared, result.layout)
    }

    private struct FlipPair: @unchecked Sendable {
        let prepared: PreparedPage
        let layout: PageLayout
    }
}

extension PageLayout {
    /// How well the page read: the summed confidence (0–1 each) of its legible words. Text
    /// read upside down yields few such words, at low confidence.
    public var readingScore: Double {
        Self.score(of: words.filter(\.isLegible))
    }

    /// The summed confidence (0–1 each) of `words`.
    static func score(of words: [RecognizedWord]) -> Double {
        words.reduce(0) { $0 + max(0, $1.confidence) / 100 }
    }
}

extension RecognizedWord {
    /// At least two letters or digits: a word, a number, a symbol — not a speck, a rule or
    /// a stray mark read as a character.
    var isLegible: Bool {
        text.filter { $0.isLetter || $0.isNumber }.count >= 2
    }
}

extension PageRecognizer {
    /// Reads one region of a prepared page again as a single block of text: a second look at
    /// the header when the full-page segmentation lost it (a stamp over it, noise around it).
    /// `box` is in the coordinates of `prepared.ocrImage`; the words come back in them, on
    /// lines numbered from `firstLine`.
    public func readRegion(_ prepared: PreparedPage, box: PixelBox, firstLine: Int) async throws -> [RecognizedWord] {
        let words = try await pool.withEngine { engine -> [RecognizedWord] in
            let crop = try prepared.ocrImage.cropped(to: box)
            let found = try engine.recognize(crop, dpi: prepared.source.dpi, segmentation: .block)
            return found.words
        }
        return words.map { word in
            var moved = word
            moved.box.x += box.x
            moved.box.y += box.y
            moved.line += firstLine
            return moved
        }
    }
}
