import SANETestSupport
import Capture
import Foundation
import Testing

/// Scanning through real SANE: the stock `test` backend and the fixture backend
/// (Tests/Fixtures/sane/intakefixture.c), in a private SANE configuration.
@Suite("SANE scanning", .serialized)
struct ScannerTests {
    init() { _ = SaneTestWorld.root }

    struct Result {
        var frames: [ScannedFrame] = []
        var error: ScannerError?
    }

    func scan(_ device: String, _ settings: ScanSettings, cancelAfter: Int? = nil) async -> Result {
        let batch = ScanBatch(device: device, settings: settings)
        var result = Result()
        do {
            for try await frame in batch.pages {
                result.frames.append(frame)
                if let n = cancelAfter, result.frames.count == n { batch.cancel() }
            }
        } catch let error as ScannerError {
            result.error = error
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return result
    }

    let gray100 = ScanSettings(source: .adf, dpi: 100, mode: .gray)

    @Test func listsTestAndFixtureDevices() throws {
        SaneTestWorld.device("listed", pages: [SaneTestWorld.page()])
        let names = try SaneRuntime.devices().map(\.name)
        #expect(names.contains("test:0"))
        #expect(names.contains("intakefixture:listed"))
        let caps = try ScannerSession(device: "intakefixture:listed").capabilities()
        #expect(caps.sources == ["Flatbed", "ADF", "ADF Duplex"])
        #expect(caps.modes == ["Color", "Gray"])
        #expect(caps.resolutions.contains(300))
        let test = try ScannerSession(device: "test:0").capabilities()
        #expect(test.sources.contains("Automatic Document Feeder"))
        #expect(test.resolutionRange != nil)
    }

    @Test func testBackendFeederGivesTenPagesThenEnds() async {
        let r = await scan("test:0", ScanSettings(source: .adf, dpi: 25, mode: .gray))
        #expect(r.error == nil)
        #expect(r.frames.count == 10)
        #expect(r.frames.map(\.index) == Array(1...10))
        #expect(r.frames[0].channels == 1 && r.frames[0].width > 100)
    }

    @Test func testBackendFlatbedColour() async {
        let r = await scan("test:1", ScanSettings(source: .flatbed, dpi: 25, mode: .color))
        #expect(r.error == nil)
        #expect(r.frames.count == 1)
        #expect(r.frames.first?.channels == 3)
    }

    @Test func fixtureSources() async {
        let d = SaneTestWorld.device("sources", pages: (0..<3).map { _ in SaneTestWorld.page() })
        let adf = await scan(d, gray100)
        #expect(adf.error == nil && adf.frames.count == 3)
        #expect(adf.frames[0].width == 40 && adf.frames[0].dpi == 100)   // 120 px at 300 dpi → 100 dpi
        let duplex = await scan(d, ScanSettings(source: .adfDuplex, dpi: 100, mode: .color))
        #expect(duplex.error == nil && duplex.frames.count == 3 && duplex.frames[0].channels == 3)
        let flatbed = await scan(d, ScanSettings(source: .flatbed, dpi: 100, mode: .gray))
        #expect(flatbed.error == nil && flatbed.frames.count == 1)
    }

    @Test func emptyFeeder() async {
        let d = SaneTestWorld.device("empty", pages: [])
        let r = await scan(d, gray100)
        #expect(r.frames.isEmpty)
        #expect(r.error == .noDocuments)
    }

    @Test func jamKeepsPagesBefore() async {
        let d = SaneTestWorld.device("jam", pages: (0..<4).map { _ in SaneTestWorld.page() }, settings: "jam_at=3\n")
        let r = await scan(d, gray100)
        #expect(r.frames.count == 2)
        #expect(r.error == .jammed(pagesScanned: 2))
        #expect(r.error?.description.contains("jam") == true)
    }

    @Test func coverOpen() async {
        let d = SaneTestWorld.device("cover", pages: (0..<4).map { _ in SaneTestWorld.page() }, settings: "cover_open_at=2\n")
        let r = await scan(d, gray100)
        #expect(r.frames.count == 1)
        #expect(r.error == .coverOpen(pagesScanned: 1))
    }

    @Test func ioError() async {
        let d = SaneTestWorld.device("ioerr", pages: (0..<4).map { _ in SaneTestWorld.page() }, settings: "io_error_at=4\n")
        let r = await scan(d, gray100)
        #expect(r.frames.count == 3)
        #expect(r.error == .ioError(device: d, pagesScanned: 3))
    }

    @Test func busyAndMissingDevices() async {
        let d = SaneTestWorld.device("busy", pages: [SaneTestWorld.page()], settings: "busy=1\n")
        let busy = await scan(d, gray100)
        #expect(busy.error == .deviceBusy(device: d))
        let missing = await scan("intakefixture:nothere", gray100)
        #expect(missing.error == .deviceNotFound(device: "intakefixture:nothere"))
    }

    @Test func deviceLostMidBatchThenReplugged() async throws {
        let d = SaneTestWorld.device("unplug", pages: (0..<4).map { _ in SaneTestWorld.page() }, settings: "unplug_at=3\n")
        let r = await scan(d, gray100)
        #expect(r.frames.count == 2)
        #expect(r.error == .deviceLost(device: d, pagesScanned: 2))
        #expect(r.error?.deviceGone == true)
        #expect(try !SaneRuntime.devices().map(\.name).contains(d))
        let again = await scan(d, gray100)
        #expect(again.error == .deviceNotFound(device: d))
        // Plugged back in: listed and scanning again.
        SaneTestWorld.setSettings("unplug", "")
        SaneTestWorld.replug("unplug")
        #expect(try SaneRuntime.devices().map(\.name).contains(d))
        let back = await scan(d, gray100)
        #expect(back.error == nil && back.frames.count == 4)
    }

    @Test func cancellationKeepsScannedPages() async {
        let d = SaneTestWorld.device("cancel", pages: (0..<6).map { _ in SaneTestWorld.page() }, settings: "delay_ms=150\n")
        let r = await scan(d, gray100, cancelAfter: 2)
        #expect(r.frames.count >= 2 && r.frames.count < 6)
        if case .cancelled(let n)? = r.error { #expect(n == r.frames.count) } else { Issue.record("expected cancelled, got \(String(describing: r.error))") }
    }

    @Test func sourceAndModeNames() {
        #expect(ScanSource.adf.match(in: ["Flatbed", "Automatic Document Feeder"]) == "Automatic Document Feeder")
        #expect(ScanSource.adfDuplex.match(in: ["Flatbed", "ADF Front", "ADF Back", "ADF Duplex"]) == "ADF Duplex")
        #expect(ScanSource.adf.match(in: ["Flatbed", "ADF Front", "ADF Back", "ADF Duplex"]) == "ADF Front")
        #expect(ScanSource.adfDuplex.match(in: ["Flatbed"]) == nil)
        #expect(ScanColorMode.gray.match(in: ["Lineart", "Gray", "Color"]) == "Gray")
        #expect(ScanColorMode.color.match(in: ["24bit Color", "Gray"]) == "24bit Color")
    }
}
