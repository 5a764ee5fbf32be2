import CLeptonica
import Foundation

// Scanned pages: making a `PageImage` from raw scanner rows, JPEG encoding for the archive,
// and the ink measurements that tell a blank page (duplex back, separator sheet) from a page
// with writing on it.

/// How much writing a page carries, measured on the page area inside its margins.
public struct InkStatistics: Sendable, Equatable, Codable {
    /// Dark marks the size of characters (0.5–8 mm tall, up to 15 mm wide): letters,
    /// digits, signature strokes. Noise specks, streaks, punch holes, creases and shadows
    /// are not counted.
    public var markCount: Int
    /// Share of the measured area covered by those marks, 0–1.
    public var inkFraction: Double
    /// Paper brightness (median gray, 0–255).
    public var paperLevel: Int

    public init(markCount: Int, inkFraction: Double, paperLevel: Int) {
        self.markCount = markCount
        self.inkFraction = inkFraction
        self.paperLevel = paperLevel
    }

    /// A page with fewer marks than this is blank: a typed line alone has ~30 letters.
    public static let blankMarkLimit = 12

    /// True when nothing on the page looks like writing.
    public var looksBlank: Bool { markCount < Self.blankMarkLimit }
}

extension PageImage {
    /// A page from scanner rows: `channels` 1 (gray) or 3 (RGB interleaved), 8 bits each,
    /// `height` rows of `width * channels` bytes.
    public static func fromRaster(width: Int, height: Int, channels: Int, dpi: Int, pixels: [UInt8]) throws -> PageImage {
        guard width > 0, height > 0, channels == 1 || channels == 3, pixels.count >= width * height * channels else {
            throw OCRError.imageOperationFailed("scanner frame of \(width)×\(height)×\(channels) with \(pixels.count) bytes")
        }
        guard let pix = pixCreate(Int32(width), Int32(height), channels == 3 ? 32 : 8) else {
            throw OCRError.imageOperationFailed("cannot allocate a \(width)×\(height) page")
        }
        pixSetResolution(pix, Int32(dpi), Int32(dpi))
        if channels == 3 { pixSetSpp(pix, 3) }
        let wpl = Int(pixGetWpl(pix))
        let data = pixGetData(pix)!
        pixels.withUnsafeBufferPointer { src in
            for y in 0..<height {
                let row = data + y * wpl
                let s = y * width * channels
                if channels == 3 {
                    for x in 0..<width {
                        let r = UInt32(src[s + 3 * x]), g = UInt32(src[s + 3 * x + 1]), b = UInt32(src[s + 3 * x + 2])
                        row[x] = (r << 24) | (g << 16) | (b << 8)
                    }
                } else {
                    let bytes = UnsafeMutableRawPointer(row).assumingMemoryBound(to: UInt8.self)
                    for x in 0..<width {
                        // Leptonica keeps bytes big-endian within each 32-bit word.
                        bytes[x ^ 3] = src[s + x]
                    }
                }
            }
        }
        return PageImage(owning: pix)
    }

    /// A baseline JPEG of the page (gray or YCbCr), for archiving a scanned page compactly;
    /// the PDF writer embeds it as it is.
    public func jpegData(quality: Int = 90) throws -> Data {
        let source: PageImage = (depth == 8 && !hasColormap) || depth == 32 ? self : try grayscale()
        var bytes: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard pixWriteMemJpeg(&bytes, &size, source.pix, Int32(quality), 0) == 0, let bytes else {
            throw OCRError.imageOperationFailed("cannot encode the \(width)×\(height) page as JPEG")
        }
        defer { free(bytes) }
        return Data(bytes: bytes, count: size)
    }

    /// Writes pages into one multi-page TIFF (lossless, deflate; 1-bit pages as G4).
    public static func writeMultipageTIFF(_ pages: [PageImage], to path: String) throws {
        for (index, page) in pages.enumerated() {
            let compression = page.depth == 1 ? IFF_TIFF_G4 : IFF_TIFF_ZIP
            guard pixWriteTiff(path, page.pix, Int32(compression), index == 0 ? "w" : "a") == 0 else {
                throw OCRError.imageOperationFailed("cannot write page \(index + 1) to \(path)")
            }
        }
    }

