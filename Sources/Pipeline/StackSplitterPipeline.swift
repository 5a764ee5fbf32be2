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

/// What is kept of a page of a stack file once it has been analysed: the splitting evidence
/// and the OCR result, no pixels. The page is decoded again (one document at a time) when its
/// document is stored, so a long stack never holds more than a few page rasters.
struct AnalyzedPage: Sendable {
    let index: Int
    let evidence: PageEvidence
    let markCount: Int
    /// Nil for a blank page (never recognised).
    let recognition: PageRecognition?
    let ocrSeconds: Double

    init(_ page: StackPage) {
        index = page.index
        evidence = page.evidence
        markCount = page.ink.markCount
        recognition = page.recognized.map {
            PageRecognition(layout: $0.layout, rotation: $0.prepared.rotation,
                            orientationConfidence: $0.prepared.orientationConfidence, skewAngle: $0.prepared.skewAngle)
        }
        ocrSeconds = page.ocrSeconds
    }
}

/// OCR of a page and how its image was turned for it: enough to rebuild the recognised page
/// from the decoded one without an engine.
struct PageRecognition: Sendable {
    let layout: PageLayout
    let rotation: Int
    let orientationConfidence: Double
    let skewAngle: Double
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
    /// Where the stack file itself went (daemon: archive, failed or duplicates folder).
    public var storedAt: String? = nil
}

/// Makes each document of a stack durable in the work folder, then registers it with the
/// OCR already done (pages are not recognised twice; only the field regions are read again).
struct StackDocumentCommitter: Sendable {
    let workFolder: WorkFolder
    let processor: DocumentProcessor
    let logger: Logger

    func commit(_ pages: [StackPage], name: String, source: IngestSource, folderName: String, profile: String,
                sourceDescription: String) async -> IngestOutcome {
        await commit(decoded: pages.map(\.decoded), recognized: pages.compactMap(\.recognized),
                     ocrSeconds: pages.map(\.ocrSeconds).reduce(0, +), name: name, source: source,
                     folderName: folderName, profile: profile, sourceDescription: sourceDescription)
    }

    /// `claimID` (with `parentID`, the stack's claim) fixes the id of the new claim, which is
    /// also the document's id in the register: see `Intake.processStack`.
    func commit(decoded: [DecodedPage], recognized: [RecognizedPage], ocrSeconds seconds: Double, name: String,
                source: IngestSource, folderName: String, profile: String, sourceDescription: String,
                claimID: String? = nil, parentID: String? = nil) async -> IngestOutcome {
        let fileName = name + "." + ScanDocumentFile.fileExtension(for: decoded)
        let claim: ClaimedFile
        do {
            claim = try workFolder.claimNew(name: fileName, folderName: folderName, profile: profile,
                                            sourceDescription: sourceDescription, id: claimID, parentID: parentID) { path in
                try ScanDocumentFile.write(decoded, to: path)
            }
        } catch {
            let reason = "cannot store the document in the work folder: \(error)"
            logger.critical("\(reason)", metadata: ["document": "\(fileName)"])
            return .failed(reason: reason, storedAt: nil)
        }
        // The same reading as a single file's, second looks at doubtful regions included: a
        // secrecy mark must be found as surely in a stack as in a file of its own.
        let receivedAt = processor.clock()
        let fields = await processor.extract.run(recognized, receivedAt: receivedAt)
        let document = RecognizedDocument(
            claim: claim, source: source, pages: recognized, fields: fields, receivedAt: receivedAt,
            ocrDuration: .milliseconds(Int(seconds * 1000)))
        return processor.commit(document)
    }
}

/// A page of a stack file that could not be analysed.
struct StackPageError: Error, CustomStringConvertible {
    let page: Int
    let error: Error
    var description: String {
        // Decoding errors already say which page.
        error is DecodeError ? String(describing: error) : "page \(page): \(error)"
    }
}

/// Set once, read from many tasks: stops the analysis of a stack at its first bad page.
private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    var isSet: Bool { lock.withLock { set } }
    func raise() { lock.withLock { set = true } }
}

extension Intake {
    var stackAnalyzer: StackPageAnalyzer { StackPageAnalyzer(recognizer: processor.recognize.recognizer) }
    var stackCommitter: StackDocumentCommitter {
        StackDocumentCommitter(workFolder: workFolder, processor: processor, logger: logger)
    }

    /// `intake ingest --split FILE`: treats the file as a stack, splits it into documents
    /// and registers each one; `report` gets each document in stack order. The user's file
    /// stays where it is.
    ///
    /// Memory stays flat however long the stack: pages are decoded and analysed a few at a
    /// time (one per OCR engine) and only their evidence and OCR are kept; each document's
    /// pages are decoded again when it is stored.
    public func ingestStack(path: String, options: SplitOptions = SplitOptions(),
                            report: (SplitDocumentOutcome) -> Void) async -> StackOutcome {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let source = IngestSource(kind: .cli, name: Self.commandLineSource)
        let reader: PageReader
        let analyzed: [AnalyzedPage]
        do {
            reader = try processor.decode.decoder.open(fileAt: URL(fileURLWithPath: path))
            analyzed = try await analyzeStack(reader, description: path)
        } catch {
            let reason = String(describing: error)
            logger.error("cannot read the stack \(path): \(reason)")
            _ = try? registry.recordFailure(NewIngestFailure(
                sourceName: Self.commandLineSource, originalFileName: path, sha256: nil,
                reason: reason, storedPath: nil, failedAt: Date()))
            return StackOutcome(documents: [], dropped: [], failure: reason)
        }
        let split = StackSplitter.split(analyzed.map(\.evidence), options: options)
        logSplitEvidence(analyzed)
        var documents: [SplitDocumentOutcome] = []
        for (number, pageNumbers) in split.documents.enumerated() {
            let outcome = await storeAndRegister(
                pages: pageNumbers, of: reader, analyzed: analyzed, name: String(format: "%@-doc%02d", name, number + 1),
                source: source, folderName: Self.commandLineSource, profile: "default", stackDescription: path)
            let item = SplitDocumentOutcome(sourcePages: pageNumbers, outcome: outcome)
            documents.append(item)
            report(item)
        }
        return StackOutcome(documents: documents, dropped: split.dropped, failure: nil)
    }

