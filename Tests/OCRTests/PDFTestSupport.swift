import CLeptonica
import Foundation
@testable import OCR

/// Fixtures, scratch folders, synthetic rasters and the poppler/qpdf command-line tools
/// the PDF writer tests check their output with.
enum PDFTestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).appendingPathComponent("../../Fixtures").standardized

    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }

    static func loadImage(_ url: URL) throws -> PageImage {
        guard let pix = pixRead(url.path) else { throw PDFTestFailure("Leptonica cannot read \(url.path)") }
        return PageImage(owning: pix)
    }


    static let documentID: [UInt8] = Array(0..<16).map { UInt8($0 * 17) }

    static func metadata(title: String? = "Quyết định số 25/QĐ-UBND") -> PDFMetadata {
        PDFMetadata(title: title, subject: "Về việc điều chỉnh quy hoạch", author: "UBND huyện Lục Ngạn",
                    keywords: "quyết định, quy hoạch", creationDate: Date(timeIntervalSince1970: 1_700_000_000),
                    documentID: documentID)
    }

    /// Writes `pages` to a fresh sub-folder of `scratch` and returns the file.
    static func writePDF(_ pages: [PDFPageContent], metadata: PDFMetadata = metadata(), in scratch: PDFScratchFolder) throws -> URL {
        let url = try scratch.subfolder().appendingPathComponent("out.pdf")
        try SearchablePDFWriter().write(pages: pages, metadata: metadata, to: url)
        return url
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String], allowFailure: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        if process.terminationStatus != 0 && !allowFailure {
            throw PDFTestFailure("\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): "
                              + text + String(decoding: errors, as: UTF8.self))
        }
        return text
    }

    /// Renders page 1 with poppler at `dpi` and reads it back (32-bit RGB).
    static func render(_ pdf: URL, dpi: Int = 50) throws -> PageImage {
        let prefix = pdf.deletingLastPathComponent().appendingPathComponent("render").path
        try run("pdftoppm", ["-r", "\(dpi)", "-f", "1", "-l", "1", "-singlefile", "-png", pdf.path, prefix])
        return try loadImage(URL(fileURLWithPath: prefix + ".png"))
    }

    /// Extracts the images of the PDF as PNG files (decoded by poppler), in page order.
    static func extractedImages(_ pdf: URL) throws -> [PageImage] {
        let folder = pdf.deletingLastPathComponent().appendingPathComponent("extracted")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try run("pdfimages", ["-png", pdf.path, folder.appendingPathComponent("img").path])
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .map { try loadImage(folder.appendingPathComponent($0)) }
    }

    /// `pdfinfo` fields by name, values trimmed.
    static func pdfinfo(_ pdf: URL, _ options: [String] = []) throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try run("pdfinfo", options + [pdf.path]).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// Rows of `pdfimages -list` below its header, split into columns.
    static func imageList(_ pdf: URL) throws -> [[String]] {
        try run("pdfimages", ["-list", pdf.path]).split(separator: "\n").dropFirst(2)
            .map { $0.split(separator: " ").map(String.init) }
    }

    /// A white upright RGB page with a solid red block in the top-left corner, turned
    /// counter-clockwise by `rotation` so that turning it `rotation` clockwise makes it upright.
    static func markedPage(rotation: Int) -> PageImage {
        let pix = pixCreate(800, 1100, 32)!
        pixSetAllArbitrary(pix, 0xFFFF_FF00)
        let box = boxCreate(40, 40, 300, 150)
        pixSetInRectArbitrary(pix, box, 0xE000_0000)    // red: RRGGBBAA
        var b = box
        boxDestroy(&b)
        let quads = (4 - rotation / 90) % 4
        let stored = quads == 0 ? pix : pixRotateOrth(pix, Int32(quads))!
        if quads != 0 { var p: UnsafeMutablePointer<PIX>? = pix; pixDestroy(&p) }
        pixSetResolution(stored, 100, 100)
        return PageImage(owning: stored)
    }

    static func rgb(_ image: PageImage, x: Int, y: Int) -> (r: Int, g: Int, b: Int) {
        var value: UInt32 = 0
        pixGetPixel(image.pix, Int32(x), Int32(y), &value)
        if image.depth == 8 { return (Int(value), Int(value), Int(value)) }
        return (Int(value >> 24 & 0xFF), Int(value >> 16 & 0xFF), Int(value >> 8 & 0xFF))
    }

    /// True when both rasters hold the same pixel values (depth and colormap aside).
    static func samePixels(_ a: PageImage, _ b: PageImage) -> Bool {
        var same: Int32 = 0
        return pixEqual(a.pix, b.pix, &same) == 0 && same == 1
    }

    /// Mean gray level (0 black … 255 white) of an 8- or 32-bit raster.
    static func meanLevel(_ image: PageImage) -> Double {
        var total = 0, count = 0
        for y in stride(from: 0, to: image.height, by: 2) {
            for x in stride(from: 0, to: image.width, by: 2) {
                let p = rgb(image, x: x, y: y)
                total += (p.r + p.g + p.b) / 3
                count += 1
            }
        }
        return Double(total) / Double(count)
    }

    /// Words of `pdftotext -bbox` for page 1: text and box in points, top-left origin.
    static func boundingBoxes(_ pdf: URL) throws -> [(text: String, xMin: Double, yMin: Double, xMax: Double, yMax: Double)] {
        let html = try run("pdftotext", ["-bbox", "-f", "1", "-l", "1", pdf.path, "-"])
        let pattern = try NSRegularExpression(pattern:
            #"<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>"#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { m in
            func group(_ i: Int) -> String { String(html[Range(m.range(at: i), in: html)!]) }
            return (group(5), Double(group(1))!, Double(group(2))!, Double(group(3))!, Double(group(4))!)
        }
    }
}

/// A temporary folder removed when the test (the suite instance holding it) ends.
final class PDFScratchFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("intake-pdf-tests-\(UUID().uuidString)")

    func subfolder() throws -> URL {
        let folder = url.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

struct PDFTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
