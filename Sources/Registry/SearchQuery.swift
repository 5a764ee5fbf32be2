import Foundation

/// A safe FTS5 query built from whatever the user typed.
///
/// Each whitespace-separated word becomes a quoted FTS5 string, so operators, brackets
/// and quotes in user text are plain text, never syntax. Words are implicitly ANDed;
/// the last word is a prefix so results appear while typing. A quoted word that the
/// tokenizer splits (`15/QĐ-UBND`) is matched as a phrase.
struct SearchQuery: Equatable {
    let pattern: String

    /// Nil when the text has nothing to search for (empty, or only punctuation).
    init?(_ text: String) {
        let words = text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace })
            .map { word in word.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) } }
            .map { String(String.UnicodeScalarView($0)) }
            // A word without letters or digits yields no token: an empty phrase would match nothing.
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
        guard !words.isEmpty else { return nil }
        let quoted = words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        pattern = quoted.dropLast().map { $0 + " " }.joined() + quoted.last! + " *"
    }
}

/// A document whose recognised text matches a search.
public struct SearchHit: Sendable {
    public var document: IncomingDocument
    /// The best matching page.
    public var pageNumber: Int
    /// Text around the match, matched words between « and ».
    public var snippet: String
    /// FTS5 bm25 rank: lower is better.
    public var rank: Double
}
