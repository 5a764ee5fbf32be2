import CLeptonica
import Foundation

/// Gets page images out of a PDF with poppler-utils.
///
/// Office copiers write one image per page; that image is taken out as it is (a JPEG
/// stream byte for byte), so nothing is lost to re-encoding. Any other page — text or
/// vector content, several images, an image not filling the page, a /Rotate — is
/// rasterised at 300 dpi instead.
struct PDFImageExtractor {
    let limits: DecodeLimits
    let temporaryRoot: URL
    static let rasterDPI = 300

    func decode(fileAt url: URL) throws -> DecodedDocument {
        let pdf = try open(fileAt: url)
        var pages: [DecodedPage] = []
        var warnings: [String] = []
        for number in 1...pdf.pageCount {
            pages.append(try pdf.page(number, warnings: &warnings))
        }
        return DecodedDocument(format: .pdf, pages: pages, warnings: warnings)
    }

    /// Reads the page listing once (pdfinfo, pdfimages -list); pages are then taken out one
    /// at a time, each by its own poppler call into a private directory.
    func open(fileAt url: URL) throws -> OpenedPDF {
        let info = try documentInfo(url)
        let images = try imageList(url, pages: info.pageCount)
        return OpenedPDF(extractor: self, url: url, info: info, images: Dictionary(grouping: images, by: \.page),
                         workspace: try TemporaryDirectory(in: temporaryRoot))
    }

    /// A PDF whose structure was read; pages are decoded on request.
    final class OpenedPDF: @unchecked Sendable {
        let extractor: PDFImageExtractor
        let url: URL
        let info: DocumentInfo
        let images: [Int: [ListedImage]]
        /// Removed (with anything left in it) when the last reader lets go.
        let workspace: TemporaryDirectory

        init(extractor: PDFImageExtractor, url: URL, info: DocumentInfo, images: [Int: [ListedImage]],
             workspace: TemporaryDirectory) {
            self.extractor = extractor
            self.url = url
            self.info = info
            self.images = images
            self.workspace = workspace
        }

        var pageCount: Int { info.pageCount }

        func page(_ number: Int, warnings: inout [String]) throws -> DecodedPage {
            let pageImages = images[number] ?? []
            let geometry = info.pages[number]
            if let image = pageImages.first, pageImages.count == 1, let geometry, image.fills(geometry) {
                return try extractor.extract(image, of: url, into: workspace, warnings: &warnings)
            }
            return try extractor.rasterise(page: number, of: url, size: geometry, into: workspace)
        }
    }

    // MARK: pdfinfo

    struct PageGeometry {
        var widthPoints: Double = 0
        var heightPoints: Double = 0
        var rotation: Int = 0
    }

    struct DocumentInfo {
        var pageCount = 0
        var pages: [Int: PageGeometry] = [:]
    }

    private func documentInfo(_ url: URL) throws -> DocumentInfo {
        let pdfinfo = Subprocess(tool: "pdfinfo", timeout: limits.toolTimeout)
        // One page beyond the limit is enough to tell "too many" while keeping the listing short.
        let result = try pdfinfo.run(["-enc", "UTF-8", "-f", "1", "-l", String(limits.maxPages + 1), url.path])
        let stderr = result.stderrText
        if stderr.contains("Incorrect password") { throw DecodeError.encrypted }
        if stderr.contains("Invalid page count 0") || stderr.contains("can not be after the last page (0)") { throw DecodeError.noPages }
        guard result.status == 0 else {
            throw DecodeError.corrupt("the PDF structure cannot be read (\(stderr.isEmpty ? "pdfinfo exit status \(result.status)" : Self.firstLines(stderr)))")
        }
        return try Self.parseInfo(result.stdoutText, limits: limits)
    }

