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
    /// `layer`: another upright image of the page to read instead of its OCR image (see
    /// `PreparedPage.blackInkLayer`).
    /// `digitsOnly`: the region holds digits alone (a date's blank, a number written in), read
    /// with the digits model (`EngineModel.digits`).
    public func reread(_ page: PreparedPage, region: PixelBox, segmentation: PageSegmentation, scale: Double = 1.5,
                       digitsOnly: Bool = false, from layer: PageImage? = nil) async throws -> [RecognizedWord] {
        try await pool.withEngine(digitsOnly ? .digits : .text) { engine in
            try Self.reread(page, image: layer ?? page.ocrImage, region: region, segmentation: segmentation, scale: scale,
                            digitsOnly: digitsOnly, engine: engine)
        }
    }

    /// Reads the coloured ink of the upper left of the page on its own (stamped marks the
    /// main pass drops with the red ink, the ĐẾN stamp). Empty for gray pages. Boxes in
    /// upright page pixels. `upperShare`, `leftShare`: how much of the page, from the top and
    /// from the left — marks stand near the number, the arrival stamp over the header columns.
    public func readColouredInk(_ page: PreparedPage, upperShare: Double = 0.5, leftShare: Double = 0.7) async throws -> [RecognizedWord] {
        try await pool.withEngine { engine in
            guard let ink = try page.source.image.colouredInk() else { return [] }
            let layer = try page.upright(ink)
            let upper = PixelBox(x: 0, y: 0, width: Int(Double(layer.width) * leftShare), height: Int(Double(layer.height) * upperShare))
            // Only as far as there is coloured ink to read (the OCR pass costs by area); a
            // colour page without stamps in its upper left is not read at all.
            let skew = page.skewRotation
            let mm = Double(page.source.dpi) / 25.4
            guard let inked = try layer.inkBounds(in: skew.deskewedBox(of: upper), minSize: Int(1.5 * mm)) else { return [] }
            let region = skew.uprightBox(of: inked.expanded(by: Int(2 * mm))).clamped(width: upper.width, height: upper.height)
            return try Self.reread(page, image: layer, region: region, segmentation: .sparse, scale: 1, engine: engine)
        }
    }

    private static func reread(_ page: PreparedPage, image: PageImage, region: PixelBox, segmentation: PageSegmentation,
                               scale: Double, digitsOnly: Bool = false, engine: TesseractEngine) throws -> [RecognizedWord] {
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
            let inImage = PixelBox(
                x: target.x + Int(Double(word.box.x) / scale), y: target.y + Int(Double(word.box.y) / scale),
                width: Int(Double(word.box.width) / scale), height: Int(Double(word.box.height) / scale))
            w.box = skew.uprightBox(of: inImage)
            return w
        }
    }
}

extension PreparedPage {
    /// Another layer of the source image, turned and levelled as the OCR image was.
    func upright(_ layer: PageImage) throws -> PageImage {
        try layer.turned(rotation: rotation, skew: skewAngle)
    }

    /// The page upright on black print alone, every coloured stamp and handwriting gone (see
    /// `blackInkForOCR`), for `PageRecognizer.reread(_:region:segmentation:scale:digitsOnly:from:)`.
    /// A whole-page computation: make it once per page and read all its regions from it.
    public func blackInkLayer() throws -> PageImage {
        try upright(source.image.blackInkForOCR())
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
