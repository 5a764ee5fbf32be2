import Capture
import Extraction
import Foundation
import Logging
import OCR
import Registry

/// A document registered (or not) out of a scan job.
public struct ScanDocumentResult: Sendable, Codable, Equatable {
    /// 1-based feed positions of its pages in the batch.
    public var sourcePages: [Int]
    /// `awaiting_assignment`, `needs_review`, … as registered; `duplicate` or `failed` otherwise.
    public var status: String
    public var arrivalNumber: Int?
    public var arrivalYear: Int?
    public var pdf: String?
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case sourcePages = "source_pages", status, arrivalNumber = "arrival_number", arrivalYear = "arrival_year", pdf, error
    }

    init(sourcePages: [Int], outcome: IngestOutcome) {
        self.sourcePages = sourcePages
        switch outcome {
        case let .registered(document, _, _):
            status = document.status.rawValue
            arrivalNumber = document.arrivalNumber
            arrivalYear = document.arrivalYear
            pdf = document.pdfPath
        case let .duplicate(existing, _):
            status = "duplicate"
            arrivalNumber = existing.arrivalNumber
            arrivalYear = existing.arrivalYear
            error = "duplicate of arrival number \(existing.arrival.map(String.init(describing:)) ?? existing.id)"
        case let .failed(reason, _):
            status = "failed"
            error = reason
        }
    }
}

/// Where a scan job stands; sent on every change.
public struct ScanProgress: Sendable, Codable, Equatable {
    public enum Phase: String, Sendable, Codable {
        case starting, scanning, finishing, finished, failed, cancelled
    }

    public var phase: Phase = .starting
    public var station: String?
    public var device: String
    /// Sheets sides read from the scanner so far.
    public var pagesScanned = 0
    /// Of those, blank pages and separator sheets dropped.
    public var pagesDropped = 0
    public var pagesRecognized = 0
    public var documentsFound = 0
    public var documents: [ScanDocumentResult] = []
    public var droppedPages: [Int] = []
    /// The scanner problem that ended the batch (pages before it were kept), if any.
    public var error: String?
    public var errorCode: String?
    public var startedAt: Date
    public var elapsedSeconds: Double = 0

    public var isFinal: Bool { phase == .finished || phase == .failed || phase == .cancelled }

    enum CodingKeys: String, CodingKey {
        case phase, station, device, error, documents
        case pagesScanned = "pages_scanned", pagesDropped = "pages_dropped", pagesRecognized = "pages_recognized"
        case documentsFound = "documents_found", droppedPages = "dropped_pages", errorCode = "error_code"
        case startedAt = "started_at", elapsedSeconds = "elapsed_seconds"
    }

    /// `started_at` as ISO 8601 whatever the encoder's date strategy.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(phase, forKey: .phase)
        try c.encode(station, forKey: .station)
        try c.encode(device, forKey: .device)
        try c.encode(pagesScanned, forKey: .pagesScanned)
        try c.encode(pagesDropped, forKey: .pagesDropped)
        try c.encode(pagesRecognized, forKey: .pagesRecognized)
        try c.encode(documentsFound, forKey: .documentsFound)
        try c.encode(documents, forKey: .documents)
        try c.encode(droppedPages, forKey: .droppedPages)
        try c.encode(error, forKey: .error)
        try c.encode(errorCode, forKey: .errorCode)
        try c.encode(ISO8601DateFormatter().string(from: startedAt), forKey: .startedAt)
        try c.encode(elapsedSeconds, forKey: .elapsedSeconds)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        phase = try c.decode(Phase.self, forKey: .phase)
        station = try c.decodeIfPresent(String.self, forKey: .station)
        device = try c.decode(String.self, forKey: .device)
        pagesScanned = try c.decode(Int.self, forKey: .pagesScanned)
        pagesDropped = try c.decode(Int.self, forKey: .pagesDropped)
        pagesRecognized = try c.decode(Int.self, forKey: .pagesRecognized)
        documentsFound = try c.decode(Int.self, forKey: .documentsFound)
        documents = try c.decode([ScanDocumentResult].self, forKey: .documents)
        droppedPages = try c.decode([Int].self, forKey: .droppedPages)
        error = try c.decodeIfPresent(String.self, forKey: .error)
        errorCode = try c.decodeIfPresent(String.self, forKey: .errorCode)
        startedAt = ISO8601DateFormatter().date(from: try c.decode(String.self, forKey: .startedAt)) ?? Date()
        elapsedSeconds = try c.decode(Double.self, forKey: .elapsedSeconds)
    }

    init(station: String?, device: String, startedAt: Date) {
        self.station = station
        self.device = device
        self.startedAt = startedAt
    }
}

/// One scan: scanner → pages (as they arrive) → blank check → OCR → split → each document
/// stored in the work folder and registered, while the next sheets are still being fed.
///
/// Memory holds the pages being recognised (one per OCR engine, plus one) and the pages of
/// the document being assembled; blank pages are let go at once.
public final class ScanRun: @unchecked Sendable {
    public let device: String
    public let settings: ScanSettings
    public let station: String?
    public let profile: String
    let intake: Intake
    let splitOptions: SplitOptions
    let batch: ScanBatch
    let logger: Logger

    public init(intake: Intake, device: String, settings: ScanSettings, station: String? = nil,
                profile: String = "default", splitOptions: SplitOptions = SplitOptions()) {
        self.intake = intake
        self.device = device
        self.settings = settings
        self.station = station
        self.profile = profile
        var options = splitOptions
        options.duplex = settings.source == .adfDuplex
        self.splitOptions = options
        batch = ScanBatch(device: device, settings: settings)
        var logger = intake.logger
        logger[metadataKey: "scanner"] = "\(device)"
        self.logger = logger
    }

