import CLeptonica
import Foundation
import Testing
@testable import OCR

@Suite("PDF writer parts")
struct PDFComponentTests {
    @Test func numbersAreLocaleFreeWithoutExponent() {
        #expect(PDFSyntax.number(595.44) == "595.44")
        #expect(PDFSyntax.number(-0.00001) == "0")
        #expect(PDFSyntax.number(-12.5) == "-12.5")
        #expect(PDFSyntax.number(1e-7) == "0")
        #expect(PDFSyntax.number(1234567) == "1234567")
        #expect(PDFSyntax.number(0.01745) == "0.0175")
    }

    @Test func textStringsUseUTF16ForVietnamese() {
        #expect(PDFSyntax.textString("a (b) \\") == "(a \\(b\\) \\\\)")
        #expect(PDFSyntax.textString("Đ") == "<FEFF0110>")
    }

    @Test func infoAndXMPDatesAgree() {
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let vn = PDFSyntax.Timestamp(date, timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        #expect(vn.info == "D:20231115051320+07'00'" && vn.xmp == "2023-11-15T05:13:20+07:00")
        let west = PDFSyntax.Timestamp(date, timeZone: TimeZone(secondsFromGMT: -(3 * 3600 + 1800))!)
        #expect(west.info == "D:20231114184320-03'30'" && west.xmp == "2023-11-14T18:43:20-03:30")
    }

    @Test func jpegFrameHeaderIsRead() throws {
        let jpeg = try Data(contentsOf: PDFTestSupport.fixture("cong-van.jpg"))
        let frame = try #require(JPEGFrameHeader(jpeg))
        #expect(frame.width == 1654 && frame.height == 2339 && frame.components == 3 && frame.precision == 8)
        #expect(JPEGFrameHeader(Data("not a jpeg".utf8)) == nil)
    }

    @Test func grayJPEGEmbedsAsDeviceGrayAndCMYKIsRefused() throws {
        let gray = try PDFTestSupport.loadImage(PDFTestSupport.fixture("gray-no-dpi.png"))
        var bytes: UnsafeMutablePointer<UInt8>?
        var count = 0
        #expect(pixWriteMemJpeg(&bytes, &count, gray.pix, 75, 0) == 0)
        let grayJPEG = Data(bytes: bytes!, count: count)
        lept_free(bytes)
        #expect(PDFImageEncoder.embeddableJPEG(grayJPEG, matching: gray)?.colorSpace == "/DeviceGray")

        // A CMYK frame header: SOI, SOF0 with 4 components for a 1654×2339 picture.
        let cmyk = Data([0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x14, 0x08, 0x09, 0x23, 0x06, 0x76, 0x04] + Array(repeating: 0, count: 12))
        #expect(JPEGFrameHeader(cmyk)?.components == 4)
        #expect(PDFImageEncoder.embeddableJPEG(cmyk, matching: gray) == nil)
    }

    @Test func slantedWordRectangleFitsItsUprightBox() {
        let word = PDFWord(text: "x", x: 100, y: 200, width: 300, height: 40, angle: 2)
        let p = PDFWordPlacement(word, scale: 1, pageHeight: 1000)
        // The corners of the slanted rectangle span exactly the given box.
        let xs = [p.x, p.x + p.length * p.cos, p.x - p.size * p.sin, p.x + p.length * p.cos - p.size * p.sin]
        let ys = [p.y, p.y + p.length * p.sin, p.y + p.size * p.cos, p.y + p.length * p.sin + p.size * p.cos]
        #expect(abs(xs.min()! - 100) < 1e-6 && abs(xs.max()! - 400) < 1e-6)
        #expect(abs(ys.min()! - 760) < 1e-6 && abs(ys.max()! - 800) < 1e-6)
        #expect(p.size < 40 && p.length < 300 && p.length > 290)
    }

    @Test func glyphlessFontMatchesItsDeclaredWidths() {
        let font = [UInt8](GlyphlessFont.program)
        #expect(font.count == 572)
        func u16(_ at: Int) -> Int { Int(font[at]) << 8 | Int(font[at + 1]) }
        // Find the 'head' and 'hmtx' tables in the table directory.
        var tables: [String: Int] = [:]
        for i in 0..<u16(4) {
            let entry = 12 + 16 * i
            let tag = String(decoding: font[entry..<entry + 4], as: UTF8.self)
            tables[tag] = Int(font[entry + 8]) << 24 | Int(font[entry + 9]) << 16 | u16(entry + 10)
        }
        let unitsPerEm = u16(tables["head"]! + 18)
        let glyph1Advance = u16(tables["hmtx"]! + 4)
        #expect(glyph1Advance * 1000 / unitsPerEm == GlyphlessFont.glyphWidth)
        #expect(GlyphlessFont.codes(for: "Quyết\u{1F600}\n") == Array("Quyết".utf16))
    }

    @Test func srgbProfileHeaderIsConsistent() {
        let icc = [UInt8](SRGBProfile.data)
        func u32(_ at: Int) -> Int { icc[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(u32(0) == icc.count)
        #expect(String(decoding: icc[36..<40], as: UTF8.self) == "acsp")
        #expect(String(decoding: icc[12..<24], as: UTF8.self) == "mntrRGB XYZ ")
        #expect(u32(128) == 9)                             // tags
        for tag in 0..<9 {                                 // every tag lies inside the profile
            let entry = 132 + 12 * tag
            #expect(u32(entry + 4) % 4 == 0 && u32(entry + 4) + u32(entry + 8) <= icc.count)
        }
    }
}
