import CLeptonica
import Foundation
import Testing
@testable import OCR

/// Every accepted format decodes into the right pages, sizes and resolutions.
@Suite struct DocumentDecoderTests {
    let decoder = DocumentDecoder()

    @Test func rgbPNG() throws {
        let document = try decoder.decode(fileAt: ScanFixtures.url("quyet-dinh.png"))
        #expect(document.format == .png)
        let page = try #require(document.pages.first)
        #expect(document.pages.count == 1)
        #expect(page.number == 1)
        #expect((page.image.width, page.image.height) == (1654, 2339))
        #expect(page.image.depth == 32)
        #expect(page.dpi == 200 && !page.dpiAssumed)
        #expect(page.originalJPEG == nil)
        #expect(document.warnings.isEmpty)
    }

    @Test func jpegKeepsItsBytes() throws {
        let url = ScanFixtures.url("cong-van.jpg")
        let document = try decoder.decode(fileAt: url)
        #expect(document.format == .jpeg)
        let page = try #require(document.pages.first)
        #expect((page.image.width, page.image.height, page.image.depth) == (1654, 2339, 32))
        #expect(page.dpi == 200 && !page.dpiAssumed)
        #expect(page.originalJPEG == (try Data(contentsOf: url)))
    }

    @Test func formatComesFromContentNotExtension() throws {
        let scratch = try ScratchDirectory()
        let disguised = try scratch.file("scan.pdf", ScanFixtures.data("cong-van.jpg"))
        #expect(try decoder.decode(fileAt: disguised).format == .jpeg)
    }

    @Test func grayWithoutResolutionAssumesOneAndSaysSo() throws {
        let document = try decoder.decode(fileAt: ScanFixtures.url("gray-no-dpi.png"))
        let page = try #require(document.pages.first)
        #expect(page.image.depth == 8)
        #expect(page.dpiAssumed)
        #expect(page.dpi == 300)
        #expect(page.image.storedDPI == 300)
        #expect(document.warnings == ["page 1 has no resolution; assuming 300 dpi"])

        let custom = try DocumentDecoder(limits: DecodeLimits(assumedDPI: 200)).decode(fileAt: ScanFixtures.url("gray-no-dpi.png"))
        #expect(custom.pages[0].dpi == 200)
    }

    @Test func bilevelFaxTIFF() throws {
        let document = try decoder.decode(fileAt: ScanFixtures.url("fax-g4.tif"))
        #expect(document.format == .tiff)
        #expect(document.pages.count == 1)
        let page = document.pages[0]
        #expect(page.image.depth == 1)
        #expect((page.image.width, page.image.height) == (1654, 2339))
        #expect(page.dpi == 200 && !page.dpiAssumed)
    }

    @Test func everyPageOfAMultipageTIFF() throws {
        let document = try decoder.decode(fileAt: ScanFixtures.url("two-pages.tif"))
        #expect(document.pages.map(\.number) == [1, 2])
        for page in document.pages {
            #expect((page.image.width, page.image.height, page.image.depth) == (1654, 2339, 32))
            #expect(page.dpi == 200)
        }
        // The two pages are different scans, not page 1 twice.
        #expect(!pixesEqual(document.pages[0].image, document.pages[1].image))
    }

    @Test func scannedPDFPagesKeepTheirJPEGStreams() throws {
        let url = ScanFixtures.url("scan-2p.pdf")
        let document = try decoder.decode(fileAt: url)
        #expect(document.format == .pdf)
        #expect(document.pages.map(\.number) == [1, 2])
        // Objects 7 and 8 are the page images (see `pdfimages -list`); their raw stream
        // data is the JPEG file as the copier wrote it.
        for (page, object) in zip(document.pages, [7, 8]) {
            let raw = try runTool("qpdf", ["--show-object=\(object)", "--raw-stream-data", url.path]).stdout
            let jpeg = try #require(page.originalJPEG)
            #expect(jpeg == raw)
            #expect(jpeg.starts(with: [0xFF, 0xD8]) && jpeg.suffix(2).elementsEqual([0xFF, 0xD9]))
            #expect((page.image.width, page.image.height, page.image.depth) == (1654, 2339, 32))
            #expect(page.dpi == 200 && !page.dpiAssumed)
        }
    }

    @Test func grayPDFPagesStayGrayAndAreNotTurned() throws {
        let document = try decoder.decode(fileAt: ScanFixtures.url("rotated-180.pdf"))
        #expect(document.pages.count == 2)
        for page in document.pages {
            #expect((page.image.width, page.image.height, page.image.depth) == (1654, 2339, 8))
            #expect(page.originalJPEG != nil)
        }
    }

    @Test func pageWithRotateIsRasterisedAndOthersExtracted() throws {
        let scratch = try ScratchDirectory()
        let rotated = scratch.path("rotated.pdf")
        try runTool("qpdf", ["--rotate=+90:1", ScanFixtures.url("scan-2p.pdf").path, rotated.path])
        let workRoot = scratch.path("work")
        try FileManager.default.createDirectory(at: workRoot, withIntermediateDirectories: false)
        let document = try DocumentDecoder(limits: DecodeLimits(), temporaryRoot: workRoot).decode(fileAt: rotated)
        #expect(document.pages.count == 2)
        let first = document.pages[0], second = document.pages[1]
        // Rendered as displayed: landscape, 300 dpi, no JPEG to pass through.
        #expect(first.dpi == 300 && first.originalJPEG == nil)
        #expect(first.image.width > first.image.height)
        #expect(abs(first.image.width - 3508) <= 2 && abs(first.image.height - 2481) <= 2)
        #expect(second.dpi == 200 && second.originalJPEG != nil)
        // The private working directory is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: workRoot.path).isEmpty)
    }

    @Test func vectorPDFIsRasterisedAt300DPI() throws {
        let scratch = try ScratchDirectory()
        let url = try scratch.file("vector.pdf", MinimalPDF.rectangles(pages: 1, width: 144, height: 72))
        let document = try decoder.decode(fileAt: url)
        let page = try #require(document.pages.first)
        #expect((page.image.width, page.image.height) == (600, 300))
        #expect(page.dpi == 300 && !page.dpiAssumed && page.originalJPEG == nil)
    }

    private func pixesEqual(_ a: PageImage, _ b: PageImage) -> Bool {
        var same: Int32 = 0
        pixEqual(a.pix, b.pix, &same)
        return same != 0
    }
}

/// Writes small, valid PDFs by hand, for pages without any image.
enum MinimalPDF {
    /// `pages` pages of `width`×`height` points, each with a black rectangle; `pages` may be 0.
    static func rectangles(pages: Int, width: Int, height: Int) -> Data {
        var objects: [String] = []
        let kids = (0..<pages).map { "\(3 + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>")
        for index in 0..<pages {
            let content = "0 g 10 10 \(width / 2) \(height / 2) re f"
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] /Contents \(4 + 2 * index) 0 R /Resources << >> >>")
            objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
        }
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }
}
