import CSane
import Foundation

/// What went wrong at the scanner, in words a registry clerk can act on.
///
/// Every error that ends a batch says how many pages were already taken: those pages are
/// never thrown away (they were handed on before the error was raised).
public enum ScannerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The paper jammed in the feeder. The page being fed is not kept.
    case jammed(pagesScanned: Int)
    /// A cover or the feeder lid is open.
    case coverOpen(pagesScanned: Int)
    /// The feeder is empty (when the batch starts).
    case noDocuments
    /// Another program (or another scan job) is using the scanner.
    case deviceBusy(device: String)
    /// The device is not there: unplugged, switched off, or the name is wrong.
    case deviceNotFound(device: String)
    /// The scanner stopped answering in the middle of a batch (unplugged, switched off).
    case deviceLost(device: String, pagesScanned: Int)
    /// Any other communication error.
    case ioError(device: String, pagesScanned: Int)
    /// No permission to open the device (udev rules, `scanner` group).
    case accessDenied(device: String)
    /// The clerk cancelled: pages scanned before are kept.
    case cancelled(pagesScanned: Int)
    /// The scanner cannot do what was asked (source, mode, resolution, frame format).
    case unsupported(String)
    /// The lamp is warming up / the scanner is locked for transport.
    case notReady(String)
    /// Anything else SANE reported.
    case sane(operation: String, status: String)

    public var description: String {
        switch self {
        case .jammed(let n):
            return "paper jam in the document feeder after \(n) page(s): open the feeder, remove the jammed sheet, put it back on top of the remaining stack and scan again. The \(n) page(s) already scanned are kept."
        case .coverOpen(let n):
            return "the scanner cover or feeder lid is open: close it and scan again. The \(n) page(s) already scanned are kept."
        case .noDocuments:
            return "the document feeder is empty: put the stack face up in the feeder (or choose the flatbed) and scan again"
        case .deviceBusy(let device):
            return "the scanner \(device) is busy with another scan: wait until it has finished and try again"
        case .deviceNotFound(let device):
            return "the scanner \(device) is not available: check that it is switched on and connected (USB or network), then try again; `intake scanners` lists the scanners that can be used"
        case .deviceLost(let device, let n):
            return "the scanner \(device) stopped responding after \(n) page(s) (unplugged or switched off?): reconnect it, then scan the remaining pages. The \(n) page(s) already scanned are kept."
        case .ioError(let device, let n):
            return "communication error with the scanner \(device) after \(n) page(s): check the cable or network, then scan the remaining pages. The \(n) page(s) already scanned are kept."
        case .accessDenied(let device):
            return "no permission to use the scanner \(device): the account running intake must be in the 'scanner' group (or the device's udev rules must allow it)"
        case .cancelled(let n):
            return "scan cancelled after \(n) page(s); the pages already scanned are kept"
        case .unsupported(let what):
            return "the scanner cannot do this: \(what)"
        case .notReady(let what):
            return "the scanner is not ready: \(what); wait a moment and try again"
        case let .sane(operation, status):
            return "scanner error during \(operation): \(status)"
        }
    }

    /// The number of pages taken before the error.
    public var pagesScanned: Int {
        switch self {
        case .jammed(let n), .coverOpen(let n), .cancelled(let n): n
        case .deviceLost(_, let n), .ioError(_, let n): n
        default: 0
        }
    }

    /// True when the scanner itself is gone: the station is reported offline.
    public var deviceGone: Bool {
        switch self {
        case .deviceLost, .deviceNotFound: true
        default: false
        }
    }

    /// Short machine-readable code for JSON output and the web API.
    public var code: String {
        switch self {
        case .jammed: "jammed"
        case .coverOpen: "cover_open"
        case .noDocuments: "no_documents"
        case .deviceBusy: "busy"
        case .deviceNotFound: "not_found"
        case .deviceLost: "device_lost"
        case .ioError: "io_error"
        case .accessDenied: "access_denied"
        case .cancelled: "cancelled"
        case .unsupported: "unsupported"
        case .notReady: "not_ready"
        case .sane: "scanner_error"
        }
    }

    /// Maps a SANE status met while opening a device.
    static func atOpen(_ status: SANE_Status, device: String) -> ScannerError {
        switch status {
        case SANE_STATUS_DEVICE_BUSY: .deviceBusy(device: device)
        case SANE_STATUS_INVAL, SANE_STATUS_IO_ERROR: .deviceNotFound(device: device)
        case SANE_STATUS_ACCESS_DENIED: .accessDenied(device: device)
        default: from(status, operation: "opening \(device)", device: device, pages: 0)
        }
    }

    /// Maps a SANE status met during a batch (sane_start, sane_read).
    static func from(_ status: SANE_Status, operation: String, device: String, pages: Int) -> ScannerError {
        switch status {
        case SANE_STATUS_JAMMED: return .jammed(pagesScanned: pages)
        case SANE_STATUS_COVER_OPEN: return .coverOpen(pagesScanned: pages)
        case SANE_STATUS_NO_DOCS: return .noDocuments
        case SANE_STATUS_DEVICE_BUSY: return .deviceBusy(device: device)
        case SANE_STATUS_IO_ERROR: return .ioError(device: device, pagesScanned: pages)
        case SANE_STATUS_ACCESS_DENIED: return .accessDenied(device: device)
        case SANE_STATUS_CANCELLED: return .cancelled(pagesScanned: pages)
        case SANE_STATUS_UNSUPPORTED: return .unsupported(operation)
        case SANE_STATUS_NO_MEM: return .sane(operation: operation, status: "the scanner driver ran out of memory")
        default:
            if status.rawValue == 12 { return .notReady("the lamp is warming up") }
            if status.rawValue == 13 { return .notReady("the scanner mechanism is locked for transport; unlock it") }
            return .sane(operation: operation, status: statusText(status))
        }
    }

    static func statusText(_ status: SANE_Status) -> String {
        guard let text = sane_strstatus(status) else { return "status \(status.rawValue)" }
        return String(cString: text)
    }
}
