import CLeptonica
import CTesseract
import Foundation

/// How Tesseract should segment an image it is given.
public enum PageSegmentation: Sendable {
    /// Find blocks, lines and words (a full page).
    case auto
    /// One uniform block of text (a signature block, a title block).
    case block
    /// A single line (the number line, the date line).
    case singleLine
    /// Scattered words in no particular order (stamps on an otherwise empty layer).
    case sparse

    var mode: TessPageSegMode {
        switch self {
        case .auto: PSM_AUTO
        case .block: PSM_SINGLE_BLOCK
        case .singleLine: PSM_SINGLE_LINE
        case .sparse: PSM_SPARSE_TEXT
        }
    }
}

extension TesseractEngine {
    /// Recognises `image` with the given segmentation, and only `characters` when given (a
    /// blank for digits), then returns to full-page mode and every character.
    public func recognize(_ image: PageImage, dpi: Int, segmentation: PageSegmentation, characters: String? = nil) throws -> RecognizedText {
        if let characters {
            setWhitelist(characters)
        }
        defer { if characters != nil { setWhitelist("") } }
        guard segmentation != .auto else { return try recognize(image, dpi: dpi) }
        setSegmentation(segmentation.mode)
        defer { setSegmentation(PSM_AUTO) }
        return try recognize(image, dpi: dpi)
    }
}

extension PageImage {
    /// The part of the image inside `box` (clamped to the image), scaled by `scale`.
    func cropped(to box: PixelBox, scale: Double = 1) throws -> PageImage {
        let failed = OCRError.imageOperationFailed("cannot crop \(box) from a \(width)×\(height) image")
        guard let region = boxCreate(Int32(box.x), Int32(box.y), Int32(box.width), Int32(box.height)) else { throw failed }
        var owned: UnsafeMutablePointer<BOX>? = region
        defer { boxDestroy(&owned) }
        let crop = try PageImage.adopt(pixClipRectangle(pix, region, nil), or: failed)
        return scale == 1 ? crop : try crop.scaled(by: scale)
    }

    /// The bounds, inside `box`, of the ink of an 8-bit black-on-white layer: the union of
    /// its pieces at least `minSize` pixels tall or wide (smaller ones are specks). Nil when
    /// there are none.
    func inkBounds(in box: PixelBox, minSize: Int) throws -> PixelBox? {
        try inkBounds(in: box) { max($0.width, $0.height) >= minSize }
    }

    /// The bounds, inside `box`, of the pieces of ink that `keep` (given each piece's box
    /// inside `box`) keeps; in page pixels. Nil when there are none.
    func inkBounds(in box: PixelBox, keeping keep: (PixelBox) -> Bool) throws -> PixelBox? {
        let failed = OCRError.imageOperationFailed("cannot measure the ink of a layer")
        let crop = try cropped(to: box)
        let binary = try PageImage.adopt(pixThresholdToBinary(crop.pix, 128), or: failed)
        var bounds: PixelBox?
        for piece in try binary.pieceBoxes() where keep(piece) {
            let onPage = PixelBox(x: box.x + piece.x, y: box.y + piece.y, width: piece.width, height: piece.height)
            bounds = bounds?.union(onPage) ?? onPage
        }
        return bounds
    }

    /// Where the digits in `box` of an 8-bit page stand: the union of its pieces of ink
    /// 1.2 mm tall or more and under 12 mm wide that reach into the box's middle third, with
    /// 1.5 mm to spare. Rules, dotted lines and the letters of the lines above and below lie
    /// at the box's top and bottom; digits read alone and tight read the same however tall
    /// the box was cut. Nil when there are none.
    func digitsBounds(in box: PixelBox, dpi: Int) throws -> PixelBox? {
        let mm = Double(dpi) / 25.4
        let middle = Double(box.height) / 3...Double(box.height) * 2 / 3
        let digits = try inkBounds(in: box) { piece in
            Double(piece.height) >= 1.2 * mm && Double(piece.width) < 12 * mm
                && Double(piece.y) <= middle.upperBound && Double(piece.y + piece.height) >= middle.lowerBound
        }
        return digits?.expanded(by: Int(1.5 * mm)).clamped(width: width, height: height)
    }

