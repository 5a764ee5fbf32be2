import ArgumentParser
import Foundation
import Logging
import Pipeline
import Registry
import ServiceLifecycle
import Web

@main
struct IntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Registers scanned incoming documents: OCR, searchable PDF/A, incoming register.",
        subcommands: [ServeCommand.self, IngestCommand.self, ListCommand.self, ShowCommand.self, SearchCommand.self,
                      FailuresCommand.self, ExtractCommand.self, ScanCommand.self, ScannersCommand.self, UserCommand.self])

    /// The entry point: `AsyncParsableCommand.main()`, preceded by the OpenMP re-exec.
    static func main() async {
        // libgomp (loaded with Tesseract) reads OMP_THREAD_LIMIT once, when the process
        // starts: setting it later has no effect, so re-execute with it set. Tesseract is
        // 4–5× slower on this machine when OpenMP spreads one page over all cores.
        OpenMPThreadLimit.ensure()
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Configuration file (TOML). Default: config/intake.toml, else /etc/intake/intake.toml.")
    var config: String?

    @Option(name: .customLong("data-dir"), help: "Data directory (registry, PDFs, archive); overrides the configuration.")
    var dataDirectory: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func loadConfiguration() throws -> IntakeConfiguration {
        try IntakeConfiguration.load(path: config, dataDirectoryOverride: dataDirectory)
    }

    func makeLogger() -> Logger {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "intake")
    }

    /// Read-only commands open the register without loading OCR engines.
    func openRegistry() throws -> Registry {
        let configuration = try loadConfiguration()
        return try Registry(path: configuration.registryPath)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the daemon: watch the drop folders and register what arrives.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Web app address HOST:PORT; overrides [web] listen (default 127.0.0.1:8080).")
    var listen: String?

    func run() async throws {
        let logger = options.makeLogger()
        let configuration = try options.loadConfiguration()
        let intake = try Intake(configuration: configuration, logger: logger)
        // The review web app (issue 5) shares the daemon's register.
        let address = listen ?? configuration.web.listen
        guard let (host, port) = WebConfiguration.parseListen(address) else {
            throw ValidationError("listen address '\(address)' is not HOST:PORT")
        }
        var webConfiguration = WebConfiguration(dataDirectory: configuration.dataDirectory, host: host, port: port,
                                                retryFolder: configuration.watch.folders.first?.path)
        webConfiguration.agencyName = configuration.web.agencyName
        webConfiguration.retryFolders = Dictionary(configuration.watch.folders.map { ($0.name, $0.path) },
                                                   uniquingKeysWith: { first, _ in first })
        // Scan stations from [[scan.station]]: the web app's "Quét" screen starts scans on them.
        let scanner: ScanControl? = configuration.scan.stations.isEmpty
            ? nil : StationScanControl(stations: ScanStations(intake: intake))
        let web = WebApp(registry: intake.registry, configuration: webConfiguration, scanner: scanner, logger: logger).application()
        let group = ServiceGroup(
            services: [IntakeService(intake: intake, logger: logger), web],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        try await group.run()
    }
}

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Register files now (each file is one document) and print one JSON line per file.",
        discussion: "Exit status 0 when every file was registered, 1 when any was not (the others are still registered).")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "PNG, JPEG, TIFF or PDF files.")
    var files: [String]

    // [scan] --split (issue 4): each file is a stack; see SplitIngest in ScanCommand.swift.
    @Flag(help: "Treat each file as a stack of several documents: drop blank pages and separator sheets, split, register each document.")
    var split = false
    // end [scan]

    func run() async throws {
        let logger = options.makeLogger()
        let intake = try Intake(configuration: options.loadConfiguration(), logger: logger)
        // [scan] --split (issue 4)
        if split { return try await SplitIngest.run(intake: intake, files: files) }
        // end [scan]
        // No recovery here: the work folder may hold the daemon's documents in hand.
        // What an interrupted `ingest` leaves behind, the daemon finishes at its next start.
        var allRegistered = true
        var printError: Error?
        await intake.ingest(paths: files, concurrency: intake.configuration.engineCount) { file, outcome in
            allRegistered = allRegistered && outcome.isRegistered
            do { try JSONOutput.printLine(IngestReport(file: file, outcome: outcome)) } catch { printError = error }
        }
        if let printError { throw printError }
        if !allRegistered { throw ExitCode(1) }
    }
}

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List registered documents, newest first.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "needs_review, awaiting_assignment, assigned or confidential_hold.")
    var status: String?

    @Option(help: "At most this many documents.")
    var limit: Int = 100

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let registry = try options.openRegistry()
        var wanted: DocumentStatus?
        if let status {
            guard let parsed = DocumentStatus(rawValue: status) else {
                throw ValidationError("unknown status '\(status)'; use one of: \(DocumentStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            wanted = parsed
        }
        let documents = try registry.documents(status: wanted, limit: limit)
        if json {
            try JSONOutput.print(documents.map(DocumentSummary.init))
        } else {
            TextOutput.printTable(documents)
        }
    }
}

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one document by its arrival number.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Arrival number (số đến).")
    var arrivalNumber: Int

    @Option(help: "Arrival year; default: this year (Vietnam time).")
    var year: Int?

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let registry = try options.openRegistry()
        let arrival = ArrivalNumber(year: year ?? VietnamTime.year(of: Date()), number: arrivalNumber)
        guard let document = try registry.document(arrival: arrival) else {
            FileHandle.standardError.write(Data("intake: no document with arrival number \(arrival)\n".utf8))
            throw ExitCode(1)
        }
        let pages = try registry.pages(documentID: document.id)
        let events = try registry.events(documentID: document.id)
        if json {
            try JSONOutput.print(DocumentDetail(document: document, pages: pages, events: events))
        } else {
            TextOutput.printDetail(document, pages: pages, events: events)
        }
    }
}

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Full-text search in the OCR text (accents optional: \"quyet dinh\" finds \"Quyết định\").")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Words to find.")
    var text: [String]

    @Option(help: "At most this many hits.")
    var limit: Int = 50

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let registry = try options.openRegistry()
        let hits = try registry.search(text.joined(separator: " "), limit: limit)
        if json {
            try JSONOutput.print(hits.map(SearchResult.init))
        } else {
            TextOutput.printHits(hits)
        }
    }
}

struct FailuresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failures", abstract: "Files that could not be registered, newest first, with the reason and where they are.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "At most this many.")
    var limit: Int = 100

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let failures = try options.openRegistry().failures(limit: limit)
        if json {
            try JSONOutput.print(failures.map(FailureReport.init))
        } else if failures.isEmpty {
            print("(no failures)")
        } else {
            for f in failures {
                print("\(f.failedAt)  \(f.sourceName)  \(f.originalFileName)\n    \(f.reason)\n    → \(f.storedPath ?? "(not moved)")")
            }
        }
    }
}
