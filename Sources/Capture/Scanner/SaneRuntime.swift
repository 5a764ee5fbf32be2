import CSane
import Foundation

/// The process-wide SANE library: `sane_init` once, device listing, and the lock that
/// keeps SANE's non-reentrant calls (listing, open, close, options) one at a time.
///
/// `SANE_CONFIG_DIR` and `LD_LIBRARY_PATH` are read by SANE's dll backend when it starts:
/// set them before the first call into this type.
public enum SaneRuntime {
    /// Serialises SANE calls that touch shared backend state. Long reads do not hold it.
    static let lock = NSRecursiveLock()

    private static let initialized: Int32 = {
        var version: SANE_Int = 0
        let status = sane_init(&version, nil)
        return status == SANE_STATUS_GOOD ? version : -1
    }()

    /// Starts SANE once. Throws when the library cannot start at all.
    static func start() throws {
        lock.lock()
        defer { lock.unlock() }
        if initialized < 0 { throw ScannerError.sane(operation: "starting SANE", status: "sane_init failed") }
    }

    /// The SANE version code, e.g. "1.0.27".
    public static func version() throws -> String {
        try start()
        let v = initialized
        return "\(v >> 24).\((v >> 16) & 0xff).\(v & 0xffff)"
    }

    /// Devices SANE can see now (it probes again on every call, so a re-plugged USB
    /// scanner reappears). `localOnly` skips network scanners.
    public static func devices(localOnly: Bool = false) throws -> [ScannerDevice] {
        try start()
        lock.lock()
        defer { lock.unlock() }
        var list: UnsafeMutablePointer<UnsafePointer<SANE_Device>?>?
        let status = sane_get_devices(&list, localOnly ? SANE_TRUE : SANE_FALSE)
        guard status == SANE_STATUS_GOOD else {
            throw ScannerError.from(status, operation: "listing scanners", device: "", pages: 0)
        }
        var out: [ScannerDevice] = []
        var index = 0
        while let list, let device = list[index] {
            let d = device.pointee
            out.append(ScannerDevice(name: string(d.name), vendor: string(d.vendor),
                                     model: string(d.model), type: string(d.type)))
            index += 1
        }
        return out
    }

    static func string(_ p: SANE_String_Const?) -> String {
        p.map { String(cString: $0) } ?? ""
    }
}

/// One device as `sane_get_devices` reports it.
public struct ScannerDevice: Sendable, Codable, Hashable {
    /// The name to open it by, e.g. `genesys:libusb:001:004`, `net:10.0.0.5:epson2:...`.
    public var name: String
    public var vendor: String
    public var model: String
    /// "flatbed scanner", "sheetfed scanner", "virtual device"…
    public var type: String

    public init(name: String, vendor: String, model: String, type: String) {
        self.name = name
        self.vendor = vendor
        self.model = model
        self.type = type
    }
}
