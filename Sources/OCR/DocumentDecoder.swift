import CLeptonica
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File formats accepted in the drop folder, recognised by content, never by extension.
public enum InputFormat: String, Sendable {
    case png, jpeg, tiff, pdf

    /// Sniffs the magic bytes. PDF readers accept junk before the header, so `%PDF-` is
    /// looked for within the first KiB, as they do.
    static func detect(_ data: Data) -> InputFormat? {
        let head = [UInt8](data.prefix(1024))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        let marker: [UInt8] = Array("%PDF-".utf8)
        if head.count >= marker.count {
            for start in 0...(head.count - marker.count) where head[start..<start + marker.count].elementsEqual(marker) {
                return .pdf
            }
        }
        return nil
    }
}

/// Limits that keep a hostile or broken file from exhausting the daemon.
public struct DecodeLimits: Sendable {
    /// Largest page accepted, in pixels (width × height), checked from headers before decoding.
    public var maxPixels: Int = 100_000_000
    /// Resolution assumed for a page that does not carry one.
    public var assumedDPI: Int = 300
    public var maxPages: Int = 1000
    /// Longest time one poppler-utils command may run.
    public var toolTimeout: TimeInterval = 120

    public init(maxPixels: Int = 100_000_000, assumedDPI: Int = 300, maxPages: Int = 1000, toolTimeout: TimeInterval = 120) {
        self.maxPixels = maxPixels
        self.assumedDPI = assumedDPI
        self.maxPages = maxPages
        self.toolTimeout = toolTimeout
    }
}

/// One page as stored in the input file.
public struct DecodedPage: @unchecked Sendable {
    /// 1-based page number in the file.
    public let number: Int
    /// Pixels as stored in the file, not rotated.
    public let image: PageImage
    public let dpi: Int
    /// True when the file carried no (plausible) resolution and `dpi` is the assumed one.
    public let dpiAssumed: Bool
    /// The page's JPEG stream exactly as in the input, when it has 1 or 3 components:
    /// the PDF writer embeds it unchanged instead of re-encoding.
    public let originalJPEG: Data?

    public init(number: Int, image: PageImage, dpi: Int, dpiAssumed: Bool, originalJPEG: Data?) {
        self.number = number
        self.image = image
        self.dpi = dpi
        self.dpiAssumed = dpiAssumed
        self.originalJPEG = originalJPEG
    }
}

public struct DecodedDocument: @unchecked Sendable {
    public let format: InputFormat
    public let pages: [DecodedPage]
    /// Things the operator should know that did not stop decoding, e.g.
    /// "page 1 has no resolution; assuming 300 dpi".
    public let warnings: [String]

    public init(format: InputFormat, pages: [DecodedPage], warnings: [String]) {
        self.format = format
        self.pages = pages
        self.warnings = warnings
    }
}

/// Why a file could not be decoded. The description goes to the log and to the
/// `NAME.reason.txt` next to the rejected file, so it speaks to an operator.
public enum DecodeError: Error, CustomStringConvertible, Equatable {
    case emptyFile
    case unsupportedFormat(String)
    case corrupt(String)
    case imageTooLarge(width: Int, height: Int, limit: Int)
    case encrypted
    case noPages
    case tooManyPages(count: Int, limit: Int)
    case unreadable(String)
    case toolFailed(tool: String, detail: String)

    public var description: String {
        switch self {
        case .emptyFile:
            return "the file is empty (0 bytes); it was probably copied before the scanner finished writing it"
        case .unsupportedFormat(let detail):
            return "unsupported file format: \(detail)"
        case .corrupt(let detail):
            return "the file is damaged: \(detail)"
        case .imageTooLarge(let width, let height, let limit):
            return "page image of \(width)×\(height) pixels exceeds the limit of \(limit) pixels; rescan at a lower resolution"
        case .encrypted:
            return "the PDF is encrypted or password-protected; save it without a password and drop it again"
        case .noPages:
            return "the document has no pages"
        case .tooManyPages(let count, let limit):
            return "the document has \(count) pages, more than the limit of \(limit); split it into smaller files"
        case .unreadable(let detail):
            return "the file cannot be read: \(detail)"
        case .toolFailed(let tool, let detail):
            return "\(tool) failed: \(detail)"
        }
    }
}

