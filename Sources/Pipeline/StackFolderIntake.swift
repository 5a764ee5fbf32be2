import Capture
import Extraction
import Foundation
import Logging
import OCR
import Registry

/// The split plan of a stack claimed from a stack folder, kept beside it in the work folder
/// (`work/<id>/claim.split-plan`).
///
/// Crash safety. The stack file is claimed like any file (it left the drop folder only once
/// it was durably in the work folder). Then:
/// 1. The pages are analysed and split; nothing durable is made yet, so a crash here just
///    analyses the stack again on restart.
/// 2. The plan is written durably *before* any document is made: which pages form each
///    document and the claim id each document will have. The claim id is the document's id
///    in the register, its idempotency key: whatever happens later, document k can only ever
///    be registered under its planned id, and the register refuses a second registration of
///    an id. Recovery never splits again; it continues the recorded plan, so a different
///    reading of a page after a restart cannot change the documents.
/// 3. Each document in turn: its pages are written as a claim of their own (with the planned
///    id, `parentID` = the stack), registered and archived as any claim; then the plan records
///    the document as done. On resuming an unfinished document: registered already (looked up
///    by id) → only its claim is finished; its claim is in the work folder → it is processed
///    from there; neither → it is made again from the stack's pages.
/// 4. When every document is done, the stack file goes to the archive (to failed/ if a
///    document could not be registered, with the reason; to the confidential folder if a
///    document was held for a secrecy mark — the file holds its pages; to duplicates/ when
///    all were duplicates).
///    The move itself is the work folder's crash-safe finish.
/// Arrival numbers stay gap-free: each is allocated in the transaction that registers.
/// Start-up recovery leaves a stack's document claims to the stack while the stack's claim
/// is still there, so they are registered in stack order.
struct StackPlan: Codable {
    static let attachmentName = "split-plan"

    var version = 1
    var pageCount: Int
    var dropped: [DroppedPage]
    var documents: [Document]

    struct Document: Codable {
        /// 1-based pages of the stack.
        var pages: [Int]
        /// The document's claim id, and so its id in the register.
        var claimID: String
        /// File name (without extension) of the document in the work folder and archive.
        var name: String
        /// Nil until the document was finished.
        var result: Result?
    }

    struct Result: Codable {
        /// `held`: a secrecy mark — kept out of the register, its original with the clerk.
        enum Kind: String, Codable { case registered, held, duplicate, failed }
        var kind: Kind
        var arrivalYear: Int?
        var arrivalNumber: Int?
        var reason: String?

        init(_ outcome: IngestOutcome) {
            switch outcome {
            case .registered(let document, _, _) where document.status == .confidentialHold:
                kind = .held
            case .registered(let document, _, _):
                kind = .registered
                arrivalYear = document.arrival?.year
                arrivalNumber = document.arrival?.number
            case .duplicate(let existing, _):
                kind = .duplicate
                reason = "the same content is already registered as \(existing.arrival.map(String.init(describing:)) ?? existing.id)"
            case .failed(let reason, _):
                kind = .failed
                self.reason = reason
            }
        }
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}

/// What became of a file taken from a watch folder.
public enum FileOutcome: Sendable {
    /// A file from an ordinary folder: one document.
    case document(IngestOutcome)
    /// A file from a stack folder: split into documents.
    case stack(StackOutcome)
}

extension Intake {
    /// A file claimed from a stack folder (or resumed after a restart): split it, register
    /// each document, then archive the original. See `StackPlan` for the crash safety.
    func processStack(_ claim: ClaimedFile, source: IngestSource) async -> StackOutcome {
        var logger = logger
        logger[metadataKey: "file"] = "\(claim.originalName)"
        logger[metadataKey: "claim"] = "\(claim.id)"
        let stem = URL(fileURLWithPath: claim.originalName).deletingPathExtension().lastPathComponent

        var plan: StackPlan
        var analyzed: [AnalyzedPage] = []
        let reader: PageReader
        do {
            reader = try processor.decode.decoder.open(fileAt: URL(fileURLWithPath: claim.workPath))
            if let saved = try workFolder.attachment(named: StackPlan.attachmentName, of: claim) {
                plan = try JSONDecoder().decode(StackPlan.self, from: saved)
                logger.notice("resuming a stack split before a restart", metadata: [
                    "documents": "\(plan.documents.count)",
                    "done": "\(plan.documents.filter { $0.result != nil }.count)",
                ])
            } else {
                CrashPoint.reach(CrashPoint.afterClaim)
                analyzed = try await analyzeStack(reader, description: claim.originalName)
                let split = StackSplitter.split(analyzed.map(\.evidence), options: configuration.scan.splitOptions)
                logSplitEvidence(analyzed)
                guard !split.documents.isEmpty else {
                    return rejectStack(claim, reason: "no document in the stack: all \(reader.pageCount) page(s) are blank",
                                       dropped: split.dropped, source: source, logger: logger)
                }
                plan = StackPlan(
                    pageCount: reader.pageCount, dropped: split.dropped,
                    documents: split.documents.enumerated().map { number, pages in
                        StackPlan.Document(pages: pages, claimID: UUID().uuidString.lowercased(),
                                           name: String(format: "%@-doc%02d", stem, number + 1), result: nil)
                    })
                try workFolder.saveAttachment(try plan.encoded(), named: StackPlan.attachmentName, of: claim)
                logger.info("stack split", metadata: [
                    "pages": "\(plan.pageCount)", "documents": "\(plan.documents.count)",
                    "dropped": "\(plan.dropped.map(\.page))",
                ])
            }
        } catch let error as ClaimError {
            // The work folder itself failed: leave the stack there, it is resumed on the next start.
            logger.critical("cannot keep the stack's split plan in the work folder: \(error)")
            return StackOutcome(documents: [], dropped: [], failure: String(describing: error))
        } catch {
            return rejectStack(claim, reason: String(describing: error), dropped: [], source: source, logger: logger)
        }

        var documents: [SplitDocumentOutcome] = []
        for k in plan.documents.indices where plan.documents[k].result == nil {
            let planned = plan.documents[k]
            let outcome: IngestOutcome
            if let earlier = try? workFolder.claimed(id: planned.claimID) {
                // Stored (and maybe registered) before a restart: its own claim knows the rest.
                outcome = await processor.process(earlier, source: source)
            } else if let registered = try? registry.document(id: planned.claimID) {
                // Registered and its claim finished before a restart; only the plan missed it.
                outcome = .registered(registered, pageCount: registered.pageCount, archivedAt: nil)
            } else {
                outcome = await storeAndRegister(
                    pages: planned.pages, of: reader, analyzed: analyzed, name: planned.name, source: source,
                    folderName: claim.folderName, profile: claim.profile, stackDescription: claim.sourcePath,
                    claimID: planned.claimID, parentID: claim.id)
            }
            CrashPoint.reach(CrashPoint.afterStackDocument)
            plan.documents[k].result = StackPlan.Result(outcome)
            documents.append(SplitDocumentOutcome(sourcePages: planned.pages, outcome: outcome))
            do {
                try workFolder.saveAttachment(try plan.encoded(), named: StackPlan.attachmentName, of: claim)
            } catch {
                logger.critical("cannot record the stack's progress; it is resumed on the next start: \(error)")
                return StackOutcome(documents: documents, dropped: plan.dropped, failure: String(describing: error))
            }
        }
        CrashPoint.reach(CrashPoint.stackBeforeArchive)
        var outcome = StackOutcome(documents: documents, dropped: plan.dropped, failure: nil)
        outcome.storedAt = finishStack(claim, plan: plan, source: source, logger: logger)
        return outcome
    }