    /// Coloured ink only — red and violet stamps, seals, urgency and secrecy marks — as
    /// black on white, 8-bit; with `redOnly`, red ink alone (secrecy marks, seals), the violet
    /// ĐẾN stamp left out. Nil for a page without colour.
    func colouredInk(redOnly: Bool = false) throws -> PageImage? {
        guard depth == 32 else { return nil }
        let redness = try redness(violetCounts: !redOnly)
        // Red alone is rarer than red or violet, so fainter red (a mark's thin ring) is kept.
        pixAddConstantGray(redness.pix, redOnly ? -12 : -25)
        pixMultConstantGray(redness.pix, redOnly ? 6 : 4)
        pixInvert(redness.pix, redness.pix)
        return redness
    }
}

extension PageRecognizer {
    /// Reads one region of a prepared page again, cut out and enlarged, with the
    /// segmentation that suits it: a seal over the signer's name or a stamp over the
    /// number line spoils the full-page pass, while the region alone reads well.
    /// `region` and the returned boxes are in upright page pixels.
    /// `digitsOnly`: the region holds digits alone (a date's blank, a number written in), read
    /// with the digits model (`EngineModel.digits`).
    public func reread(_ page: PreparedPage, region: PixelBox, segmentation: PageSegmentation, scale: Double = 1.5,
                       digitsOnly: Bool = false) async throws -> [RecognizedWord] {
        try await pool.withEngine(digitsOnly ? .digits : .text) { engine in
            try Self.reread(page, region: region, segmentation: segmentation, scale: scale, digitsOnly: digitsOnly, engine: engine)
        }
    }

    /// Reads the coloured ink of the upper left of the page on its own (stamped marks the
    /// main pass drops with the red ink, the ĐẾN stamp). Empty for gray pages. Boxes in
    /// upright page pixels. `upperShare`, `leftShare`: how much of the page, from the top and
    /// from the left — marks stand near the number, the arrival stamp over the header columns.
    public func readColouredInk(_ page: PreparedPage, upperShare: Double = 0.5, leftShare: Double = 0.7) async throws -> [RecognizedWord] {
        guard page.source.image.depth == 32 else { return [] }
        return try await pool.withEngine { engine in
            let skew = page.skewRotation
            let upper = PixelBox(x: 0, y: 0, width: Int(Double(page.uprightWidth) * leftShare), height: Int(Double(page.uprightHeight) * upperShare))
            // The ink separated in the upper left alone: the whole page's costs more.
            let cut = try page.layer(around: skew.deskewedBox(of: upper)) { part in
                guard let ink = try part.colouredInk() else { throw OCRError.imageOperationFailed("no colour to separate") }
                return ink
            }
            // Only as far as there is coloured ink to read (the OCR pass costs by area); a
            // colour page without stamps in its upper left is not read at all.
            let mm = Double(page.source.dpi) / 25.4
            guard let inked = try cut.image.inkBounds(in: cut.onLayer(cut.box), minSize: Int(1.5 * mm)) else { return [] }
            let region = skew.uprightBox(of: cut.onOCRImage(inked.expanded(by: Int(2 * mm)))).clamped(width: upper.width, height: upper.height)
            return try Self.read(cut, target: skew.deskewedBox(of: region), page: page, segmentation: .sparse, scale: 1, engine: engine)
        }
    }

