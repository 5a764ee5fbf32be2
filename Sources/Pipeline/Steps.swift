import Capture
import Foundation
import Logging
import OCR
import Registry

// The named steps of the pipeline, in the order a document passes them:
// Claim (Capture) → Decode → Recognize → RenderPDF → Register → Finish.
// Each step is a small value with one job; `DocumentProcessor` strings them together.

/// Step 3: file bytes → page rasters (Leptonica for images, poppler for PDFs).
struct DecodeStep: Sendable {
    let decoder: DocumentDecoder

    func run(_ claim: ClaimedFile) throws -> DecodedDocument {
        try decoder.decode(fileAt: URL(fileURLWithPath: claim.workPath))
    }
}

/// One page after steps 4–5: prepared (upright, deskewed) and recognised.
struct RecognizedPage: @unchecked Sendable {
    let prepared: PreparedPage
    let layout: PageLayout
}

/// Steps 4–5: prepare each page and OCR it. Pages of one document are recognised
/// concurrently; the engine pool bounds how many run at once.
struct RecognizeStep: Sendable {
    let recognizer: PageRecognizer

    func run(_ document: DecodedDocument) async throws -> [RecognizedPage] {
        try await withThrowingTaskGroup(of: (Int, RecognizedPage).self) { group in
            for (index, page) in document.pages.enumerated() {
                group.addTask {
                    let (prepared, layout, _) = try await recognizer.recognizeUpright(page)
                    return (index, RecognizedPage(prepared: prepared, layout: layout))
                }
            }
            var pages = [RecognizedPage?](repeating: nil, count: document.pages.count)
            for try await (index, page) in group { pages[index] = page }
            return pages.map { $0! }
        }
    }
}

/// Step 6: the searchable PDF/A, written durably where the registry says.
struct RenderPDFStep: Sendable {
    let writer = SearchablePDFWriter()
    let pdfDirectory: String

    /// `var/pdf/2026/2026-000012.pdf`: named by arrival number, so a rolled-back
    /// transaction leaves at most a file the next registration of that number overwrites.
    func path(for arrival: ArrivalNumber) -> String {
        let name = String(format: "%04d-%06d.pdf", arrival.year, arrival.number)
        return URL(fileURLWithPath: pdfDirectory)
            .appendingPathComponent(String(arrival.year))
            .appendingPathComponent(name).path
    }

    func run(_ pages: [RecognizedPage], arrival: ArrivalNumber, claim: ClaimedFile, documentID: String,
             fields: DocumentMetadata) throws -> String {
        let destination = path(for: arrival)
        try FileManager.default.createDirectory(
            atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Title and subject from the register: type and number, and the trích yếu.
        let number = [fields.codeNumber, fields.codeNotation].compactMap { $0 }.joined(separator: "/")
        let title = [fields.typeName, number.isEmpty ? nil : number].compactMap { $0 }.joined(separator: " ")
        let metadata = PDFMetadata(
            title: title.isEmpty ? "Văn bản đến số \(arrival)" : title,
            subject: fields.subject ?? "Văn bản đến số \(arrival) — tệp gốc \(claim.originalName)",
            author: fields.organName,
            keywords: "Số đến \(arrival)",
            creationDate: Date(),
            documentID: Self.documentIDBytes(documentID))
        try writer.write(pages: pages.map(Self.content), metadata: metadata, to: URL(fileURLWithPath: destination))
        return destination
    }

    static func content(of page: RecognizedPage) -> PDFPageContent {
        let layout = page.layout
        return PDFPageContent(
            image: page.prepared.source.image,
            originalJPEG: page.prepared.source.originalJPEG,
            dpi: page.prepared.source.dpi,
            rotation: page.prepared.rotation,
            words: layout.words.map {
                PDFWord(text: $0.text, x: $0.box.x, y: $0.box.y, width: $0.box.width, height: $0.box.height,
                        angle: layout.skewAngle)
            })
    }

    /// The PDF trailer's /ID: the 16 bytes of the document's UUID.
    static func documentIDBytes(_ id: String) -> [UInt8] {
        guard let uuid = UUID(uuidString: id) else { return Array(id.utf8.prefix(16)) + [UInt8](repeating: 0, count: max(0, 16 - id.utf8.count)) }
        return withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }
}

/// Step 7: one transaction allocates the arrival number, writes the PDF under it and
/// inserts the document, its pages and the `registered` event.
struct RegisterStep: Sendable {
    let registry: Registry
    let render: RenderPDFStep

