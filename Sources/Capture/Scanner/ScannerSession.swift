import CSane
import Foundation

/// An open SANE device, owned: `sane_close` when this value goes away.
///
/// Not thread-safe: one thread at a time (a `ScanBatch` runs it on its own thread).
public final class ScannerSession: @unchecked Sendable {
    public let deviceName: String
    let handle: SANE_Handle

    /// Opens a device by its SANE name (`intake scanners` lists them).
    public init(device: String) throws {
        try SaneRuntime.start()
        SaneRuntime.lock.lock()
        defer { SaneRuntime.lock.unlock() }
        var h: SANE_Handle?
        let status = sane_open(device, &h)
        guard status == SANE_STATUS_GOOD, let h else { throw ScannerError.atOpen(status, device: device) }
        deviceName = device
        handle = h
    }

    deinit {
        SaneRuntime.lock.lock()
        sane_close(handle)
        SaneRuntime.lock.unlock()
    }

    // MARK: options

    struct Option {
        let index: Int32
        let descriptor: UnsafePointer<SANE_Option_Descriptor>
        var d: SANE_Option_Descriptor { descriptor.pointee }
        var isActive: Bool { d.cap & SANE_Int(SANE_CAP_INACTIVE) == 0 }
        var isSettable: Bool { d.cap & SANE_Int(SANE_CAP_SOFT_SELECT) != 0 }

        var stringList: [String] {
            guard d.constraint_type == SANE_CONSTRAINT_STRING_LIST, let list = d.constraint.string_list else { return [] }
            var out: [String] = []
            var i = 0
            while let s = list[i] { out.append(String(cString: s)); i += 1 }
            return out
        }

        /// Word-list values as doubles (SANE_Fixed converted).
        var wordList: [Double] {
            guard d.constraint_type == SANE_CONSTRAINT_WORD_LIST, let list = d.constraint.word_list else { return [] }
            let count = Int(list[0])
            return (0..<count).map { value(list[$0 + 1]) }
        }

        var range: (min: Double, max: Double)? {
            guard d.constraint_type == SANE_CONSTRAINT_RANGE, let r = d.constraint.range else { return nil }
            return (value(r.pointee.min), value(r.pointee.max))
        }

        func value(_ w: SANE_Word) -> Double {
            d.type == SANE_TYPE_FIXED ? Double(w) / 65536 : Double(w)
        }

        func word(_ v: Double) -> SANE_Word {
            d.type == SANE_TYPE_FIXED ? SANE_Word((v * 65536).rounded()) : SANE_Word(v.rounded())
        }
    }

    /// Active options by name (looked up afresh: setting one option may change others).
    func options() -> [String: Option] {
        SaneRuntime.lock.lock()
        defer { SaneRuntime.lock.unlock() }
        var count: SANE_Int = 0
        guard sane_control_option(handle, 0, SANE_ACTION_GET_VALUE, &count, nil) == SANE_STATUS_GOOD else { return [:] }
        var out: [String: Option] = [:]
        for i in 1..<max(1, count) {
            guard let desc = sane_get_option_descriptor(handle, i), let name = desc.pointee.name else { continue }
            let option = Option(index: i, descriptor: desc)
            if option.isActive { out[String(cString: name)] = option }
        }
        return out
    }

    /// What this device offers.
    public func capabilities() -> ScannerCapabilities {
        let o = options()
        var resolutions: [Int] = []
        var range: ClosedRange<Int>?
        if let r = o["resolution"] {
            resolutions = r.wordList.map { Int($0) }
            if let bounds = r.range { range = Int(bounds.min)...Int(bounds.max) }
        }
        let maxWidth = o["br-x"]?.range.map { $0.max - (o["tl-x"]?.range?.min ?? 0) }
        let maxHeight = o["br-y"]?.range.map { $0.max - (o["tl-y"]?.range?.min ?? 0) }
        let sources = o["source"]?.stringList ?? []
        return ScannerCapabilities(
            sources: sources.isEmpty ? ["Flatbed"] : sources,
            resolutions: resolutions, resolutionRange: range,
            modes: o["mode"]?.stringList ?? [],
            maxWidthMM: maxWidth, maxHeightMM: maxHeight)
    }

    func setString(_ name: String, _ value: String) throws {
        guard let option = options()[name], option.isSettable else { return }
        SaneRuntime.lock.lock()
        defer { SaneRuntime.lock.unlock() }
        var buffer = [CChar](repeating: 0, count: max(Int(option.d.size), value.utf8.count + 1))
        for (i, byte) in value.utf8.enumerated() { buffer[i] = CChar(bitPattern: byte) }
        let status = sane_control_option(handle, option.index, SANE_ACTION_SET_VALUE, &buffer, nil)
        guard status == SANE_STATUS_GOOD else {
            throw ScannerError.from(status, operation: "setting \(name) to \(value)", device: deviceName, pages: 0)
        }
    }

    func setNumber(_ name: String, _ value: Double) throws {
        guard let option = options()[name], option.isSettable else { return }
        var v = value
        if let r = option.range { v = min(max(v, r.min), r.max) }
        SaneRuntime.lock.lock()
        defer { SaneRuntime.lock.unlock() }
        var word = option.word(v)
        let status = sane_control_option(handle, option.index, SANE_ACTION_SET_VALUE, &word, nil)
        guard status == SANE_STATUS_GOOD else {
            throw ScannerError.from(status, operation: "setting \(name) to \(value)", device: deviceName, pages: 0)
        }
    }

    func getNumber(_ name: String) -> Double? {
        guard let option = options()[name], option.d.type == SANE_TYPE_INT || option.d.type == SANE_TYPE_FIXED else { return nil }
        SaneRuntime.lock.lock()
        defer { SaneRuntime.lock.unlock() }
        var word: SANE_Word = 0
        guard sane_control_option(handle, option.index, SANE_ACTION_GET_VALUE, &word, nil) == SANE_STATUS_GOOD else { return nil }
        return option.value(word)
    }

    /// Applies source, mode, resolution and the A4 area. Returns the resolution in effect.
    @discardableResult
    public func configure(_ settings: ScanSettings) throws -> Int {
        let caps = capabilities()
        if let source = options()["source"] {
            guard let name = settings.source.match(in: source.stringList) else {
                throw ScannerError.unsupported("\(deviceName) has no source '\(settings.source.rawValue)' (it offers: \(source.stringList.joined(separator: ", ")))")
            }
            try setString("source", name)
        } else if settings.source != .flatbed {
            throw ScannerError.unsupported("\(deviceName) has no document feeder")
        }
        if let mode = options()["mode"] {
            guard let name = settings.mode.match(in: mode.stringList) else {
                throw ScannerError.unsupported("\(deviceName) has no \(settings.mode.rawValue) mode (it offers: \(mode.stringList.joined(separator: ", ")))")
            }
            try setString("mode", name)
        }
        if options()["depth"] != nil { try setNumber("depth", 8) }
        let dpi = caps.nearestResolution(to: settings.dpi)
        try setNumber("resolution", Double(dpi))
        // Area: top-left at the minimum, as wide and long as A4 (or as the device allows).
        let o = options()
        let left = o["tl-x"]?.range?.min ?? 0
        let top = o["tl-y"]?.range?.min ?? 0
        try setNumber("tl-x", left)
        try setNumber("tl-y", top)
        try setNumber("br-x", left + settings.widthMM)
        try setNumber("br-y", top + settings.heightMM)
        return Int(getNumber("resolution") ?? Double(dpi))
    }
}
