import Foundation
import CLeptonica
import Testing
@testable import OCR

@Suite("Searchable PDF/A writer")
struct PDFWriterTests {
    typealias T = PDFTestSupport
    let scratch = PDFScratchFolder()

    @Test func jpegIsEmbeddedByteForByte() throws {
        let url = T.fixture("cong-van.jpg")
        let jpeg = try Data(contentsOf: url)
        let pdf = try T.writePDF([PDFPageContent(image: try T.loadImage(url), originalJPEG: jpeg, dpi: 200)], in: scratch)

        let row = try #require(try T.imageList(pdf).first)
        // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
        #expect(row[3] == "1654" && row[4] == "2339")
        #expect(row[5] == "rgb" && row[8] == "jpeg")
        #expect(row[12] == "200" && row[13] == "200")
        #expect(try Data(contentsOf: pdf).range(of: jpeg) != nil, "the JPEG stream is not the input file unchanged")

        #expect(try T.pdfinfo(pdf)["Page size"]?.hasPrefix("595.44 x 842.04 pts") == true)
    }

    @Test func mismatchedJPEGIsReencodedFromPixels() throws {
        let image = try T.loadImage(T.fixture("quyet-dinh.png"))
        let otherJPEG = try Data(contentsOf: T.fixture("rotated-90.jpg"))   // 2339×1654, not 1654×2339
        let pdf = try T.writePDF([PDFPageContent(image: image, originalJPEG: otherJPEG, dpi: 200)], in: scratch)
        let row = try #require(try T.imageList(pdf).first)
        #expect(row[8] == "image" && row[3] == "1654")
    }

    @Test func rgbPageIsLosslessColour() throws {
        let image = try T.loadImage(T.fixture("quyet-dinh.png"))
        let pdf = try T.writePDF([PDFPageContent(image: image, dpi: 200)], in: scratch)
        let row = try #require(try T.imageList(pdf).first)
        #expect(row[5] == "rgb" && row[7] == "8" && row[8] == "image" && row[12] == "200")
        let extracted = try #require(try T.extractedImages(pdf).first)
        #expect(T.samePixels(extracted, image))
    }

    @Test func grayPageStaysGrayAndLossless() throws {
        let image = try T.loadImage(T.fixture("gray-no-dpi.png"))
        #expect(image.depth == 8)
        let pdf = try T.writePDF([PDFPageContent(image: image, dpi: 200)], in: scratch)
        let row = try #require(try T.imageList(pdf).first)
        #expect(row[5] == "gray" && row[7] == "8" && row[8] == "image")
        #expect(T.samePixels(try #require(try T.extractedImages(pdf).first), image))
    }

    @Test func bilevelPageIsG4WithBlackTextBlack() throws {
        let image = try T.loadImage(T.fixture("fax-g4.tif"))
        #expect(image.depth == 1)
        let pdf = try T.writePDF([PDFPageContent(image: image, dpi: 200)], in: scratch)
        let row = try #require(try T.imageList(pdf).first)
        #expect(row[5] == "gray" && row[7] == "1" && row[8] == "ccitt")
        #expect(T.samePixels(try #require(try T.extractedImages(pdf).first), image))
        // An inverted page would render mostly black.
        #expect(T.meanLevel(try T.render(pdf)) > 200)
    }

    @Test func colormappedPageLosesOnlyItsColormap() throws {
        let rgb = try T.loadImage(T.fixture("quyet-dinh.png"))
        let quantised = PageImage(owning: pixOctreeColorQuant(rgb.pix, 128, 0)!)
        #expect(quantised.hasColormap)
        let pdf = try T.writePDF([PDFPageContent(image: quantised, dpi: 200)], in: scratch)
        let row = try #require(try T.imageList(pdf).first)
        #expect(row[5] == "rgb" && row[8] == "image")
    }

