import CLeptonica
import Foundation

/// A stamped frame found near the number and what a second OCR pass read inside it.
public struct MarkFrameReading: Sendable {
    /// The frame, in upright page pixels.
    public var box: PixelBox
    public var shape: MarkFrameFinder.Frame.Shape
    public var sides: Int
    /// Words read inside the frame (page pixels); empty when nothing could be read.
    public var words: [RecognizedWord]
}

/// Looks for stamped frames (urgency and secrecy marks) in the marks zone of page 1 — the
/// left part of the page from the header down to the body — with a cheap pixel test, and
/// reads only what it finds. A frame costs one small OCR call; a page without frames costs
/// some tens of milliseconds of pixel work.
public struct MarkBoxDetector: Sendable {
    /// Share of the page width, from the left, that marks are looked for in.
    public var zoneWidth = 0.64
    /// Vertical band of the page (shares of its height) that marks are looked for in.
    public var zoneTop = 0.05, zoneBottom = 0.5
    /// Resolution the pixel test works at.
    public var workDPI = 100.0

    public init() {}

    /// The marks zone of `page`, upright and levelled like the OCR image (so that frame sides
    /// are vertical within the few degrees a stamp is turned by hand), cut from the page once:
    /// - `luminance`, 8-bit, so red and violet ink stay as dark as black;
    /// - `red`, the red ink alone on a colour scan (nil for a gray one): a red secrecy mark's
    ///   ring stands alone there even where it crosses print or the violet ĐẾN stamp, which
    ///   join it to other ink in the luminance;
    /// - `origin`, where the zone sits on the upright page.
    public func zone(of page: PreparedPage) throws -> (luminance: PageImage, red: PageImage?, origin: PixelBox) {
        var source = page.source.image
        if page.rotation != 0 { source = try source.rotatedClockwise(degrees: page.rotation) }
        let zone = PixelBox(x: 0, y: Int(Double(source.height) * zoneTop), width: Int(Double(source.width) * zoneWidth),
                            height: Int(Double(source.height) * (zoneBottom - zoneTop)))
        let colour = try source.cropped(to: zone)
        var gray = try colour.grayscale()
        // Shadows and tinted paper (phone and fax scans) made even: a frame's thin lines must
        // stand out from the paper around them, not from the page's average.
        if let even = pixBackgroundNormSimple(gray.pix, nil, nil) { gray = PageImage(owning: even) }
        let levelled = { (image: PageImage) in try image.rotatedClockwise(byAngle: page.skewAngle) }
        return (try levelled(gray), try colour.colouredInk(redOnly: true).map(levelled), zone)
    }

    /// A box on the levelled zone image (from `zone(of:)`) on the upright page.
    func pageBox(_ box: PixelBox, zone: PixelBox, skew: Double) -> PixelBox {
        let b = SkewRotation(degrees: skew, width: zone.width, height: zone.height).uprightBox(of: box)
        return PixelBox(x: zone.x + b.x, y: zone.y + b.y, width: b.width, height: b.height)
    }

    /// The zone at about `workDPI`, each pixel the darkest of those it stands for: a frame
    /// line one or two pixels wide stays dark instead of being averaged into the paper.
    func reduced(_ image: PageImage, dpi: Int) throws -> (PageImage, Double) {
        let factor = max(1, Int((Double(dpi) / workDPI).rounded()))
        guard factor > 1 else { return (image, 1) }
        let small = try PageImage.adopt(pixScaleGrayMinMax(image.pix, Int32(factor), Int32(factor), Int32(L_CHOOSE_MIN)),
                                        or: OCRError.imageOperationFailed("cannot reduce the marks zone"))
        return (small, 1 / Double(factor))
    }

    /// The frames in a zone image (from `zone(of:)`), in the zone's pixels.
    public func frames(inZone image: PageImage, dpi: Int) throws -> [MarkFrameFinder.Frame] {
        let (small, scale) = try reduced(image, dpi: dpi)
        let dpi = Double(max(dpi, 50))
        let finder = MarkFrameFinder(pixelsPerMM: dpi * scale / 25.4)
        return finder.frames(in: try small.inkGrid()).map { frame in
            var f = frame
            f.box = PixelBox(x: Int(Double(frame.box.x) / scale), y: Int(Double(frame.box.y) / scale),
                             width: Int(Double(frame.box.width) / scale), height: Int(Double(frame.box.height) / scale))
            return f
        }
    }
}

extension PageImage {
    /// Ink of an 8-bit image as a grid: pixels clearly darker than the paper (the median).
    func inkGrid() throws -> InkGrid {
        let gray = depth == 8 && !hasColormap ? self : try grayscale()
        let w = gray.width, h = gray.height
        var values = [UInt8](repeating: 255, count: w * h)
        guard let data = pixGetData(gray.pix) else { throw OCRError.imageOperationFailed("no pixel data") }
        let wpl = Int(pixGetWpl(gray.pix))
        data.withMemoryRebound(to: UInt8.self, capacity: wpl * 4 * h) { bytes in
            for y in 0..<h {
                let row = y * wpl * 4
                for x in 0..<w {
                    // Leptonica keeps 32-bit words in native order: byte n of a line is at n ^ 3 on little-endian.
                    #if _endian(little)
                    values[y * w + x] = bytes[row + (x ^ 3)]
                    #else
                    values[y * w + x] = bytes[row + x]
                    #endif
                }
            }
        }
        var histogram = [Int](repeating: 0, count: 256)
        for v in values { histogram[Int(v)] += 1 }
        var seen = 0, median = 255
        for (v, n) in histogram.enumerated() {
            seen += n
            if seen * 2 >= values.count { median = v; break }
        }
        let threshold = UInt8(max(60, min(220, Double(median) * 0.9)))
        return InkGrid(width: w, height: h, bits: values.map { $0 < threshold })
    }
}

