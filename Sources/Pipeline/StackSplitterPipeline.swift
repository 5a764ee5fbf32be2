import Capture
import Extraction
import Foundation
import Logging
import OCR
import Registry

/// One page of a stack on its way through splitting: measured, and recognised unless blank.
struct StackPage: @unchecked Sendable {
    /// 1-based position in the stack (file page or feed order).
    let index: Int
    let decoded: DecodedPage
    let ink: InkStatistics
    let recognized: RecognizedPage?
    let evidence: PageEvidence
    let ocrSeconds: Double
}

/// A document found in a stack and what became of it.
public struct SplitDocumentOutcome: Sendable {
    /// 1-based pages of the stack that belong to it.
    public let sourcePages: [Int]
    public let outcome: IngestOutcome
}

/// The result of splitting and registering one stack.
public struct StackOutcome: Sendable {
    public let documents: [SplitDocumentOutcome]
    public let dropped: [DroppedPage]
    /// Set when the stack could not be read at all.
    public let failure: String?
}

/// Makes each document of a stack durable in the work folder, then registers it with the
/// OCR already done (pages are not recognised twice).
struct StackDocumentCommitter: Sendable {
    let workFolder: WorkFolder
    let processor: DocumentProcessor
    let logger: Logger

    func commit(_ pages: [StackPage], name: String, source: IngestSource, folderName: String, profile: String,
                sourceDescription: String) async -> IngestOutcome {
        let decoded = pages.map(\.decoded)
        let fileName = name + "." + ScanDocumentFile.fileExtension(for: decoded)
        let claim: ClaimedFile
        do {
            claim = try workFolder.claimNew(name: fileName, folderName: folderName, profile: profile,
                                            sourceDescription: sourceDescription) { path in
                try ScanDocumentFile.write(decoded, to: path)
            }
        } catch {
            let reason = "cannot store the document in the work folder: \(error)"
            logger.critical("\(reason)", metadata: ["document": "\(fileName)"])
            return .failed(reason: reason, storedAt: nil)
        }
        let recognized = pages.compactMap(\.recognized)
        let seconds = pages.map(\.ocrSeconds).reduce(0, +)
        let document = RecognizedDocument(
            claim: claim, source: source, pages: recognized, receivedAt: processor.clock(),
            ocrDuration: .milliseconds(Int(seconds * 1000)))
        return processor.commit(document)
    }
}

extension Intake {
    var stackAnalyzer: StackPageAnalyzer { StackPageAnalyzer(recognizer: processor.recognize.recognizer) }
    var stackCommitter: StackDocumentCommitter {
        StackDocumentCommitter(workFolder: workFolder, processor: processor, logger: logger)
    }

    /// `intake ingest --split FILE`: treats the file as a stack, splits it into documents
    /// and registers each one; `report` gets each document in stack order. The user's file
    /// stays where it is.
    public func ingestStack(path: String, options: SplitOptions = SplitOptions(),
                            report: (SplitDocumentOutcome) -> Void) async -> StackOutcome {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let decoded: DecodedDocument
        do {
            decoded = try processor.decode.decoder.decode(fileAt: URL(fileURLWithPath: path))
        } catch {
            let reason = String(describing: error)
            logger.error("cannot read the stack \(path): \(reason)")
            _ = try? registry.recordFailure(NewIngestFailure(
                sourceName: Self.commandLineSource, originalFileName: path, sha256: nil,
                reason: reason, storedPath: nil, failedAt: Date()))
            return StackOutcome(documents: [], dropped: [], failure: reason)
        }
        for warning in decoded.warnings { logger.warning("\(warning)", metadata: ["file": "\(path)"]) }
        return await splitAndRegister(
            pages: decoded.pages, name: name, options: options,
            source: IngestSource(kind: .cli, name: Self.commandLineSource),
            folderName: Self.commandLineSource, profile: "default", sourceDescription: path, report: report)
    }

    /// Analyses every page (up to one per OCR engine at once), splits, then stores and
    /// registers the documents in stack order.
    func splitAndRegister(pages: [DecodedPage], name: String, options: SplitOptions, source: IngestSource,
                          folderName: String, profile: String, sourceDescription: String,
                          report: (SplitDocumentOutcome) -> Void) async -> StackOutcome {
        let analyzer = stackAnalyzer
        var analyzed = [StackPage?](repeating: nil, count: pages.count)
        var failure: String?
        await withTaskGroup(of: (Int, Result<StackPage, Error>).self) { group in
            for (i, page) in pages.enumerated() {
                group.addTask {
                    do { return (i, .success(try await analyzer.analyze(page, index: i + 1))) } catch { return (i, .failure(error)) }
                }
            }
            for await (i, result) in group {
                switch result {
                case .success(let page): analyzed[i] = page
                case .failure(let error): failure = failure ?? "page \(i + 1): \(error)"
                }
            }
        }
        if let failure {
            logger.error("cannot split the stack \(sourceDescription): \(failure)")
            return StackOutcome(documents: [], dropped: [], failure: failure)
        }
        let stack = analyzed.map { $0! }
        let split = StackSplitter.split(stack.map(\.evidence), options: options)
        var documents: [SplitDocumentOutcome] = []
        for (number, pageNumbers) in split.documents.enumerated() {
            let docPages = pageNumbers.map { stack[$0 - 1] }
            let outcome = await stackCommitter.commit(
                docPages, name: String(format: "%@-doc%02d", name, number + 1), source: source,
                folderName: folderName, profile: profile,
                sourceDescription: "\(sourceDescription) pages \(pageNumbers.map(String.init).joined(separator: ","))")
            let item = SplitDocumentOutcome(sourcePages: pageNumbers, outcome: outcome)
            documents.append(item)
            report(item)
        }
        if let debug = ProcessInfo.processInfo.environment["INTAKE_SPLIT_DEBUG"], !debug.isEmpty {
            for page in stack {
                logger.notice("split evidence", metadata: [
                    "page": "\(page.index)", "marks": "\(page.ink.markCount)", "blank": "\(page.evidence.blank)",
                    "motto": "\(page.evidence.nationalMotto)", "header": "\(page.evidence.agencyHeader)",
                    "page_number": "\(page.evidence.topPageNumber.map(String.init) ?? (page.evidence.topPageNumberMark ? "mark" : "-"))",
                    "words": "\(page.evidence.wordCount)",
                ])
                if debug == "2", let layout = page.recognized?.layout {
                    let top = layout.words.filter { Double($0.box.y) < Double(layout.height) * 0.2 }
                    let text = top.map { "\($0.text)@\($0.box.x),\($0.box.y),\($0.box.width)x\($0.box.height)/L\($0.line)" }.joined(separator: " ")
                    logger.notice("top words of page \(page.index) (\(layout.width)x\(layout.height), rot \(layout.rotation)): \(text)")
                }
            }
        }
        return StackOutcome(documents: documents, dropped: split.dropped, failure: nil)
    }
}
