import Foundation

/// Where a stored raster goes on the upright page: page size in points and the `cm`
/// matrix that scales the image to 100 % and turns it upright without touching pixels.
struct PDFPageGeometry {
    /// Upright page size in points (1/72 inch).
    let width: Double
    let height: Double
    /// Points per pixel.
    let scale: Double
    /// `a b c d e f` mapping the image's unit square onto the upright page.
    let imageMatrix: [Double]

    init(pixelWidth: Int, pixelHeight: Int, dpi: Int, rotation: Int) {
        scale = 72 / Double(dpi)
        let w = Double(pixelWidth) * scale, h = Double(pixelHeight) * scale   // stored image, points
        switch rotation {
        case 90:   // clockwise: the stored top edge becomes the right edge
            (width, height) = (h, w)
            imageMatrix = [0, -w, h, 0, 0, w]
        case 180:
            (width, height) = (w, h)
            imageMatrix = [-w, 0, 0, -h, w, h]
        case 270:  // the stored top edge becomes the left edge
            (width, height) = (h, w)
            imageMatrix = [0, w, -h, 0, h, 0]
        default:
            (width, height) = (w, h)
            imageMatrix = [w, 0, 0, h, 0, 0]
        }
    }
}
