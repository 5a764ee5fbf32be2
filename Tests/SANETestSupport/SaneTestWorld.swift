import Foundation
import Glibc

/// A private SANE world for the test process: `SANE_CONFIG_DIR` with a `dll.conf` naming
/// only `test` and the fixture backend, which is compiled here with `cc` and found through
/// `LD_LIBRARY_PATH`. Set before the first SANE call (SANE reads them once, at start).
/// One SANE world per test process, shared by the Capture and Pipeline tests.
public enum SaneTestWorld {
    public static let root: String = {
        let root = "/tmp/intake-sane-tests-\(getpid())"
        let fm = FileManager.default
        try? fm.createDirectory(atPath: root + "/devices", withIntermediateDirectories: true)
        try? fm.createDirectory(atPath: root + "/lib", withIntermediateDirectories: true)
        try? SaneFixtureBackend.compile(into: root + "/lib/libsane-intakefixture.so.1")
        write(root + "/dll.conf", "test\nintakefixture\n")
        write(root + "/intakefixture.conf", "devices \(root)/devices\n")
        // The test backend: A4-sized area allowed.
        write(root + "/test.conf", "number_of_devices 2\ngeometry_min 0.0\ngeometry_max 300.0\ngeometry_quant 1.0\ntl_x 0.0\ntl_y 0.0\nbr_x 210.0\nbr_y 297.0\n")
        setenv("SANE_CONFIG_DIR", root, 1)
        let old = ProcessInfo.processInfo.environment["LD_LIBRARY_PATH"].map { ":" + $0 } ?? ""
        setenv("LD_LIBRARY_PATH", root + "/lib" + old, 1)
        return root
    }()

    public static func write(_ path: String, _ text: String) {
        let temp = path + ".tmp\(UUID().uuidString)"
        FileManager.default.createFile(atPath: temp, contents: Data(text.utf8))
        _ = rename(temp, path)
    }

    /// A fixture device `intakefixture:NAME` feeding `pages` (image files copied in order).
    @discardableResult
    public static func device(_ name: String, pages: [Data], settings: String = "", fileExtension: String = "pgm") -> String {
        let dir = root + "/devices/\(name)"
        try? FileManager.default.removeItem(atPath: dir)
        try? FileManager.default.createDirectory(atPath: dir + "/pages", withIntermediateDirectories: true)
        for (i, page) in pages.enumerated() {
            FileManager.default.createFile(atPath: dir + String(format: "/pages/p%04d.%@", i + 1, fileExtension), contents: page)
        }
        write(dir + "/settings", settings)
        return "intakefixture:\(name)"
    }

    public static func setSettings(_ name: String, _ settings: String) { write(root + "/devices/\(name)/settings", settings) }
    public static func unplugged(_ name: String) -> Bool { FileManager.default.fileExists(atPath: root + "/devices/\(name)/unplugged") }
    public static func replug(_ name: String) { try? FileManager.default.removeItem(atPath: root + "/devices/\(name)/unplugged") }

    /// A small gray page (PGM, 300 dpi assumed by the fixture) with `shade` in a band.
    public static func page(width: Int = 120, height: Int = 170, shade: UInt8 = 255) -> Data {
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in height / 4..<height / 2 { for x in 10..<width - 10 { pixels[y * width + x] = shade } }
        data.append(contentsOf: pixels)
        return data
    }
}
