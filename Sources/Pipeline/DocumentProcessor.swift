import Capture
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

/// Runs one claimed file through Decode → Recognize → RenderPDF → Register → Finish.
///
/// It never throws: every problem ends as an `IngestOutcome` with the file in a known
/// place, so the daemon goes on with the next file.
public struct DocumentProcessor: Sendable {
    let decode: DecodeStep
    let recognize: RecognizeStep
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
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        let limits = DecodeLimits(
            maxPixels: configuration.limits.maxPixels,
            assumedDPI: configuration.limits.assumedDPI,
            maxPages: configuration.limits.maxPages)
        decode = DecodeStep(decoder: DocumentDecoder(limits: limits))
        recognize = RecognizeStep(recognizer: PageRecognizer(pool: engines))
        register = RegisterStep(registry: registry, render: RenderPDFStep(pdfDirectory: configuration.pdfDirectory))
        finish = FinishStep(
            workFolder: workFolder,
            archiveDirectory: configuration.archiveDirectory,
            failedDirectory: configuration.failedDirectory,
            duplicateDirectory: configuration.duplicateDirectory)
        self.registry = registry
        self.logger = logger
        self.clock = clock
    }

    public func process(_ claim: ClaimedFile, source: IngestSource) async -> IngestOutcome {
        var logger = logger
        logger[metadataKey: "file"] = "\(claim.originalName)"
        logger[metadataKey: "claim"] = "\(claim.id)"
        let receivedAt = clock()
        do {
            // A crash after the commit but before the archive move: only finish.
            if let registered = try registry.document(id: claim.id) {
                logger.notice("already registered before a restart; archiving the original", metadata: ["arrival": "\(registered.arrival.map(String.init(describing:)) ?? "-")"])
                return archive(claim, registered, pageCount: registered.pageCount, logger: logger)
            }
            if let existing = try registry.document(sha256: claim.sha256) {
                return setAsideDuplicate(claim, existing: existing, source: source, logger: logger)
            }
            CrashPoint.reach(CrashPoint.afterClaim)
            let decoded = try decode.run(claim)
            for warning in decoded.warnings { logger.warning("\(warning)") }
            let started = ContinuousClock.now
            let pages = try await recognize.run(decoded)
            let elapsed = ContinuousClock.now - started
            let document = try register.run(claim, pages: pages, source: source, receivedAt: receivedAt)
            CrashPoint.reach(CrashPoint.afterRegister)
            logger.info("registered", metadata: [
                "arrival": "\(document.arrival.map(String.init(describing:)) ?? "-")",
                "pages": "\(pages.count)",
                "ocr_seconds": "\(elapsed.components.seconds)",
            ])
            return archive(claim, document, pageCount: pages.count, logger: logger)
        } catch RegistryError.duplicate(let existing) {
            return setAsideDuplicate(claim, existing: existing, source: source, logger: logger)
        } catch RegistryError.alreadyRegistered(let document) {
            return archive(claim, document, pageCount: document.pageCount, logger: logger)
        } catch {
            return reject(claim, reason: String(describing: error), source: source, logger: logger)
        }
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
