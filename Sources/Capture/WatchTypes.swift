/// A folder the copiers and clerks drop scans into.
public struct WatchFolder: Sendable, Hashable, Codable {
    /// Short name used in logs and in the register ("van-thu", "phong-ke-toan").
    public var name: String
    public var path: String
    /// Processing profile (OCR language, document type…) chosen for this folder.
    public var profile: String
    /// A stack folder: each file holds several documents (a copier's whole stack) and is
    /// split before registration. Recorded in the claim, so a restart treats it the same.
    public var stack: Bool = false

    public init(name: String, path: String, profile: String, stack: Bool = false) {
        self.name = name
        self.path = path
        self.profile = profile
        self.stack = stack
    }
}

/// A directory entry that has stopped changing and can be claimed.
public struct ReadyFile: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case regular
        /// Yielded (not ignored) so the pipeline refuses it with a reason and
        /// `WorkFolder.refuse` moves the link itself aside.
        case symlink
        /// FIFO, socket or device: likewise refused and moved aside.
        case special
    }

    public let folder: WatchFolder
    public let name: FileName
    /// Full path as bytes (folder path + "/" + name bytes).
    public let pathBytes: [UInt8]
    public let kind: Kind
    /// Size when it was judged ready (a symlink's own size).
    public let size: Int64

    public var isSymlink: Bool { kind == .symlink }
    /// Escaped, for logs.
    public var displayPath: String { FileName(bytes: pathBytes).display }

    public init(folder: WatchFolder, name: FileName, kind: Kind = .regular, size: Int64 = 0) {
        self.folder = folder
        self.name = name
        self.pathBytes = Paths.join(Array(folder.path.utf8), name.bytes)
        self.kind = kind
        self.size = size
    }
}

public struct WatchOptions: Sendable {
    /// How long size and mtime must stay unchanged before a file counts as written.
    public var settleWindow: Duration = .seconds(2)
    /// Full rescans: network shares deliver no inotify events at all.
    public var rescanInterval: Duration = .seconds(30)
    /// How often a missing folder (unmounted share, not yet created) is looked for again.
    public var missingFolderRetry: Duration = .seconds(5)
    /// A file seen opened for writing (IN_CREATE/IN_MODIFY without IN_CLOSE_WRITE)
    /// is held back until closed, but no longer than this: a hard link or a lost
    /// event must not hold a document back forever.
    public var openWriterTimeout: Duration = .seconds(300)
    /// false: rescans only (for file systems where inotify is unavailable or misleading).
    public var useInotify: Bool = true

    public init(settleWindow: Duration = .seconds(2), rescanInterval: Duration = .seconds(30)) {
        self.settleWindow = settleWindow
        self.rescanInterval = rescanInterval
    }
}