    @Test(arguments: [0, 90, 180, 270])
    func rotationTurnsThePageUpright(rotation: Int) throws {
        let stored = T.markedPage(rotation: rotation)
        let pdf = try T.writePDF([PDFPageContent(image: stored, dpi: 100, rotation: rotation)], in: scratch)

        // Upright page: 800×1100 px at 100 dpi = 576×792 pt, whichever way the pixels lie.
        #expect(try T.pdfinfo(pdf, ["-box"])["MediaBox"] == "0.00     0.00   576.00   792.00")

        let page = try T.render(pdf, dpi: 50)              // 400×550 px
        #expect(page.width == 400 && page.height == 550)
        let corner = T.rgb(page, x: 90, y: 55)              // inside the red block (20…170, 20…95)
        #expect(corner.r > 180 && corner.g < 60 && corner.b < 60, "red block not at the top-left: \(corner)")
        for (x, y) in [(310, 55), (90, 495), (310, 495)] {  // the other three corners stay white
            let p = T.rgb(page, x: x, y: y)
            #expect(p.r > 240 && p.g > 240 && p.b > 240, "unexpected ink at \(x),\(y): \(p)")
        }
    }

    @Test func rotatedJPEGStaysUnencodedAndUpright() throws {
        let url = T.fixture("rotated-90.jpg")
        let jpeg = try Data(contentsOf: url)
        let pdf = try T.writePDF([PDFPageContent(image: try T.loadImage(url), originalJPEG: jpeg, dpi: 200, rotation: 270)], in: scratch)
        #expect(try Data(contentsOf: pdf).range(of: jpeg) != nil)
        #expect(try T.pdfinfo(pdf)["Page size"]?.hasPrefix("595.44 x 842.04 pts") == true)
        let row = try #require(try T.imageList(pdf).first)
        #expect(row[12] == "200" && row[13] == "200")
    }

    static let words = [
        PDFWord(text: "CỘNG", x: 200, y: 100, width: 120, height: 30),
        PDFWord(text: "HÒA", x: 330, y: 100, width: 90, height: 30),
        PDFWord(text: "Độc", x: 250, y: 150, width: 80, height: 30),
        PDFWord(text: "lập", x: 340, y: 150, width: 70, height: 34),
        PDFWord(text: "Quyết", x: 300, y: 400, width: 140, height: 36, angle: 0.8),
        // Decomposed (NFD) input must still extract as the composed word.
        PDFWord(text: "định".decomposedStringWithCanonicalMapping, x: 455, y: 402, width: 110, height: 36, angle: 0.8),
        PDFWord(text: "😀", x: 600, y: 600, width: 40, height: 40),     // no BMP code: dropped
    ]

    @Test func textLayerExtractsVietnamese() throws {
        let pdf = try T.writePDF([PDFPageContent(image: .blank(width: 1654, height: 2339, dpi: 200), dpi: 200,
                                                 words: Self.words)], in: scratch)
        let text = try T.run("pdftotext", ["-layout", pdf.path, "-"])
        #expect(text.contains("CỘNG HÒA"))
        #expect(text.contains("Độc lập"))
        #expect(text.contains("Quyết định"))
        #expect(!text.contains("😀"))
        // The text is invisible: the rendered page is still blank.
        #expect(T.meanLevel(try T.render(pdf)) > 254.9)
    }

    @Test(arguments: [0, 90])
    func wordBoxesLandOnTheirPixels(rotation: Int) throws {
        let image = T.markedPage(rotation: rotation)          // 800×1100 upright at 100 dpi
        let pdf = try T.writePDF([PDFPageContent(image: image, dpi: 100, rotation: rotation, words: Self.words)], in: scratch)
        let boxes = try T.boundingBoxes(pdf)
        let scale = 72.0 / 100
        for word in Self.words where word.angle == 0 && word.text != "😀" {
            let box = try #require(boxes.first { $0.text == word.text }, "\(word.text) not extracted: \(boxes)")
            #expect(abs(box.xMin - Double(word.x) * scale) < 1)
            #expect(abs(box.xMax - Double(word.x + word.width) * scale) < 1)
            #expect(abs(box.yMin - Double(word.y) * scale) < 1)
            #expect(abs(box.yMax - Double(word.y + word.height) * scale) < 1)
        }
        // A slanted word stays inside (and fills most of) its upright box.
        let slanted = try #require(boxes.first { $0.text == "Quyết" })
        #expect(abs(slanted.xMin - 300 * scale) < 2 && abs(slanted.yMax - 436 * scale) < 2)
    }

