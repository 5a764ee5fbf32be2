import CLeptonica
import Foundation
import Testing
@testable import OCR

/// Rotation directions and the mapping of boxes back to the upright page: getting a sign
/// wrong here puts the text layer beside the words.
@Suite struct ImageTransformTests {
    /// A white 8-bit page with black rectangles.
    private func page(width: Int, height: Int, marks: [PixelBox]) throws -> PageImage {
        let image = try PageImage.blank(width: width, height: height).grayscale()
        for mark in marks {
            let box = boxCreate(Int32(mark.x), Int32(mark.y), Int32(mark.width), Int32(mark.height))
            var owned = box
            defer { boxDestroy(&owned) }
            pixSetInRectArbitrary(image.pix, box, 0)
        }
        return image
    }

    /// Bounding box of all dark pixels.
    private func inkBox(_ image: PageImage) throws -> PixelBox {
        let binary = try image.binarized()
        var box: UnsafeMutablePointer<BOX>?
        try #require(pixClipToForeground(binary.pix, nil, &box) == 0)
        defer { boxDestroy(&box) }
        var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
        boxGetGeometry(box, &x, &y, &w, &h)
        return PixelBox(x: Int(x), y: Int(y), width: Int(w), height: Int(h))
    }

    @Test func grayscaleOfEveryDepth() throws {
        let rgb = PageImage.blank(width: 40, height: 30)
        let gray = try rgb.grayscale()
        #expect((gray.depth, gray.width, gray.height, gray.hasColormap) == (8, 40, 30, false))
        let bilevel = try DocumentDecoder().decode(fileAt: ScanFixtures.url("fax-g4.tif")).pages[0].image
        let fromBilevel = try bilevel.grayscale()
        #expect(fromBilevel.depth == 8)
        #expect(bilevel.depth == 1)   // the source is left as it was
    }

    @Test func quarterTurnsAreClockwise() throws {
        // A mark in the top-left corner of a landscape page.
        let image = try page(width: 300, height: 200, marks: [PixelBox(x: 0, y: 0, width: 30, height: 20)])
        let turned = try image.rotatedClockwise(degrees: 90)
        #expect((turned.width, turned.height) == (200, 300))
        // Turning clockwise carries the top-left corner to the top-right.
        #expect(try inkBox(turned) == PixelBox(x: 180, y: 0, width: 20, height: 30))
        #expect(try inkBox(image.rotatedClockwise(degrees: 180)) == PixelBox(x: 270, y: 180, width: 30, height: 20))
        #expect(try inkBox(image.rotatedClockwise(degrees: 270)) == PixelBox(x: 0, y: 270, width: 20, height: 30))
        #expect(throws: OCRError.self) { try image.rotatedClockwise(degrees: 45) }
    }

    @Test func boxesOnTheDeskewedImageMapBackToTheUprightPage() throws {
        let mark = PixelBox(x: 700, y: 150, width: 200, height: 40)
        let upright = try page(width: 1000, height: 800, marks: [mark])
        let rotation = SkewRotation(degrees: 3, width: 1000, height: 800)
        let deskewed = try upright.rotatedClockwise(byAngle: rotation.degrees)
        let found = try inkBox(deskewed)
        // Turned clockwise about the centre, a mark right of and above it moves down.
        #expect(found.midY > mark.midY + 10)
        let mapped = rotation.uprightBox(of: found)
        #expect(abs(mapped.midX - mark.midX) <= 3)
        #expect(abs(mapped.midY - mark.midY) <= 3)
        // No rotation, no change.
        #expect(SkewRotation(degrees: 0, width: 1000, height: 800).uprightBox(of: found) == found)
    }

    @Test func measuredSkewIsTheClockwiseCorrection() throws {
        // Text-like lines, then the whole page tilted 2° clockwise.
        let lines = (0..<25).map { PixelBox(x: 100, y: 100 + 40 * $0, width: 800, height: 12) }
        let level = try page(width: 1000, height: 1200, marks: lines)
        #expect(try level.binarized().measuredSkew().map { abs($0) < 0.2 } ?? true)
        let tilted = try level.rotatedClockwise(byAngle: 2)
        let correction = try #require(try tilted.binarized().measuredSkew())
        #expect(abs(correction + 2) < 0.2, "measured \(correction)")
        // A blank page has no skew to find.
        #expect(try PageImage.blank(width: 500, height: 500).binarized().measuredSkew() == nil)
    }
}

