import CLeptonica
import Foundation
import Testing
@testable import OCR

/// Broken, hostile and unsupported files are refused with the error an operator can act on.
@Suite struct BadInputTests {
    let decoder = DocumentDecoder()

    private func decodeError(_ name: String, _ data: Data, limits: DecodeLimits = .init()) throws -> DecodeError? {
        let scratch = try ScratchDirectory()
        let url = try scratch.file(name, data)
        do {
            let document = try DocumentDecoder(limits: limits).decode(fileAt: url)
            Issue.record("decoded \(document.pages.count) page(s) from a bad \(name)")
            return nil
        } catch let error as DecodeError {
            #expect(!error.description.isEmpty)
            return error
        }
    }

    @Test func emptyFile() throws {
        #expect(try decodeError("scan.pdf", Data()) == .emptyFile)
    }

    @Test func missingFileIsUnreadable() throws {
        #expect {
            try decoder.decode(fileAt: URL(fileURLWithPath: "/nonexistent/scan.pdf"))
        } throws: { error in
            guard case .unreadable = error as? DecodeError else { return false }
            return true
        }
    }

    @Test func textRenamedToPDF() throws {
        let error = try decodeError("letter.pdf", Data("Kính gửi: Sở Nội vụ\nNội dung công văn...\n".utf8))
        guard case .unsupportedFormat(let detail) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(detail.contains("letter.pdf") && detail.contains("text"))
        #expect(error!.description.contains("not a PDF, TIFF, PNG or JPEG"))
    }

    @Test func truncatedPNG() throws {
        let png = try ScanFixtures.data("quyet-dinh.png")
        let error = try decodeError("scan.png", png.prefix(png.count / 2))
        guard case .corrupt = error else { Issue.record("got \(String(describing: error))"); return }
    }

    @Test func truncatedJPEG() throws {
        let jpeg = try ScanFixtures.data("cong-van.jpg")
        let error = try decodeError("scan.jpg", jpeg.prefix(jpeg.count / 2))
        guard case .corrupt(let detail) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(detail.contains("JPEG"))
    }

    @Test func tiffWithBrokenSecondPage() throws {
        var tiff = TIFFBytes(data: try ScanFixtures.data("two-pages.tif"))
        // Zeroes are not a valid deflate stream: page 2 cannot be decompressed.
        let strip = tiff.stripOffsets(page: 1)[0]
        tiff.data.replaceSubrange(strip..<strip + 64, with: Data(count: 64))
        let error = try decodeError("scan.tif", tiff.data)
        guard case .corrupt(let detail) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(detail.contains("page 2"))
    }

    @Test func encryptedPDF() throws {
        let scratch = try ScratchDirectory()
        let locked = scratch.path("locked.pdf")
        try runTool("qpdf", ["--encrypt", "user", "owner", "256", "--", ScanFixtures.url("scan-2p.pdf").path, locked.path])
        #expect(throws: DecodeError.encrypted) { try decoder.decode(fileAt: locked) }

        // Only an owner password: readable, but still refused as the contract says.
        let restricted = scratch.path("restricted.pdf")
        try runTool("qpdf", ["--encrypt", "", "owner", "256", "--", ScanFixtures.url("scan-2p.pdf").path, restricted.path])
        #expect(throws: DecodeError.encrypted) { try decoder.decode(fileAt: restricted) }
    }

    @Test func pdfWithoutPages() throws {
        let scratch = try ScratchDirectory()
        let empty = scratch.path("empty.pdf")
        try runTool("qpdf", ["--empty", empty.path])
        #expect(throws: DecodeError.noPages) { try decoder.decode(fileAt: empty) }
        #expect(try decodeError("hand-made.pdf", MinimalPDF.rectangles(pages: 0, width: 100, height: 100)) == .noPages)
    }

    @Test func brokenPDF() throws {
        let error = try decodeError("scan.pdf", Data("%PDF-1.4\nthis is not a PDF body at all\n".utf8))
        guard case .corrupt = error else { Issue.record("got \(String(describing: error))"); return }
    }

    @Test func tooManyPages() throws {
        let limits = DecodeLimits(maxPages: 1)
        #expect(try decodeError("scan.tif", ScanFixtures.data("two-pages.tif"), limits: limits) == .tooManyPages(count: 2, limit: 1))
        #expect(try decodeError("scan.pdf", ScanFixtures.data("scan-2p.pdf"), limits: limits) == .tooManyPages(count: 2, limit: 1))
    }

    @Test func pixelLimitAppliesToEveryFormat() throws {
        let limits = DecodeLimits(maxPixels: 1_000_000)
        let refused = DecodeError.imageTooLarge(width: 1654, height: 2339, limit: 1_000_000)
        for name in ["quyet-dinh.png", "cong-van.jpg", "two-pages.tif", "scan-2p.pdf"] {
            #expect(try decodeError(name, ScanFixtures.data(name), limits: limits) == refused, "\(name)")
        }
    }

    /// A 40000×40000 page (1.6 gigapixels) claimed by a file of a few hundred bytes. The
    /// pixel data is not even valid, so only a header check can produce `imageTooLarge`.
    @Test func decompressionBombsAreRefusedFromTheHeader() throws {
        let huge = DecodeError.imageTooLarge(width: 40000, height: 40000, limit: DecodeLimits().maxPixels)
        #expect(try decodeError("bomb.png", Self.pngHeader(width: 40000, height: 40000)) == huge)

        // A real 1-bit G4 TIFF written by Leptonica, then told it is 40000×40000 on page 2.
        var tiff = TIFFBytes(data: try Self.twoPageG4TIFF())
        tiff.setValue(40000, ofTag: 256, page: 1)
        tiff.setValue(40000, ofTag: 257, page: 1)
        #expect(try decodeError("bomb.tif", tiff.data) == huge)
    }

    /// PNG signature and IHDR (1-bit gray) with a valid CRC, a bogus IDAT and IEND.
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + body
            let crc = crc32(typed)
            return bigEndian(UInt32(body.count)) + typed + bigEndian(crc)
        }
        let ihdr = bigEndian(width) + bigEndian(height) + [1, 0, 0, 0, 0]
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", [0x78, 0x9C, 0, 0]) + chunk("IEND", []))
    }

    /// PNG's CRC-32 (polynomial 0xEDB88320), bit by bit: a few bytes need no table.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * (3 - $0))) & 0xFF) } }

    static func twoPageG4TIFF() throws -> Data {
        let page = try #require(pixCreate(64, 64, 1))
        defer { var p: UnsafeMutablePointer<PIX>? = page; pixDestroy(&p) }
        let pixa = try #require(pixaCreate(2))
        defer { var p: UnsafeMutablePointer<PIXA>? = pixa; pixaDestroy(&p) }
        pixaAddPix(pixa, page, Int32(L_COPY))
        pixaAddPix(pixa, page, Int32(L_COPY))
        var bytes: UnsafeMutablePointer<UInt8>?
        var size = 0
        try #require(pixaWriteMemMultipageTiff(&bytes, &size, pixa) == 0)
        defer { free(bytes) }
        return Data(bytes: try #require(bytes), count: size)
    }
}
