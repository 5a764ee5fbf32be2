import Capture
import Extraction
import Foundation
import Logging
import OCR
import Registry

/// Where a document came from, as the register records it.
public struct IngestSource: Sendable, Hashable {
    public var kind: SourceKind
    public var name: String

    public init(kind: SourceKind, name: String) {
        self.kind = kind
        self.name = name
    }
}

/// What became of one claimed file.
public enum IngestOutcome: Sendable {
    /// Registered (now or, after a crash, earlier); `archivedAt` is nil when the original
    /// could not be moved to the archive yet (it stays in the work folder and is retried).
    case registered(IncomingDocument, pageCount: Int, archivedAt: String?)
    /// The same content is already registered; the file was set aside.
    case duplicate(existing: IncomingDocument, storedAt: String?)
    /// Not registered; the file was moved to the failed folder with its reason.
    case failed(reason: String, storedAt: String?)

    public var isRegistered: Bool {
        if case .registered = self { return true }
        return false
    }
}

/// A claimed file after decoding and OCR, waiting for its registration.
public struct RecognizedDocument: Sendable {
    let claim: ClaimedFile
    let source: IngestSource
    let pages: [RecognizedPage]
    let fields: ExtractedFields
    let receivedAt: Date
    let ocrDuration: Duration

    init(claim: ClaimedFile, source: IngestSource, pages: [RecognizedPage], fields: ExtractedFields,
         receivedAt: Date, ocrDuration: Duration) {
        self.claim = claim
        self.source = source
        self.pages = pages
        self.fields = fields
        self.receivedAt = receivedAt
        self.ocrDuration = ocrDuration
    }

    var ocrSeconds: Double {
        Double(ocrDuration.components.seconds) + Double(ocrDuration.components.attoseconds) / 1e18
    }
}

/// The result of phase 1: ready to register, or already settled.
public enum Recognition: Sendable {
    case recognized(RecognizedDocument)
    case finished(IngestOutcome)
}

/// Runs one claimed file through Decode → Recognize → RenderPDF → Register → Finish.
///
/// It never throws: every problem ends as an `IngestOutcome` with the file in a known
/// place, so the daemon goes on with the next file.
public struct DocumentProcessor: Sendable {
    let decode: DecodeStep
    let recognize: RecognizeStep
    let extract: ExtractStep
    let acceptance = AcceptancePolicy()
    let register: RegisterStep
    let finish: FinishStep
    let registry: Registry
    let logger: Logger
    /// Injected so tests can cross a year boundary.
    let clock: @Sendable () -> Date

    public init(
        configuration: IntakeConfiguration,
        registry: Registry,
        engines: EnginePool,
        workFolder: WorkFolder,
        logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        let limits = DecodeLimits(
            maxPixels: configuration.limits.maxPixels,
            assumedDPI: configuration.limits.assumedDPI,
            maxPages: configuration.limits.maxPages)
        decode = DecodeStep(decoder: DocumentDecoder(limits: limits))
        let recognizer = PageRecognizer(pool: engines)
        recognize = RecognizeStep(recognizer: recognizer)
        extract = ExtractStep(recognizer: recognizer)
        register = RegisterStep(registry: registry, render: RenderPDFStep(pdfDirectory: configuration.pdfDirectory))
        finish = FinishStep(
            workFolder: workFolder,
            archiveDirectory: configuration.archiveDirectory,
            failedDirectory: configuration.failedDirectory,
            duplicateDirectory: configuration.duplicateDirectory,
            confidentialDirectory: configuration.confidentialDirectory)
        self.registry = registry
        self.logger = logger
        self.clock = clock
    }

    /// Both phases at once: what the daemon does with each file.
    public func process(_ claim: ClaimedFile, source: IngestSource) async -> IngestOutcome {
        switch await recognize(claim, source: source) {
        case .finished(let outcome): outcome
        case .recognized(let document): commit(document)
        }
    }

    /// Phase 1 — everything that can run side by side: duplicate check, decoding, OCR.
    /// Ends early (with the file put in its place) when there is nothing to register.
    public func recognize(_ claim: ClaimedFile, source: IngestSource) async -> Recognition {
        let logger = logger(for: claim)
        let receivedAt = clock()
        do {
            // A crash after the commit but before the archive move: only finish.
            if let registered = try registry.document(id: claim.id) {
                logger.notice("already registered before a restart; archiving the original",
                              metadata: ["arrival": "\(registered.arrival.map(String.init(describing:)) ?? "-")"])
                return .finished(archive(claim, registered, pageCount: registered.pageCount, logger: logger))
            }
            if let existing = try registry.document(sha256: claim.sha256) {
                return .finished(setAsideDuplicate(claim, existing: existing, source: source, logger: logger))
            }
            CrashPoint.reach(CrashPoint.afterClaim)
            let decoded = try decode.run(claim)
            for warning in decoded.warnings { logger.warning("\(warning)") }
            let started = ContinuousClock.now
            let pages = try await recognize.run(decoded)
            let fields = await extract.run(pages, receivedAt: receivedAt)
            return .recognized(RecognizedDocument(
                claim: claim, source: source, pages: pages, fields: fields, receivedAt: receivedAt,
                ocrDuration: ContinuousClock.now - started))
        } catch {
            return .finished(reject(claim, reason: String(describing: error), source: source, logger: logger))
        }
    }

