import Foundation
import Registry

/// Renders PDF pages to JPEG with poppler's `pdftoppm`, cached under the data directory.
///
/// The PDF page is upright (rotation is in the page matrix), so the rendered image is
/// upright too and field boxes (upright pixels at the scan dpi) scale by dpi / scan dpi.
public struct PageImageRenderer: Sendable {
    public let cacheDirectory: String
    public static let allowedDPI = [50, 100, 150, 200]

    public init(cacheDirectory: String) {
        self.cacheDirectory = cacheDirectory
    }

    public enum RenderError: Error, CustomStringConvertible {
        case failed(String)
        public var description: String {
            switch self { case .failed(let why): "Không tạo được ảnh trang: \(why)" }
        }
    }

    /// JPEG bytes of page `page` (1-based) of `pdfPath` at `dpi`.
    public func jpeg(documentID: String, pdfPath: String, page: Int, dpi: Int) async throws -> Data {
        let directory = URL(fileURLWithPath: cacheDirectory).appendingPathComponent(documentID)
        let file = directory.appendingPathComponent("\(page)-\(dpi).jpg")
        if let data = try? Data(contentsOf: file) { return data }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let prefix = directory.appendingPathComponent(".render-\(page)-\(dpi)-\(UUID().uuidString)").path
        try await Self.run("/usr/bin/pdftoppm", ["-jpeg", "-jpegopt", "quality=85", "-r", String(dpi),
                                                 "-f", String(page), "-l", String(page), "-singlefile", pdfPath, prefix])
        let rendered = URL(fileURLWithPath: prefix + ".jpg")
        // rename() is atomic: concurrent renders of the same page both end with a whole file.
        if rename(rendered.path, file.path) != 0 {
            try? FileManager.default.removeItem(at: rendered)
            throw RenderError.failed("cannot store \(file.path)")
        }
        return try Data(contentsOf: file)
    }

    /// Runs a program without blocking a Swift concurrency thread; kills it after `timeout` seconds.
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 30) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: RenderError.failed("\(executable): \(error.localizedDescription)"))
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak process] in
                if let process, process.isRunning { process.terminate() }
            }
        }
        guard status == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile().prefix(500), as: UTF8.self)
            throw RenderError.failed("pdftoppm exit \(status): \(message)")
        }
    }
}
