import CLeptonica
import Foundation

/// Pixel operations used to prepare a page for OCR. Each returns a new image: the source
/// pixels are never modified, because the output PDF shows the original scan.
extension PageImage {
    /// 8-bit gray without colormap. RGB goes through luminance, 1-bit becomes 0/255.
    public func grayscale() throws -> PageImage {
        if depth == 8 && !hasColormap { return try copy() }
        // cmapflag 0: a colormap is removed to gray rather than kept.
        return try PageImage.adopt(pixConvertTo8(pix, 0), or: OCRError.imageOperationFailed("cannot convert a \(depth)-bit image to gray"))
    }

    /// 8-bit gray tuned for Tesseract on office scans:
    /// - red ink goes to paper white: seals and arrival stamps are red, and where they cross
    ///   the typed number line Tesseract otherwise reads the stamp's frame as letters;
    /// - mid-tones are darkened (x^1.5), so pale numbering-machine ink (violet) and
    ///   faint toner become solid strokes while paper stays white;
    /// - a speck inside a letter's or digit's loop goes (`withoutSpecksInLoops`).
    /// The page's own pixels are untouched; this is only what OCR reads.
    func grayForOCR(dpi: Int) throws -> PageImage {
        let failed = OCRError.imageOperationFailed("cannot prepare the gray OCR image")
        // An 8-bit gray page is read as it is: the gamma step below makes the new image.
        var gray = depth == 8 && !hasColormap ? self : try grayscale()
        if depth == 32 {
            // Held in a constant: a `pix` must not outlive the image that owns it.
            let lift = try redInkLift()
            gray = try PageImage.adopt(pixAddGray(nil, gray.pix, lift.pix), or: failed)
        }
        // Leptonica's gamma below 1 darkens: value = 255·x^(1/gamma). x^2 lost slashes
        // ("911/" read "9117") on the samples; x^1.5 kept both those and the violet digits.
        let darkened = try PageImage.adopt(pixGammaTRC(nil, gray.pix, Float(1.0 / 1.5), 0, 255), or: failed)
        return try darkened.withoutSpecksInLoops(maxLoop: dpi * 4 / 25)
    }

    /// The 8-bit page with its paper brought to one level, when the light across it was
    /// uneven; otherwise the page itself. Tesseract binarises with one Otsu threshold for the
    /// whole page: on a photographed or shaded page, whose paper runs from near white to
    /// mid-gray, that threshold blackens the dark part, and the header there is lost.
    /// The paper's level is a grayscale closing at a quarter of the size, wider than any
    /// stroke (6 mm); the page is divided by it. Even pages are left alone, because the
    /// division also lifts paper grain and JPEG noise to faint gray.
    func withLevelPaper(dpi: Int) throws -> PageImage {
        let reduction: Int32 = 4
        let size = Int32(max(3, dpi * 6 / 25 / Int(reduction)) | 1)
        var levelMap: UnsafeMutablePointer<PIX>?
        guard pixGetBackgroundGrayMapMorph(pix, nil, reduction, size, &levelMap) == 0, let levelMap else {
            throw OCRError.imageOperationFailed("cannot measure the paper's level")
        }
        let paper = PageImage(owning: levelMap)
        var darkest: UInt32 = 0, lightest: UInt32 = 0
        pixGetRankValue(paper.pix, 1, 0.05, &darkest)
        pixGetRankValue(paper.pix, 1, 0.95, &lightest)
        guard Int(lightest) - Int(darkest) > Self.unevenPaperSpread else { return self }
        let failed = OCRError.imageOperationFailed("cannot level the paper")
        let inverse = try PageImage.adopt(pixGetInvBackgroundMap(paper.pix, Self.levelPaperValue, 0, 0), or: failed)
        return try PageImage.adopt(pixApplyInvBackgroundGrayMap(pix, inverse.pix, reduction, reduction), or: failed)
    }