@Suite struct OCRGrayTests {
    private func value(_ image: PageImage, _ x: Int, _ y: Int) -> UInt32 {
        var v: UInt32 = 0
        pixGetPixel(image.pix, Int32(x), Int32(y), &v)
        return v
    }

    @Test func redStampsVanishAndPaleInkDarkens() throws {
        let page = PageImage.blank(width: 30, height: 10)
        // Black text, a red stamp, violet numbering ink, paper.
        let colours: [(r: Int32, g: Int32, b: Int32)] = [(10, 10, 10), (200, 80, 90), (100, 75, 130), (255, 255, 255)]
        for (index, colour) in colours.enumerated() {
            for x in (index * 5)..<(index * 5 + 5) {
                for y in 0..<10 { pixSetRGBPixel(page.pix, Int32(x), Int32(y), colour.r, colour.g, colour.b) }
            }
        }
        let gray = try page.grayForOCR(dpi: 300)
        #expect(gray.depth == 8)
        #expect(value(gray, 2, 5) < 20)            // text stays black
        #expect(value(gray, 7, 5) == 255)          // the red stamp becomes paper
        #expect(value(gray, 12, 5) < 60)           // violet ink (luminance ≈ 88) darkened
        #expect(value(gray, 17, 5) == 255)         // paper stays white
        // The page itself is unchanged.
        var r: Int32 = 0, g: Int32 = 0, b: Int32 = 0
        pixGetRGBPixel(page.pix, 7, 5, &r, &g, &b)
        #expect((r, g, b) == (200, 80, 90))
    }

    @Test func aSpeckInADigitsLoopGoesAndAFramesContentStays() throws {
        let page = PageImage.blank(width: 200, height: 100)
        func fill(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ ink: Bool = true) {
            for x in x0..<x1 { for y in y0..<y1 { pixSetRGBPixel(page.pix, Int32(x), Int32(y), ink ? 20 : 255, ink ? 20 : 255, ink ? 20 : 255) } }
        }
        // A numbering machine's zero: a 16×24 ring, 3 px thick, a 3×3 dot inside.
        fill(10, 10, 26, 34); fill(13, 13, 23, 31, false); fill(17, 20, 20, 23)
        // A mark's frame, 120×60, with a dot (a diacritic) inside.
        fill(60, 20, 180, 80); fill(63, 23, 177, 77, false); fill(100, 50, 103, 53)
        let gray = try page.grayForOCR(dpi: 200)
        #expect(value(gray, 18, 21) == 255)        // the zero's dot is gone
        #expect(value(gray, 11, 20) < 60)          // its ring stays
        #expect(value(gray, 101, 51) < 60)         // the frame's dot stays
        #expect(value(gray, 61, 50) < 60)
    }

    /// A photographed page: paper from mid-gray at the top to near white at the bottom, a
    /// black bar of print at each end. One threshold for the whole page cannot keep both
    /// the print and the dark paper apart; after levelling the paper, 128 does.
    @Test func unevenPaperIsLevelledAndEvenPaperLeftAlone() throws {
        let (width, height) = (400, 600)
        let shaded = try PageImage.blank(width: width, height: height).grayscale()
        for y in 0..<height {
            let paper = UInt32(110 + 130 * y / height)
            for x in 0..<width { pixSetPixel(shaded.pix, Int32(x), Int32(y), paper) }
        }
        for (x, y) in [(50, 40), (50, 540)] {
            for dx in 0..<200 { for dy in 0..<6 { pixSetPixel(shaded.pix, Int32(x + dx), Int32(y + dy), 20) } }
        }
        let levelled = try shaded.withLevelPaper(dpi: 200)
        #expect(value(shaded, 300, 20) < 128)      // the dark paper would be ink for Otsu
        #expect(value(levelled, 300, 20) > 200)    // levelled: paper at the top,
        #expect(value(levelled, 300, 580) > 200)   // paper at the bottom,
        #expect(value(levelled, 100, 42) < 100)    // the print at the top
        #expect(value(levelled, 100, 542) < 100)   // and at the bottom
        let even = try PageImage.blank(width: width, height: height).grayscale()
        pixSetAllGray(even.pix, 236)
        #expect(try even.withLevelPaper(dpi: 200).pix == even.pix)
    }

