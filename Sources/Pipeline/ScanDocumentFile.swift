import Foundation
import OCR

/// The file a document cut from a stack (or scanned) is kept as in the work folder, so it
/// is durable before it is registered and can be processed again after a crash:
/// - every page has its JPEG (scanned pages are JPEG-encoded once; copier PDFs carry JPEGs):
///   an image-only PDF embedding each JPEG byte for byte, which the decoder reads back
///   unchanged (pdfimages);
/// - otherwise a multi-page TIFF (deflate), lossless.
enum ScanDocumentFile {
    /// The file name extension the pages will be written with.
    static func fileExtension(for pages: [DecodedPage]) -> String {
        pages.allSatisfy { $0.originalJPEG != nil } ? "pdf" : "tif"
    }

    static func write(_ pages: [DecodedPage], to path: String) throws {
        if pages.allSatisfy({ $0.originalJPEG != nil }) {
            try imagePDF(pages).write(to: URL(fileURLWithPath: path))
        } else {
            try PageImage.writeMultipageTIFF(pages.map(\.image), to: path)
        }
    }

    /// A minimal PDF 1.4: one page per JPEG, page size from pixels and resolution.
    static func imagePDF(_ pages: [DecodedPage]) -> Data {
        var out = Data("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        func object(_ number: Int, _ body: Data) {
            while offsets.count < number { offsets.append(0) }
            offsets[number - 1] = out.count
            out.append(Data("\(number) 0 obj\n".utf8))
            out.append(body)
            out.append(Data("\nendobj\n".utf8))
        }
        let kids = pages.indices.map { "\(3 + 3 * $0) 0 R" }.joined(separator: " ")
        object(1, Data("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        object(2, Data("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>".utf8))
        for (i, page) in pages.enumerated() {
            let pageObj = 3 + 3 * i, imageObj = pageObj + 1, contentObj = pageObj + 2
            let jpeg = page.originalJPEG!
            let dpi = Double(max(1, page.dpi))
            let w = Double(page.image.width) * 72 / dpi, h = Double(page.image.height) * 72 / dpi
            let ws = String(format: "%.2f", w), hs = String(format: "%.2f", h)
            object(pageObj, Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(ws) \(hs)] /Resources << /XObject << /Im0 \(imageObj) 0 R >> >> /Contents \(contentObj) 0 R >>".utf8))
            let colorSpace = jpegComponents(jpeg) == 1 ? "/DeviceGray" : "/DeviceRGB"
            var image = Data("<< /Type /XObject /Subtype /Image /Width \(page.image.width) /Height \(page.image.height) /ColorSpace \(colorSpace) /BitsPerComponent 8 /Filter /DCTDecode /Length \(jpeg.count) >>\nstream\n".utf8)
            image.append(jpeg)
            image.append(Data("\nendstream".utf8))
            object(imageObj, image)
            let content = "q \(ws) 0 0 \(hs) 0 0 cm /Im0 Do Q"
            object(contentObj, Data("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream".utf8))
        }
        let xref = out.count
        var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out.append(Data(table.utf8))
        return out
    }

    /// Number of colour components in a JPEG's frame header (SOF0–SOF2); 3 when not found.
    static func jpegComponents(_ data: Data) -> Int {
        let bytes = [UInt8](data.prefix(64 * 1024))
        var i = 2
        while i + 9 < bytes.count {
            guard bytes[i] == 0xFF else { i += 1; continue }
            let marker = bytes[i + 1]
            if (0xC0...0xC2).contains(marker) { return Int(bytes[i + 9]) }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            i += 2 + length
        }
        return 3
    }
}
