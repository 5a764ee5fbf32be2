import CLeptonica
import Foundation

/// An image XObject ready to be written: the dictionary entries and the encoded bytes.
struct PDFImageStream {
    let width: Int
    let height: Int
    let bitsPerComponent: Int
    let colorSpace: String      // "/DeviceRGB" or "/DeviceGray"
    let filter: String          // "/DCTDecode", "/FlateDecode" or "/CCITTFaxDecode"
    let decodeParms: String?
    let data: Data

    var dictionary: String {
        var d = "/Type /XObject /Subtype /Image /Width \(width) /Height \(height) "
            + "/ColorSpace \(colorSpace) /BitsPerComponent \(bitsPerComponent) /Filter \(filter)"
        if let decodeParms { d += " /DecodeParms \(decodeParms)" }
        return d
    }
}

/// Chooses the lossless-to-the-input encoding for a page: the scanner's JPEG as is, else
/// CCITT G4 for bilevel and Flate for gray and colour. Never binarises or drops colour,
/// because seals and urgency marks carry meaning in red.
enum PDFImageEncoder {
    static func encode(_ page: PDFPageContent, pageNumber: Int) throws -> PDFImageStream {
        if let jpeg = page.originalJPEG, let stream = embeddableJPEG(jpeg, matching: page.image) {
            return stream
        }
        return try encodeWithLeptonica(page.image, pageNumber: pageNumber)
    }

    /// The JPEG bytes unchanged, if a PDF reader can show them as the page's picture:
    /// 8-bit gray or RGB (CMYK/YCCK would need a Decode array and a CMYK output intent)
    /// with the same pixel size as the image the words were measured on.
    static func embeddableJPEG(_ jpeg: Data, matching image: PageImage) -> PDFImageStream? {
        guard let frame = JPEGFrameHeader(jpeg), frame.precision == 8,
              frame.components == 1 || frame.components == 3,
              frame.width == image.width, frame.height == image.height else { return nil }
        return PDFImageStream(width: frame.width, height: frame.height, bitsPerComponent: 8,
                              colorSpace: frame.components == 1 ? "/DeviceGray" : "/DeviceRGB",
                              filter: "/DCTDecode", decodeParms: nil, data: jpeg)
    }

    static func encodeWithLeptonica(_ image: PageImage, pageNumber: Int) throws -> PDFImageStream {
        guard let ready = image.pdfReady() else {
            throw PDFWriterError.imageEncodingFailed(page: pageNumber, depth: image.depth)
        }
        let bilevel = ready.depth == 1
        var cidOrNil: UnsafeMutablePointer<L_COMP_DATA>?
        let status = pixGenerateCIData(ready.pix, Int32(bilevel ? L_G4_ENCODE : L_FLATE_ENCODE),
                                       0, 0, &cidOrNil)
        guard status == 0, let cid = cidOrNil else {
            throw PDFWriterError.imageEncodingFailed(page: pageNumber, depth: image.depth)
        }
        defer { l_CIDataDestroy(&cidOrNil) }
        let c = cid.pointee
        guard let compressed = c.datacomp, c.ncolors == 0 else {
            throw PDFWriterError.imageEncodingFailed(page: pageNumber, depth: image.depth)
        }
        let data = Data(bytes: compressed, count: c.nbytescomp)
        if bilevel {
            // Leptonica writes G4 min-is-white: a 0 bit decodes to black, the PDF default.
            let blackIs1 = c.minisblack != 0 ? " /BlackIs1 true" : ""
            return PDFImageStream(width: Int(c.w), height: Int(c.h), bitsPerComponent: 1, colorSpace: "/DeviceGray",
                                  filter: "/CCITTFaxDecode",
                                  decodeParms: "<< /K -1 /Columns \(c.w) /Rows \(c.h)\(blackIs1) >>", data: data)
        }
        let colors = Int(c.spp)
        let parms = c.predictor != 0
            ? "<< /Predictor 14 /Colors \(colors) /BitsPerComponent \(c.bps) /Columns \(c.w) >>" : nil
        return PDFImageStream(width: Int(c.w), height: Int(c.h), bitsPerComponent: Int(c.bps),
                              colorSpace: colors == 3 ? "/DeviceRGB" : "/DeviceGray",
                              filter: "/FlateDecode", decodeParms: parms, data: data)
    }
}

extension PageImage {
    /// A copy in one of the three forms a PDF page image takes here: 1-bit, 8-bit gray or
    /// 24-bit RGB without alpha (PDF/A forbids transparency) and without a colormap.
    func pdfReady() -> PageImage? {
        var current: UnsafeMutablePointer<PIX>? = pixClone(pix)
        func replace(_ next: UnsafeMutablePointer<PIX>?) {
            pixDestroy(&current)
            current = next
        }
        if pixGetColormap(current) != nil {
            replace(pixRemoveColormap(current, Int32(REMOVE_CMAP_BASED_ON_SRC)))
        }
        guard let p = current else { return nil }
        switch pixGetDepth(p) {
        case 1, 8: break
        case 2, 4: replace(pixConvertTo8(p, 0))
        case 16: replace(pixConvert16To8(p, Int32(L_MS_BYTE)))
        case 32: if pixGetSpp(p) == 4 { replace(pixRemoveAlpha(p)) }
        default: replace(pixConvertTo32(p))
        }
        guard let result = current else { return nil }
        return PageImage(owning: result)
    }
}