    /// Measures the writing on the page (see `InkStatistics`). About 20 ms for an A4 page
    /// at 300 dpi: it runs on every scanned page, before OCR, so blank backs cost no OCR.
    public func inkStatistics() throws -> InkStatistics {
        let failed = OCRError.imageOperationFailed("cannot measure the page")
        let (small, smallDPI) = try measuringThumbnail()
        // Inside the margins: edges carry feeder shadows, holes and the scan border.
        let w = small.width, h = small.height
        let box = boxCreate(Int32(Double(w) * 0.08), Int32(Double(h) * 0.04), Int32(Double(w) * 0.84), Int32(Double(h) * 0.92))
        defer { var b = box; boxDestroy(&b) }
        let inner = try PageImage.adopt(pixClipRectangle(small.pix, box, nil), or: failed)
        // Flatten the paper (tint, shadows, uneven light) to a level background.
        let flat = try PageImage.adopt(pixBackgroundNormSimple(inner.pix, nil, nil), or: failed)
        var median: UInt32 = 0
        pixGetRankValue(inner.pix, 2, 0.5, &median)
        // Background goes to ~200; ink of text stays far below, show-through from the back
        // (blurred, faint) and sensor noise stay above.
        let binary = try PageImage.adopt(pixThresholdToBinary(flat.pix, 120), or: failed)
        let mm = smallDPI / 25.4
        let minHeight = max(2, Int((0.5 * mm).rounded())), maxHeight = Int(8 * mm), maxWidth = Int(15 * mm)
        var marks = 0
        var area = 0
        for piece in try binary.pieceBoxes() {
            let (cw, ch) = (piece.width, piece.height)
            guard ch >= minHeight, ch <= maxHeight, cw <= maxWidth, cw * ch >= 4 else { continue }
            marks += 1
            area += cw * ch
        }
        return InkStatistics(markCount: marks, inkFraction: Double(area) / Double(max(1, inner.width * inner.height)),
                             paperLevel: Int(median))
    }
}

/// A line of writing near the top of a page, measured from the ink (no OCR): continuation
/// pages of Vietnamese administrative documents start with the page number alone, centred;
/// first pages with the header in two columns (agency left, national title right).
public struct TopLine: Sendable, Equatable {
    /// Extent of the line as fractions of the page width / height.
    public var minX: Double
    public var maxX: Double
    public var top: Double
    public var height: Double
    /// Blank space between it and the next line, as a fraction of the page height.
    public var gapBelow: Double
    /// Character-sized marks on it.
    public var marks: Int
    /// The widest blank stretch between marks on the line, as a fraction of the page width,
    /// and where its middle is (fraction of the page width).
    public var widestGap: Double = 0
    public var widestGapCentre: Double = 0.5

    public init(minX: Double, maxX: Double, top: Double, height: Double, gapBelow: Double, marks: Int,
                widestGap: Double = 0, widestGapCentre: Double = 0.5) {
        self.minX = minX
        self.maxX = maxX
        self.top = top
        self.height = height
        self.gapBelow = gapBelow
        self.marks = marks
        self.widestGap = widestGap
        self.widestGapCentre = widestGapCentre
    }

    /// A short, centred line standing apart above the text: a page number.
    public var looksLikePageNumber: Bool {
        let width = maxX - minX, centre = (minX + maxX) / 2
        return marks >= 1 && marks <= 5 && width < 0.05 && abs(centre - 0.5) < 0.06 && top < 0.14
            && gapBelow > 0.006 && height < 0.02
    }

    /// Writing on both sides of a wide blank stretch near the middle of the page: a row of the
    /// two-column header (body text is justified across the whole width, its word spaces are
    /// under 2 % of it).
    public var looksLikeTwoColumns: Bool {
        marks >= 6 && widestGap >= 0.035 && widestGapCentre > 0.3 && widestGapCentre < 0.7
            && widestGapCentre - widestGap / 2 - minX > 0.08 && maxX - (widestGapCentre + widestGap / 2) > 0.08
    }
}