    /// Pass 1: every page decoded, analysed (blank check, OCR, splitting evidence) and its
    /// pixels let go of — up to one page per OCR engine at once, results in stack order.
    /// Stops at the first page that cannot be read.
    func analyzeStack(_ reader: PageReader, description: String) async throws -> [AnalyzedPage] {
        let analyzer = stackAnalyzer
        let logger = self.logger
        let stop = StopFlag()
        var pages: [AnalyzedPage] = []
        var failure: Error?
        await OrderedConcurrency.run(count: reader.pageCount, window: configuration.engineCount) { i -> Result<AnalyzedPage, Error> in
            if stop.isSet { return .failure(CancellationError()) }
            do {
                let read = try reader.page(i + 1)
                if let warning = read.warning { logger.warning("\(warning)", metadata: ["file": "\(description)"]) }
                return .success(AnalyzedPage(try await analyzer.analyze(read.page, index: i + 1)))
            } catch {
                stop.raise()
                return .failure(StackPageError(page: i + 1, error: error))
            }
        } report: { _, result in
            switch result {
            case .success(let page): pages.append(page)
            case .failure(let error as StackPageError): failure = failure ?? error
            case .failure: break   // not started because another page failed
            }
        }
        if let failure { throw failure }
        return pages
    }

    /// Pass 2 for one document: its pages decoded again from the stack, recognised with the OCR
    /// of pass 1 (the OCR image rebuilt without an engine) or, for pages not analysed in this
    /// process (a stack resumed after a restart), recognised afresh; then stored as a claim of
    /// its own and registered.
    func storeAndRegister(pages numbers: [Int], of reader: PageReader, analyzed: [AnalyzedPage], name: String,
                          source: IngestSource, folderName: String, profile: String, stackDescription: String,
                          claimID: String? = nil, parentID: String? = nil) async -> IngestOutcome {
        var decoded: [DecodedPage] = []
        var recognized: [RecognizedPage] = []
        var seconds = 0.0
        let preparer = processor.recognize.recognizer.preparer
        do {
            for number in numbers {
                let page = try reader.page(number).page
                decoded.append(page)
                if number - 1 < analyzed.count, case let known = analyzed[number - 1], known.index == number {
                    guard let r = known.recognition else { continue }
                    let prepared = try preparer.prepare(page, rotation: r.rotation, orientationConfidence: r.orientationConfidence,
                                                        skewAngle: r.skewAngle)
                    recognized.append(RecognizedPage(prepared: prepared, layout: r.layout))
                    seconds += known.ocrSeconds
                } else {
                    let again = try await stackAnalyzer.analyze(page, index: number)
                    if let r = again.recognized { recognized.append(r) }
                    seconds += again.ocrSeconds
                }
            }
        } catch {
            let reason = "cannot read pages \(numbers.map(String.init).joined(separator: ",")) of the stack again: \(error)"
            logger.error("\(reason)", metadata: ["file": "\(stackDescription)"])
            return .failed(reason: reason, storedAt: nil)
        }
        return await stackCommitter.commit(
            decoded: decoded, recognized: recognized, ocrSeconds: seconds, name: name, source: source,
            folderName: folderName, profile: profile,
            sourceDescription: "\(stackDescription) pages \(numbers.map(String.init).joined(separator: ","))",
            claimID: claimID, parentID: parentID)
    }

    /// `INTAKE_SPLIT_DEBUG=1` (or `2`: also the top words of each page) logs the evidence.
    func logSplitEvidence(_ stack: [AnalyzedPage]) {
        guard let debug = ProcessInfo.processInfo.environment["INTAKE_SPLIT_DEBUG"], !debug.isEmpty else { return }
        for page in stack {
            logger.notice("split evidence", metadata: [
                "page": "\(page.index)", "marks": "\(page.markCount)", "blank": "\(page.evidence.blank)",
                "motto": "\(page.evidence.nationalMotto)", "header": "\(page.evidence.agencyHeader)",
                "page_number": "\(page.evidence.topPageNumber.map(String.init) ?? (page.evidence.topPageNumberMark ? "mark" : "-"))",
                "words": "\(page.evidence.wordCount)",
            ])
            if debug == "2", let r = page.recognition {
                let layout = r.layout
                let top = layout.words.filter { Double($0.box.y) < Double(layout.height) * 0.2 }
                let text = top.map { "\($0.text)@\($0.box.x),\($0.box.y),\($0.box.width)x\($0.box.height)/L\($0.line)" }.joined(separator: " ")
                logger.notice("top words of page \(page.index) (\(layout.width)x\(layout.height), rot \(layout.rotation)): \(text)")
            }
        }
    }
}