    /// Gray levels between the darker and the lighter paper (5th and 95th percentile) above
    /// which the page counts as unevenly lit. A flatbed scan's paper varies by ~10.
    static let unevenPaperSpread = 40
    /// The level the paper is brought to: paper white after `grayForOCR`'s darkening.
    static let levelPaperValue: Int32 = 235

    /// The 8-bit image with every speck of ink that stands inside a small closed loop of ink
    /// (at most `maxLoop` pixels across, a letter's or a digit's) sent to paper white. No
    /// letter of the script has a piece inside another's loop, but a numbering machine's
    /// zero has a dot there, and Tesseract reads that zero as 8 or 9 ("1061" as "1861").
    /// A frame's or a table cell's inside is far larger than a loop: what it holds stays.
    func withoutSpecksInLoops(maxLoop: Int, threshold: Int = 128) throws -> PageImage {
        let failed = OCRError.imageOperationFailed("cannot clear the specks inside loops")
        let ink = try binarized(threshold: threshold)
        // Background not reached from the border: the insides of loops, a speck in one
        // leaving a ring.
        let insides = try PageImage.adopt(pixHolesByFilling(ink.pix, 4), or: failed)
        let small = try PageImage.adopt(pixSelectBySize(insides.pix, Int32(maxLoop), Int32(maxLoop), 8,
                                                        Int32(L_SELECT_IF_BOTH), Int32(L_SELECT_IF_LTE), nil), or: failed)
        // A ring filled in is the loop's whole inside; the ink there is the speck.
        let filled = try PageImage.adopt(pixFillClosedBorders(small.pix, 4), or: failed)
        let specks = try PageImage.adopt(pixAnd(nil, filled.pix, ink.pix), or: failed)
        var empty: Int32 = 1
        pixZero(specks.pix, &empty)
        if empty != 0 { return self }
        // With the speck's pale rim, which the threshold left out.
        let grown = try PageImage.adopt(pixDilateBrick(nil, specks.pix, 3, 3), or: failed)
        let cleared = try copy()
        pixSetMasked(cleared.pix, grown.pix, 255)
        return cleared
    }

    /// 8-bit gray with the stamps gone and black print kept, also where a stamp crosses it:
    /// - coloured ink (red seals, violet arrival stamps) goes to paper white: stamp ink is
    ///   pale and carries some colour (≥ 10 levels of chroma), black print carries none;
    /// - pale gray (stamp ink on a gray scan, bleed-through) goes white: print is darker.
    /// For printed text a stamp is stamped over: the agency header under the ĐẾN stamp. Not for
    /// the number, which may be handwritten in colour.
    /// On tinted paper the print takes the paper's tint, and the blurred, JPEG-smeared edges
    /// of its strokes carry as much chroma as stamp ink: there only red ink goes, by its
    /// redness as in `grayForOCR` (`redInkLift`).
    /// `tintedPaper`: the page's `isTintedPaper`, for a piece cut out of it.
    func blackInkForOCR(tintedPaper: Bool? = nil) throws -> PageImage {
        let failed = OCRError.imageOperationFailed("cannot separate the black ink")
        var gray = try grayscale()
        if depth == 32 {
            let colour: PageImage
            if tintedPaper ?? isTintedPaper {
                colour = try redInkLift()
            } else {
                // Chroma = max − min of the channels: ~0 for black, gray and paper.
                let (red, green, blue) = try (channel(COLOR_RED), channel(COLOR_GREEN), channel(COLOR_BLUE))
                let highest = try red.choosing(L_CHOOSE_MAX, with: green).choosing(L_CHOOSE_MAX, with: blue)
                let lowest = try red.choosing(L_CHOOSE_MIN, with: green).choosing(L_CHOOSE_MIN, with: blue)
                colour = try PageImage.adopt(pixSubtractGray(nil, highest.pix, lowest.pix), or: failed)
                pixAddConstantGray(colour.pix, -8)
                pixMultConstantGray(colour.pix, 10)
            }
            gray = try PageImage.adopt(pixAddGray(nil, gray.pix, colour.pix), or: failed)
        }
        // 0…150 stretched to 0…255, lighter is paper.
        return try PageImage.adopt(pixGammaTRC(nil, gray.pix, 1.0, 0, 150), or: failed)
    }

