import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Helpers for tests that drive the real `intake` executable in a temporary directory.
enum Harness {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The `intake` binary built beside the test bundle (`swift build --build-tests`).
    static let binary: URL = {
        if let explicit = ProcessInfo.processInfo.environment["INTAKE_BINARY"] {
            return URL(fileURLWithPath: explicit)
        }
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("intake")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return fixtures.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/intake")
    }()

    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }

    /// The truth JSON that the corpus generator wrote for a fixture.
    static func truth(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name + ".truth.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("intake-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A workspace: data dir, one inbox, and a config file with short watch windows.
    struct Workspace {
        let root: URL
        var data: URL { root.appendingPathComponent("var") }
        var inbox: URL { root.appendingPathComponent("inbox") }
        var config: URL { root.appendingPathComponent("intake.toml") }
        var archive: URL { data.appendingPathComponent("archive") }
        var failed: URL { data.appendingPathComponent("failed") }
        var duplicates: URL { data.appendingPathComponent("duplicates") }
        var work: URL { data.appendingPathComponent("work") }
        /// The stack folder (`stack = true`), when made with `stackFolder: true`.
        var stacks: URL { root.appendingPathComponent("stacks") }

        init(engines: Int = 2, stackFolder: Bool = false) throws {
            root = try Harness.makeTemporaryDirectory()
            try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
            let toml = """
            data_dir = "\(root.appendingPathComponent("var").path)"
            [ocr]
            engines = \(engines)
            [watch]
            settle_seconds = 0.4
            rescan_seconds = 1
            [[watch.folder]]
            name = "inbox"
            path = "\(root.appendingPathComponent("inbox").path)"
            profile = "default"
            \(stackFolder ? """
            [[watch.folder]]
            name = "stacks"
            path = "\(root.appendingPathComponent("stacks").path)"
            profile = "default"
            stack = true
            """ : "")
            [web]
            # Any free port: tests run beside each other and beside a developer's daemon.
            listen = "127.0.0.1:0"
            """
            try toml.write(to: root.appendingPathComponent("intake.toml"), atomically: true, encoding: .utf8)
        }

        func files(in directory: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        }

        /// Files anywhere below `directory` (the archive has per-year folders).
        func allFiles(below directory: URL) -> [String] {
            guard let e = FileManager.default.enumerator(atPath: directory.path) else { return [] }
            return e.compactMap { $0 as? String }.filter {
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path, isDirectory: &isDirectory)
                return !isDirectory.boolValue
            }.sorted()
        }

        func run(_ arguments: [String], prefix: [String] = []) async throws -> Harness.Result {
            try await Harness.run(prefix + [Harness.binary.path] + arguments + ["--config", config.path])
        }

        func documents() async throws -> [[String: Any]] {
            let result = try await run(["list", "--json", "--limit", "1000"])
            guard result.status == 0 else { throw HarnessError.failed("intake list: \(result.stderr)") }
            return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        /// The JSON objects printed one per line.
        var jsonLines: [[String: Any]] {
            stdout.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
    }

    /// Runs a command to completion without blocking a thread of Swift's cooperative pool
    /// (tests run in parallel on it; a blocked pool starves every other test).
    /// `command[0]` is an absolute path.
    static func run(_ command: [String], environment: [String: String] = [:]) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var env = ProcessInfo.processInfo.environment
        env["OMP_THREAD_LIMIT"] = "1"
        env.merge(environment) { $1 }
        process.environment = env
        // Files, not pipes: a chatty child can never block on a full pipe.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("intake-run-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: scratch.path + ".out", contents: nil)
        FileManager.default.createFile(atPath: scratch.path + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: scratch.path + ".out")
            try? FileManager.default.removeItem(atPath: scratch.path + ".err")
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + ".err"))
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in done.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                done.resume()
            }
        }
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: scratch.path + ".out", encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: scratch.path + ".err", encoding: .utf8)) ?? "")
    }

    /// Polls `condition` until it holds or `timeout` passes.
    static func waitUntil(timeout: TimeInterval, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }
}

enum HarnessError: Error { case failed(String) }

/// `intake serve` running in the background, its log captured to a file.
final class DaemonProcess {
    let process = Process()
    let logFile: URL

    init(workspace: Harness.Workspace, environment: [String: String] = [:]) throws {
        logFile = workspace.root.appendingPathComponent("daemon-\(UUID().uuidString.prefix(8)).log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process.executableURL = Harness.binary
        process.arguments = ["serve", "--config", workspace.config.path]
        var env = ProcessInfo.processInfo.environment
        env["OMP_THREAD_LIMIT"] = "1"
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    func waitUntilWatching(timeout: TimeInterval = 60) async -> Bool {
        let started = await Harness.waitUntil(timeout: timeout) { self.log.contains("intake is watching") || !self.process.isRunning }
        return started && process.isRunning
    }

    /// SIGTERM, then wait; returns the exit status.
    func stop(timeout: TimeInterval = 60) async -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        return await wait(timeout: timeout)
    }

    func killHard() async {
        kill(process.processIdentifier, SIGKILL)
        _ = await wait(timeout: 10)
    }

    func wait(timeout: TimeInterval) async -> Int32? {
        guard await Harness.waitUntil(timeout: timeout, { !self.process.isRunning }) else { return nil }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
