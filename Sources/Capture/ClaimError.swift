import Glibc

/// Why a file could not be claimed or moved. The description is written for
/// the operator: it goes to the log and into `NAME.reason.txt`.
public enum ClaimError: Error, CustomStringConvertible, Equatable {
    /// The file disappeared before or while it was claimed; nothing to move aside.
    case vanished(name: String)
    /// A symbolic link; the document it points to (possibly outside the folder) is not taken.
    case symlinkRefused(name: String, target: String)
    /// The name is not valid UTF-8, has control characters or `..`.
    case badFileName(name: String, why: String)
    /// A directory, FIFO, socket or device in the watch folder.
    case notRegularFile(name: String)
    /// Permission denied (or similar) when opening it for reading.
    case unreadable(name: String, reason: String)
    /// Any other file-system failure (disk full, I/O error, read-only share…).
    case io(operation: String, path: String, reason: String)

    public var description: String {
        switch self {
        case .vanished(let name):
            return "The file \"\(name)\" disappeared before it could be taken in (deleted or moved by someone else)."
        case .symlinkRefused(let name, let target):
            return "\"\(name)\" is a symbolic link to \"\(target)\"; links are not accepted. Put the document itself into the folder."
        case .badFileName(let name, let why):
            return "The file name \"\(name)\" cannot be accepted: \(why). Rename the file and put it into the folder again."
        case .notRegularFile(let name):
            return "\"\(name)\" is not an ordinary file (a folder, pipe, socket or device); it cannot be taken in."
        case .unreadable(let name, let reason):
            return "The file \"\(name)\" cannot be read: \(reason). Check its permissions and put it into the folder again."
        case .io(let operation, let path, let reason):
            return "File system error during \(operation) of \"\(path)\": \(reason)."
        }
    }

    /// Classifies a failed system call on the file being claimed.
    static func from(_ error: PosixError, name: FileName) -> ClaimError {
        switch error.code {
        case ENOENT:
            return .vanished(name: name.display)
        case EACCES, EPERM:
            return .unreadable(name: name.display, reason: errnoText(error.code))
        case ELOOP:
            return .symlinkRefused(name: name.display, target: "?")
        default:
            return .io(operation: error.operation, path: Paths.display(error.path), reason: errnoText(error.code))
        }
    }

    static func io(_ error: PosixError) -> ClaimError {
        .io(operation: error.operation, path: Paths.display(error.path), reason: errnoText(error.code))
    }

    /// Exposed so tests (which run as root, for whom EACCES never happens) can
    /// check the mapping of open(2) errors.
    public static func classifyOpenFailure(errno code: Int32, name: FileName, path: String) -> ClaimError {
        from(PosixError(operation: "open", path: Array(path.utf8), code: code), name: name)
    }
}

/// Runs `body`, turning a `PosixError` into `ClaimError.io`.
func mapIO<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as PosixError { throw ClaimError.io(e) }
}