    static func parseInfo(_ text: String, limits: DecodeLimits) throws -> DocumentInfo {
        var info = DocumentInfo()
        var encrypted = false
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let key = fields.first else { continue }
            switch key {
            case "Pages:" where fields.count >= 2:
                info.pageCount = Int(fields[1]) ?? 0
            case "Encrypted:" where fields.count >= 2:
                encrypted = fields[1] != "no"
            case "Page" where fields.count >= 4:
                // "Page    1 size:  595.44 x 842.04 pts (A4)" and "Page    1 rot:   0"
                guard let number = Int(fields[1]) else { continue }
                var geometry = info.pages[number] ?? PageGeometry()
                if fields[2] == "size:", fields.count >= 6 {
                    geometry.widthPoints = Double(fields[3]) ?? 0
                    geometry.heightPoints = Double(fields[5]) ?? 0
                } else if fields[2] == "rot:" {
                    geometry.rotation = Int(fields[3]) ?? 0
                }
                info.pages[number] = geometry
            default:
                continue
            }
        }
        // Encryption with only an owner password still restricts use; the office's rule is
        // that such files are sent back rather than silently unlocked.
        if encrypted { throw DecodeError.encrypted }
        guard info.pageCount > 0 else { throw DecodeError.noPages }
        guard info.pageCount <= limits.maxPages else { throw DecodeError.tooManyPages(count: info.pageCount, limit: limits.maxPages) }
        return info
    }

    // MARK: pdfimages -list

    struct ListedImage {
        let page: Int
        let type: String
        let width: Int
        let height: Int
        let components: Int
        let encoding: String
        let xPPI: Int
        let yPPI: Int

        /// The image covers the whole page at its stated resolution (within 2 %), upright:
        /// then it *is* the scan and no page content is lost by taking it alone.
        func fills(_ page: PageGeometry) -> Bool {
            guard type == "image", page.rotation % 360 == 0, xPPI > 0, yPPI > 0, page.widthPoints > 0, page.heightPoints > 0 else { return false }
            let widthPoints = Double(width) * 72 / Double(xPPI)
            let heightPoints = Double(height) * 72 / Double(yPPI)
            return abs(widthPoints - page.widthPoints) <= page.widthPoints * 0.02
                && abs(heightPoints - page.heightPoints) <= page.heightPoints * 0.02
        }
    }

    private func imageList(_ url: URL, pages: Int) throws -> [ListedImage] {
        let result = try Subprocess(tool: "pdfimages", timeout: limits.toolTimeout)
            .runChecked(["-f", "1", "-l", String(pages), "-list", url.path])
        return Self.parseImageList(result.stdoutText)
    }

    /// Parses "page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio".
    static func parseImageList(_ text: String) -> [ListedImage] {
        text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard f.count >= 14, let page = Int(f[0]), let width = Int(f[3]), let height = Int(f[4]) else { return nil }
            // Masks and stencils are listed as their own rows; any of them makes the page
            // "not one plain image", so they are kept in the list.
            return ListedImage(page: page, type: f[2], width: width, height: height, components: Int(f[6]) ?? 0,
                               encoding: f[8], xPPI: Int(f[12]) ?? 0, yPPI: Int(f[13]) ?? 0)
        }
    }

    // MARK: extraction

    fileprivate func extract(_ image: ListedImage, of url: URL, into workspace: TemporaryDirectory,
                         warnings: inout [String]) throws -> DecodedPage {
        try checkSize(width: image.width, height: image.height)
        // A name of its own per call: pages of one file may be read side by side.
        let stem = "page-\(image.page)-\(UUID().uuidString.prefix(8))"
        let prefix = workspace.url.appendingPathComponent(stem)
        // -j keeps DCT streams byte-identical; -tiff for the rest because TIFF writing is
        // cheap where PNG encoding of a noisy page takes seconds.
        _ = try Subprocess(tool: "pdfimages", timeout: limits.toolTimeout)
            .runChecked(["-f", String(image.page), "-l", String(image.page), "-j", "-tiff", url.path, prefix.path])
        let file = try workspace.singleFile(startingWith: stem + "-", what: "image of page \(image.page)")
        let data = try Data(contentsOf: file)
        try? FileManager.default.removeItem(at: file)
        guard let format = InputFormat.detect(data), format != .pdf else {
            throw DecodeError.corrupt("the image of page \(image.page) is in a form that cannot be decoded")
        }
        let reader = RasterReader(limits: limits)
        let decoded: [PageImage]
        do {
            decoded = try reader.readAll(data, format: format)
        } catch DecodeError.corrupt(let detail) {
            throw DecodeError.corrupt("page \(image.page): \(detail)")
        }
        guard decoded.count == 1 else {
            throw DecodeError.corrupt("page \(image.page) yielded \(decoded.count) images instead of one")
        }
        let dpi: Int
        var assumed = false
        if (50...4800).contains(image.xPPI) {
            dpi = image.xPPI
        } else {
            dpi = limits.assumedDPI
            assumed = true
            warnings.append("page \(image.page) has an implausible resolution of \(image.xPPI) dpi; assuming \(dpi) dpi")
        }
        pixSetResolution(decoded[0].pix, Int32(dpi), Int32(dpi))
        let passThrough = format == .jpeg && (image.components == 1 || image.components == 3) && RasterReader.isPassThroughJPEG(data)
        return DecodedPage(number: image.page, image: decoded[0], dpi: dpi, dpiAssumed: assumed,
                           originalJPEG: passThrough ? data : nil)
    }

    fileprivate func rasterise(page: Int, of url: URL, size: PageGeometry?, into workspace: TemporaryDirectory) throws -> DecodedPage {
        let dpi = Self.rasterDPI
        if let size {
            // /Rotate swaps the rendered sides but not the pixel count.
            try checkSize(width: Int((size.widthPoints * Double(dpi) / 72).rounded(.up)),
                          height: Int((size.heightPoints * Double(dpi) / 72).rounded(.up)))
        }
        let output = workspace.url.appendingPathComponent("raster-\(page)-\(UUID().uuidString.prefix(8))")
        _ = try Subprocess(tool: "pdftoppm", timeout: limits.toolTimeout)
            .runChecked(["-r", String(dpi), "-tiff", "-tiffcompression", "lzw", "-singlefile",
                         "-f", String(page), "-l", String(page), url.path, output.path])
        let file = output.appendingPathExtension("tif")
        guard let data = try? Data(contentsOf: file) else {
            throw DecodeError.toolFailed(tool: "pdftoppm", detail: "wrote no image for page \(page)")
        }
        try? FileManager.default.removeItem(at: file)
        let images = try RasterReader(limits: limits).readAll(data, format: .tiff)
        guard images.count == 1 else {
            throw DecodeError.toolFailed(tool: "pdftoppm", detail: "wrote \(images.count) images for page \(page)")
        }
        pixSetResolution(images[0].pix, Int32(dpi), Int32(dpi))
        return DecodedPage(number: page, image: images[0], dpi: dpi, dpiAssumed: false, originalJPEG: nil)
    }

    private func checkSize(width: Int, height: Int) throws {
        if width.multipliedReportingOverflow(by: height).overflow || width * height > limits.maxPixels {
            throw DecodeError.imageTooLarge(width: width, height: height, limit: limits.maxPixels)
        }
    }

    private static func firstLines(_ text: String) -> String {
        text.split(separator: "\n").prefix(3).joined(separator: "; ")
    }
}

/// A private working directory, removed with everything in it when released.
final class TemporaryDirectory {
    let url: URL

    init(in root: URL) throws {
        url = root.appendingPathComponent("intake-pdf-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw DecodeError.unreadable("cannot create a temporary directory: \(error.localizedDescription)")
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func singleFile(startingWith prefix: String, what: String) throws -> URL {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        let matches = names.filter { $0.hasPrefix(prefix) }
        guard matches.count == 1 else {
            throw DecodeError.toolFailed(tool: "pdfimages", detail: "expected one \(what), found \(matches.count)")
        }
        return url.appendingPathComponent(matches[0])
    }
}
