import Foundation
import GRDB
import Logging

/// The incoming register (sổ đăng ký văn bản đến) in one SQLite file.
///
/// Several processes (the daemon, `intake ingest`) may open the same file: each write
/// takes SQLite's write lock with BEGIN IMMEDIATE and waits for the others up to a busy
/// timeout, so arrival numbers are allocated one transaction at a time.
public final class Registry: Sendable {
    public let path: String
    let dbPool: DatabasePool
    private let logger: Logger

    /// Long enough to wait for another process that is writing and fsyncing a PDF inside its transaction.
    static let busyTimeout: TimeInterval = 30

    /// Opens the register at `path`, creating the file and its parent directories, and migrates it.
    public init(path: String, logger: Logger = Logger(label: "intake.registry")) throws {
        self.path = path
        self.logger = logger
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw RegistryError.cannotOpen(path: path, reason: "cannot create the directory \(directory.path): \(error.localizedDescription)")
        }

        var config = Configuration()
        config.label = "register"
        config.busyMode = .timeout(Self.busyTimeout)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // Every connection that touches the full-text index needs the tokenizer.
            db.add(tokenizer: VietnameseTokenizer.self)
        }
        do {
            dbPool = try Self.retryingRaces { try DatabasePool(path: path, configuration: config) }
            // GRDB chooses synchronous=NORMAL for WAL, which may lose the last commits on power
            // loss. Once `register` returns the pipeline archives the source file, so the
            // row has to be durable: FULL on the (single) writer connection.
            try dbPool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            try Self.retryingRaces { [dbPool] in try RegisterSchema.migrator.migrate(dbPool) }
        } catch let error as DatabaseError {
            throw RegistryError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Two processes opening a fresh file race: switching it to WAL needs a lock the busy
    /// timeout does not always wait for, and both may decide a migration is pending, the
    /// loser failing on tables the winner created. A second look settles both; a real
    /// failure fails every time.
    private static func retryingRaces<T>(_ body: () throws -> T) throws -> T {
        for _ in 1..<5 {
            do { return try body() } catch is DatabaseError { usleep(50_000) }
        }
        return try body()
    }

    // MARK: - Registering

    /// Registers a document under the next arrival number of its year (Vietnam time).
    ///
    /// In one write transaction: checks the claim id and the SHA-256, allocates the number,
    /// inserts the document, its pages (hence the full-text index), calls `storeFiles`
    /// (which writes and fsyncs the PDF named after the number, and returns its path),
    /// appends a `registered` event, and commits. Anything thrown rolls it all back,
    /// so the number is given to the next document: no gaps.
    ///
    /// - throws: `RegistryError.duplicate` for a file already registered,
    ///   `.alreadyRegistered` when this claim id was committed before (recovery),
    ///   or whatever `storeFiles` throws.
    public func register(_ doc: NewIncomingDocument, storeFiles: (ArrivalNumber) throws -> String) throws -> IncomingDocument {
        guard doc.status != .confidentialHold else { throw RegistryError.confidentialDocument(id: doc.id) }
        try Self.validate(doc)
        let document = try write("register \(doc.originalFileName)") { db -> IncomingDocument in
            try Self.checkNotRegistered(doc, db)
            let year = VietnamTime.year(of: doc.receivedAt)
            let arrival = ArrivalNumber(year: year, number: try Self.nextArrivalNumber(in: year, db))
            var document = IncomingDocument(doc, arrival: arrival, now: Date())
            // A second copy of a letter already registered (sent twice, by fax and by post):
            // registered, but flagged and sent to review instead of straight to the leader.
            if let earlier = try Self.sameDocument(as: document, in: year, db) {
                document.duplicateOf = earlier.id
                if document.status == .awaitingAssignment { document.status = .needsReview }
                if !document.doubtfulFields.contains("duplicate") { document.doubtfulFields.append("duplicate") }
            }
            try document.insert(db)
            if let earlier = document.duplicateOf {
                try Self.logEvent(documentID: doc.id, kind: EventKind.possibleDuplicate, actor: "system", detail: [
                    "duplicate_of": earlier,
                    "so_ky_hieu": [document.codeNumber, document.codeNotation].compactMap { $0 }.joined(separator: "/"),
                ], db)
            }
            try Self.insertPages(doc.pages, documentID: doc.id, keepingText: true, db)
            // Last before commit, so that little can fail after the PDF exists on disk.
            document.pdfPath = try Self.storedPath(storeFiles(arrival), doc)
            try document.update(db, columns: [IncomingDocument.Columns.pdfPath])
            try Self.logEvent(documentID: doc.id, kind: EventKind.registered, actor: "system", detail: [
                "arrival_number": arrival.description,
                "sha256": doc.sha256,
                "source": "\(doc.sourceKind.rawValue):\(doc.sourceName)",
                "original_file_name": doc.originalFileName,
                "pdf_path": document.pdfPath,
            ], db)
            return document
        }
        logger.info("registered", metadata: [
            "arrival": "\(document.arrival!)", "id": "\(document.id)", "file": "\(document.originalFileName)",
        ])
        return document
    }

    /// Records a confidential document (secrecy mark, denunciation letter) for the clerk's
    /// manual handling: no arrival number, no recognised text kept, not searchable.
    public func holdConfidential(_ doc: NewIncomingDocument, storeFiles: () throws -> String) throws -> IncomingDocument {
        guard doc.status == .confidentialHold else { throw RegistryError.notConfidential(id: doc.id, status: doc.status) }
        try Self.validate(doc)
        let document = try write("hold \(doc.originalFileName)") { db -> IncomingDocument in
            try Self.checkNotRegistered(doc, db)
            var document = IncomingDocument(doc, arrival: nil, now: Date())
            try document.insert(db)
            try Self.insertPages(doc.pages, documentID: doc.id, keepingText: false, db)
            document.pdfPath = try Self.storedPath(storeFiles(), doc)
            try document.update(db, columns: [IncomingDocument.Columns.pdfPath])
            try Self.logEvent(documentID: doc.id, kind: EventKind.confidentialHeld, actor: "system", detail: [
                "sha256": doc.sha256,
                "source": "\(doc.sourceKind.rawValue):\(doc.sourceName)",
                "original_file_name": doc.originalFileName,
            ], db)
            return document
        }
        logger.notice("confidential document held", metadata: ["id": "\(document.id)", "file": "\(document.originalFileName)"])
        return document
    }

    private static func validate(_ doc: NewIncomingDocument) throws {
        func invalid(_ reason: String) -> RegistryError { .invalidDocument(id: doc.id, reason: reason) }
        if doc.id.isEmpty { throw invalid("the claim id is empty") }
        if doc.sha256.isEmpty { throw invalid("the SHA-256 of the original file is missing") }
        if doc.pages.isEmpty { throw invalid("it has no pages") }
        let numbers = doc.pages.map(\.pageNumber)
        if Set(numbers).count != numbers.count || numbers.contains(where: { $0 < 1 }) {
            throw invalid("page numbers must be distinct and start at 1, got \(numbers)")
        }
    }

    private static func storedPath(_ path: String, _ doc: NewIncomingDocument) throws -> String {
        guard !path.isEmpty else { throw RegistryError.invalidDocument(id: doc.id, reason: "storing the PDF returned no path") }
        return path
    }

    private static func checkNotRegistered(_ doc: NewIncomingDocument, _ db: Database) throws {
        if let existing = try IncomingDocument.fetchOne(db, key: doc.id) {
            guard existing.originalSha256 == doc.sha256 else {
                throw RegistryError.claimIDConflict(id: doc.id, existing: existing)
            }
            throw RegistryError.alreadyRegistered(existing)
        }
        if let existing = try IncomingDocument.filter(IncomingDocument.Columns.originalSha256 == doc.sha256).fetchOne(db) {
            throw RegistryError.duplicate(existing: existing)
        }
    }

    /// The earliest document of `year` with the same number, symbol and sender, and the same
    /// date when both have one (Phụ lục VI: a document is registered once).
    private static func sameDocument(as document: IncomingDocument, in year: Int, _ db: Database) throws -> IncomingDocument? {
        guard let number = document.codeNumber, let notation = document.codeNotation, let organ = document.organName else { return nil }
        return try IncomingDocument.fetchOne(db, sql: """
            SELECT * FROM incoming_document
            WHERE arrival_year = ? AND code_number = ? AND code_notation = ? AND organ_name = ?
              AND (issued_date IS NULL OR ? IS NULL OR issued_date = ?)
              AND status <> 'confidential_hold'
            ORDER BY arrival_number LIMIT 1
            """, arguments: [year, number, notation, organ, document.issuedDate, document.issuedDate])
    }

    /// The caller holds the write lock, so no other writer can take the same number;
    /// MAX+1 over committed rows leaves no gap when a transaction rolls back.
    private static func nextArrivalNumber(in year: Int, _ db: Database) throws -> Int {
        let last = try Int.fetchOne(db, sql: "SELECT MAX(arrival_number) FROM incoming_document WHERE arrival_year = ?", arguments: [year])
        return (last ?? 0) + 1
    }

    private static func insertPages(_ pages: [NewPage], documentID: String, keepingText: Bool, _ db: Database) throws {
        for page in pages {
            var row = DocumentPage(
                id: nil, documentId: documentID, pageNumber: page.pageNumber,
                // NFC as the documents are written (Phụ lục I), so snippets and matching are uniform.
                ocrText: keepingText ? page.ocrText.precomposedStringWithCanonicalMapping : nil,
                meanConfidence: page.meanConfidence, width: page.width, height: page.height,
                dpi: page.dpi, rotation: page.rotation)
            try row.insert(db)
        }
    }

    // MARK: - Status

    /// Moves a document along the workflow and records a `status_changed` event.
    /// Documents never move into or out of `confidentialHold`.
    @discardableResult
    public func setStatus(documentID: String, to status: DocumentStatus, actor: String = "system", at date: Date = Date()) throws -> IncomingDocument {
        try write("change the status of \(documentID)") { db in
            guard var document = try IncomingDocument.fetchOne(db, key: documentID) else {
                throw RegistryError.unknownDocument(id: documentID)
            }
            let old = document.status
            if old == status { return document }
            if old == .confidentialHold || status == .confidentialHold {
                throw RegistryError.invalidStatusChange(id: documentID, from: old, to: status)
            }
            document.status = status
            document.updatedAt = VietnamTime.iso8601(date)
            try document.update(db, columns: [IncomingDocument.Columns.status, IncomingDocument.Columns.updatedAt])
            try Self.logEvent(documentID: documentID, kind: EventKind.statusChanged, actor: actor,
                              detail: ["from": old.rawValue, "to": status.rawValue], at: date, db)
            return document
        }
    }

    // MARK: - Reading

    public func document(id: String) throws -> IncomingDocument? {
        try read("read document \(id)") { try IncomingDocument.fetchOne($0, key: id) }
    }

    public func document(sha256: String) throws -> IncomingDocument? {
        try read("look up a file by SHA-256") {
            try IncomingDocument.filter(IncomingDocument.Columns.originalSha256 == sha256).fetchOne($0)
        }
    }

    public func document(arrival: ArrivalNumber) throws -> IncomingDocument? {
        try read("read arrival number \(arrival)") {
            try IncomingDocument
                .filter(IncomingDocument.Columns.arrivalYear == arrival.year && IncomingDocument.Columns.arrivalNumber == arrival.number)
                .fetchOne($0)
        }
    }

    /// Newest arrivals first. With `status: nil`, every document of the shared register:
    /// confidential ones are listed only when asked for explicitly.
    public func documents(status: DocumentStatus?, limit: Int = 100) throws -> [IncomingDocument] {
        try read("list documents") { db in
            // No `??` here: GRDB overloads it for SQL (COALESCE).
            let statusFilter = if let status {
                IncomingDocument.Columns.status == status
            } else {
                IncomingDocument.Columns.status != DocumentStatus.confidentialHold
            }
            return try IncomingDocument
                .filter(statusFilter)
                .order(IncomingDocument.Columns.arrivedAt.desc, Column.rowID.desc)
                .limit(limit)
                .fetchAll(db)
        }
    }

    public func pages(documentID: String) throws -> [DocumentPage] {
        try read("read the pages of \(documentID)") {
            try DocumentPage
                .filter(DocumentPage.Columns.documentId == documentID)
                .order(DocumentPage.Columns.pageNumber)
                .fetchAll($0)
        }
    }

    /// Full-text search over the recognised text, folding Vietnamese diacritics and đ:
    /// "quyet dinh" finds "Quyết định". Any user text is safe. One hit per document
    /// (its best page), best first.
    public func search(_ text: String, limit: Int = 50) throws -> [SearchHit] {
        guard let query = SearchQuery(text), limit > 0 else { return [] }
        return try read("search for \"\(text)\"") { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.document_id, p.page_number,
                       snippet(document_page_fts, 0, '«', '»', '…', 16) AS snippet,
                       bm25(document_page_fts) AS rank
                FROM document_page_fts
                JOIN document_page p ON p.id = document_page_fts.rowid
                JOIN incoming_document d ON d.id = p.document_id
                WHERE document_page_fts MATCH ? AND d.status <> ?
                ORDER BY rank
                """, arguments: [query.pattern, DocumentStatus.confidentialHold])
            var best: [(id: String, page: Int, snippet: String, rank: Double)] = []
            var seen: Set<String> = []
            while best.count < limit, let row = try rows.next() {
                let id: String = row["document_id"]
                guard seen.insert(id).inserted else { continue }
                best.append((id, row["page_number"], row["snippet"] ?? "", row["rank"]))
            }
            let documents = try IncomingDocument.fetchAll(db, keys: best.map(\.id))
            let byID = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0) })
            return best.compactMap { hit in
                byID[hit.id].map { SearchHit(document: $0, pageNumber: hit.page, snippet: hit.snippet, rank: hit.rank) }
            }
        }
    }

    // MARK: - Events

    /// The history of one document, or with `nil` the events about no document (e.g. failed files); oldest first.
    public func events(documentID: String?) throws -> [DocumentEvent] {
        try read("read events") { db in
            let filter = if let documentID {
                DocumentEvent.Columns.documentId == documentID
            } else {
                DocumentEvent.Columns.documentId == nil
            }
            return try DocumentEvent.filter(filter).order(DocumentEvent.Columns.id).fetchAll(db)
        }
    }

    /// Appends an event; `detail` is stored as a JSON object.
    @discardableResult
    public func recordEvent(documentID: String?, kind: String, actor: String = "system", detail: [String: String] = [:], at date: Date = Date()) throws -> DocumentEvent {
        try write("record a \(kind) event") { db in
            if let documentID, try !IncomingDocument.exists(db, key: documentID) {
                throw RegistryError.unknownDocument(id: documentID)
            }
            return try Self.logEvent(documentID: documentID, kind: kind, actor: actor, detail: detail, at: date, db)
        }
    }

    @discardableResult
    // MARK: - Failures

    /// Records a file that could not be registered, with an `ingest_failed` event, in one transaction.
    public func recordFailure(_ f: NewIngestFailure) throws -> IngestFailure {
        let failure = try write("record the failure of \(f.originalFileName)") { db -> IngestFailure in
            var failure = IngestFailure(
                id: nil, sourceName: f.sourceName, originalFileName: f.originalFileName, sha256: f.sha256,
                reason: f.reason, failedAt: VietnamTime.iso8601(f.failedAt), storedPath: f.storedPath, retried: false)
            try failure.insert(db)
            var detail = [
                "failure_id": String(failure.id!), "source_name": f.sourceName,
                "original_file_name": f.originalFileName, "reason": f.reason, "stored_path": f.storedPath ?? "",
            ]
            detail["sha256"] = f.sha256
            try Self.logEvent(documentID: nil, kind: EventKind.ingestFailed, actor: "system", detail: detail, at: f.failedAt, db)
            return failure
        }
        logger.warning("ingest failed", metadata: ["file": "\(f.originalFileName)", "reason": "\(f.reason)"])
        return failure
    }

    /// Newest first.
    public func failures(limit: Int = 100) throws -> [IngestFailure] {
        try read("list failed files") {
            try IngestFailure.order(IngestFailure.Columns.id.desc).limit(limit).fetchAll($0)
        }
    }

    /// Marks a failed file as handed back to the pipeline.
    public func markFailureRetried(id: Int64) throws {
        let changed = try write("mark failure \(id) as retried") { db in
            try IngestFailure.filter(key: id).updateAll(db, IngestFailure.Columns.retried.set(to: true))
        }
        if changed == 0 { throw RegistryError.unknownFailure(id: id) }
    }

    // MARK: - Database access

    func write<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        do {
            var result: T?
            try dbPool.writeWithoutTransaction { db in
                // IMMEDIATE takes the write lock before reading the last arrival number:
                // a DEFERRED transaction would fail with SQLITE_BUSY instead of waiting.
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
            }
            return result!
        } catch let error as DatabaseError {
            throw RegistryError.database(action: action, path: path, underlying: error)
        }
    }

    func read<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try dbPool.read(body)
        } catch let error as DatabaseError {
            throw RegistryError.database(action: action, path: path, underlying: error)
        }
    }
}

extension IncomingDocument {
    init(_ new: NewIncomingDocument, arrival: ArrivalNumber?, now: Date) {
        let stamp = VietnamTime.iso8601(now)
        self.init(
            id: new.id, arrivalYear: arrival?.year, arrivalNumber: arrival?.number,
            arrivedAt: VietnamTime.iso8601(new.receivedAt), sourceKind: new.sourceKind,
            sourceName: new.sourceName, originalFileName: new.originalFileName,
            originalSha256: new.sha256, pageCount: new.pages.count, status: new.status,
            // Filled in by storeFiles later in the same transaction.
            pdfPath: "",
            fieldReadings: [:], doubtfulFields: [],
            createdAt: stamp, updatedAt: stamp)
        apply(new.metadata)
    }

    /// Copies recognised (or corrected) metadata into the register's columns.
    mutating func apply(_ m: DocumentMetadata) {
        typeName = m.typeName
        codeNumber = m.codeNumber
        codeNotation = m.codeNotation
        issuedDate = m.issuedDate
        organName = m.organName
        parentOrganName = m.parentOrganName
        placeName = m.placeName
        subject = m.subject
        signerPosition = m.signerPosition
        signerName = m.signerName
        signingAuthority = m.signingAuthority
        priority = m.priority
        secrecy = m.secrecy
        toPlaces = m.toPlaces?.joined(separator: "\n")
        recipients = m.recipients
        hasArrivalStamp = m.hasArrivalStamp
        fieldReadings = m.readings
        doubtfulFields = m.doubtfulFields
    }
}
