import Foundation

public enum PDFWriterError: Error, CustomStringConvertible, Equatable {
    case noPages
    case invalidResolution(page: Int, dpi: Int)
    case invalidRotation(page: Int, degrees: Int)
    case invalidDocumentID(byteCount: Int)
    case imageEncodingFailed(page: Int, depth: Int)
    case fileWriteFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .noPages:
            return "cannot write a PDF without pages"
        case let .invalidResolution(page, dpi):
            return "page \(page): resolution \(dpi) dpi is not usable; it must be a positive number"
        case let .invalidRotation(page, degrees):
            return "page \(page): rotation \(degrees)° is not one of 0, 90, 180, 270"
        case let .invalidDocumentID(count):
            return "the document ID must be 16 bytes, got \(count)"
        case let .imageEncodingFailed(page, depth):
            return "page \(page): Leptonica could not compress the \(depth)-bit image for the PDF"
        case let .fileWriteFailed(path, reason):
            return "could not write the PDF to \(path): \(reason)"
        }
    }
}
