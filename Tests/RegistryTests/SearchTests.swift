import Foundation
import Testing
@testable import Registry

@Suite struct SearchTests {
    let dir: TemporaryDirectory
    let registry: Registry
    let decision: IncomingDocument
    let letter: IncomingDocument
    let unaccented: IncomingDocument

    init() throws {
        dir = try TemporaryDirectory()
        registry = try openRegistry(dir)
        decision = try registry.register(newDocument(texts: [
            "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI\nSố: 15/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc phê duyệt kế hoạch",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        ]), storeFiles: dir.storePDF)
        letter = try registry.register(newDocument(texts: [
            "UBND HUYỆN SƠN LA\nV/v báo cáo tình hình thực hiện\nKính gửi: Sở Nội vụ",
        ]), storeFiles: dir.storePDF)
        // OCR without diacritics, as a poor scan gives.
        unaccented = try registry.register(newDocument(texts: ["Quyet Dinh ve viec thanh lap to cong tac"]), storeFiles: dir.storePDF)
    }

    func ids(_ query: String) throws -> Set<String> { Set(try registry.search(query).map(\.document.id)) }

    @Test func queryWithoutDiacriticsFindsTextWithThem() throws {
        #expect(try ids("quyet dinh") == [decision.id, unaccented.id])
        #expect(try ids("Dong Nai") == [decision.id])
        #expect(try ids("đồng nai") == [decision.id])
        #expect(try ids("ĐỒNG NAI") == [decision.id])
    }

    @Test func queryWithDiacriticsFindsTextWithoutThem() throws {
        #expect(try ids("Quyết định thành lập") == [unaccented.id])
    }

    @Test func wordsAreAndedAndTheLastIsAPrefix() throws {
        #expect(try ids("UBND") == [decision.id, letter.id])
        #expect(try ids("ubnd son la") == [letter.id])
        #expect(try ids("kính gử") == [letter.id])
        #expect(try ids("hiệu lực trong") == [])
        #expect(try ids("15/QĐ-UBND") == [decision.id])
    }

    @Test func oneHitPerDocumentWithASnippet() throws {
        let hits = try registry.search("quyết định")
        #expect(hits.count == 2)
        let hit = try #require(hits.first { $0.document.id == decision.id })
        #expect(hit.snippet.contains("«"))
        #expect(hit.snippet.lowercased().contains("«quyết»") || hit.snippet.lowercased().contains("«định»"))
        #expect(try registry.search("quyết định", limit: 1).count == 1)
    }

    @Test func anyUserTextIsSafe() throws {
        for garbage in ["\"AND OR (", "NOT", "*", "\"", "(((", "a:b", "NEAR(x y)", "^", "   ", "", "- -", "'; DROP TABLE x; --", "\u{0}"] {
            _ = try registry.search(garbage)
        }
        #expect(try ids("NOT") == [])
        #expect(try ids("\"quyết\" AND") == [])
        #expect(try ids("\"quyết\"") == [decision.id, unaccented.id])
    }

    @Test func queryBuilderQuotesEveryWord() {
        #expect(SearchQuery("quyết  định")?.pattern == "\"quyết\" \"định\" *")
        #expect(SearchQuery("a\"b OR")?.pattern == "\"a\"\"b\" \"OR\" *")
        #expect(SearchQuery("( ) - *") == nil)
        #expect(SearchQuery("") == nil)
    }
}