    /// Reads one region on black print alone (see `PreparedPage.layer(around:making:)`): a seal
    /// over the signer's name, the ĐẾN stamp over the header. `region` and the returned
    /// boxes are in upright page pixels.
    public func rereadBlackPrint(_ page: PreparedPage, region: PixelBox, segmentation: PageSegmentation,
                                 scale: Double = 1.5) async throws -> [RecognizedWord] {
        try await pool.withEngine { engine in
            let target = page.skewRotation.deskewedBox(of: region)
            let tinted = page.source.image.isTintedPaper
            let cut = try page.layer(around: target) { try $0.blackInkForOCR(tintedPaper: tinted) }
            return try Self.read(cut, target: target, page: page, segmentation: segmentation, scale: scale, engine: engine)
        }
    }

    /// Reads `target`, a box on the OCR image, on a layer cut out around it; boxes in upright
    /// page pixels.
    private static func read(_ cut: CutOutLayer, target: PixelBox, page: PreparedPage, segmentation: PageSegmentation,
                             scale: Double, engine: TesseractEngine) throws -> [RecognizedWord] {
        let box = cut.onLayer(target)
        let found = try engine.recognize(try cut.image.cropped(to: box, scale: scale), dpi: Int(Double(page.source.dpi) * scale),
                                         segmentation: segmentation)
        return found.words.map { word in
            var w = word
            w.box = page.skewRotation.uprightBox(of: cut.onOCRImage(Self.unscaled(word.box, croppedAt: box, scale: scale)))
            return w
        }
    }

    private static func reread(_ page: PreparedPage, region: PixelBox, segmentation: PageSegmentation,
                               scale: Double, digitsOnly: Bool = false, engine: TesseractEngine) throws -> [RecognizedWord] {
        let image = page.ocrImage
        let skew = page.skewRotation
        var target = skew.deskewedBox(of: region)
        if digitsOnly {
            guard let digits = try image.digitsBounds(in: target, dpi: page.source.dpi) else { return [] }
            target = digits
        }
        let crop = try image.cropped(to: target, scale: scale)
        let found = try engine.recognize(crop, dpi: Int(Double(page.source.dpi) * scale), segmentation: segmentation,
                                         characters: digitsOnly ? "0123456789" : nil)
        return found.words.map { word in
            var w = word
            w.box = skew.uprightBox(of: unscaled(word.box, croppedAt: target, scale: scale))
            return w
        }
    }

    /// A box found on a crop of `crop`, scaled by `scale`, on the image it was cut from.
    static func unscaled(_ box: PixelBox, croppedAt crop: PixelBox, scale: Double) -> PixelBox {
        PixelBox(x: crop.x + Int(Double(box.x) / scale), y: crop.y + Int(Double(box.y) / scale),
                 width: Int(Double(box.width) / scale), height: Int(Double(box.height) / scale))
    }
}

extension PreparedPage {
    /// Another layer of the source image, turned and levelled as the OCR image was.
    func upright(_ layer: PageImage) throws -> PageImage {
        try layer.turned(rotation: rotation, skew: skewAngle)
    }

    /// The page upright on black print alone, every coloured stamp and handwriting gone (see
    /// `blackInkForOCR`): the whole page's layer, which `layer(around:making:)` matches in one
    /// region at a fraction of the cost (the tests hold the one to the other).
    func blackInkLayer() throws -> PageImage {
        try upright(source.image.blackInkForOCR())
    }