extension PageImage {
    /// 8-bit gray (colour through luminance) at about 100 dpi, keeping the darkest pixel of
    /// each cell so thin strokes survive: what the page measurements look at. Returns the
    /// thumbnail and its resolution.
    func measuringThumbnail() throws -> (PageImage, Double) {
        let failed = OCRError.imageOperationFailed("cannot measure the page")
        let gray: PageImage
        if depth == 32 {
            gray = try PageImage.adopt(pixConvertRGBToLuminance(pix), or: failed)
        } else if depth == 8 && !hasColormap {
            gray = self
        } else {
            gray = try grayscale()
        }
        let dpi = max(50, storedDPI > 0 ? storedDPI : 300)
        let factor = max(1, Int((Double(dpi) / 100).rounded()))
        let small = factor > 1
            ? try PageImage.adopt(pixScaleGrayMinMax(gray.pix, Int32(factor), Int32(factor), Int32(L_CHOOSE_MIN)), or: failed)
            : gray
        return (small, Double(dpi) / Double(factor))
    }

    /// The first line of writing inside the margins, or nil on an empty page.
    public func topLine() throws -> TopLine? {
        try topLines(limit: 1).first
    }

    /// The first `limit` lines of writing in the upper half of the page, inside the margins.
    public func topLines(limit: Int) throws -> [TopLine] {
        let failed = OCRError.imageOperationFailed("cannot measure the page")
        let (small, smallDPI) = try measuringThumbnail()
        let w = small.width, h = small.height
        let x0 = Int(Double(w) * 0.08), y0 = Int(Double(h) * 0.02)
        let box = boxCreate(Int32(x0), Int32(y0), Int32(Double(w) * 0.84), Int32(Double(h) * 0.5))
        defer { var b = box; boxDestroy(&b) }
        let inner = try PageImage.adopt(pixClipRectangle(small.pix, box, nil), or: failed)
        let flat = try PageImage.adopt(pixBackgroundNormSimple(inner.pix, nil, nil), or: failed)
        let binary = try PageImage.adopt(pixThresholdToBinary(flat.pix, 120), or: failed)
        let mm = smallDPI / 25.4
        // Digits and letters are 2 mm tall and more; smaller marks (diacritics, specks of
        // noise) would start a line of their own above the page number.
        let minHeight = max(2, Int((1.5 * mm).rounded())), maxHeight = Int(8 * mm), maxWidth = Int(15 * mm)
        let marks: [(x: Int, y: Int, w: Int, h: Int)] = try binary.pieceBoxes()
            .filter { $0.height >= minHeight && $0.height <= maxHeight && $0.width <= maxWidth }
            .map { ($0.x, $0.y, $0.width, $0.height) }
        guard !marks.isEmpty else { return [] }
        // Rows covered by marks; a line ends at the first uncovered row.
        var covered = [Bool](repeating: false, count: inner.height + 1)
        for m in marks { for y in m.y..<min(inner.height, m.y + m.h) { covered[y] = true } }
        var lines: [TopLine] = []
        var y = 0
        while lines.count < limit {
            while y < inner.height && !covered[y] { y += 1 }
            guard y < inner.height else { break }
            let start = y
            while y < inner.height && covered[y] { y += 1 }
            let end = y
            var next = end
            while next < inner.height && !covered[next] { next += 1 }
            let band = marks.filter { $0.y >= start && $0.y < end }.sorted { $0.x < $1.x }
            guard !band.isEmpty else { continue }
            var reach = band[0].x + band[0].w, gap = 0, gapMid = 0.0
            for m in band.dropFirst() {
                if m.x - reach > gap { gap = m.x - reach; gapMid = Double(reach + m.x) / 2 }
                reach = max(reach, m.x + m.w)
            }
            let minX = band[0].x, maxX = band.map { $0.x + $0.w }.max()!
            lines.append(TopLine(
                minX: Double(x0 + minX) / Double(w), maxX: Double(x0 + maxX) / Double(w),
                top: Double(y0 + start) / Double(h), height: Double(end - start) / Double(h),
                gapBelow: Double(next - end) / Double(h), marks: band.count,
                widestGap: Double(gap) / Double(w), widestGapCentre: (Double(x0) + gapMid) / Double(w)))
        }
        return lines
    }
}

extension TopLine {
    /// The first lines of a page show a page number: one of them, before the first line of
    /// text, looks like one (a speck of noise may stand above it).
    public static func pageNumberAtTop(_ lines: [TopLine]) -> Bool {
        for line in lines {
            if line.looksLikePageNumber { return true }
            if line.marks >= 6 || line.maxX - line.minX > 0.3 { return false }
        }
        return false
    }
}
