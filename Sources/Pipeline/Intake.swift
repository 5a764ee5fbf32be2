import Capture
import Foundation
import Logging
import OCR
import Registry

/// The assembled parts every command needs: the register, the OCR engines, the work
/// folder and the document processor. Built once per process.
public struct Intake: Sendable {
    public let configuration: IntakeConfiguration
    public let registry: Registry
    public let workFolder: WorkFolder
    public let processor: DocumentProcessor
    let logger: Logger

    public init(
        configuration: IntakeConfiguration,
        logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        let fm = FileManager.default
        for directory in [configuration.dataDirectory, configuration.pdfDirectory, configuration.archiveDirectory,
                          configuration.failedDirectory, configuration.duplicateDirectory] {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let registry = try Registry(path: configuration.registryPath)
        let workFolder = try WorkFolder(path: configuration.workDirectory)
        let engines = try EnginePool(
            size: configuration.engineCount, language: configuration.ocr.language, dataPath: configuration.ocr.tessdata)
        self.configuration = configuration
        self.registry = registry
        self.workFolder = workFolder
        self.logger = logger
        processor = DocumentProcessor(
            configuration: configuration, registry: registry, engines: engines,
            workFolder: workFolder, logger: logger, clock: clock)
    }

    /// Finishes or rolls back whatever a crash left in the work folder. Runs before
    /// anything new is claimed, so a document is never processed twice at once.
    public func recover() async -> [IngestOutcome] {
        let pending: [PendingClaim]
        do {
            pending = try workFolder.pending()
        } catch {
            logger.critical("cannot read the work folder \(workFolder.path): \(error)")
            return []
        }
        var outcomes: [IngestOutcome] = []
        // Documents cut from a stack whose claim is still here are resumed by their stack,
        // in stack order (see `StackPlan`).
        let stacks = Set(pending.compactMap { item -> String? in
            if case .claimed(let claim) = item, claim.isStack { return claim.id }
            return nil
        })
        for item in pending {
            switch item {
            case .claimed(let claim) where claim.parentID.map(stacks.contains) == true:
                continue
            case .claimed(let claim) where claim.isStack:
                logger.notice("resuming a stack claimed before a restart", metadata: ["file": "\(claim.originalName)"])
                let stack = await processStack(claim, source: IngestSource(kind: .folder, name: claim.folderName))
                outcomes += stack.documents.map(\.outcome)
            case .claimed(let claim):
                logger.notice("resuming a document claimed before a restart", metadata: ["file": "\(claim.originalName)"])
                let source = IngestSource(kind: claim.folderName == Self.commandLineSource ? .cli : .folder, name: claim.folderName)
                outcomes.append(await processor.process(claim, source: source))
            case .interrupted(let claim):
                logger.notice("resolved an interrupted claim: \(claim)")
            }
        }
        return outcomes
    }

    /// One-shot ingestion of files given on the command line, each one document. Up to
    /// `concurrency` files are decoded and OCRed at once, but they are registered — and
    /// so numbered — in the order given; `report` is called in that order too.
    /// The user's files stay where they are; copies go through the pipeline to the archive.
    public func ingest(paths: [String], concurrency: Int, report: (String, IngestOutcome) -> Void) async {
        await OrderedConcurrency.run(count: paths.count, window: concurrency) { index in
            await self.recognize(commandLineFile: paths[index])
        } report: { index, recognition in
            let outcome: IngestOutcome = switch recognition {
            case .finished(let outcome): outcome
            case .recognized(let document): processor.commit(document)
            }
            report(paths[index], outcome)
        }
    }

    private func recognize(commandLineFile path: String) async -> Recognition {
        let claim: ClaimedFile
        do {
            claim = try workFolder.claimCopy(
                of: path, sourceName: URL(fileURLWithPath: path).lastPathComponent,
                folderName: Self.commandLineSource, profile: "default")
        } catch {
            let reason = String(describing: error)
            logger.error("cannot read \(path): \(reason)")
            _ = try? registry.recordFailure(NewIngestFailure(
                sourceName: Self.commandLineSource, originalFileName: path, sha256: nil,
                reason: reason, storedPath: nil, failedAt: Date()))
            return .finished(.failed(reason: reason, storedAt: nil))
        }
        return await processor.recognize(claim, source: IngestSource(kind: .cli, name: Self.commandLineSource))
    }

    /// Claims a file that a watch folder reported ready and processes it: one document, or
    /// from a stack folder a stack to split. Files that cannot even be claimed (symlinks,
    /// bad names, unreadable) are moved aside here.
    public func ingest(_ file: ReadyFile) async -> FileOutcome? {
        let source = IngestSource(kind: .folder, name: file.folder.name)
        do {
            let claim = try workFolder.claim(file)
            if claim.isStack { return .stack(await processStack(claim, source: source)) }
            return .document(await processor.process(claim, source: source))
        } catch ClaimError.vanished {
            logger.info("file vanished before it could be claimed", metadata: ["file": "\(file.name.display)"])
            return nil
        } catch {
            let reason = String(describing: error)
            logger.error("refused: \(reason)", metadata: ["file": "\(file.name.display)", "folder": "\(file.folder.name)"])
            var stored: String?
            do {
                stored = try workFolder.refuse(file, into: configuration.failedDirectory, reason: reason)
            } catch {
                logger.critical("could not move the refused file aside: \(error)", metadata: ["file": "\(file.name.display)"])
            }
            do {
                _ = try registry.recordFailure(NewIngestFailure(
                    sourceName: file.folder.name, originalFileName: file.name.display, sha256: nil,
                    reason: reason, storedPath: stored, failedAt: Date()))
            } catch {
                logger.error("could not record the failure in the registry: \(error)")
            }
            return file.folder.stack ? .stack(StackOutcome(documents: [], dropped: [], failure: reason, storedAt: stored))
                                     : .document(.failed(reason: reason, storedAt: stored))
        }
    }

    static let commandLineSource = "cli"
}
