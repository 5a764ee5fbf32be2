import Foundation

/// Writes one searchable PDF/A-2b per document: each page is the scan at 100 % scale under
/// an invisible, extractable text layer.
public struct SearchablePDFWriter: Sendable {
    /// Zone for the Info and XMP dates; Vietnam time by default, as the register is kept there.
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current) {
        self.timeZone = timeZone
    }

    private static let compressedProfile = Flate.compress(SRGBProfile.data)!

    /// Writes durably: a crash leaves either the old file or the complete new one.
    public func write(pages: [PDFPageContent], metadata: PDFMetadata, to url: URL) throws {
        try DurableFile.write(data(pages: pages, metadata: metadata), to: url)
    }

    /// The file's bytes.
    public func data(pages: [PDFPageContent], metadata: PDFMetadata) throws -> Data {
        guard !pages.isEmpty else { throw PDFWriterError.noPages }
        guard metadata.documentID.count == 16 else {
            throw PDFWriterError.invalidDocumentID(byteCount: metadata.documentID.count)
        }
        for (index, page) in pages.enumerated() {
            guard page.dpi > 0 else { throw PDFWriterError.invalidResolution(page: index + 1, dpi: page.dpi) }
            guard [0, 90, 180, 270].contains(page.rotation) else {
                throw PDFWriterError.invalidRotation(page: index + 1, degrees: page.rotation)
            }
        }

        var file = PDFFileBuilder()
        let catalog = file.reserve()
        let pageTree = file.reserve()
        let font = GlyphlessFont.write(into: &file)
        var pageRefs: [PDFRef] = []
        for (index, page) in pages.enumerated() {
            pageRefs.append(try writePage(page, number: index + 1, parent: pageTree, font: font, into: &file))
        }
        file.write(pageTree, dictionary:
            "/Type /Pages /Kids [\(pageRefs.map(\.description).joined(separator: " "))] /Count \(pageRefs.count)")

        let info = PDFDocumentInfo(metadata, timeZone: timeZone)
        let xmp = file.add(stream: info.xmp, dictionary: "/Type /Metadata /Subtype /XML")
        let icc = file.add(stream: Self.compressedProfile, dictionary: "/N 3 /Filter /FlateDecode")
        let outputIntent = "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "
            + "/Info (sRGB IEC61966-2.1) /DestOutputProfile \(icc) >>"
        file.write(catalog, dictionary:
            "/Type /Catalog /Pages \(pageTree) /Metadata \(xmp) /OutputIntents [\(outputIntent)]")
        let infoRef = file.add(dictionary: info.infoDictionary)
        return file.finish(root: catalog, info: infoRef, documentID: metadata.documentID)
    }

    private func writePage(_ page: PDFPageContent, number: Int, parent: PDFRef, font: PDFRef,
                           into file: inout PDFFileBuilder) throws -> PDFRef {
        let image = try PDFImageEncoder.encode(page, pageNumber: number)
        let imageRef = file.add(stream: image.data, dictionary: image.dictionary)
        let geometry = PDFPageGeometry(pixelWidth: image.width, pixelHeight: image.height,
                                       dpi: page.dpi, rotation: page.rotation)
        let text = PDFTextLayer(fontResource: "/F0", scale: geometry.scale, pageHeight: geometry.height)
        let content = "q \(geometry.imageMatrix.map(PDFSyntax.number).joined(separator: " ")) cm /Im0 Do Q\n"
            + text.content(for: page.words)
        let contentRef = file.add(stream: Flate.compress(Data(content.utf8))!, dictionary: "/Filter /FlateDecode")
        return file.add(dictionary:
            "/Type /Page /Parent \(parent) /MediaBox \(PDFSyntax.array([0, 0, geometry.width, geometry.height])) "
            + "/Resources << /XObject << /Im0 \(imageRef) >> /Font << /F0 \(font) >> >> /Contents \(contentRef)")
    }
}
