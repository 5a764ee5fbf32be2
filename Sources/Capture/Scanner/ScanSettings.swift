import Foundation

/// Where the paper is taken from.
public enum ScanSource: String, Sendable, Codable, CaseIterable {
    case flatbed
    /// Automatic document feeder, front sides only.
    case adf
    /// Automatic document feeder, both sides of every sheet (front, back, front, back…).
    case adfDuplex = "adf-duplex"

    /// True when the source feeds sheets until it is empty.
    public var isFeeder: Bool { self != .flatbed }

    /// Picks this source among the names a backend offers ("Flatbed", "ADF",
    /// "Automatic Document Feeder", "ADF Front", "ADF Duplex", "Duplex"…).
    public func match(in offered: [String]) -> String? {
        let lower = offered.map { ($0, $0.lowercased()) }
        func isDuplex(_ s: String) -> Bool { s.contains("duplex") || s.contains("both") }
        func isFeeder(_ s: String) -> Bool { s.contains("adf") || s.contains("feeder") || s.contains("document") }
        switch self {
        case .flatbed:
            return lower.first { $0.1.contains("flatbed") || $0.1 == "normal" }?.0
        case .adf:
            return lower.first { isFeeder($0.1) && !isDuplex($0.1) && !$0.1.contains("back") }?.0
        case .adfDuplex:
            return lower.first { isDuplex($0.1) }?.0
        }
    }
}

/// Colour or gray. Nghị định 30 asks for colour copies, so colour is the default.
public enum ScanColorMode: String, Sendable, Codable, CaseIterable {
    case color
    case gray

    public func match(in offered: [String]) -> String? {
        let lower = offered.map { ($0, $0.lowercased()) }
        switch self {
        case .color: return lower.first { $0.1.contains("color") || $0.1.contains("colour") }?.0
        case .gray: return lower.first { $0.1.contains("gray") || $0.1.contains("grey") }?.0
        }
    }
}

/// What to ask the scanner for.
public struct ScanSettings: Sendable, Codable, Equatable {
    public var source: ScanSource
    public var dpi: Int
    public var mode: ScanColorMode
    /// Scan area in millimetres; A4 portrait by default (clipped to what the device offers).
    public var widthMM: Double
    public var heightMM: Double

    public init(source: ScanSource = .adf, dpi: Int = 300, mode: ScanColorMode = .color,
                widthMM: Double = 210, heightMM: Double = 297) {
        self.source = source
        self.dpi = dpi
        self.mode = mode
        self.widthMM = widthMM
        self.heightMM = heightMM
    }
}

/// What a device can do, from its option descriptors.
public struct ScannerCapabilities: Sendable, Codable, Equatable {
    public var sources: [String]
    /// Listed resolutions, or the bounds of a range (`resolutionRange`).
    public var resolutions: [Int]
    public var resolutionRange: ClosedRange<Int>?
    public var modes: [String]
    /// Largest scan area in millimetres, when the device says.
    public var maxWidthMM: Double?
    public var maxHeightMM: Double?

    public init(sources: [String], resolutions: [Int], resolutionRange: ClosedRange<Int>?, modes: [String],
                maxWidthMM: Double?, maxHeightMM: Double?) {
        self.sources = sources
        self.resolutions = resolutions
        self.resolutionRange = resolutionRange
        self.modes = modes
        self.maxWidthMM = maxWidthMM
        self.maxHeightMM = maxHeightMM
    }

    /// Human-readable resolutions: "75, 150, 300, 600" or "50–1200".
    public var resolutionText: String {
        if !resolutions.isEmpty { return resolutions.map(String.init).joined(separator: ", ") }
        if let r = resolutionRange { return "\(r.lowerBound)–\(r.upperBound)" }
        return "?"
    }

    /// The offered resolution nearest to `dpi` (at least `dpi` when one is available).
    public func nearestResolution(to dpi: Int) -> Int {
        if let r = resolutionRange { return min(max(dpi, r.lowerBound), r.upperBound) }
        guard !resolutions.isEmpty else { return dpi }
        if let up = resolutions.filter({ $0 >= dpi }).min() { return up }
        return resolutions.max()!
    }
}

/// One scanned page as the scanner delivered it: 8-bit gray or 8-bit RGB, rows top down.
public struct ScannedFrame: Sendable {
    /// 1-based position in the batch (the order the sheets came out of the feeder,
    /// fronts and backs alternating for duplex).
    public var index: Int
    public var width: Int
    public var height: Int
    /// 1 (gray) or 3 (RGB, interleaved).
    public var channels: Int
    public var dpi: Int
    /// `height` rows of `width * channels` bytes.
    public var pixels: [UInt8]

    public init(index: Int, width: Int, height: Int, channels: Int, dpi: Int, pixels: [UInt8]) {
        self.index = index
        self.width = width
        self.height = height
        self.channels = channels
        self.dpi = dpi
        self.pixels = pixels
    }

    public var bytesPerLine: Int { width * channels }
}
