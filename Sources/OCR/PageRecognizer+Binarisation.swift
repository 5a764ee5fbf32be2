import Foundation

extension PageRecognizer {
    /// The page's reading, or — when its top third read poorly — a second reading with
    /// Sauvola's threshold if that one reads the top third clearly better. One threshold for
    /// the whole page loses the header, number and date of a phone photo in shadow, of faded
    /// toner or of a fax, where the page is plainly legible; on an even scan it reads better
    /// than Sauvola's, so a page that read well is not read again (and costs nothing more).
    func withBetterBinarisation(_ prepared: PreparedPage, _ layout: PageLayout) async throws
        -> (layout: PageLayout, note: String) {
        let first = layout.topReading
        guard first.isPoor else { return (layout, "") }
        let again = try await recognize(prepared, binarisation: .sauvola)
        let second = again.topReading
        let note = String(format: " top %.1f, sauvola %.1f", first.score, second.score)
        guard second.score > first.score * Self.clearlyBetter else { return (layout, note) }
        return (again, note + " -> sauvola")
    }

    /// How much more the second reading's top third must score to be kept: a page read
    /// about as well either way keeps the reading every page gets.
    static let clearlyBetter = 1.1

    /// Recognises a prepared page again, its ink told from its paper by `binarisation`.
    public func recognize(_ prepared: PreparedPage, binarisation: Binarisation) async throws -> PageLayout {
        try await pool.withEngine { engine in
            Self.layout(of: prepared, from: try engine.recognize(prepared.ocrImage, dpi: prepared.source.dpi,
                                                                 binarisation: binarisation))
        }
    }
}

/// How well the top third of a page read: where the header, the number, the date and the
/// title stand, and what a single threshold loses first on a shaded page.
public struct TopReading: Sendable, Equatable {
    /// Legible words (`RecognizedWord.isLegible`) whose middle lies in the top third.
    public let legibleWords: Int
    /// Their mean confidence, 0–100; 0 when there are none.
    public let meanConfidence: Double
    /// Their summed confidence, 0–1 each (`PageLayout.readingScore` of the top third).
    public let score: Double

    /// A page whose top third holds fewer legible words, or reads with less mean confidence,
    /// is read again. A top third read well holds some 50–150 legible words at 85–97 mean
    /// confidence (the normal and hard generated sets). A last page of a few lines is read
    /// again too, which costs little: there is little on it to read.
    static let fewWords = 30
    static let doubtfulConfidence = 80.0

    public var isPoor: Bool { legibleWords < Self.fewWords || meanConfidence < Self.doubtfulConfidence }
}

extension PageLayout {
    public var topReading: TopReading {
        let top = words.filter { $0.isLegible && $0.box.midY < Double(height) / 3 }
        let mean = top.isEmpty ? 0 : top.map(\.confidence).reduce(0, +) / Double(top.count)
        return TopReading(legibleWords: top.count, meanConfidence: mean, score: Self.score(of: top))
    }
}
