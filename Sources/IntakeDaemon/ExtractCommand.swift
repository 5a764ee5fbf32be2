import ArgumentParser
import Foundation
import OCR
import Pipeline

/// `intake extract [--jsonl] FILE...` — read the fields of documents without registering them.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Read the metadata fields of documents without registering them (one JSON object per file).")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "One compact JSON object per line (JSON Lines).")
    var jsonl = false

    @Option(name: .customLong("layout-out"), help: "Also write each file's OCR layout as DIR/ID.layout.json, and what extraction read as DIR/ID.extraction.json (to replay a misread).")
    var layoutDirectory: String?

    @Argument(help: "PNG, JPEG, TIFF or PDF files; one file is one document.")
    var files: [String]

    func run() async throws {
        let logger = options.makeLogger()
        let configuration = try options.loadConfiguration()
        let reader = try DocumentReader(configuration: configuration)
        if let layoutDirectory {
            try FileManager.default.createDirectory(atPath: layoutDirectory, withIntermediateDirectories: true)
        }
        var failures = 0
        await reader.read(paths: files, concurrency: configuration.engineCount) { path, result in
            let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            switch result {
            case .success(let reading):
                if let layoutDirectory {
                    let url = URL(fileURLWithPath: layoutDirectory).appendingPathComponent(id + ".layout.json")
                    try? JSONEncoder().encode(reading.layouts).write(to: url)
                    let input = URL(fileURLWithPath: layoutDirectory).appendingPathComponent(id + ".extraction.json")
                    try? JSONEncoder().encode(reading.extractionInput).write(to: input)
                }
                let report = ExtractionReport(id: id, reading: reading)
                if jsonl { try? JSONOutput.printLine(report) } else { try? JSONOutput.print(report) }
            case .failure(let error):
                failures += 1
                logger.error("cannot read \(path): \(error)")
                let report = ExtractionReport(id: id, error: String(describing: error))
                if jsonl { try? JSONOutput.printLine(report) } else { try? JSONOutput.print(report) }
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
