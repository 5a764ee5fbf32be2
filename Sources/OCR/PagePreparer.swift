import Foundation

/// A page made ready for Tesseract, with what was done to get there.
public struct PreparedPage: @unchecked Sendable {
    public let source: DecodedPage
    /// Degrees clockwise to turn `source.image` upright: 0, 90, 180 or 270.
    public let rotation: Int
    /// OSD confidence behind `rotation`; 0 when OSD could not decide.
    public let orientationConfidence: Double
    /// Degrees the upright image was turned **clockwise** about its centre to level the text
    /// lines (negative: counter-clockwise). The OCR image keeps the upright image's size.
    public let skewAngle: Double
    /// Upright, deskewed, 8-bit gray: what Tesseract reads.
    public let ocrImage: PageImage
    /// Size of the upright page (source size, sides swapped for 90 and 270).
    public var uprightWidth: Int
    public var uprightHeight: Int

    public init(source: DecodedPage, rotation: Int, orientationConfidence: Double, skewAngle: Double, ocrImage: PageImage) {
        self.source = source
        self.rotation = rotation
        self.orientationConfidence = orientationConfidence
        self.skewAngle = skewAngle
        self.ocrImage = ocrImage
        let sideways = rotation % 180 != 0
        uprightWidth = sideways ? source.image.height : source.image.width
        uprightHeight = sideways ? source.image.width : source.image.height
    }

    /// Maps boxes from `ocrImage` back to the upright page.
    var skewRotation: SkewRotation { SkewRotation(degrees: skewAngle, width: ocrImage.width, height: ocrImage.height) }
}

/// Turns a decoded page into the upright, level gray image Tesseract reads best.
public struct PagePreparer: Sendable {
    /// Below this OSD confidence the page is left as stored: a wrong turn ruins OCR of a
    /// page that was probably upright anyway.
    public var minOrientationConfidence: Double
    /// Skew searched for, each way. Scanners feed paper at most a few degrees askew.
    public var maxSkewDegrees: Double
    /// Skews smaller than this are not corrected: rotation resamples and slightly blurs.
    public var minSkewDegrees: Double

    public init(minOrientationConfidence: Double = 2.0, maxSkewDegrees: Double = 5, minSkewDegrees: Double = 0.1) {
        self.minOrientationConfidence = minOrientationConfidence
        self.maxSkewDegrees = maxSkewDegrees
        self.minSkewDegrees = minSkewDegrees
    }

    public func prepare(_ page: DecodedPage, using engine: TesseractEngine) throws -> PreparedPage {
        let gray = try page.image.grayForOCR(dpi: page.dpi)
        var rotation = 0
        var confidence = 0.0
        if let estimate = try engine.orientation(of: gray, dpi: page.dpi) {
            confidence = estimate.confidence
            if estimate.confidence >= minOrientationConfidence { rotation = estimate.rotation }
        }
        let upright = try Self.upright(gray, rotation: rotation, dpi: page.dpi)
        var skew = 0.0
        if let measured = try upright.binarized().measuredSkew(maxDegrees: maxSkewDegrees), abs(measured) >= minSkewDegrees {
            skew = measured
        }
        let ocrImage = try upright.rotatedClockwise(byAngle: skew)
        return PreparedPage(source: page, rotation: rotation, orientationConfidence: confidence, skewAngle: skew, ocrImage: ocrImage)
    }

    /// The gray OCR image turned upright, its paper levelled if the light was uneven. The
    /// orientation is found before, on the page as it is: levelling lifts the paper's grain
    /// to faint gray, and OSD then misses sideways pages.
    private static func upright(_ gray: PageImage, rotation: Int, dpi: Int) throws -> PageImage {
        try gray.rotatedClockwise(degrees: rotation).withLevelPaper(dpi: dpi)
    }

    /// The same preparation again for a page whose rotation and skew were found before (its
    /// OCR image was let go of meanwhile): Leptonica only, no engine, the same pixels.
    public func prepare(_ page: DecodedPage, rotation: Int, orientationConfidence: Double, skewAngle: Double) throws -> PreparedPage {
        let upright = try Self.upright(page.image.grayForOCR(dpi: page.dpi), rotation: rotation, dpi: page.dpi)
        let ocrImage = try upright.rotatedClockwise(byAngle: skewAngle)
        return PreparedPage(source: page, rotation: rotation, orientationConfidence: orientationConfidence,
                            skewAngle: skewAngle, ocrImage: ocrImage)
    }
}