/// Turns a dropped file into pages of pixels.
public struct DocumentDecoder: Sendable {
    public let limits: DecodeLimits
    /// Where PDF work directories are made (tests point it at their own folder).
    let temporaryRoot: URL

    public init(limits: DecodeLimits = .init()) {
        self.init(limits: limits, temporaryRoot: FileManager.default.temporaryDirectory)
    }

    init(limits: DecodeLimits, temporaryRoot: URL) {
        self.limits = limits
        self.temporaryRoot = temporaryRoot
        Leptonica.silence()
    }

    public func decode(fileAt url: URL) throws -> DecodedDocument {
        let reader = try open(fileAt: url)
        var pages: [DecodedPage] = []
        var warnings = reader.warnings
        for number in 1...reader.pageCount {
            let read = try reader.page(number)
            if let warning = read.warning { warnings.append(warning) }
            pages.append(read.page)
        }
        return DecodedDocument(format: reader.format, pages: pages, warnings: warnings)
    }

    /// Opens a file for reading one page at a time (`PageReader`): the whole file is checked
    /// as far as it can be without decoding pixels (format, page count, every page's size),
    /// then each page is decoded only when asked for.
    public func open(fileAt url: URL) throws -> PageReader {
        let data: Data
        do {
            // Read, not memory-mapped: a file cut short while mapped would crash the daemon.
            data = try Data(contentsOf: url)
        } catch {
            throw DecodeError.unreadable("\(url.lastPathComponent): \(error.localizedDescription)")
        }
        guard !data.isEmpty else { throw DecodeError.emptyFile }
        guard let format = InputFormat.detect(data) else {
            throw DecodeError.unsupportedFormat("\(url.lastPathComponent) is not a PDF, TIFF, PNG or JPEG file; \(Self.describeStart(of: data))")
        }
        switch format {
        case .pdf:
            // The PDF's bytes are not kept: poppler reads the file for each page.
            let pdf = try PDFImageExtractor(limits: limits, temporaryRoot: temporaryRoot).open(fileAt: url)
            return PageReader(format: .pdf, pageCount: pdf.pageCount, source: .pdf(pdf))
        case .png, .jpeg, .tiff:
            let reader = RasterReader(limits: limits)
            let count = try reader.checkAll(data, format: format)
            return PageReader(format: format, pageCount: count, source: .raster(reader, data))
        }
    }

    /// A hint for the operator about what the file really is.
    static func describeStart(of data: Data) -> String {
        // The cut may split a multi-byte character: a trailing replacement character is fine.
        let text = String(decoding: data.prefix(64), as: UTF8.self)
        let printable = text.unicodeScalars.dropLast().allSatisfy { $0.value >= 0x20 && $0 != "\u{FFFD}" || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        if printable {
            let start = text.prefix(24).map { $0.isNewline ? " " : String($0) }.joined()
            return "it looks like text starting with \"\(start)\""
        }
        return "it starts with bytes " + data.prefix(8).map { String(format: "%02X", $0) }.joined(separator: " ")
    }
}

/// A file's pages, decoded one at a time (`DocumentDecoder.open`). Only the file's bytes
/// (compressed) are held for raster files, nothing for PDFs (poppler reads the file per
/// page); each `page(_:)` call decodes that page alone, so the caller decides how many
/// page rasters are in memory at once. Pages may be read from several threads at once.
public final class PageReader: @unchecked Sendable {
    public let format: InputFormat
    public let pageCount: Int
    /// Warnings about the file as a whole (none so far; pages carry their own).
    public let warnings: [String] = []