    @Test func pdfaMarkersArePresent() throws {
        let metadata = T.metadata()
        let pdf = try T.writePDF([PDFPageContent(image: .blank(width: 400, height: 500, dpi: 100), dpi: 100,
                                                 words: Self.words)], metadata: metadata, in: scratch)
        let bytes = try Data(contentsOf: pdf)
        #expect(bytes.starts(with: Array("%PDF-1.7\n%".utf8)) && bytes[10...13].allSatisfy { $0 > 127 })

        let xmp = try T.run("pdfinfo", ["-meta", pdf.path])
        #expect(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        #expect(xmp.contains(">Quyết định số 25/QĐ-UBND</rdf:li>"))
        #expect(xmp.contains("<xmp:CreateDate>2023-11-15T05:13:20+07:00</xmp:CreateDate>"))

        let info = try T.pdfinfo(pdf, ["-isodates"])
        #expect(info["Title"] == "Quyết định số 25/QĐ-UBND")
        #expect(info["Subject"] == "Về việc điều chỉnh quy hoạch")
        #expect(info["Author"] == "UBND huyện Lục Ngạn")
        #expect(info["CreationDate"] == "2023-11-15T05:13:20+07")
        #expect(info["Encrypted"] == "no")

        let fonts = try T.run("pdffonts", [pdf.path])
        #expect(fonts.contains("GlyphLessFont") && fonts.contains("CID TrueType"))
        let fontRow = try #require(fonts.split(separator: "\n").last)
        #expect(fontRow.split(separator: " ")[4...6] == ["yes", "no", "yes"], "emb/sub/uni: \(fontRow)")

        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1"))
        #expect(text.contains("/DestOutputProfile"))
        let id = T.documentID.map { String(format: "%02X", $0) }.joined()
        #expect(text.contains("/ID [<\(id)> <\(id)>]"))
        #expect(!text.contains("/Encrypt") && !text.contains("/JavaScript") && !text.contains("/SMask"))
    }

    @Test func qpdfFindsNoStructuralErrors() throws {
        let pages = [
            PDFPageContent(image: try T.loadImage(T.fixture("cong-van.jpg")),
                           originalJPEG: try Data(contentsOf: T.fixture("cong-van.jpg")), dpi: 200, words: Self.words),
            PDFPageContent(image: try T.loadImage(T.fixture("fax-g4.tif")), dpi: 200, words: Self.words),
            PDFPageContent(image: T.markedPage(rotation: 270), dpi: 100, rotation: 270, words: Self.words),
        ]
        let pdf = try T.writePDF(pages, in: scratch)
        let check = try T.run("qpdf", ["--check", pdf.path])
        #expect(check.contains("No syntax or stream encoding errors found"))
        #expect(try T.pdfinfo(pdf)["Pages"] == "3")
    }

    @Test func writeIsAtomicAndReplacesTheOldFile() throws {
        let folder = try scratch.subfolder()
        let url = folder.appendingPathComponent("doc.pdf")
        try Data("old".utf8).write(to: url)
        let page = PDFPageContent(image: .blank(width: 200, height: 300, dpi: 100), dpi: 100)
        let writer = SearchablePDFWriter()
        try writer.write(pages: [page], metadata: T.metadata(), to: url)

        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["doc.pdf"])
        #expect(try Data(contentsOf: url) == writer.data(pages: [page], metadata: T.metadata()))

        let missing = folder.appendingPathComponent("no-such-folder/doc.pdf")
        #expect(throws: PDFWriterError.self) { try writer.write(pages: [page], metadata: T.metadata(), to: missing) }
    }

    @Test func invalidInputIsRefusedWithAReadableError() throws {
        let writer = SearchablePDFWriter()
        let page = PDFPageContent(image: .blank(width: 10, height: 10), dpi: 300)
        #expect(throws: PDFWriterError.noPages) { try writer.data(pages: [], metadata: T.metadata()) }
        var rotated = page
        rotated.rotation = 45
        #expect(throws: PDFWriterError.invalidRotation(page: 1, degrees: 45)) {
            try writer.data(pages: [rotated], metadata: T.metadata())
        }
        var noDPI = page
        noDPI.dpi = 0
        #expect(throws: PDFWriterError.invalidResolution(page: 2, dpi: 0)) {
            try writer.data(pages: [page, noDPI], metadata: T.metadata())
        }
        var shortID = T.metadata()
        shortID.documentID = [1, 2, 3]
        #expect(throws: PDFWriterError.invalidDocumentID(byteCount: 3)) {
            try writer.data(pages: [page], metadata: shortID)
        }
        #expect(PDFWriterError.invalidRotation(page: 1, degrees: 45).description.contains("0, 90, 180, 270"))
    }
}