    func run(_ claim: ClaimedFile, pages: [RecognizedPage], source: IngestSource, receivedAt: Date,
             metadata: DocumentMetadata, status: DocumentStatus) throws -> IncomingDocument {
        let new = newDocument(claim, pages: pages, source: source, receivedAt: receivedAt, status: status, metadata: metadata)
        return try registry.register(new) { arrival in
            try render.run(pages, arrival: arrival, claim: claim, documentID: claim.id, fields: metadata)
        }
    }

    /// A document with a secrecy mark: no arrival number, no text, no PDF, no fields — only
    /// that it arrived, from where, and where its original is kept for the clerk.
    func hold(_ claim: ClaimedFile, pages: [RecognizedPage], source: IngestSource, receivedAt: Date,
              directory: String) throws -> IncomingDocument {
        let new = newDocument(claim, pages: pages, source: source, receivedAt: receivedAt,
                              status: .confidentialHold, metadata: DocumentMetadata())
        return try registry.holdConfidential(new) {
            URL(fileURLWithPath: directory).appendingPathComponent(FinishStep.safeName(claim)).path
        }
    }

    private func newDocument(_ claim: ClaimedFile, pages: [RecognizedPage], source: IngestSource, receivedAt: Date,
                             status: DocumentStatus, metadata: DocumentMetadata) -> NewIncomingDocument {
        NewIncomingDocument(
            id: claim.id,
            sourceKind: source.kind,
            sourceName: source.name,
            originalFileName: claim.originalName,
            sha256: claim.sha256,
            receivedAt: receivedAt,
            pages: pages.enumerated().map { index, page in
                NewPage(
                    pageNumber: index + 1,
                    ocrText: page.layout.text,
                    meanConfidence: page.layout.meanConfidence,
                    width: page.layout.width,
                    height: page.layout.height,
                    dpi: page.layout.dpi,
                    rotation: page.layout.rotation)
            },
            status: status,
            metadata: metadata)
    }
}

/// Step 8: the original leaves the work folder only after the PDF and the registration
/// are durable: to the archive when registered, aside with a reason otherwise.
struct FinishStep: Sendable {
    let workFolder: WorkFolder
    let archiveDirectory: String
    let failedDirectory: String
    let duplicateDirectory: String
    let confidentialDirectory: String

    func archive(_ claim: ClaimedFile, as document: IncomingDocument) throws -> String {
        if document.status == .confidentialHold {
            // Restricted: only the daemon's user may read it (created 0700).
            try FileManager.default.createDirectory(
                atPath: confidentialDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return try workFolder.finish(claim, movingTo: confidentialDirectory, name: Self.safeName(claim))
        }
        let arrival = document.arrival
        let year = arrival.map { String($0.year) } ?? "unnumbered"
        let prefix = arrival.map { String(format: "%04d-%06d_", $0.year, $0.number) } ?? ""
        let directory = URL(fileURLWithPath: archiveDirectory).appendingPathComponent(year).path
        return try workFolder.finish(claim, movingTo: directory, name: prefix + Self.safeName(claim))
    }

    func reject(_ claim: ClaimedFile, reason: String) throws -> String {
        try workFolder.reject(claim, into: failedDirectory, reason: reason)
    }

    func setAsideDuplicate(_ claim: ClaimedFile, reason: String) throws -> String {
        try workFolder.reject(claim, into: duplicateDirectory, reason: reason)
    }

    /// The work folder already keeps the file under a sanitised name.
    static func safeName(_ claim: ClaimedFile) -> String {
        URL(fileURLWithPath: claim.workPath).lastPathComponent
    }
}
