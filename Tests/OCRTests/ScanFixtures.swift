import Foundation
import Testing
@testable import OCR

/// The sample scans in Tests/Fixtures and their ground truth.
enum ScanFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    /// The document number ("so_ky_hieu") from the truth file next to a scan.
    static func documentNumber(of name: String) throws -> String {
        let base = (name as NSString).deletingPathExtension
        let truth = try JSONSerialization.jsonObject(with: data(base + ".truth.json")) as? [String: Any]
        return try #require(truth?["so_ky_hieu"] as? String)
    }

    /// Text compared without spaces and in NFC: OCR splits "25/QĐ- UBND" freely and may
    /// return decomposed diacritics.
    static func squeezed(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.filter { !$0.isWhitespace }
    }
}

/// A fresh directory for one test, removed afterwards.
final class ScratchDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ocr-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String, _ data: Data) throws -> URL {
        let target = url.appendingPathComponent(name)
        try data.write(to: target)
        return target
    }

    func path(_ name: String) -> URL { url.appendingPathComponent(name) }
}

/// Runs a command-line tool for test setup (qpdf, pdfimages).
@discardableResult
func runTool(_ tool: String, _ arguments: [String]) throws -> Subprocess.Result {
    try Subprocess(tool: tool, timeout: 60).runChecked(arguments)
}

/// Reads and patches little-endian TIFF directories, to build broken and hostile files
/// from good ones.
struct TIFFBytes {
    var data: Data

    struct Entry {
        let tag: UInt16
        let type: UInt16
        let count: UInt32
        let value: UInt32
        let position: Int   // offset of the 12-byte entry in the file
    }

    func u16(_ at: Int) -> UInt16 { UInt16(data[at]) | UInt16(data[at + 1]) << 8 }
    func u32(_ at: Int) -> UInt32 { (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[at + $1]) << (8 * UInt32($1)) } }

    /// Entries of each page's directory, in page order.
    var pages: [[Entry]] {
        precondition(data.starts(with: [0x49, 0x49, 0x2A, 0x00]), "little-endian TIFF expected")
        var result: [[Entry]] = []
        var offset = Int(u32(4))
        while offset != 0 {
            let count = Int(u16(offset))
            result.append((0..<count).map { i in
                let p = offset + 2 + 12 * i
                return Entry(tag: u16(p), type: u16(p + 2), count: u32(p + 4), value: u32(p + 8), position: p)
            })
            offset = Int(u32(offset + 2 + 12 * count))
        }
        return result
    }

    /// Offsets of a page's strips (tag 273), following the pointer when there are several.
    func stripOffsets(page: Int) -> [Int] {
        let entry = pages[page].first { $0.tag == 273 }!
        if entry.count == 1 { return [Int(entry.value)] }
        return (0..<Int(entry.count)).map { Int(entry.type == 4 ? u32(Int(entry.value) + 4 * $0) : UInt32(u16(Int(entry.value) + 2 * $0))) }
    }

    /// Overwrites a one-value SHORT or LONG tag in place.
    mutating func setValue(_ value: UInt32, ofTag tag: UInt16, page: Int) {
        let entry = pages[page].first { $0.tag == tag }!
        precondition(entry.count == 1)
        for i in 0..<(entry.type == 3 ? 2 : 4) { data[entry.position + 8 + i] = UInt8((value >> (8 * UInt32(i))) & 0xFF) }
    }
}
