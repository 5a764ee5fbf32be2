import Foundation
import SANETestSupport
import Testing

/// A network scanner: the fixture backend served by a real `saned` on a loopback address,
/// reached by `intake` through SANE's `net` backend alone (its `dll.conf` names only `net`).
@Suite(.serialized) struct NetworkScannerTests {
    /// A blank gray page (PGM, 300 dpi assumed by the fixture backend).
    static func blankPage() -> Data {
        var data = Data("P5\n248 350\n255\n".utf8)
        data.append(contentsOf: [UInt8](repeating: 255, count: 248 * 350))
        return data
    }

    @Test func scansThroughSanedAndTheNetBackend() async throws {
        let saned = try SanedServer()
        defer { saned.stop() }
        try saned.addDevice("netdesk", pages: [
            ("jpg", try Data(contentsOf: Harness.fixture("cong-van.jpg"))),
            ("pgm", Self.blankPage()),
            ("pgm", Self.blankPage()),
        ])
        let ws = try Harness.Workspace()
        defer { ws.remove() }
        let client = ["SANE_CONFIG_DIR": saned.clientConfigDirectory]

        // Listed through the network, and only there.
        let list = try await Harness.run([Harness.binary.path, "scanners", "--json", "--config", ws.config.path],
                                         environment: client)
        #expect(list.status == 0, "\(list.stderr)\nsaned:\n\(saned.log)")
        let devices = (try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]) ?? []
        let names = devices.compactMap { $0["name"] as? String }
        #expect(names.contains(saned.deviceName("netdesk")), "\(list.stdout)")
        #expect(names.allSatisfy { $0.hasPrefix("net:") }, "\(names)")

        // One batch from the feeder: the written page is registered, the blank ones dropped.
        let scan = try await Harness.run(
            [Harness.binary.path, "scan", "--device", saned.deviceName("netdesk"), "--source", "adf",
             "--dpi", "150", "--mode", "gray", "--json", "--config", ws.config.path],
            environment: client)
        // Progress objects one per line; the last one is the final state.
        let final = scan.jsonLines.last { ["finished", "failed", "cancelled"].contains($0["phase"] as? String ?? "") } ?? [:]
        #expect(scan.status == 0, "stdout:\n\(scan.stdout)\nstderr:\n\(scan.stderr)\nsaned:\n\(saned.log)")
        #expect(final["phase"] as? String == "finished")
        #expect(final["pages_scanned"] as? Int == 3)
        #expect(final["dropped_pages"] as? [Int] == [2, 3])
        let documents = final["documents"] as? [[String: Any]] ?? []
        #expect(documents.count == 1)
        #expect(documents.first?["arrival_number"] as? Int == 1)
        #expect(try await ws.documents().count == 1)
        // The pages really went through saned.
        #expect(saned.log.contains("access to resource `intakefixture:netdesk' granted") || saned.log.contains("sane_open returned: Success"),
                "saned:\n\(saned.log)")
    }
}