    @Test func blackPrintOnTintedPaperIsKept() throws {
        // Mostly paper, as a page is; a stroke's blurred edge, then a red stamp.
        func page(paper: (r: Int32, g: Int32, b: Int32)) -> PageImage {
            let page = PageImage.blank(width: 80, height: 40)
            for x in 0..<80 {
                let (r, g, b) = x < 10 ? (100, 90, 66) : x < 20 ? (200, 80, 90) : paper
                for y in 0..<40 { pixSetRGBPixel(page.pix, Int32(x), Int32(y), r, g, b) }
            }
            return page
        }
        let tinted = page(paper: (241, 230, 203))
        #expect(tinted.isTintedPaper)
        let black = try tinted.blackInkForOCR()
        #expect(value(black, 5, 20) < 160)         // the print's tinted edge is kept
        #expect(value(black, 15, 20) == 255)       // the stamp still goes
        #expect(value(black, 50, 20) == 255)       // and the tinted paper is white
        // On white paper that colour is no print's: it goes with the stamps.
        let white = page(paper: (252, 252, 252))
        #expect(!white.isTintedPaper)
        #expect(value(try white.blackInkForOCR(), 5, 20) == 255)
    }

    @Test func vietnameseDLookalikeIsRepaired() {
        #expect(TesseractEngine.cleaned("25/Q\u{0110}\u{00D0}-UBND") == "25/Q\u{0110}-UBND")
        #expect(TesseractEngine.cleaned(" \u{00D0}\u{1ED3}ng ") == "\u{0110}\u{1ED3}ng")
        #expect(TesseractEngine.cleaned("S\u{1ED1}:") == "S\u{1ED1}:")
    }
}

/// Black print separated in one region matches the whole page's layer there, however the
/// page was turned and levelled.
@Suite struct RegionBlackInkTests {
    /// A colour page of blocks: black print, red and violet stamps, a tinted stroke's edge.
    func page() -> DecodedPage {
        let image = PageImage.blank(width: 600, height: 800, dpi: 200)
        let colours: [(Int32, Int32, Int32)] = [(10, 10, 10), (200, 60, 70), (110, 80, 150), (90, 90, 90)]
        for i in 0..<240 {
            let (r, g, b) = colours[i % colours.count]
            let x0 = (i * 97) % 560, y0 = (i * 53) % 770
            for x in x0..<(x0 + 20 + i % 30) { for y in y0..<(y0 + 12 + i % 20) { pixSetRGBPixel(image.pix, Int32(x), Int32(y), r, g, b) } }
        }
        return DecodedPage(number: 1, image: image, dpi: 200, dpiAssumed: false, originalJPEG: nil)
    }

    @Test(arguments: [0, 90, 180, 270], [0.0, 2.5])
    func aRegionsBlackInkIsTheWholeLayersThere(rotation: Int, skew: Double) throws {
        let prepared = try PagePreparer().prepare(page(), rotation: rotation, orientationConfidence: 0, skewAngle: skew)
        let whole = try prepared.blackInkLayer()
        for region in [PixelBox(x: 40, y: 60, width: 300, height: 120), PixelBox(x: 0, y: 0, width: 200, height: 90),
                       PixelBox(x: prepared.uprightWidth - 250, y: prepared.uprightHeight - 100, width: 250, height: 100)] {
            let target = prepared.skewRotation.deskewedBox(of: region)
            let cut = try prepared.layer(around: target) { try $0.blackInkForOCR(tintedPaper: false) }
            let (image, box, offset) = (cut.image, cut.onLayer(target), cut.offset)
            // The box is the target's, but where it runs off the cut-out at the page's edge.
            #expect(abs(box.x - offset.x - target.x) <= 4 && abs(box.y - offset.y - target.y) <= 4, "\(box) \(offset) \(target)")
            #expect(box.width * box.height >= target.width * target.height * 9 / 10)
            var differing = 0, inked = 0
                for y in 0..<box.height {
                for x in 0..<box.width {
                    var a: UInt32 = 0, b: UInt32 = 0
                    pixGetPixel(whole.pix, Int32(box.x - offset.x + x), Int32(box.y - offset.y + y), &a)
                    pixGetPixel(image.pix, Int32(box.x + x), Int32(box.y + y), &b)
                    if a < 128 { inked += 1 }
                    if abs(Int(a) - Int(b)) > 100 { differing += 1 }
                }
            }
            // Resampling about another centre moves an edge by a pixel at most.
            #expect(inked > 0)
            #expect(Double(differing) <= 0.02 * Double(box.width * box.height), "\(differing) of \(box.width * box.height), rotation \(rotation), skew \(skew)")
        }
    }
}
