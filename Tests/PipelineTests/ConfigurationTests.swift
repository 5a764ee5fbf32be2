import Foundation
@testable import Pipeline
import Testing

struct ConfigurationTests {
    @Test func anEmptyFileMeansTheDefaults() throws {
        let c = try IntakeConfiguration.parse(toml: "")
        #expect(c == IntakeConfiguration())
        #expect(c.dataDirectory == "var")
        #expect(c.watch.folders.map(\.path) == ["watch-folders/inbox"])
        #expect(c.watch.settleSeconds == 2)
        #expect(c.registryPath == "var/registry.sqlite" || c.registryPath.hasSuffix("/var/registry.sqlite"))
    }

    @Test func everyKeyIsRead() throws {
        let c = try IntakeConfiguration.parse(toml: """
        data_dir = "/var/lib/intake"
        [ocr]
        language = "vie+eng"
        engines = 3
        tessdata = "/opt/tessdata"
        [limits]
        max_pixels = 5000
        assume_dpi = 200
        max_pages = 7
        [watch]
        settle_seconds = 0.5
        rescan_seconds = 10
        [[watch.folder]]
        name = "copier-1"
        path = "/srv/scans/copier-1"
        profile = "stack"
        [[watch.folder]]
        name = "clerk"
        path = "/srv/scans/clerk"
        """)
        #expect(c.dataDirectory == "/var/lib/intake")
        #expect(c.registryPath == "/var/lib/intake/registry.sqlite")
        #expect(c.ocr.language == "vie+eng")
        #expect(c.engineCount == 3)
        #expect(c.ocr.tessdata == "/opt/tessdata")
        #expect(c.limits == .init(maxPixels: 5000, assumedDPI: 200, maxPages: 7))
        #expect(c.watch.settleSeconds == 0.5)
        #expect(c.watch.rescanSeconds == 10)
        #expect(c.watch.folders == [
            .init(name: "copier-1", path: "/srv/scans/copier-1", profile: "stack"),
            .init(name: "clerk", path: "/srv/scans/clerk", profile: "default"),
        ])
    }

    @Test func aFolderWithoutPathIsAnError() {
        #expect(throws: ConfigurationError.self) {
            try IntakeConfiguration.parse(toml: "[[watch.folder]]\nname = \"x\"\n")
        }
    }

    @Test func theDataDirectoryOverrideWins() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intake-config-\(UUID().uuidString).toml")
        try "data_dir = \"/somewhere\"\n".write(to: dir, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try IntakeConfiguration.load(path: dir.path).dataDirectory == "/somewhere")
        #expect(try IntakeConfiguration.load(path: dir.path, dataDirectoryOverride: "/elsewhere").dataDirectory == "/elsewhere")
    }

    @Test func anUnreadableConfigurationSaysWhich() {
        #expect(throws: ConfigurationError.self) {
            try IntakeConfiguration.load(path: "/nonexistent/intake.toml")
        }
    }

    @Test func malformedTOMLIsReportedAsInvalid() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("intake-bad-\(UUID().uuidString).toml")
        try "data_dir = \n[[".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try IntakeConfiguration.load(path: file.path)
            Issue.record("malformed TOML was accepted")
        } catch let error as ConfigurationError {
            #expect(String(describing: error).contains(file.path))
        }
    }
}
