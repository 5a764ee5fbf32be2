import SANETestSupport
import Capture
import Extraction
import Foundation
import Logging
@testable import Pipeline
import Testing

/// Scan → split → OCR → register through the fixture SANE backend, and the daemon's scan
/// stations. OCR is kept to two real pages; the other pages are blank (no OCR).
@Suite("Scanning into the register", .serialized)
struct ScanTests {
    init() { _ = SaneTestWorld.root }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    func makeIntake(_ configure: (inout IntakeConfiguration) -> Void = { _ in }) throws -> Intake {
        var c = IntakeConfiguration()
        c.dataDirectory = NSTemporaryDirectory() + "intake-scan-\(UUID().uuidString)"
        c.ocr.engines = 1
        configure(&c)
        return try Intake(configuration: c, logger: Logger(label: "scan-test"))
    }

    func blankPage() -> Data { SaneTestWorld.page(width: 248, height: 350) }

    @Test func scannedStackIsSplitAtTheSeparatorAndRegistered() async throws {
        let qd = try Data(contentsOf: Self.fixtures.appendingPathComponent("quyet-dinh.png"))
        let cv = try Data(contentsOf: Self.fixtures.appendingPathComponent("cong-van.jpg"))
        let dir = SaneTestWorld.root + "/devices/stack"
        SaneTestWorld.device("stack", pages: [])
        try qd.write(to: URL(fileURLWithPath: dir + "/pages/p1.png"))
        try blankPage().write(to: URL(fileURLWithPath: dir + "/pages/p2.pgm"))
        try cv.write(to: URL(fileURLWithPath: dir + "/pages/p3.jpg"))
        let intake = try makeIntake()
        let run = ScanRun(intake: intake, device: "intakefixture:stack",
                          settings: ScanSettings(source: .adf, dpi: 200, mode: .color))
        let updates = UpdateLog()
        let final = await run.run { updates.append($0) }
        #expect(final.phase == .finished)
        #expect(final.pagesScanned == 3)
        #expect(final.droppedPages == [2])
        #expect(final.documents.map(\.sourcePages) == [[1], [3]])
        #expect(final.documents.allSatisfy { $0.arrivalNumber != nil && $0.pdf != nil })
        #expect(final.documents.compactMap(\.arrivalNumber) == [1, 2])
        #expect(updates.count > 3)
        let registered = try intake.registry.documents(status: nil, limit: 10)
        #expect(registered.count == 2)
        #expect(registered.allSatisfy { $0.sourceKind == .scanner })
        // Nothing left in the work folder.
        #expect(try intake.workFolder.pending().isEmpty)
    }

    @Test func jamRegistersWhatWasScannedBefore() async throws {
        SaneTestWorld.device("jam2", pages: [blankPage(), blankPage(), blankPage()], settings: "jam_at=3\n")
        let intake = try makeIntake()
        let final = await ScanRun(intake: intake, device: "intakefixture:jam2",
                                  settings: ScanSettings(source: .adf, dpi: 100, mode: .gray)).run()
        #expect(final.phase == .failed)
        #expect(final.errorCode == "jammed")
        #expect(final.pagesScanned == 2)
        #expect(final.droppedPages == [1, 2])
    }

    @Test func stationsAreBusyOfflineAndComeBack() async throws {
        SaneTestWorld.device("station", pages: (0..<6).map { _ in blankPage() }, settings: "delay_ms=100\n")
        let intake = try makeIntake()
        let stations = ScanStations(intake: intake, stations: [
            .init(name: "desk", device: "intakefixture:station", source: .adf, dpi: 100, mode: .gray),
            .init(name: "ghost", device: "intakefixture:ghost"),
        ])
        let statuses = await stations.stationStatuses()
        #expect(statuses.map(\.online) == [true, false])
        await #expect(throws: ScanStationError.offline(station: "ghost", device: "intakefixture:ghost")) {
            try await stations.start(station: "ghost")
        }
        await #expect(throws: ScanStationError.unknownStation("nope")) { try await stations.start(station: "nope") }

        let job = try await stations.start(station: "desk")
        await #expect(throws: ScanStationError.busy(station: "desk", job: job)) { try await stations.start(station: "desk") }
        var last: ScanProgress?
        for await p in await stations.progress(job) { last = p }
        #expect(last?.phase == .finished)
        #expect(last?.pagesScanned == 6)
        #expect(await stations.stationStatuses().first?.activeJob == nil)

        // Unplugged mid-batch: pages kept, station offline, daemon fine; back after re-plug.
        SaneTestWorld.setSettings("station", "unplug_at=2\n")
        let lost = try await stations.start(station: "desk")
        for await p in await stations.progress(lost) { last = p }
        #expect(last?.errorCode == "device_lost")
        #expect(last?.pagesScanned == 1)
        #expect(await stations.stationStatuses().first?.online == false)
        SaneTestWorld.setSettings("station", "")
        SaneTestWorld.replug("station")
        #expect(await stations.stationStatuses().first?.online == true)
        let back = try await stations.start(station: "desk")
        for await p in await stations.progress(back) { last = p }
        #expect(last?.phase == .finished && last?.pagesScanned == 6)
    }

    @Test func cancelKeepsPages() async throws {
        SaneTestWorld.device("cancel2", pages: (0..<8).map { _ in blankPage() }, settings: "delay_ms=150\n")
        let intake = try makeIntake()
        let run = ScanRun(intake: intake, device: "intakefixture:cancel2", settings: ScanSettings(source: .adf, dpi: 100, mode: .gray))
        let final = await run.run { p in if p.pagesScanned == 2 { run.cancel() } }
        #expect(final.phase == .cancelled)
        #expect(final.pagesScanned >= 2 && final.pagesScanned < 8)
        #expect(final.droppedPages.count == final.pagesScanned)
    }

    @Test func stationConfiguration() throws {
        let c = try IntakeConfiguration.parse(toml: """
        [scan]
        device = "intakefixture:x"
        separator_sheets = false
        [[scan.station]]
        name = "desk-1"
        device = "net:127.0.0.1:epson2:libusb:001:004"
        source = "adf-duplex"
        dpi = 200
        mode = "gray"
        profile = "mat"
        [[watch.folder]]
        name = "copier"
        path = "in"
        stack = true
        """)
        #expect(c.scan.device == "intakefixture:x")
        #expect(c.scan.separatorSheets == false)
        #expect(c.scan.stations == [.init(name: "desk-1", device: "net:127.0.0.1:epson2:libusb:001:004",
                                          source: .adfDuplex, dpi: 200, mode: .gray, profile: "mat")])
        #expect(c.watch.folders.first?.stack == true)
        #expect(throws: ConfigurationError.self) {
            try IntakeConfiguration.parse(toml: "[[scan.station]]\nname = \"a\"\ndevice = \"b\"\nsource = \"tray\"\n")
        }
    }
}

final class UpdateLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ScanProgress] = []
    func append(_ p: ScanProgress) { lock.lock(); items.append(p); lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return items.count }
}
