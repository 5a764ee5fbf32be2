import CLeptonica
import Foundation

/// One page raster, owned: a Leptonica `PIX` that is destroyed with this value.
///
/// A `PageImage` is never mutated after creation; every transformation returns a new
/// image. That is what makes it safe to hand from one thread to another.
public final class PageImage: @unchecked Sendable {
    /// The Leptonica raster. Internal: nothing outside the OCR module sees a C pointer.
    let pix: UnsafeMutablePointer<PIX>

    /// Takes ownership of `pix` (it must not be destroyed by the caller).
    init(owning pix: UnsafeMutablePointer<PIX>) {
        self.pix = pix
    }

    deinit {
        var p: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&p)
    }

    public var width: Int { Int(pixGetWidth(pix)) }
    public var height: Int { Int(pixGetHeight(pix)) }
    /// Bits per pixel: 1, 2, 4, 8 (gray or colormapped), 16 or 32 (RGB).
    public var depth: Int { Int(pixGetDepth(pix)) }
    public var hasColormap: Bool { pixGetColormap(pix) != nil }

    /// Horizontal resolution in dots per inch as stored in the image; 0 when unknown.
    public var storedDPI: Int { Int(pixGetXRes(pix)) }

    /// An independent copy carrying the given resolution.
    public func withResolution(_ dpi: Int) -> PageImage {
        let copy = pixCopy(nil, pix)!
        pixSetResolution(copy, Int32(dpi), Int32(dpi))
        return PageImage(owning: copy)
    }

    /// Creates a white RGB image: for tests and synthetic pages.
    public static func blank(width: Int, height: Int, dpi: Int = 300) -> PageImage {
        let p = pixCreate(Int32(width), Int32(height), 32)!
        pixSetAllArbitrary(p, 0xFFFF_FF00)
        pixSetResolution(p, Int32(dpi), Int32(dpi))
        return PageImage(owning: p)
    }

    /// Samples per pixel: 1 (gray/binary/colormapped), 3 (RGB) or 4 (RGBA).
    public var samplesPerPixel: Int { Int(pixGetSpp(pix)) }

    /// Wraps a Leptonica result, turning a null return into a thrown error.
    /// Leptonica returns NULL (and, silenced, says nothing) when it cannot do the work.
    static func adopt(_ pix: UnsafeMutablePointer<PIX>?, or error: @autoclosure () -> Error) throws -> PageImage {
        guard let pix else { throw error() }
        return PageImage(owning: pix)
    }
}
