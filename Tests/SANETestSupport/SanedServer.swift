import Foundation
import Glibc

/// A real `saned` (sane-utils) serving the fixture backend on a loopback address, and the
/// client-side SANE configuration that reaches it only through the `net` backend — a network
/// scanner on this machine. Nothing under /etc is read or written: both sides have their own
/// `SANE_CONFIG_DIR`.
///
/// The `net` backend of Debian 12 takes no port in `net.conf` (`host:port` is looked up as a
/// host name) and finds saned's port as the `sane-port` service, i.e. 6566. So the server
/// gets a loopback address of its own instead of a port of its own: a random 127.x.y.z
/// (all of 127/8 is loopback on Linux), tried again elsewhere if taken.
public final class SanedServer {
    public let address: String
    /// `SANE_CONFIG_DIR` for clients: `dll.conf` naming only `net`, `net.conf` naming `address`.
    public let clientConfigDirectory: String
    /// Devices of the fixture backend: `devices/NAME/pages/...`, see `intakefixture.c`.
    public let devicesDirectory: String
    public let root: String
    private let process: Process
    private let logPath: String

    /// Starts saned and waits until it listens. `timeout` bounds the whole start.
    public init(timeout: TimeInterval = 20) throws {
        root = "/tmp/intake-saned-\(getpid())-\(UUID().uuidString.prefix(8))"
        let server = root + "/server", client = root + "/client", lib = root + "/lib"
        devicesDirectory = root + "/devices"
        clientConfigDirectory = client
        for dir in [server, client, lib, devicesDirectory] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        try SaneFixtureBackend.compile(into: lib + "/libsane-intakefixture.so.1")
        SaneTestWorld.write(server + "/dll.conf", "intakefixture\n")
        SaneTestWorld.write(server + "/intakefixture.conf", "devices \(devicesDirectory)\n")
        // Loopback clients are let in by saned anyway; the line keeps that explicit.
        SaneTestWorld.write(server + "/saned.conf", "127.0.0.0/8\n")
        SaneTestWorld.write(client + "/dll.conf", "net\n")

        logPath = root + "/saned.log"
        var started: (Process, String)?
        let deadline = Date().addingTimeInterval(timeout)
        for _ in 0..<5 where started == nil && Date() < deadline {
            let candidate = "127.\(Int.random(in: 1...254)).\(Int.random(in: 1...254)).\(Int.random(in: 1...254))"
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            let saned = Process()
            saned.executableURL = URL(fileURLWithPath: "/usr/sbin/saned")
            // -l standalone, -d debug (stays in the foreground, forks one child per client),
            // -e log to stderr, -b bind address; the port is the default 6566.
            saned.arguments = ["-l", "-d", "3", "-e", "-b", candidate]
            var env = ProcessInfo.processInfo.environment
            env["SANE_CONFIG_DIR"] = server
            env["LD_LIBRARY_PATH"] = lib + (env["LD_LIBRARY_PATH"].map { ":" + $0 } ?? "")
            saned.environment = env
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
            saned.standardOutput = log
            saned.standardError = log
            try saned.run()
            // Listening once it waits for a control connection; gone when the bind failed.
            while Date() < deadline, saned.isRunning, !Self.read(logPath).contains("waiting for control connection") {
                usleep(50_000)
            }
            if saned.isRunning, Self.read(logPath).contains("waiting for control connection"),
               Self.canConnect(to: candidate, port: 6566) {
                started = (saned, candidate)
            } else if saned.isRunning {
                kill(saned.processIdentifier, SIGKILL)
                for _ in 0..<200 where saned.isRunning { usleep(10_000) }
            }
        }
        guard let (process, address) = started else {
            throw SanedError.notStarted(Self.read(logPath))
        }
        self.process = process
        self.address = address
        SaneTestWorld.write(client + "/net.conf", "connect_timeout = 10\n\(address)\n")
    }

    /// The name a client opens a fixture device by: `net:ADDRESS:intakefixture:NAME`.
    public func deviceName(_ name: String) -> String { "net:\(address):intakefixture:\(name)" }

    /// A fixture device fed with `pages` (file name extension → contents, fed in this order).
    public func addDevice(_ name: String, pages: [(String, Data)]) throws {
        let dir = devicesDirectory + "/\(name)/pages"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (i, page) in pages.enumerated() {
            _ = FileManager.default.createFile(atPath: dir + String(format: "/p%04d.%@", i + 1, page.0), contents: page.1)
        }
        SaneTestWorld.write(devicesDirectory + "/\(name)/settings", "")
    }

    public var log: String { Self.read(logPath) }

    /// Stops saned and its children (one per client connection), removes its files.
    public func stop() {
        if process.isRunning {
            // saned forks a child per client connection; a test that failed mid-scan may
            // leave one. Those are found by their parent's pid and ended by their own.
            for child in Self.children(of: process.processIdentifier) { kill(child, SIGKILL) }
            // SIGKILL, not SIGTERM: children spawned from the test process inherit its blocked
            // signal mask (SIGTERM included), and saned keeps nothing worth a clean exit.
            // Polled rather than `waitUntilExit()`, which spins a thread of the test pool.
            kill(process.processIdentifier, SIGKILL)
            for _ in 0..<200 where process.isRunning { usleep(10_000) }
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    deinit { stop() }

    /// Processes whose parent is `parent` (from /proc/PID/stat).
    static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            // "pid (comm) state ppid ..."; comm may hold spaces, so split after the ")".
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == parent ? pid : nil
        }
    }

    private static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    static func canConnect(to address: String, port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        inet_pton(AF_INET, address, &addr.sin_addr)
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}

public enum SanedError: Error, CustomStringConvertible {
    case notStarted(String)
    public var description: String {
        switch self { case .notStarted(let log): "saned did not start listening:\n\(log)" }
    }
}

/// Builds the fixture backend (Tests/Fixtures/sane/intakefixture.c) with `cc`.
public enum SaneFixtureBackend {
    public static func compile(into library: String) throws {
        if FileManager.default.fileExists(atPath: library) { return }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/sane/intakefixture.c").path
        let temp = library + ".\(UUID().uuidString)"
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/cc")
        cc.arguments = ["-shared", "-fPIC", "-O1", "-w", "-o", temp, source, "-llept"]
        try cc.run()
        cc.waitUntilExit()
        guard cc.terminationStatus == 0 else { throw SanedError.notStarted("cc failed to build the fixture backend") }
        _ = rename(temp, library)
    }
}
