import Capture   // [scan] ScanSource, ScanColorMode
import Extraction   // [scan] SplitOptions
import Foundation
import TOMLKit

/// The daemon's settings, read from a TOML file (`config/intake.toml` in the repository,
/// `/etc/intake/intake.toml` when installed). Every key is optional: a missing key takes
/// the default below. Relative paths are resolved against the working directory.
public struct IntakeConfiguration: Sendable, Equatable {
    /// Registry, PDFs, work, archive and failed folders live here.
    public var dataDirectory: String = "var"
    public var ocr = OCRSettings()
    public var limits = LimitSettings()
    public var watch = WatchSettings()
    // [web] section (issue 5: review web app).
    public var web = WebSettings()

    public struct WebSettings: Sendable, Equatable {
        /// `HOST:PORT`; the register stays on this machine unless configured otherwise.
        public var listen: String = "127.0.0.1:8080"
        /// Name of the agency, printed on the register book.
        public var agencyName: String = "Văn thư cơ quan"
    }
    // end [web] section

    public struct OCRSettings: Sendable, Equatable {
        public var language: String = "vie"
        /// Tesseract engines kept loaded; 0 means one per core.
        public var engines: Int = 0
        /// Folder holding `*.traineddata`; nil lets Tesseract use its compiled-in default.
        public var tessdata: String?
    }

    public struct LimitSettings: Sendable, Equatable {
        /// Larger images are refused before decoding (decompression bombs).
        public var maxPixels: Int = 100_000_000
        /// Resolution assumed for images that carry none.
        public var assumedDPI: Int = 300
        public var maxPages: Int = 500
    }

    public struct WatchSettings: Sendable, Equatable {
        /// A file is ready when its size and mtime stay unchanged this long.
        public var settleSeconds: Double = 2
        /// Full rescan period: network shares deliver no inotify events.
        public var rescanSeconds: Double = 30
        public var folders: [Folder] = [Folder(name: "inbox", path: "watch-folders/inbox", profile: "default")]

        public struct Folder: Sendable, Equatable {
            public var name: String
            public var path: String
            public var profile: String
            // [scan] a stack folder: each file is a stack of documents to split (issue 4).
            public var stack: Bool = false
        }
    }

    // [scan] section (issue 4: scanner capture and stack splitting).
    public var scan = ScanConfiguration()

    public struct ScanConfiguration: Sendable, Equatable {
        /// Default scanner for `intake scan` (else the first station's, else the first SANE device).
        public var device: String?
        /// A blank separator sheet ends a document.
        public var separatorSheets: Bool = true
        /// A page that looks like a first page starts a new document.
        public var splitOnFirstPage: Bool = true
        public var stations: [ScanStation] = []

        public var splitOptions: SplitOptions {
            SplitOptions(separatorSheets: separatorSheets, splitOnFirstPage: splitOnFirstPage)
        }
    }

    /// `[[scan.station]]`: a scanner the daemon drives on request (web button).
    public struct ScanStation: Sendable, Equatable {
        public var name: String
        /// SANE device name (`intake scanners`).
        public var device: String
        public var source: ScanSource = .adf
        public var dpi: Int = 300
        public var mode: ScanColorMode = .color
        public var profile: String = "default"

        public init(name: String, device: String, source: ScanSource = .adf, dpi: Int = 300,
                    mode: ScanColorMode = .color, profile: String = "default") {
            self.name = name
            self.device = device
            self.source = source
            self.dpi = dpi
            self.mode = mode
            self.profile = profile
        }
    }
    // end [scan] section

    public init() {}

    // MARK: Derived locations

    public var registryPath: String { path(in: dataDirectory, "registry.sqlite") }
    public var pdfDirectory: String { path(in: dataDirectory, "pdf") }
    public var workDirectory: String { path(in: dataDirectory, "work") }
    public var archiveDirectory: String { path(in: dataDirectory, "archive") }
    public var failedDirectory: String { path(in: dataDirectory, "failed") }
    public var duplicateDirectory: String { path(in: dataDirectory, "duplicates") }
    /// Originals of documents with a secrecy mark, held for the clerk's manual handling.
    public var confidentialDirectory: String { path(in: dataDirectory, "confidential") }

    /// Number of OCR engines to load: the configured count, or one per core.
    public var engineCount: Int {
        ocr.engines > 0 ? ocr.engines : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    private func path(in directory: String, _ component: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(component).path
    }
}

// MARK: - Loading

public enum ConfigurationError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read configuration \(path): \(reason)"
        case let .invalid(path, reason): "invalid configuration \(path): \(reason)"
        }
    }
}

