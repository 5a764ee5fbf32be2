import ArgumentParser
import Capture
import Extraction
import Foundation
import Pipeline

extension ScanSource: ExpressibleByArgument {}
extension ScanColorMode: ExpressibleByArgument {}

/// `intake scan` — scan a stack from a SANE scanner and register its documents.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Scan a stack and register the documents found in it.",
        discussion: """
        Pages are recognised while the next sheets are being fed; blank backs and separator sheets are \
        dropped, and the stack is split into documents, each registered with its own arrival number. \
        On a jam, an open cover or a lost scanner, the pages already scanned are kept and registered; \
        Ctrl-C stops the scanner and keeps them too. Exit status 0 when the batch ended normally and every \
        document was registered, 1 otherwise.
        """)

    @OptionGroup var options: GlobalOptions

    @Option(help: "SANE device name (see `intake scanners`); default: [scan] device, else the first station's, else the first scanner found.")
    var device: String?

    @Option(help: "adf, adf-duplex or flatbed.")
    var source: ScanSource = .adf

    @Option(help: "Resolution in dpi (colour copies need at least 200).")
    var dpi: Int = 300

    @Option(help: "color or gray.")
    var mode: ScanColorMode = .color

    @Option(help: "Profile (register) the documents go to.")
    var profile: String = "default"

    @Flag(help: "Do not split: the whole batch is one document (blank pages are still dropped).")
    var noSplit = false

    @Flag(help: "One JSON line per progress change and a final summary object, for machines.")
    var json = false

    func run() async throws {
        let logger = options.makeLogger()
        let configuration = try options.loadConfiguration()
        let name: String
        if let device {
            name = device
        } else if let configured = configuration.scan.device ?? configuration.scan.stations.first?.device {
            name = configured
        } else {
            guard let first = try SaneRuntime.devices().first else {
                throw ValidationError("no scanner found: connect one, or name it with --device (see `intake scanners`)")
            }
            name = first.name
        }
        let intake = try Intake(configuration: configuration, logger: logger)
        var split = configuration.scan.splitOptions
        if noSplit { split.splitOnFirstPage = false; split.separatorSheets = false }
        let run = ScanRun(intake: intake, device: name, settings: ScanSettings(source: source, dpi: dpi, mode: mode),
                          profile: profile, splitOptions: split)
        // Ctrl-C / SIGTERM: stop feeding, keep and register what was scanned.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler { run.cancel() }
            s.resume()
            sources.append(s)
        }
        defer { sources.forEach { $0.cancel() } }
        let json = self.json
        let interactive = !json && isatty(STDERR_FILENO) != 0
        let final = await run.run { progress in
            if json {
                try? JSONOutput.printLine(progress)
            } else {
                ScanText.progressLine(progress, interactive: interactive)
            }
        }
        if json {
            try JSONOutput.print(final)
        } else {
            ScanText.summary(final)
        }
        let allRegistered = final.documents.allSatisfy { $0.status != "failed" && $0.status != "duplicate" }
        if final.phase != .finished || !allRegistered { throw ExitCode(1) }
    }
}

enum ScanText {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var lastLine = ""