    /// What to add to a 32-bit page's gray to send its red ink to paper white: the redness
    /// R − max(G, B), ~0 for black, gray and blue/violet ink and 60–110 for red stamps, less
    /// the scanner's colour noise (small values) and amplified.
    func redInkLift() throws -> PageImage {
        let redness = try redness(violetCounts: false)
        pixAddConstantGray(redness.pix, -15)
        pixMultConstantGray(redness.pix, 6)
        return redness
    }

    /// Whether a colour page's paper is tinted (aged, recycled or yellowed paper, a phone's
    /// colour cast): its paper level (the 70th percentile of each channel, as a page is mostly
    /// paper) spreads over 12 levels or more. White paper spreads 0–3.
    var isTintedPaper: Bool {
        var r: Float = 0, g: Float = 0, b: Float = 0
        guard depth == 32, pixGetRankValueMaskedRGB(pix, nil, 0, 0, 8, 0.7, &r, &g, &b) == 0 else { return false }
        return max(r, g, b) - min(r, g, b) >= 12
    }

    /// One channel (`COLOR_RED`, `COLOR_GREEN`, `COLOR_BLUE`) of a 32-bit image, 8-bit.
    func channel(_ colour: Int) throws -> PageImage {
        try PageImage.adopt(pixGetRGBComponent(pix, Int32(colour)), or: OCRError.imageOperationFailed("cannot take a colour channel"))
    }

    /// Per pixel the larger (`L_CHOOSE_MAX`) or smaller (`L_CHOOSE_MIN`) of two 8-bit images.
    func choosing(_ which: Int, with other: PageImage) throws -> PageImage {
        try PageImage.adopt(pixMinOrMax(nil, pix, other.pix, Int32(which)), or: OCRError.imageOperationFailed("cannot compare two images"))
    }

    /// How much redder than the rest each pixel of a 32-bit image is, clipped at 0: R − G when
    /// `violetCounts` (red and violet ink alike), else R − max(G, B) (red alone: violet has as
    /// much blue as red).
    func redness(violetCounts: Bool) throws -> PageImage {
        // Each channel is held in a constant: a `pix` must not outlive the image that owns it.
        let red = try channel(COLOR_RED), green = try channel(COLOR_GREEN)
        let other = violetCounts ? green : try green.choosing(L_CHOOSE_MAX, with: channel(COLOR_BLUE))
        return try PageImage.adopt(pixSubtractGray(nil, red.pix, other.pix),
                                   or: OCRError.imageOperationFailed("cannot measure the red ink"))
    }

    /// The image turned clockwise by a multiple of 90 degrees (0, 90, 180 or 270).
    public func rotatedClockwise(degrees: Int) throws -> PageImage {
        let normalized = ((degrees % 360) + 360) % 360
        guard normalized % 90 == 0 else {
            throw OCRError.imageOperationFailed("orthogonal rotation needs a multiple of 90 degrees, got \(degrees)")
        }
        if normalized == 0 { return try copy() }
        return try PageImage.adopt(pixRotateOrth(pix, Int32(normalized / 90)),
                                   or: OCRError.imageOperationFailed("cannot rotate the page by \(normalized) degrees"))
    }

    /// The image turned upright as a page was prepared for OCR: by `rotation` degrees
    /// clockwise (a multiple of 90), then levelled by `skew` degrees.
    func turned(rotation: Int, skew: Double) throws -> PageImage {
        try rotatedClockwise(degrees: rotation).rotatedClockwise(byAngle: skew)
    }

    /// The image turned clockwise by a small angle about its centre, same size, white
    /// brought in at the corners. Area mapping keeps thin strokes readable for OCR. A page
    /// that needs no turn is returned as it is: rotation resamples.
    func rotatedClockwise(byAngle degrees: Double) throws -> PageImage {
        if degrees == 0 { return self }
        let radians = Float(degrees * .pi / 180)
        return try PageImage.adopt(pixRotate(pix, radians, Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0),
                                   or: OCRError.imageOperationFailed("cannot rotate the page by \(degrees) degrees"))
    }

