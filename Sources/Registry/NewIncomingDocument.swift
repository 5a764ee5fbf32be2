import Foundation

/// What the pipeline hands to `Registry.register` once a file is decoded and recognised.
public struct NewIncomingDocument: Sendable {
    /// The pipeline's claim id; becomes `IncomingDocument.id`.
    public var id: String
    public var sourceKind: SourceKind
    public var sourceName: String
    public var originalFileName: String
    public var sha256: String
    /// Decides the arrival year (in Vietnam time) and `arrivedAt`.
    public var receivedAt: Date
    public var pages: [NewPage]
    public var status: DocumentStatus
    /// What recognition read; empty when nothing was extracted.
    public var metadata: DocumentMetadata

    public init(
        id: String, sourceKind: SourceKind, sourceName: String, originalFileName: String,
        sha256: String, receivedAt: Date, pages: [NewPage], status: DocumentStatus = .needsReview,
        metadata: DocumentMetadata = DocumentMetadata()
    ) {
        self.metadata = metadata
        self.id = id
        self.sourceKind = sourceKind
        self.sourceName = sourceName
        self.originalFileName = originalFileName
        self.sha256 = sha256
        self.receivedAt = receivedAt
        self.pages = pages
        self.status = status
    }
}

public struct NewPage: Sendable {
    /// 1-based.
    public var pageNumber: Int
    public var ocrText: String
    /// 0...100, as the OCR engine reports it.
    public var meanConfidence: Double
    public var width: Int
    public var height: Int
    public var dpi: Int
    /// Degrees applied to make the page upright: 0, 90, 180, 270.
    public var rotation: Int

    public init(pageNumber: Int, ocrText: String, meanConfidence: Double, width: Int, height: Int, dpi: Int, rotation: Int = 0) {
        self.pageNumber = pageNumber
        self.ocrText = ocrText
        self.meanConfidence = meanConfidence
        self.width = width
        self.height = height
        self.dpi = dpi
        self.rotation = rotation
    }
}