    /// "scanning: 12 pages, 2 blank, 3 documents, 9 OCR done, registered 41 42"
    static func progressLine(_ p: ScanProgress, interactive: Bool) {
        let registered = p.documents.compactMap(\.arrivalNumber).map(String.init)
        var line = "\(p.phase.rawValue): \(p.pagesScanned) page(s) scanned, \(p.pagesDropped) blank, "
            + "\(p.documentsFound) document(s), \(p.pagesRecognized) OCR done"
        if !registered.isEmpty { line += ", registered: " + registered.joined(separator: " ") }
        lock.lock()
        defer { lock.unlock() }
        guard line != lastLine else { return }
        lastLine = line
        if interactive {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    static func summary(_ p: ScanProgress) {
        if isatty(STDERR_FILENO) != 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        let minutes = max(p.elapsedSeconds, 0.001) / 60
        print("Scanner: \(p.device)")
        print("Pages scanned: \(p.pagesScanned) (\(p.pagesDropped) blank or separator dropped\(p.droppedPages.isEmpty ? "" : ": " + p.droppedPages.map(String.init).joined(separator: ", ")))")
        print(String(format: "Time: %.1f s (%.1f pages/min)", p.elapsedSeconds, Double(p.pagesScanned) / minutes))
        print("Documents: \(p.documents.count)")
        for d in p.documents {
            let pages = d.sourcePages.map(String.init).joined(separator: ",")
            if let n = d.arrivalNumber, let y = d.arrivalYear, d.status != "duplicate" {
                print("  số đến \(n)/\(y)  pages \(pages)  \(d.status)  \(d.pdf ?? "")")
            } else {
                print("  NOT REGISTERED  pages \(pages)  \(d.status): \(d.error ?? "")")
            }
        }
        if let error = p.error { print("Scanner: \(error)") }
    }
}

/// `intake scanners` — list SANE devices.
struct ScannersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanners", abstract: "List the scanners SANE can see.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Skip network scanners (faster).")
    var localOnly = false

    struct Entry: Encodable {
        var name, vendor, model, type: String
        var sources: [String]
        var resolutions: [Int]
        var resolutionRange: [Int]?
        var modes: [String]
        var error: String?

        enum CodingKeys: String, CodingKey {
            case name, vendor, model, type, sources, resolutions, modes, error
            case resolutionRange = "resolution_range"
        }
    }

    func run() async throws {
        let devices = try SaneRuntime.devices(localOnly: localOnly)
        var entries: [Entry] = []
        for d in devices {
            var entry = Entry(name: d.name, vendor: d.vendor, model: d.model, type: d.type,
                              sources: [], resolutions: [], modes: [])
            do {
                let caps = try ScannerSession(device: d.name).capabilities()
                entry.sources = caps.sources
                entry.resolutions = caps.resolutions
                entry.resolutionRange = caps.resolutionRange.map { [$0.lowerBound, $0.upperBound] }
                entry.modes = caps.modes
            } catch {
                entry.error = String(describing: error)
            }
            entries.append(entry)
        }
        if json {
            try JSONOutput.print(entries)
            return
        }
        if entries.isEmpty {
            print("(no scanners found: check that the scanner is on and connected; network scanners need saned and net.conf)")
            return
        }
        for e in entries {
            print("\(e.name)\n    \(e.vendor) \(e.model) (\(e.type))")
            if let error = e.error {
                print("    cannot be opened now: \(error)")
                continue
            }
            let resolutions = e.resolutions.isEmpty
                ? e.resolutionRange.map { "\($0[0])–\($0[1])" } ?? "?"
                : e.resolutions.map(String.init).joined(separator: ", ")
            print("    sources: \(e.sources.joined(separator: ", "))")
            print("    resolutions: \(resolutions) dpi")
            print("    modes: \(e.modes.joined(separator: ", "))")
        }
    }
}

/// `intake ingest --split FILE...`: one JSON line per document found in each file
/// (`source_pages` besides the usual keys), then `{"file", "dropped_pages"}` per file.
enum SplitIngest {
    struct DroppedLine: Encodable {
        var file: String
        var droppedPages: [Int]
        var separatorPages: [Int]
        var error: String?

        enum CodingKeys: String, CodingKey {
            case file, error
            case droppedPages = "dropped_pages", separatorPages = "separator_pages"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)
            try c.encode(droppedPages, forKey: .droppedPages)
            try c.encode(separatorPages, forKey: .separatorPages)
            if let error { try c.encode(error, forKey: .error) }
        }
    }

    static func run(intake: Intake, files: [String]) async throws {
        var allRegistered = true
        var printError: Error?
        for file in files {
            let outcome = await intake.ingestStack(path: file, options: intake.configuration.scan.splitOptions) { document in
                allRegistered = allRegistered && document.outcome.isRegistered
                do { try printDocument(file: file, document) } catch { printError = error }
            }
            if outcome.failure != nil || outcome.documents.isEmpty { allRegistered = false }
            try JSONOutput.printLine(DroppedLine(
                file: file, droppedPages: outcome.dropped.map(\.page),
                separatorPages: outcome.dropped.filter { $0.reason == .separator }.map(\.page),
                error: outcome.failure))
        }
        if let printError { throw printError }
        if !allRegistered { throw ExitCode(1) }
    }

    /// The `intake ingest` line of the document plus `source_pages`.
    static func printDocument(file: String, _ document: SplitDocumentOutcome) throws {
        let encoder = JSONEncoder()
        let base = try encoder.encode(IngestReport(file: file, outcome: document.outcome))
        guard var object = try JSONSerialization.jsonObject(with: base) as? [String: Any] else { return }
        object["source_pages"] = document.sourcePages
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
        fflush(stdout)
    }
}