    /// Every document of the plan is done: the stack file leaves the work folder.
    private func finishStack(_ claim: ClaimedFile, plan: StackPlan, source: IngestSource, logger: Logger) -> String? {
        let results = plan.documents.compactMap(\.result)
        let failed = plan.documents.filter { $0.result?.kind == .failed }
        let registered = results.filter { $0.kind == .registered }
        do {
            if !failed.isEmpty {
                let what = failed.map { "pages \($0.pages.map(String.init).joined(separator: ",")): \($0.result?.reason ?? "?")" }
                let done = registered.compactMap { r in r.arrivalNumber.map { "\(r.arrivalYear ?? 0)/\($0)" } }
                let reason = "\(failed.count) of \(plan.documents.count) document(s) of the stack could not be registered ("
                    + what.joined(separator: "; ") + ")"
                    + (done.isEmpty ? "" : "; the others were registered as \(done.joined(separator: ", "))")
                return rejectStack(claim, reason: reason, dropped: plan.dropped, source: source, logger: logger).storedAt
            }
            if results.contains(where: { $0.kind == .held }) {
                // The stack holds a confidential document's pages: it goes where that
                // document's original goes, readable by the daemon's user only.
                try FileManager.default.createDirectory(
                    atPath: configuration.confidentialDirectory, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
                let path = try workFolder.finish(claim, movingTo: configuration.confidentialDirectory,
                                                 name: FinishStep.safeName(claim))
                logger.notice("the stack holds a document with a secrecy mark: kept with the held originals")
                return path
            }
            if registered.isEmpty {
                let reason = "duplicate: every document of the stack is already registered"
                logger.warning("\(reason)")
                return try workFolder.reject(claim, into: configuration.duplicateDirectory, reason: reason)
            }
            // Named after the first document's arrival number, as a single file would be.
            let first = registered.first { $0.arrivalNumber != nil }
            let year = first?.arrivalYear.map(String.init) ?? "unnumbered"
            let prefix = first.flatMap { r in r.arrivalNumber.map { String(format: "%04d-%06d_", r.arrivalYear ?? 0, $0) } } ?? ""
            let directory = URL(fileURLWithPath: configuration.archiveDirectory).appendingPathComponent(year).path
            let path = try workFolder.finish(claim, movingTo: directory, name: prefix + FinishStep.safeName(claim))
            logger.info("stack archived", metadata: ["documents": "\(plan.documents.count)", "archived": "\(path)"])
            return path
        } catch {
            // Everything is registered; the stack waits in the work folder for the next start.
            logger.error("the stack's documents are registered, but the stack could not be archived: \(error)")
            return nil
        }
    }

    /// The stack (or what is left of it) cannot be registered: to failed/ with the reason.
    private func rejectStack(_ claim: ClaimedFile, reason: String, dropped: [DroppedPage], source: IngestSource,
                             logger: Logger) -> StackOutcome {
        logger.error("stack not registered: \(reason)")
        var stored: String?
        do {
            stored = try workFolder.reject(claim, into: configuration.failedDirectory, reason: reason)
        } catch {
            logger.critical("could not move the stack aside, it stays in the work folder: \(error)")
        }
        do {
            _ = try registry.recordFailure(NewIngestFailure(
                sourceName: source.name, originalFileName: claim.originalName, sha256: claim.sha256,
                reason: reason, storedPath: stored, failedAt: processor.clock()))
        } catch {
            logger.error("could not record the failure in the registry: \(error)")
        }
        var outcome = StackOutcome(documents: [], dropped: dropped, failure: reason)
        outcome.storedAt = stored
        return outcome
    }
}