    enum Source {
        case raster(RasterReader, Data)
        case pdf(PDFImageExtractor.OpenedPDF)
    }
    private let source: Source

    init(format: InputFormat, pageCount: Int, source: Source) {
        self.format = format
        self.pageCount = pageCount
        self.source = source
    }

    /// One decoded page and what the operator should know about it (e.g. an assumed dpi).
    public struct Page: @unchecked Sendable {
        public let page: DecodedPage
        public let warning: String?
    }

    /// Decodes page `number` (1-based) of the file.
    public func page(_ number: Int) throws -> Page {
        precondition((1...pageCount).contains(number), "page \(number) of \(pageCount)")
        switch source {
        case .pdf(let pdf):
            var warnings: [String] = []
            let page = try pdf.page(number, warnings: &warnings)
            return Page(page: page, warning: warnings.first)
        case .raster(let reader, let data):
            let image = try reader.readPage(data, format: format, index: number - 1, count: pageCount)
            let resolution = reader.resolution(of: image, page: number)
            // The image is not shared yet: stamping the resolution in place avoids a copy.
            pixSetResolution(image.pix, Int32(resolution.dpi), Int32(resolution.dpi))
            let page = DecodedPage(number: number, image: image, dpi: resolution.dpi, dpiAssumed: resolution.assumed,
                                   originalJPEG: format == .jpeg && RasterReader.isPassThroughJPEG(data) ? data : nil)
            return Page(page: page, warning: resolution.warning)
        }
    }
}

/// Process-wide Leptonica settings.
enum Leptonica {
    /// Leptonica prints every failure to stderr; the decoder reports problems in its errors
    /// instead, so the chatter is switched off once.
    static func silence() { _ = silenced }
    private static let silenced: Void = { _ = setMsgSeverity(Int32(L_SEVERITY_NONE)) }()
}

/// Reads PNG, JPEG and TIFF from memory with Leptonica, checking headers against the
/// pixel limit before any pixel buffer is allocated.
struct RasterReader {
    let limits: DecodeLimits

    struct Resolution {
        let dpi: Int
        let assumed: Bool
        let warning: String?
    }

    func readAll(_ data: Data, format: InputFormat) throws -> [PageImage] {
        let count = try checkAll(data, format: format)
        return try (0..<count).map { try readPage(data, format: format, index: $0, count: count) }
    }

    /// Checks what can be checked without decoding pixels (every page's header against the
    /// pixel limit, the page count) and returns the number of pages.
    func checkAll(_ data: Data, format: InputFormat) throws -> Int {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int in
            guard let bytes = raw.bindMemory(to: UInt8.self).baseAddress else { throw DecodeError.emptyFile }
            switch format {
            case .png: try checkHeader(bytes, raw.count, what: "PNG"); return 1
            case .jpeg: try checkHeader(bytes, raw.count, what: "JPEG"); return 1
            case .tiff: return try checkTIFF(bytes, raw.count)
            case .pdf: throw DecodeError.unsupportedFormat("a PDF is not a raster image")
            }
        }
    }