extension PageRecognizer {
    /// Frames in the marks zone of `page` and the words inside each, read alone and enlarged
    /// from the red ink or the luminance (so red ink, which the page pass drops, is read too).
    /// `readsAsMark`: whether a frame's words spell a mark; a frame found on the red ink whose
    /// words there do not (its letters broken on tinted paper: "4i Ằwy" for KHẨN) is read
    /// again on the luminance, and that reading taken only when it does.
    public func readMarkFrames(_ page: PreparedPage, detector: MarkBoxDetector = MarkBoxDetector(),
                               readsAsMark: @escaping @Sendable ([RecognizedWord]) -> Bool = { _ in true }) async throws -> [MarkFrameReading] {
        let (upright, redZone, origin) = try detector.zone(of: page)
        // On a colour scan, frames are looked for on the red ink alone first (secrecy marks are
        // red) and read there, free of the print a large ring crosses; then on the luminance.
        let red = try redZone.map { zone in try detector.frames(inZone: zone, dpi: page.source.dpi).map { ($0, zone) } } ?? []
        let frames = red + (try detector.frames(inZone: upright, dpi: page.source.dpi))
            .filter { f in !red.contains { MarkFrameFinder.overlap($0.0.box, f.box) > 0.5 } }.map { ($0, upright) }
        if ProcessInfo.processInfo.environment["INTAKE_DEBUG_MARKS"] != nil {
            FileHandle.standardError.write(Data("mark frames: \(frames.map(\.0)) zone \(origin)\n".utf8))
            if let dir = ProcessInfo.processInfo.environment["INTAKE_DEBUG_MARKS_DIR"] {
                for (name, image) in [("zone", upright), ("red", redZone)] {
                    guard let image else { continue }
                    let (small, _) = try detector.reduced(image, dpi: page.source.dpi)
                    let grid = try small.inkGrid()
                    var pgm = Data("P5 \(grid.width) \(grid.height) 255\n".utf8)
                    pgm.append(contentsOf: grid.bits.map { $0 ? UInt8(0) : 255 })
                    try? pgm.write(to: URL(fileURLWithPath: dir + "/\(name)-\(UUID().uuidString.prefix(6)).pgm"))
                }
            }
        }
        guard !frames.isEmpty else { return [] }
        return try await pool.withEngine { engine in
            try frames.prefix(6).map { frame, image in
                var words = try Self.read(frame, on: image, page: page, engine: engine)
                if image !== upright, !readsAsMark(words) {
                    let again = try Self.read(frame, on: upright, page: page, engine: engine)
                    if readsAsMark(again) { words = again }
                }
                let box = detector.pageBox(frame.box, zone: origin, skew: page.skewAngle)
                return MarkFrameReading(box: box, shape: frame.shape, sides: frame.sides,
                                        words: words.map { word in
                                            var w = word
                                            w.box = detector.pageBox(word.box, zone: origin, skew: page.skewAngle)
                                            return w
                                        })
            }
        }
    }

    /// The words inside a frame on one layer of the marks zone, in the zone's pixels: its
    /// inside, off its lines (stamps often have a double border and are turned a little by
    /// hand), tried closest first, then further in, then as scattered text, until something
    /// with letters is read.
    private static func read(_ frame: MarkFrameFinder.Frame, on image: PageImage, page: PreparedPage,
                             engine: TesseractEngine) throws -> [RecognizedWord] {
        let mm = Double(page.source.dpi) / 25.4
        var clamped = PixelBox(x: 0, y: 0, width: 1, height: 1)
        var scale = 1.0
        var read: [RecognizedWord] = []
        for (insetMM, segmentation) in [(1.6, PageSegmentation.singleLine), (3.0, .singleLine), (0.8, .sparse)] {
            let insetX = frame.shape == .ellipse ? Double(frame.box.width) * 0.13 : insetMM * mm
            let insetY = frame.shape == .ellipse ? Double(frame.box.height) * 0.3 : insetMM * 0.8 * mm
            let inner = PixelBox(x: frame.box.x + Int(insetX), y: frame.box.y + Int(insetY),
                                 width: max(8, frame.box.width - Int(2 * insetX)), height: max(8, frame.box.height - Int(2 * insetY)))
            clamped = inner.clamped(width: image.width, height: image.height)
            // Capitals about 40 px high read best.
            scale = max(1, min(3, 40 / (Double(clamped.height) * 0.55)))
            let crop = try image.cropped(to: clamped, scale: scale)
            read = try engine.recognize(crop, dpi: Int(Double(page.source.dpi) * scale), segmentation: segmentation).words
            if read.contains(where: { $0.text.filter(\.isLetter).count >= 2 }) { break }
        }
        return read.map { word in
            var w = word
            w.box = unscaled(word.box, croppedAt: clamped, scale: scale)
            return w
        }
    }
}

extension PixelBox {
    func clamped(width: Int, height: Int) -> PixelBox {
        let x0 = min(max(0, x), max(0, width - 1)), y0 = min(max(0, y), max(0, height - 1))
        let x1 = min(width, x + self.width), y1 = min(height, y + self.height)
        return PixelBox(x: x0, y: y0, width: max(1, x1 - x0), height: max(1, y1 - y0))
    }
}