    /// Phase 2 — one at a time, in the order of receipt: arrival number, PDF, registration,
    /// and the original out of the work folder.
    public func commit(_ document: RecognizedDocument) -> IngestOutcome {
        let claim = document.claim
        let logger = logger(for: claim)
        do {
            if MetadataMapping.mustHold(document.fields) {
                let held = try register.hold(claim, pages: document.pages, source: document.source,
                                             receivedAt: document.receivedAt, directory: finish.confidentialDirectory)
                CrashPoint.reach(CrashPoint.afterRegister)
                // No content in the log: only that a document is held, and where it came from.
                logger.notice("secrecy mark: held for manual handling, kept out of the register")
                return archive(claim, held, pageCount: document.pages.count, logger: logger)
            }
            let doubtful = acceptance.doubtfulFields(in: document.fields)
            let metadata = MetadataMapping.metadata(from: document.fields, doubtful: doubtful)
            let registered = try register.run(
                claim, pages: document.pages, source: document.source, receivedAt: document.receivedAt,
                metadata: metadata, status: doubtful.isEmpty ? .awaitingAssignment : .needsReview)
            CrashPoint.reach(CrashPoint.afterRegister)
            logger.info("registered", metadata: [
                "arrival": "\(registered.arrival.map(String.init(describing:)) ?? "-")",
                "pages": "\(document.pages.count)",
                "status": "\(registered.status.rawValue)",
                "ocr_seconds": "\(String(format: "%.1f", document.ocrSeconds))",
            ])
            return archive(claim, registered, pageCount: document.pages.count, logger: logger)
        } catch RegistryError.duplicate(let existing) {
            // The same content registered meanwhile by another file of the batch or process.
            return setAsideDuplicate(claim, existing: existing, source: document.source, logger: logger)
        } catch RegistryError.alreadyRegistered(let registered) {
            return archive(claim, registered, pageCount: registered.pageCount, logger: logger)
        } catch {
            return reject(claim, reason: String(describing: error), source: document.source, logger: logger)
        }
    }

    private func logger(for claim: ClaimedFile) -> Logger {
        var logger = logger
        logger[metadataKey: "file"] = "\(claim.originalName)"
        logger[metadataKey: "claim"] = "\(claim.id)"
        return logger
    }

    private func archive(_ claim: ClaimedFile, _ document: IncomingDocument, pageCount: Int, logger: Logger) -> IngestOutcome {
        do {
            let path = try finish.archive(claim, as: document)
            return .registered(document, pageCount: pageCount, archivedAt: path)
        } catch {
            // Registered and durable; the original waits in the work folder for the next start.
            logger.error("registered, but the original could not be archived: \(error)")
            return .registered(document, pageCount: pageCount, archivedAt: nil)
        }
    }

    private func setAsideDuplicate(_ claim: ClaimedFile, existing: IncomingDocument, source: IngestSource, logger: Logger) -> IngestOutcome {
        let arrival = existing.arrival.map(String.init(describing:)) ?? existing.id
        let reason = "duplicate: the same content (SHA-256 \(claim.sha256)) is already registered as arrival number \(arrival)"
        logger.warning("\(reason)")
        let stored = try? finish.setAsideDuplicate(claim, reason: reason)
        do {
            try registry.recordEvent(documentID: existing.id, kind: "duplicate_received", detail: [
                "file": claim.originalName, "source": source.name, "stored_at": stored ?? "",
            ])
        } catch {
            logger.error("could not record the duplicate event: \(error)")
        }
        return .duplicate(existing: existing, storedAt: stored)
    }

    private func reject(_ claim: ClaimedFile, reason: String, source: IngestSource, logger: Logger) -> IngestOutcome {
        logger.error("not registered: \(reason)")
        var stored: String?
        do {
            stored = try finish.reject(claim, reason: reason)
        } catch {
            logger.critical("could not move the file aside, it stays in the work folder: \(error)")
        }
        do {
            _ = try registry.recordFailure(NewIngestFailure(
                sourceName: source.name, originalFileName: claim.originalName, sha256: claim.sha256,
                reason: reason, storedPath: stored, failedAt: clock()))
        } catch {
            logger.error("could not record the failure in the registry: \(error)")
        }
        return .failed(reason: reason, storedAt: stored)
    }
}