extension IntakeConfiguration {
    /// The file used when `--config` is not given: the repository's `config/intake.toml`,
    /// else the installed `/etc/intake/intake.toml`; nil means built-in defaults.
    public static func defaultPath(fileManager: FileManager = .default) -> String? {
        ["config/intake.toml", "/etc/intake/intake.toml"].first { fileManager.fileExists(atPath: $0) }
    }

    /// Loads `path` (or the default file), then applies the `--data-dir` override.
    public static func load(path: String?, dataDirectoryOverride: String? = nil) throws -> IntakeConfiguration {
        var configuration = IntakeConfiguration()
        if let path = path ?? defaultPath() {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ConfigurationError.unreadable(path: path, reason: error.localizedDescription)
            }
            do {
                configuration = try parse(toml: text)
            } catch let error as ConfigurationError {
                throw error
            } catch {
                throw ConfigurationError.invalid(path: path, reason: String(describing: error))
            }
        }
        if let dataDirectoryOverride { configuration.dataDirectory = dataDirectoryOverride }
        return configuration
    }

    public static func parse(toml: String) throws -> IntakeConfiguration {
        let table = try TOMLTable(string: toml)
        var c = IntakeConfiguration()
        if let v = table["data_dir"]?.string { c.dataDirectory = v }
        if let ocr = table["ocr"]?.table {
            if let v = ocr["language"]?.string { c.ocr.language = v }
            if let v = ocr["engines"]?.int { c.ocr.engines = v }
            if let v = ocr["tessdata"]?.string, !v.isEmpty { c.ocr.tessdata = v }
        }
        if let limits = table["limits"]?.table {
            if let v = limits["max_pixels"]?.int { c.limits.maxPixels = v }
            if let v = limits["assume_dpi"]?.int { c.limits.assumedDPI = v }
            if let v = limits["max_pages"]?.int { c.limits.maxPages = v }
        }
        // [web] section (issue 5).
        if let web = table["web"]?.table {
            if let v = web["listen"]?.string { c.web.listen = v }
            if let v = web["agency_name"]?.string { c.web.agencyName = v }
        }
        if let watch = table["watch"]?.table {
            if let v = number(watch["settle_seconds"]) { c.watch.settleSeconds = v }
            if let v = number(watch["rescan_seconds"]) { c.watch.rescanSeconds = v }
            if let folders = watch["folder"]?.array {
                c.watch.folders = try folders.map { value in
                    guard let t = value.table, let name = t["name"]?.string, let path = t["path"]?.string else {
                        throw ConfigurationError.invalid(path: "[[watch.folder]]", reason: "every folder needs a name and a path")
                    }
                    return WatchSettings.Folder(name: name, path: path, profile: t["profile"]?.string ?? "default",
                                                stack: t["stack"]?.bool ?? false)   // [scan] stack flag
                }
            }
        }
        // [scan] section (issue 4).
        if let scan = table["scan"]?.table { c.scan = try parseScan(scan) }
        // end [scan]
        return c
    }

    // [scan] section (issue 4).
    private static func parseScan(_ scan: TOMLTable) throws -> ScanConfiguration {
        var s = ScanConfiguration()
        if let v = scan["device"]?.string, !v.isEmpty { s.device = v }
        if let v = scan["separator_sheets"]?.bool { s.separatorSheets = v }
        if let v = scan["split_on_first_page"]?.bool { s.splitOnFirstPage = v }
        if let stations = scan["station"]?.array {
            s.stations = try stations.map { value in
                guard let t = value.table, let name = t["name"]?.string, let device = t["device"]?.string else {
                    throw ConfigurationError.invalid(path: "[[scan.station]]", reason: "every station needs a name and a device")
                }
                var station = ScanStation(name: name, device: device)
                if let v = t["source"]?.string {
                    guard let source = ScanSource(rawValue: v) else {
                        throw ConfigurationError.invalid(path: "[[scan.station]] \(name)", reason: "source must be adf, adf-duplex or flatbed")
                    }
                    station.source = source
                }
                if let v = t["dpi"]?.int { station.dpi = v }
                if let v = t["mode"]?.string {
                    guard let mode = ScanColorMode(rawValue: v) else {
                        throw ConfigurationError.invalid(path: "[[scan.station]] \(name)", reason: "mode must be color or gray")
                    }
                    station.mode = mode
                }
                if let v = t["profile"]?.string { station.profile = v }
                return station
            }
            let names = s.stations.map(\.name)
            if Set(names).count != names.count {
                throw ConfigurationError.invalid(path: "[[scan.station]]", reason: "station names must be unique")
            }
        }
        return s
    }
    // end [scan]

    /// TOML distinguishes `2` from `2.0`; a person writing either means the same.
    private static func number(_ value: TOMLValueConvertible?) -> Double? {
        value?.double ?? value?.int.map(Double.init)
    }
}
