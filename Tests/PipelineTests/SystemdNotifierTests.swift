import Foundation
@testable import Pipeline
import Testing
#if canImport(Glibc)
import Glibc
#endif

struct SystemdNotifierTests {
    /// A real datagram socket standing in for systemd's notification socket.
    @Test func readyReachesTheNotifySocket() throws {
        let path = "/tmp/intake-notify-\(UUID().uuidString.prefix(8)).sock"
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd); unlink(path) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)

        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path, "WATCHDOG_USEC": "10000000"])
        #expect(notifier.watchdogInterval == .seconds(5))
        notifier.notify("READY=1")

        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        #expect(count > 0)
        #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self) == "READY=1")
    }

    @Test func withoutSystemdNothingHappens() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(notifier.watchdogInterval == nil)
        notifier.notify("READY=1")   // must not crash or block
    }
}