    /// A layer of the page (`make` of its source pixels: black print alone, coloured ink)
    /// around `box`, a box on the OCR image, without making it for the whole page: the
    /// source's pixels under the box cut out, made into the layer, turned upright and levelled
    /// about their own centre. `make` must work pixel by pixel (a page-wide measure, like the
    /// paper's tint, is taken on the page and passed in).
    func layer(around box: PixelBox, making make: (PageImage) throws -> PageImage) throws -> CutOutLayer {
        // The upright region under the box: its corners turned back, a few pixels to spare.
        let theta = -skewAngle * .pi / 180
        let cx = Double(uprightWidth) / 2, cy = Double(uprightHeight) / 2
        let corners = [(box.x, box.y), (box.x + box.width, box.y), (box.x, box.y + box.height), (box.x + box.width, box.y + box.height)]
            .map { x, y in
                let dx = Double(x) - cx, dy = Double(y) - cy
                return (cx + dx * cos(theta) - dy * sin(theta), cy + dx * sin(theta) + dy * cos(theta))
            }
        let x0 = Int(corners.map(\.0).min()!.rounded(.down)) - 4, y0 = Int(corners.map(\.1).min()!.rounded(.down)) - 4
        let x1 = Int(corners.map(\.0).max()!.rounded(.up)) + 4, y1 = Int(corners.map(\.1).max()!.rounded(.up)) + 4
        let region = PixelBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0).clamped(width: uprightWidth, height: uprightHeight)
        let image = try make(try source.image.cropped(to: sourceBox(ofUpright: region))).turned(rotation: rotation, skew: skewAngle)
        // Levelled about the region's centre instead of the page's: the same turn, moved.
        let t = skewAngle * .pi / 180
        let (ex, ey) = (cx - (Double(region.x) + Double(region.width) / 2), cy - (Double(region.y) + Double(region.height) / 2))
        let offsetX = Double(region.width) / 2 - cx + ex * cos(t) - ey * sin(t)
        let offsetY = Double(region.height) / 2 - cy + ex * sin(t) + ey * cos(t)
        return CutOutLayer(image: image, box: box, offset: (Int(offsetX.rounded()), Int(offsetY.rounded())))
    }

    /// Where a box on the upright page lies on the source image, before its turn by
    /// `rotation` degrees clockwise.
    func sourceBox(ofUpright box: PixelBox) -> PixelBox {
        let (w, h) = (source.image.width, source.image.height)
        switch ((rotation % 360) + 360) % 360 {
        case 90: return PixelBox(x: box.y, y: h - box.x - box.width, width: box.height, height: box.width)
        case 180: return PixelBox(x: w - box.x - box.width, y: h - box.y - box.height, width: box.width, height: box.height)
        case 270: return PixelBox(x: w - box.y - box.height, y: box.x, width: box.height, height: box.width)
        default: return box
        }
    }
}

extension SkewRotation {
    /// Maps a box on the upright image onto the deskewed image (the inverse of `uprightBox`),
    /// grown by the skew so that a slightly tilted line stays inside it. Clamped.
    func deskewedBox(of box: PixelBox) -> PixelBox {
        guard degrees != 0 else { return box }
        let theta = degrees * .pi / 180
        let cx = Double(width) / 2, cy = Double(height) / 2
        let dx = Double(box.x) + Double(box.width) / 2 - cx
        let dy = Double(box.y) + Double(box.height) / 2 - cy
        let mx = cx + dx * cos(theta) - dy * sin(theta)
        let my = cy + dx * sin(theta) + dy * cos(theta)
        let grow = Int(abs(sin(theta)) * Double(box.width) / 2) + 2
        let x0 = max(0, Int((mx - Double(box.width) / 2).rounded()) - 2)
        let y0 = max(0, Int((my - Double(box.height) / 2).rounded()) - grow)
        return PixelBox(x: x0, y: y0, width: min(box.width + 4, width - x0), height: min(box.height + 2 * grow, height - y0))
    }
}

/// A layer of one region of a page (`PreparedPage.layer(around:making:)`): its pixels lie
/// `offset` from the OCR image's.
struct CutOutLayer {
    let image: PageImage
    /// The box it was cut around, on the OCR image.
    let box: PixelBox
    let offset: (x: Int, y: Int)

    /// A box on the OCR image on the layer (clamped to it), and back.
    func onLayer(_ b: PixelBox) -> PixelBox {
        PixelBox(x: b.x + offset.x, y: b.y + offset.y, width: b.width, height: b.height).clamped(width: image.width, height: image.height)
    }

    func onOCRImage(_ b: PixelBox) -> PixelBox {
        PixelBox(x: b.x - offset.x, y: b.y - offset.y, width: b.width, height: b.height)
    }
}