    /// Stops feeding; pages already scanned are still split and registered.
    public func cancel() { batch.cancel() }

    /// Runs the job to its end; `progress` is called on every change (from one task at a time).
    @discardableResult
    public func run(progress report: @Sendable (ScanProgress) -> Void = { _ in }) async -> ScanProgress {
        let clock = ContinuousClock.now
        var progress = ScanProgress(station: station, device: device, startedAt: Date())
        func emit() {
            let elapsed = ContinuousClock.now - clock
            progress.elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            report(progress)
        }
        emit()
        let analyzer = intake.stackAnalyzer
        let committer = intake.stackCommitter
        let window = max(1, intake.configuration.engineCount) + 1
        var splitter = StackSplitter(options: splitOptions)
        var open: [Int: StackPage] = [:]   // pages of the document being assembled
        var inFlight: [Task<StackPage, Never>] = []
        let source = IngestSource(kind: .scanner, name: station ?? device)
        let batchName = "scan-" + Self.stamp()
        var documentNumber = 0

        func commitDocument(_ pageNumbers: [Int]) async {
            documentNumber += 1
            let pages = pageNumbers.compactMap { open.removeValue(forKey: $0) }
            let outcome = await committer.commit(
                pages, name: String(format: "%@-doc%02d", batchName, documentNumber), source: source,
                folderName: station ?? "scanner", profile: profile,
                sourceDescription: "scanner \(device), batch \(batchName), pages \(pageNumbers.map(String.init).joined(separator: ","))")
            progress.documents.append(ScanDocumentResult(sourcePages: pageNumbers, outcome: outcome))
            emit()
        }
        func take(_ page: StackPage) async {
            if page.recognized != nil { progress.pagesRecognized += 1 }
            if let closed = splitter.add(page.evidence) { await commitDocument(closed) }
            if !page.evidence.blank { open[page.index] = page }
            progress.documentsFound = progress.documents.count + (splitter.openDocument.isEmpty ? 0 : 1)
            progress.droppedPages = splitter.dropped.map(\.page).sorted()
            progress.pagesDropped = progress.droppedPages.count
            emit()
        }

        progress.phase = .scanning
        emit()
        do {
            for try await frame in batch.pages {
                progress.pagesScanned += 1
                emit()
                let index = frame.index
                inFlight.append(Task { await Self.analyze(frame, analyzer: analyzer, logger: self.logger, index: index) })
                while inFlight.count >= window {
                    await take(await inFlight.removeFirst().value)
                }
            }
            progress.phase = .finishing
        } catch let error as ScannerError {
            progress.error = error.description
            progress.errorCode = error.code
            if case .cancelled = error { progress.phase = .cancelled } else { progress.phase = .failed }
            logger.warning("scan ended: \(error)")
        } catch {
            progress.error = String(describing: error)
            progress.errorCode = "scanner_error"
            progress.phase = .failed
        }
        let ending = progress.phase
        emit()
        // Everything scanned before the end or the error is kept.
        for task in inFlight { await take(await task.value) }
        inFlight.removeAll()
        if let last = splitter.finish() { await commitDocument(last) }
        progress.documentsFound = progress.documents.count
        progress.droppedPages = splitter.dropped.map(\.page).sorted()
        progress.pagesDropped = progress.droppedPages.count
        progress.phase = ending == .finishing ? .finished : ending
        if progress.phase == .failed, progress.errorCode == ScannerError.noDocuments.code, progress.pagesScanned > 0 {
            progress.phase = .finished
        }
        emit()
        return progress
    }

    /// Frame → page image (+ its JPEG for the archive) → blank check → OCR. A page OCR
    /// cannot read is kept (with no text) rather than dropped.
    static func analyze(_ frame: ScannedFrame, analyzer: StackPageAnalyzer, logger: Logger, index: Int) async -> StackPage {
        let decoded: DecodedPage
        do {
            let image = try PageImage.fromRaster(width: frame.width, height: frame.height, channels: frame.channels,
                                                 dpi: frame.dpi, pixels: frame.pixels)
            decoded = DecodedPage(number: index, image: image, dpi: frame.dpi, dpiAssumed: false,
                                  originalJPEG: try image.jpegData(quality: 90))
        } catch {
            logger.error("page \(index) could not be converted: \(error)")
            let image = PageImage.blank(width: max(1, frame.width), height: max(1, frame.height), dpi: frame.dpi)
            decoded = DecodedPage(number: index, image: image, dpi: frame.dpi, dpiAssumed: false, originalJPEG: nil)
        }
        do {
            return try await analyzer.analyze(decoded, index: index)
        } catch {
            logger.error("page \(index) could not be recognised, it is kept without text: \(error)")
            return StackPage.unrecognized(decoded, index: index)
        }
    }

    static func stamp() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: Date())
    }
}

extension StackPage {
    /// A page kept with no OCR text (OCR failed): it stays with the document before it.
    static func unrecognized(_ page: DecodedPage, index: Int) -> StackPage {
        let prepared = PreparedPage(source: page, rotation: 0, orientationConfidence: 0, skewAngle: 0, ocrImage: page.image)
        let layout = PageLayout(width: page.image.width, height: page.image.height, dpi: page.dpi, rotation: 0,
                                skewAngle: 0, words: [], meanConfidence: 0)
        return StackPage(index: index, decoded: page, ink: InkStatistics(markCount: 0, inkFraction: 0, paperLevel: 0),
                         recognized: RecognizedPage(prepared: prepared, layout: layout),
                         evidence: PageEvidence(blank: false, wordCount: 0), ocrSeconds: 0)
    }
}
