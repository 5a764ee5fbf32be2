import CSane
import Foundation

/// One batch on one scanner: opens the device, applies the settings and reads pages until
/// the feeder is empty, on a thread of its own (SANE reads block; they never run on
/// Swift's cooperative pool).
///
/// Pages are handed on as soon as each one is complete, through a small bounded buffer:
/// when the consumer (OCR) falls behind, the next sheet is not fed until there is room,
/// so memory stays flat however long the stack. An error ends the sequence after every
/// page read before it was handed on.
public final class ScanBatch: @unchecked Sendable {
    public let device: String
    public let settings: ScanSettings
    private let channel: FrameChannel
    private let cancelFlag = AtomicFlag()
    private let started = AtomicFlag()
    /// Resolution the device actually scans at (set once the device is configured).
    public private(set) var effectiveDPI: Int?

    public init(device: String, settings: ScanSettings, bufferPages: Int = 2) {
        self.device = device
        self.settings = settings
        channel = FrameChannel(capacity: max(1, bufferPages))
    }

    /// The pages, in feed order. Iterate once. Normal end: the feeder is empty (or, for the
    /// flatbed, the one page is done). Any problem is thrown after the pages before it.
    public var pages: ScannedPages {
        if !started.setIfUnset() { preconditionFailure("a ScanBatch can be iterated only once") }
        let thread = Thread { [self] in self.run() }
        thread.name = "intake.scan.\(device)"
        thread.stackSize = 1 << 20
        thread.start()
        return ScannedPages(channel: channel)
    }

    /// Asks the scanner to stop. The page being read is dropped; pages already handed on
    /// are kept, and the sequence ends with `ScannerError.cancelled`.
    public func cancel() {
        cancelFlag.set()
        channel.cancelWaitingProducer()
    }

    public var isCancelled: Bool { cancelFlag.isSet }

    // MARK: the scanning thread

    private func run() {
        var delivered = 0
        do {
            let session = try ScannerSession(device: device)
            effectiveDPI = try session.configure(settings)
            defer { sane_cancel(session.handle) }
            while true {
                if cancelFlag.isSet { throw ScannerError.cancelled(pagesScanned: delivered) }
                let frame: ScannedFrame
                do {
                    guard let f = try readFrame(session, index: delivered + 1) else { break }
                    frame = f
                } catch ScannerError.noDocuments where delivered > 0 {
                    break   // the feeder is empty: the normal end of a batch
                }
                delivered += 1
                guard channel.put(frame, cancelled: { self.cancelFlag.isSet }) else {
                    // Cancelled while waiting for room: the page was read, keep it.
                    channel.putUnbounded(frame)
                    throw ScannerError.cancelled(pagesScanned: delivered)
                }
                if !settings.source.isFeeder { break }
            }
            channel.finish(nil)
        } catch let error as ScannerError {
            channel.finish(refine(error, pages: delivered))
        } catch {
            channel.finish(error)
        }
    }

    /// An I/O error while the device has vanished from SANE's list is a lost device.
    private func refine(_ error: ScannerError, pages: Int) -> ScannerError {
        guard case .ioError = error else { return error }
        if let devices = try? SaneRuntime.devices(), !devices.contains(where: { $0.name == device }) {
            return .deviceLost(device: device, pagesScanned: pages)
        }
        return error
    }

    /// Reads one page: nil when the device says there is nothing more (flatbed done).
    private func readFrame(_ session: ScannerSession, index: Int) throws -> ScannedFrame? {
        let h = session.handle
        var planes: [SANE_Frame: [UInt8]] = [:]
        var params = SANE_Parameters()
        var gray: [UInt8]?
        var rgb: [UInt8]?
        while true {
            let status = sane_start(h)
            guard status == SANE_STATUS_GOOD else {
                throw ScannerError.from(status, operation: "starting page \(index)", device: device, pages: index - 1)
            }
            guard sane_get_parameters(h, &params) == SANE_STATUS_GOOD else {
                throw ScannerError.sane(operation: "reading the page format", status: "sane_get_parameters failed")
            }
            let data = try readAll(h, page: index)
            let lineBytes = Int(params.bytes_per_line)
            guard lineBytes > 0 else { throw ScannerError.unsupported("a page of zero width") }
            let lines = params.lines > 0 ? min(Int(params.lines), data.count / lineBytes) : data.count / lineBytes
            switch params.format {
            case SANE_FRAME_GRAY:
                gray = Self.eightBit(data, params: params, lines: lines, channels: 1)
            case SANE_FRAME_RGB:
                rgb = Self.eightBit(data, params: params, lines: lines, channels: 3)
            case SANE_FRAME_RED, SANE_FRAME_GREEN, SANE_FRAME_BLUE:
                planes[params.format] = Self.eightBit(data, params: params, lines: lines, channels: 1)
            default:
                throw ScannerError.unsupported("frame format \(params.format.rawValue) (only gray and RGB are read)")
            }
            if params.last_frame != SANE_FALSE { break }
        }
        let width = Int(params.pixels_per_line)
        if let rgb {
            return ScannedFrame(index: index, width: width, height: rgb.count / (width * 3), channels: 3,
                                dpi: effectiveDPI ?? settings.dpi, pixels: rgb)
        }
        if let r = planes[SANE_FRAME_RED], let g = planes[SANE_FRAME_GREEN], let b = planes[SANE_FRAME_BLUE] {
            let n = min(r.count, g.count, b.count)
            var out = [UInt8](repeating: 0, count: n * 3)
            for i in 0..<n { out[3 * i] = r[i]; out[3 * i + 1] = g[i]; out[3 * i + 2] = b[i] }
            return ScannedFrame(index: index, width: width, height: n / width, channels: 3,
                                dpi: effectiveDPI ?? settings.dpi, pixels: out)
        }
        if let gray {
            return ScannedFrame(index: index, width: width, height: gray.count / width, channels: 1,
                                dpi: effectiveDPI ?? settings.dpi, pixels: gray)
        }
        return nil
    }

