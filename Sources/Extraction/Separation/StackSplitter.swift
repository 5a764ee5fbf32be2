import Foundation

/// How a stack is split into documents.
public struct SplitOptions: Sendable, Equatable, Codable {
    /// A blank separator sheet ends a document (with duplex: a sheet blank on both sides).
    public var separatorSheets: Bool
    /// A new document starts at a page that looks like a first page (national motto or
    /// agency header at the top, no page number at the top centre).
    public var splitOnFirstPage: Bool
    /// Whether the stack was scanned on both sides (fronts and backs alternate). Nil: read it
    /// from the pattern of blank pages (stack files from a copier do not say).
    public var duplex: Bool?

    public init(separatorSheets: Bool = true, splitOnFirstPage: Bool = true, duplex: Bool? = nil) {
        self.separatorSheets = separatorSheets
        self.splitOnFirstPage = splitOnFirstPage
        self.duplex = duplex
    }
}

/// A page left out of every document.
public struct DroppedPage: Sendable, Equatable, Codable {
    public enum Reason: String, Sendable, Codable {
        /// A blank page (the empty back of a sheet, or a blank page inside a document).
        case blank
        /// Part of a blank separator sheet between documents.
        case separator
    }

    /// 1-based position in the stack.
    public var page: Int
    public var reason: Reason

    public init(page: Int, reason: Reason) {
        self.page = page
        self.reason = reason
    }
}

/// The documents of a stack: 1-based stack positions of their pages, in order.
public struct StackSplit: Sendable, Equatable {
    public var documents: [[Int]]
    public var dropped: [DroppedPage]

    public init(documents: [[Int]], dropped: [DroppedPage]) {
        self.documents = documents
        self.dropped = dropped
    }
}

/// Splits a stack of pages into documents, one page at a time, so a scanner batch can be
/// split while it is being scanned: `add` returns a document as soon as the page after it
/// shows that it has ended, `finish` returns the last one.
///
/// Rules, in order: blank pages are dropped; a separator sheet (simplex: a blank page;
/// duplex: a sheet blank on both sides) ends the document when `separatorSheets` is on; a
/// page that looks like a first page starts a new document; a continuation page (page
/// number at the top centre) and a page that shows neither stay with the document before.
public struct StackSplitter: Sendable {
    public let options: SplitOptions
    public private(set) var dropped: [DroppedPage] = []
    private var current: [Int] = []
    private var separatorSeen = false
    /// Duplex: the front of the sheet being read was blank (its page number).
    private var blankFront: Int?
    private var position = 0

    public init(options: SplitOptions = .init()) {
        self.options = options
    }

    /// Pages of the document being assembled.
    public var openDocument: [Int] { current }

    /// Adds the next page of the stack; returns the document it closed, if any.
    public mutating func add(_ page: PageEvidence) -> [Int]? {
        position += 1
        let index = position
        let duplex = options.duplex ?? false
        let isBack = duplex && index % 2 == 0
        if page.blank {
            if !duplex {
                dropped.append(DroppedPage(page: index, reason: options.separatorSheets ? .separator : .blank))
                separatorSeen = true
            } else if !isBack {
                blankFront = index          // decided with its back
            } else if let front = blankFront, front == index - 1 {
                dropped.append(DroppedPage(page: front, reason: .separator))
                dropped.append(DroppedPage(page: index, reason: .separator))
                blankFront = nil
                separatorSeen = true
            } else {
                dropped.append(DroppedPage(page: index, reason: .blank))
            }
            return nil
        }
        if let front = blankFront {
            // A blank front with writing on its back: just a blank page.
            dropped.append(DroppedPage(page: front, reason: .blank))
            blankFront = nil
        }
        var closed: [Int]?
        // Duplex: the written back of a sheet whose front was written belongs to the same
        // document (a document never starts on the back of another one's sheet).
        let backOfWrittenSheet = isBack && current.last == index - 1
        if !current.isEmpty && !backOfWrittenSheet && startsNewDocument(page) {
            closed = current
            current = []
        }
        current.append(index)
        separatorSeen = false
        return closed
    }

    private func startsNewDocument(_ page: PageEvidence) -> Bool {
        if options.separatorSheets && separatorSeen { return true }
        guard options.splitOnFirstPage else { return false }
        if page.looksLikeContinuation { return false }
        return page.looksLikeFirstPage
    }

    /// Ends the stack: the last document, if it has pages.
    public mutating func finish() -> [Int]? {
        if let front = blankFront {
            dropped.append(DroppedPage(page: front, reason: .blank))
            blankFront = nil
        }
        defer { current = [] }
        return current.isEmpty ? nil : current
    }

    /// Splits a whole stack at once (files; duplex inferred when not given).
    public static func split(_ pages: [PageEvidence], options: SplitOptions = .init()) -> StackSplit {
        var options = options
        if options.duplex == nil { options.duplex = inferDuplex(pages.map(\.blank)) }
        var splitter = StackSplitter(options: options)
        var documents: [[Int]] = []
        for page in pages {
            if let closed = splitter.add(page) { documents.append(closed) }
        }
        if let last = splitter.finish() { documents.append(last) }
        return StackSplit(documents: documents, dropped: splitter.dropped.sorted { $0.page < $1.page })
    }

    /// A duplex stack has an even number of pages, blank backs (a written front followed by
    /// a blank back), and never a blank front with a written back.
    public static func inferDuplex(_ blank: [Bool]) -> Bool {
        guard blank.count >= 2, blank.count % 2 == 0 else { return false }
        var blankBacks = 0
        for sheet in stride(from: 0, to: blank.count, by: 2) {
            let front = blank[sheet], back = blank[sheet + 1]
            if front && !back { return false }
            if !front && back { blankBacks += 1 }
        }
        return blankBacks > 0
    }
}