    /// Decodes page `index` (0-based) of a file `checkAll` accepted.
    func readPage(_ data: Data, format: InputFormat, index: Int, count: Int) throws -> PageImage {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> PageImage in
            guard let bytes = raw.bindMemory(to: UInt8.self).baseAddress else { throw DecodeError.emptyFile }
            switch format {
            case .png: return try readPNG(bytes, raw.count)
            case .jpeg: return try readJPEG(bytes, raw.count)
            case .tiff: return try readTIFFPage(bytes, raw.count, index: index, count: count)
            case .pdf: throw DecodeError.unsupportedFormat("a PDF is not a raster image")
            }
        }
    }

    /// Resolution as stored, or the assumed one. Values a scanner would never write (0, or
    /// the 1 dpi of "aspect ratio only" headers) count as missing.
    func resolution(of image: PageImage, page: Int) -> Resolution {
        let stored = image.storedDPI
        if (50...4800).contains(stored) { return Resolution(dpi: stored, assumed: false, warning: nil) }
        let what = stored == 0 ? "no resolution" : "an implausible resolution of \(stored) dpi"
        return Resolution(dpi: limits.assumedDPI, assumed: true,
                          warning: "page \(page) has \(what); assuming \(limits.assumedDPI) dpi")
    }

    /// A JPEG the PDF writer may embed as is: gray or YCbCr/RGB. CMYK/YCCK JPEGs need
    /// Adobe's inverted-colour handling, so they are re-encoded from pixels instead.
    static func isPassThroughJPEG(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            guard let bytes = raw.bindMemory(to: UInt8.self).baseAddress else { return false }
            var w: Int32 = 0, h: Int32 = 0, spp: Int32 = 0, ycck: Int32 = 0, cmyk: Int32 = 0
            guard readHeaderMemJpeg(bytes, raw.count, &w, &h, &spp, &ycck, &cmyk) == 0 else { return false }
            return (spp == 1 || spp == 3) && ycck == 0 && cmyk == 0
        }
    }

    private func checkSize(width: Int32, height: Int32) throws {
        let (w, h) = (Int(width), Int(height))
        guard w > 0, h > 0 else { throw DecodeError.corrupt("the image header gives an empty size \(w)×\(h)") }
        if w.multipliedReportingOverflow(by: h).overflow || w * h > limits.maxPixels {
            throw DecodeError.imageTooLarge(width: w, height: h, limit: limits.maxPixels)
        }
    }

    private func checkHeader(_ bytes: UnsafePointer<UInt8>, _ size: Int, what: String) throws {
        var format: Int32 = 0, w: Int32 = 0, h: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0, cmap: Int32 = 0
        guard pixReadHeaderMem(bytes, size, &format, &w, &h, &bps, &spp, &cmap) == 0 else {
            throw DecodeError.corrupt("the \(what) header cannot be read")
        }
        try checkSize(width: w, height: h)
    }

    private func readPNG(_ bytes: UnsafePointer<UInt8>, _ size: Int) throws -> PageImage {
        let image = try PageImage.adopt(pixReadMemPng(bytes, size), or: DecodeError.corrupt("the PNG image data is truncated or invalid"))
        return try withoutAlpha(image)
    }

    private func readJPEG(_ bytes: UnsafePointer<UInt8>, _ size: Int) throws -> PageImage {
        var warnings: Int32 = 0
        // hint 0: Leptonica refuses data that libjpeg flagged as bad; the warning count is
        // checked as well so a truncated stream never yields a half-grey page.
        let image = try PageImage.adopt(pixReadMemJpeg(bytes, size, 0, 1, &warnings, 0),
                                        or: DecodeError.corrupt("the JPEG image data is truncated or invalid"))
        guard warnings == 0 else {
            throw DecodeError.corrupt("the JPEG image data is truncated or invalid (\(warnings) decoder warning(s))")
        }
        return image
    }

    /// The page count, after every page's header was checked: a bomb on page 7 is refused
    /// before pages 1–6 take memory.
    private func checkTIFF(_ bytes: UnsafePointer<UInt8>, _ size: Int) throws -> Int {
        let count = try tiffPageCount(bytes, size)
        guard count > 0 else { throw DecodeError.noPages }
        guard count <= limits.maxPages else { throw DecodeError.tooManyPages(count: count, limit: limits.maxPages) }
        for index in 0..<count {
            var w: Int32 = 0, h: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0, res: Int32 = 0, cmap: Int32 = 0, comp: Int32 = 0
            guard readHeaderMemTiff(bytes, size, Int32(index), &w, &h, &bps, &spp, &res, &cmap, &comp) == 0 else {
                throw DecodeError.corrupt("the header of TIFF page \(index + 1) of \(count) cannot be read")
            }
            try checkSize(width: w, height: h)
        }
        return count
    }

    private func readTIFFPage(_ bytes: UnsafePointer<UInt8>, _ size: Int, index: Int, count: Int) throws -> PageImage {
        let (pix, problems) = TIFFErrorMonitor.watching { pixReadMemTiff(bytes, size, Int32(index)) }
        let image = try PageImage.adopt(pix, or: DecodeError.corrupt("TIFF page \(index + 1) of \(count) cannot be decoded"))
        // Leptonica reads colour TIFF through libtiff's RGBA interface, which fills
        // undecodable strips with nothing and still reports success.
        if let problem = problems.first {
            throw DecodeError.corrupt("TIFF page \(index + 1) of \(count) is damaged (\(problem))")
        }
        return try withoutAlpha(image)
    }

    private func tiffPageCount(_ bytes: UnsafePointer<UInt8>, _ size: Int) throws -> Int {
        guard let stream = fopenReadFromMemory(bytes, size) else {
            throw DecodeError.unreadable("cannot open the TIFF data in memory")
        }
        defer { fclose(stream) }
        var count: Int32 = 0
        guard tiffGetCount(stream, &count) == 0 else { throw DecodeError.corrupt("the TIFF directory cannot be read") }
        return Int(count)
    }

    /// Transparent areas become white paper, as they look in a viewer.
    private func withoutAlpha(_ image: PageImage) throws -> PageImage {
        guard image.depth == 32, image.samplesPerPixel == 4 else { return image }
        return try PageImage.adopt(pixRemoveAlpha(image.pix), or: DecodeError.corrupt("cannot flatten the transparent image"))
    }
}

