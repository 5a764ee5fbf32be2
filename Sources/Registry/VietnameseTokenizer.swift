import GRDB

/// FTS5 tokenizer for Vietnamese text: `unicode61 remove_diacritics 2`, plus đ → d.
///
/// unicode61 lower-cases and strips tone and vowel marks (Quyết → quyet, Hòa/Hoà → hoa),
/// but đ is a letter of its own in Unicode, not d with a mark, so "dinh" would not find
/// "định" without the extra fold. Folding the same way on both sides lets a query typed
/// without diacritics find text with them, and the other way round.
final class VietnameseTokenizer: FTS5WrapperTokenizer {
    static let name = "vietnamese"
    let wrappedTokenizer: any FTS5Tokenizer

    init(db: Database, arguments: [String]) throws {
        wrappedTokenizer = try db.makeTokenizer(.unicode61(diacritics: .remove))
    }

    func accept(
        token: String,
        flags: FTS5TokenFlags,
        for tokenization: FTS5Tokenization,
        tokenCallback: FTS5WrapperTokenCallback
    ) throws {
        // unicode61 has already lower-cased Đ; fold both anyway in case that ever changes.
        guard token.contains(where: { $0 == "đ" || $0 == "Đ" }) else {
            try tokenCallback(token, flags)
            return
        }
        let folded = String(token.map { $0 == "đ" || $0 == "Đ" ? "d" : $0 })
        try tokenCallback(folded, flags)
    }
}
