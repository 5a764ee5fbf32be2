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
        }
    }

    public init() {}

    // MARK: Derived locations

    public var registryPath: String { path(in: dataDirectory, "registry.sqlite") }
    public var pdfDirectory: String { path(in: dataDirectory, "pdf") }
    public var workDirectory: String { path(in: dataDirectory, "work") }
    public var archiveDirectory: String { path(in: dataDirectory, "archive") }
    public var failedDirectory: String { path(in: dataDirectory, "failed") }
    public var duplicateDirectory: String { path(in: dataDirectory, "duplicates") }

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
        if let watch = table["watch"]?.table {
            if let v = number(watch["settle_seconds"]) { c.watch.settleSeconds = v }
            if let v = number(watch["rescan_seconds"]) { c.watch.rescanSeconds = v }
            if let folders = watch["folder"]?.array {
                c.watch.folders = try folders.map { value in
                    guard let t = value.table, let name = t["name"]?.string, let path = t["path"]?.string else {
                        throw ConfigurationError.invalid(path: "[[watch.folder]]", reason: "every folder needs a name and a path")
                    }
                    return WatchSettings.Folder(name: name, path: path, profile: t["profile"]?.string ?? "default")
                }
            }
        }
        return c
    }

    /// TOML distinguishes `2` from `2.0`; a person writing either means the same.
    private static func number(_ value: TOMLValueConvertible?) -> Double? {
        value?.double ?? value?.int.map(Double.init)
    }
}