/// Collects libtiff's error messages raised on the current thread while Leptonica decodes.
///
/// Leptonica resets libtiff's plain error handler to none on every open, but libtiff also
/// calls the "extended" handler, which Leptonica leaves alone. libtiff is reached through
/// the dynamic linker because only Leptonica's headers are available to Swift here.
enum TIFFErrorMonitor {
    // va_list cannot be spelled in a C function type from Swift; as an argument it is passed
    // as a pointer on x86-64 and arm64 alike.
    private typealias Handler = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void
    private typealias SetHandler = @convention(c) (Handler?) -> Handler?
    private static let threadKey = "intake.ocr.tiff-errors"

    private static let installed: Bool = {
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "TIFFSetErrorHandlerExt") else { return false }
        let setHandler = unsafeBitCast(symbol, to: SetHandler.self)
        _ = setHandler { _, module, format, arguments in
            let message = TIFFErrorMonitor.format(format, arguments)
            let prefix = module.map { String(cString: $0) + ": " } ?? ""
            let dictionary = Thread.current.threadDictionary
            guard var collected = dictionary[TIFFErrorMonitor.threadKey] as? [String] else { return }
            collected.append(prefix + message)
            dictionary[TIFFErrorMonitor.threadKey] = collected
        }
        return true
    }()

    private static func format(_ format: UnsafePointer<CChar>?, _ arguments: UnsafeMutableRawPointer?) -> String {
        guard let format else { return "unknown error" }
        #if arch(x86_64)
        if let arguments {
            var buffer = [CChar](repeating: 0, count: 256)
            _ = vsnprintf(&buffer, buffer.count, format, CVaListPointer(_fromUnsafeMutablePointer: arguments))
            return String(cString: buffer)
        }
        #endif
        return String(cString: format)   // the template, placeholders unfilled
    }

    /// Runs `body` and returns libtiff's errors raised meanwhile on this thread.
    static func watching<T>(_ body: () -> T) -> (T, [String]) {
        guard installed else { return (body(), []) }
        let dictionary = Thread.current.threadDictionary
        dictionary[threadKey] = [String]()
        defer { dictionary.removeObject(forKey: threadKey) }
        let result = body()
        return (result, dictionary[threadKey] as? [String] ?? [])
    }
}
