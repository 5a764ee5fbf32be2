import Foundation

/// The document's descriptive data in its two required spellings, the Info dictionary and
/// the XMP packet, built from one set of cleaned values so PDF/A validators find them equal.
struct PDFDocumentInfo {
    static let producer = "intake searchable PDF writer"

    let title: String?
    let subject: String?
    let author: String?
    let keywords: String?
    let creator: String
    let timestamp: PDFSyntax.Timestamp
    let documentID: [UInt8]

    init(_ metadata: PDFMetadata, timeZone: TimeZone) {
        // Control characters are not allowed in XML; replace them the same way in both places.
        func clean(_ s: String?) -> String? {
            guard let s else { return nil }
            let scalars = s.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) }
            let cleaned = String(scalars).trimmingCharacters(in: .whitespaces)
            return cleaned.isEmpty ? nil : cleaned
        }
        title = clean(metadata.title)
        subject = clean(metadata.subject)
        author = clean(metadata.author)
        keywords = clean(metadata.keywords)
        creator = clean(metadata.creator) ?? "intake"
        timestamp = PDFSyntax.Timestamp(metadata.creationDate, timeZone: timeZone)
        documentID = metadata.documentID
    }

    var infoDictionary: String {
        var entries: [String] = []
        if let title { entries.append("/Title \(PDFSyntax.textString(title))") }
        if let subject { entries.append("/Subject \(PDFSyntax.textString(subject))") }
        if let author { entries.append("/Author \(PDFSyntax.textString(author))") }
        if let keywords { entries.append("/Keywords \(PDFSyntax.textString(keywords))") }
        entries.append("/Creator \(PDFSyntax.textString(creator))")
        entries.append("/Producer \(PDFSyntax.textString(Self.producer))")
        entries.append("/CreationDate (\(timestamp.info))")
        entries.append("/ModDate (\(timestamp.info))")
        return entries.joined(separator: " ")
    }

    /// The XMP packet (UTF-8, left uncompressed as PDF/A requires) declaring PDF/A-2b.
    var xmp: Data {
        func x(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        func alt(_ s: String) -> String {
            "<rdf:Alt><rdf:li xml:lang=\"x-default\">\(x(s))</rdf:li></rdf:Alt>"
        }
        var properties = [
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>B</pdfaid:conformance>",
            "<dc:format>application/pdf</dc:format>",
        ]
        if let title { properties.append("<dc:title>\(alt(title))</dc:title>") }
        if let subject { properties.append("<dc:description>\(alt(subject))</dc:description>") }
        if let author { properties.append("<dc:creator><rdf:Seq><rdf:li>\(x(author))</rdf:li></rdf:Seq></dc:creator>") }
        if let keywords { properties.append("<pdf:Keywords>\(x(keywords))</pdf:Keywords>") }
        properties += [
            "<pdf:Producer>\(x(Self.producer))</pdf:Producer>",
            "<xmp:CreatorTool>\(x(creator))</xmp:CreatorTool>",
            "<xmp:CreateDate>\(timestamp.xmp)</xmp:CreateDate>",
            "<xmp:ModifyDate>\(timestamp.xmp)</xmp:ModifyDate>",
            "<xmp:MetadataDate>\(timestamp.xmp)</xmp:MetadataDate>",
            "<xmpMM:DocumentID>uuid:\(uuid)</xmpMM:DocumentID>",
        ]
        let packet = """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about=""
                xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
                xmlns:dc="http://purl.org/dc/elements/1.1/"
                xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
                xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
               \(properties.joined(separator: "\n   "))
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="r"?>
            """
        return Data(packet.utf8)
    }

    private var uuid: String {
        let h = PDFSyntax.hex(documentID).lowercased()
        let c = Array(h)
        guard c.count == 32 else { return h }
        return [c[0..<8], c[8..<12], c[12..<16], c[16..<20], c[20..<32]].map { String($0) }.joined(separator: "-")
    }
}