    private func readAll(_ h: SANE_Handle, page: Int) throws -> [UInt8] {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            if cancelFlag.isSet {
                sane_cancel(h)
                throw ScannerError.cancelled(pagesScanned: page - 1)
            }
            var length: SANE_Int = 0
            let status = chunk.withUnsafeMutableBufferPointer { sane_read(h, $0.baseAddress, SANE_Int($0.count), &length) }
            if status == SANE_STATUS_EOF { return data }
            guard status == SANE_STATUS_GOOD else {
                sane_cancel(h)
                throw ScannerError.from(status, operation: "reading page \(page)", device: device, pages: page - 1)
            }
            if length > 0 { data.append(contentsOf: chunk[0..<Int(length)]) }
        }
    }

    /// Rows without padding, 8 bits per sample (1-bit: 1 is black; 16-bit: high byte).
    static func eightBit(_ data: [UInt8], params: SANE_Parameters, lines: Int, channels: Int) -> [UInt8] {
        let width = Int(params.pixels_per_line)
        let lineBytes = Int(params.bytes_per_line)
        let rowOut = width * channels
        var out = [UInt8](repeating: 0, count: rowOut * lines)
        data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<lines {
                    let s = y * lineBytes, d = y * rowOut
                    switch params.depth {
                    case 1:
                        for x in 0..<rowOut {
                            let bit = (src[s + x / 8] >> (7 - UInt8(x % 8))) & 1
                            dst[d + x] = bit == 1 ? 0 : 255
                        }
                    case 16:
                        for x in 0..<rowOut {
                            let lo = src[s + 2 * x], hi = src[s + 2 * x + 1]
                            let v = UInt16(lo) | (UInt16(hi) << 8)   // host order (little-endian)
                            dst[d + x] = UInt8(v >> 8)
                        }
                    default:
                        for x in 0..<rowOut { dst[d + x] = src[s + x] }
                    }
                }
            }
        }
        return out
    }
}

/// The pages of a `ScanBatch`, as an async sequence that throws the batch's error last.
public struct ScannedPages: AsyncSequence, Sendable {
    public typealias Element = ScannedFrame
    let channel: FrameChannel

    public struct AsyncIterator: AsyncIteratorProtocol {
        let channel: FrameChannel
        public mutating func next() async throws -> ScannedFrame? { try await channel.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(channel: channel) }
}

/// A bounded hand-off from the scanning thread (blocking) to an async consumer.
final class FrameChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var buffer: [ScannedFrame] = []
    private var ended = false
    private var failure: Error?
    private var waiter: CheckedContinuation<ScannedFrame?, Error>?
    private var wakeProducer = false
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Blocks while the buffer is full. False when `cancelled()` turned true meanwhile.
    func put(_ frame: ScannedFrame, cancelled: () -> Bool) -> Bool {
        condition.lock()
        while buffer.count >= capacity && waiter == nil {
            if cancelled() { condition.unlock(); return false }
            condition.wait(until: Date().addingTimeInterval(0.2))
        }
        deliver(frame)
        condition.unlock()
        return true
    }

    func putUnbounded(_ frame: ScannedFrame) {
        condition.lock()
        deliver(frame)
        condition.unlock()
    }

    private func deliver(_ frame: ScannedFrame) {
        if let w = waiter {
            waiter = nil
            w.resume(returning: frame)
        } else {
            buffer.append(frame)
        }
    }

    func cancelWaitingProducer() {
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    func finish(_ error: Error?) {
        condition.lock()
        ended = true
        failure = error
        if let w = waiter, buffer.isEmpty {
            waiter = nil
            if let error { w.resume(throwing: error) } else { w.resume(returning: nil) }
        }
        condition.unlock()
    }

    func next() async throws -> ScannedFrame? {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            defer { condition.unlock() }
            if !buffer.isEmpty {
                continuation.resume(returning: buffer.removeFirst())
                condition.broadcast()
            } else if ended {
                if let failure {
                    self.failure = nil
                    continuation.resume(throwing: failure)
                } else {
                    continuation.resume(returning: nil)
                }
            } else {
                waiter = continuation
                condition.broadcast()
            }
        }
    }
}

/// A flag set once, read from any thread.
final class AtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
    /// Sets it; false when it was already set.
    func setIfUnset() -> Bool {
        lock.lock(); defer { lock.unlock() }
        if value { return false }
        value = true
        return true
    }
}
