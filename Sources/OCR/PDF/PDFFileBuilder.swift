import Foundation

/// Writes numbered objects one after another and remembers where each starts, so the
/// cross-reference table can carry exact byte offsets. Numbers may be reserved before
/// the object is written, for forward references (a page points to its parent).
struct PDFFileBuilder {
    private(set) var bytes = Data()
    private var offsets: [Int?] = []

    init() {
        // The comment with bytes above 127 tells transfer tools the file is binary (PDF/A 6.1.2).
        bytes.append(contentsOf: Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3] + [0x0A])
    }

    mutating func reserve() -> PDFRef {
        offsets.append(nil)
        return PDFRef(number: offsets.count)
    }

    mutating func add(dictionary: String) -> PDFRef {
        let ref = reserve()
        write(ref, dictionary: dictionary)
        return ref
    }

    mutating func add(stream data: Data, dictionary: String = "") -> PDFRef {
        let ref = reserve()
        write(ref, stream: data, dictionary: dictionary)
        return ref
    }

    mutating func write(_ ref: PDFRef, dictionary: String) {
        begin(ref)
        append("<< \(dictionary) >>\nendobj\n")
    }

    /// `dictionary` holds the entries other than `/Length`, which is always the exact byte count.
    mutating func write(_ ref: PDFRef, stream data: Data, dictionary: String = "") {
        begin(ref)
        let entries = dictionary.isEmpty ? "" : dictionary + " "
        append("<< \(entries)/Length \(data.count) >>\nstream\n")
        bytes.append(data)
        append("\nendstream\nendobj\n")
    }

    /// Cross-reference table and trailer; every reserved object must have been written.
    mutating func finish(root: PDFRef, info: PDFRef, documentID: [UInt8]) -> Data {
        let xrefOffset = bytes.count
        append("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n")
        for (index, offset) in offsets.enumerated() {
            guard let offset else { preconditionFailure("PDF object \(index + 1) was reserved but never written") }
            let digits = String(offset)
            append(String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n")
        }
        let id = PDFSyntax.hex(documentID)
        append("trailer\n<< /Size \(offsets.count + 1) /Root \(root) /Info \(info) /ID [<\(id)> <\(id)>] >>\n")
        append("startxref\n\(xrefOffset)\n%%EOF\n")
        return bytes
    }

    private mutating func begin(_ ref: PDFRef) {
        precondition(offsets[ref.number - 1] == nil, "PDF object \(ref.number) written twice")
        offsets[ref.number - 1] = bytes.count
        append("\(ref.number) 0 obj\n")
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: Array(text.utf8))
    }
}
