import Foundation

/// One recognised word, placed on the upright page.
public struct PDFWord: Sendable, Equatable {
    public var text: String
    /// Box in pixels of the upright page, top-left origin.
    public var x: Int, y: Int, width: Int, height: Int
    /// Baseline angle in degrees, counter-clockwise positive. Small: residual skew only.
    public var angle: Double

    public init(text: String, x: Int, y: Int, width: Int, height: Int, angle: Double = 0) {
        self.text = text
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.angle = angle
    }
}

/// Everything needed to draw one page: the scan as stored plus its invisible text.
public struct PDFPageContent: @unchecked Sendable {
    /// Pixels as stored in the input file, not turned upright.
    public var image: PageImage
    /// The same picture as a JPEG stream. When usable it is embedded byte-for-byte,
    /// so a scanner's JPEG is never decoded and re-compressed.
    public var originalJPEG: Data?
    public var dpi: Int
    /// Degrees clockwise (0/90/180/270) that turn `image` upright. Applied by the page's
    /// transform matrix, never to the pixels.
    public var rotation: Int
    /// Word boxes in the upright page's pixel space, in reading order.
    public var words: [PDFWord]

    public init(image: PageImage, originalJPEG: Data? = nil, dpi: Int, rotation: Int = 0, words: [PDFWord] = []) {
        self.image = image
        self.originalJPEG = originalJPEG
        self.dpi = dpi
        self.rotation = rotation
        self.words = words
    }
}

/// Document information, written both to the Info dictionary and the XMP packet.
public struct PDFMetadata: Sendable {
    public var title: String?
    public var subject: String?
    public var author: String?
    public var keywords: String?
    public var creator: String = "intake"
    public var creationDate: Date
    /// 16 bytes: the file identifier in the trailer's `/ID`.
    public var documentID: [UInt8]

    public init(title: String? = nil, subject: String? = nil, author: String? = nil, keywords: String? = nil,
                creator: String = "intake", creationDate: Date = Date(), documentID: [UInt8]) {
        self.title = title
        self.subject = subject
        self.author = author
        self.keywords = keywords
        self.creator = creator
        self.creationDate = creationDate
        self.documentID = documentID
    }
}
