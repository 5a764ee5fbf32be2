import Foundation
import Logging
@testable import Registry

/// A fresh directory under /tmp for one test, removed when the test ends.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("registry-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var registerPath: String { url.appendingPathComponent("db/register.sqlite").path }

    /// Writes a stand-in PDF named after the arrival number, as the pipeline does.
    func storePDF(_ arrival: ArrivalNumber) throws -> String {
        let file = url.appendingPathComponent("pdf/\(arrival.year)/\(String(format: "%06d", arrival.number)).pdf")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file.path, contents: Data("%PDF-1.7\n".utf8)) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return file.path
    }
}

struct StoreFailed: Error {}

func date(_ iso: String) -> Date { VietnamTime.date(iso8601: iso)! }

func newDocument(
    sha256: String = UUID().uuidString,
    receivedAt: Date = date("2026-11-21T10:08:03Z"),
    texts: [String] = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    status: DocumentStatus = .needsReview,
    id: String = UUID().uuidString
) -> NewIncomingDocument {
    NewIncomingDocument(
        id: id, sourceKind: .folder, sourceName: "scans", originalFileName: "scan-\(sha256.prefix(8)).pdf",
        sha256: sha256, receivedAt: receivedAt,
        pages: texts.enumerated().map { index, text in
            NewPage(pageNumber: index + 1, ocrText: text, meanConfidence: 91.5, width: 1654, height: 2339, dpi: 200, rotation: 0)
        },
        status: status)
}

/// Registry logs are noise in test output.
func openRegistry(_ dir: TemporaryDirectory) throws -> Registry {
    var logger = Logger(label: "intake.registry.tests")
    logger.logLevel = .critical
    return try Registry(path: dir.registerPath, logger: logger)
}