    /// The bounding boxes of the 8-connected pieces of ink of a 1-bit image.
    func pieceBoxes() throws -> [PixelBox] {
        guard let boxes = pixConnCompBB(pix, 8) else { throw OCRError.imageOperationFailed("cannot find the pieces of ink") }
        defer { var b: UnsafeMutablePointer<BOXA>? = boxes; boxaDestroy(&b) }
        return (0..<boxaGetCount(boxes)).map { i in
            var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
            boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h)
            return PixelBox(x: Int(x), y: Int(y), width: Int(w), height: Int(h))
        }
    }

    /// 1-bit image: pixels darker than `threshold` become foreground.
    func binarized(threshold: Int = 130) throws -> PageImage {
        try PageImage.adopt(pixConvertTo1(pix, Int32(threshold)), or: OCRError.imageOperationFailed("cannot binarise a \(depth)-bit image"))
    }

    /// Scaled copy; for 1-bit input Leptonica picks a method that keeps it 1-bit.
    func scaled(by factor: Double) throws -> PageImage {
        try PageImage.adopt(pixScale(pix, Float(factor), Float(factor)), or: OCRError.imageOperationFailed("cannot scale the page by \(factor)"))
    }

    func copy() throws -> PageImage {
        try PageImage.adopt(pixCopy(nil, pix), or: OCRError.imageOperationFailed("cannot copy the page image"))
    }

    /// Skew of text lines on a 1-bit image, searched within ±`maxDegrees`.
    /// Returns the clockwise angle that levels the lines, or nil when Leptonica is not
    /// confident (blank page, pictures): then the page is left as it is.
    func measuredSkew(maxDegrees: Double = 5, minConfidence: Double = 3) -> Double? {
        precondition(depth == 1, "skew search needs a binary image")
        var angle: Float = 0
        var confidence: Float = 0
        // Reductions 4 (coarse sweep) and 2 (binary search) are Leptonica's own defaults.
        let failed = pixFindSkewSweepAndSearch(pix, &angle, &confidence, 4, 2, Float(maxDegrees), 1.0, 0.01)
        guard failed == 0, Double(confidence) >= minConfidence, abs(Double(angle)) <= maxDegrees else { return nil }
        return Double(angle)
    }
}

/// The small rotation applied to an upright page to level its text lines, and its inverse
/// for boxes: Tesseract reports boxes on the deskewed image, the register and the PDF text
/// layer need them on the upright page.
struct SkewRotation: Sendable {
    /// Clockwise degrees applied to the upright image (see `PreparedPage.skewAngle`).
    let degrees: Double
    /// Size of both images: the rotation keeps the size, turning about the centre.
    let width: Int
    let height: Int

    /// Maps a box on the deskewed image back onto the upright image: its centre is turned
    /// back counter-clockwise and its size kept. On the upright page a word is slightly
    /// tilted, so its exact bounding box would be taller; keeping the size keeps the text
    /// layer tight. Clamped to the page.
    func uprightBox(of box: PixelBox) -> PixelBox {
        guard degrees != 0 else { return box }
        let theta = -degrees * .pi / 180
        let cx = Double(width) / 2, cy = Double(height) / 2
        let dx = Double(box.x) + Double(box.width) / 2 - cx
        let dy = Double(box.y) + Double(box.height) / 2 - cy
        // Clockwise on screen (y down) by theta: x' = cx + dx·cos − dy·sin, y' = cy + dx·sin + dy·cos.
        let mx = cx + dx * cos(theta) - dy * sin(theta)
        let my = cy + dx * sin(theta) + dy * cos(theta)
        let x0 = max(0, Int((mx - Double(box.width) / 2).rounded()))
        let y0 = max(0, Int((my - Double(box.height) / 2).rounded()))
        return PixelBox(x: x0, y: y0, width: min(box.width, width - x0), height: min(box.height, height - y0))
    }
}
