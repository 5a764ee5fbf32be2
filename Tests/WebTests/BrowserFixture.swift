import Foundation
import Registry
import Testing

/// Fills a register for the browser tests (`Tests/browser/run.sh`) and the screenshots:
/// documents go in through `Registry.register`, as the pipeline puts them, without OCR.
/// Runs only when `INTAKE_WEB_FIXTURE` names the data directory to fill.
@Suite("Browser fixture")
struct BrowserFixture {
    static let directory = ProcessInfo.processInfo.environment["INTAKE_WEB_FIXTURE"]

    @Test(.enabled(if: directory != nil)) func fillRegister() throws {
        let data = URL(fileURLWithPath: Self.directory!)
        let registry = try Registry(path: data.appendingPathComponent("registry.sqlite").path)
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
        let scan = try Data(contentsOf: fixtures.appendingPathComponent("scan-2p.pdf"))
        let pdfDirectory = data.appendingPathComponent("pdf")
        try FileManager.default.createDirectory(at: pdfDirectory, withIntermediateDirectories: true)

        func add(_ name: String, status: DocumentStatus = .needsReview, metadata: DocumentMetadata, text: String, pages: Int = 2,
                 at date: Date = Date()) throws {
            let id = "fixture-\(name)"
            let doc = NewIncomingDocument(
                id: id, sourceKind: .folder, sourceName: "inbox", originalFileName: "\(name).pdf", sha256: "sha-\(name)",
                receivedAt: date,
                pages: (1...pages).map { NewPage(pageNumber: $0, ocrText: $0 == 1 ? text : "Trang \($0)", meanConfidence: 88,
                                                   width: 1654, height: 2339, dpi: 200) },
                status: status, metadata: metadata)
            let pdf = pdfDirectory.appendingPathComponent("\(id).pdf")
            if status == .confidentialHold {
                _ = try registry.holdConfidential(doc) { try scan.write(to: pdf); return pdf.path }
            } else {
                _ = try registry.register(doc) { _ in try scan.write(to: pdf); return pdf.path }
            }
        }

        // The document of the browser test: a Công văn of Bộ Nội vụ, its number misread.
        var m = DocumentMetadata(readings: [
            "so_ky_hieu": FieldReading(value: "1827/BNV-CCHC", confidence: 0.41, page: 1, box: [290, 332, 370, 50]),
            "co_quan_ban_hanh": FieldReading(value: "BỘ NỘI VỤ", confidence: 0.97, page: 1, box: [380, 176, 240, 62]),
            "ngay_van_ban": FieldReading(value: "2019-04-30", confidence: 0.93, page: 1, box: [896, 334, 524, 50]),
            "trich_yeu": FieldReading(value: "tham mưu giải quyết kiến nghị của hộ gia đình ông Vũ Văn Thành", confidence: 0.88,
                                      page: 1, box: [170, 385, 560, 95]),
            "loai_van_ban": FieldReading(value: "Công văn", confidence: 0.9),
            "kinh_gui": FieldReading(value: nil, values: ["Sở Tài chính"], confidence: 0.95, page: 1, box: [712, 536, 420, 50]),
            "nguoi_ky": FieldReading(value: "Vũ Quốc Lâm", confidence: 0.72, page: 2),
        ], doubtfulFields: ["so_ky_hieu", "nguoi_ky"])
        m.codeNumber = "1827"
        m.codeNotation = "BNV-CCHC"
        m.organName = "BỘ NỘI VỤ"
        m.issuedDate = "2019-04-30"
        m.typeName = "Công văn"
        m.subject = "Tham mưu giải quyết kiến nghị của hộ gia đình ông Vũ Văn Thành"
        m.placeName = "Hà Nội"
        m.recipients = "Sở Tài chính"
        m.signerName = "Vũ Quốc Lâm"
        m.signerPosition = "THỨ TRƯỞNG"
        m.signingAuthority = "KT."
        m.hasArrivalStamp = true
        try add("cong-van-bnv", metadata: m, text: "BỘ NỘI VỤ Số: 1872/BNV-CCHC V/v tham mưu giải quyết kiến nghị Kính gửi: Sở Tài chính")

        var urgent = DocumentMetadata()
        urgent.codeNumber = "05"
        urgent.codeNotation = "CĐ-UBND"
        urgent.organName = "UBND TỈNH SƠN LA"
        urgent.typeName = "Công điện"
        urgent.subject = "Về việc chủ động ứng phó với mưa lũ"
        urgent.priority = 3
        try add("cong-dien", metadata: urgent, text: "CÔNG ĐIỆN HỎA TỐC về việc chủ động ứng phó với mưa lũ")

        var decision = DocumentMetadata()
        decision.codeNumber = "399"
        decision.codeNotation = "QĐ-UBND"
        decision.organName = "UBND TỈNH SƠN LA"
        decision.typeName = "Quyết định"
        decision.subject = "Về việc ban hành Quy chế làm việc"
        decision.issuedDate = "2024-03-05"
        try add("quyet-dinh", status: .awaitingAssignment, metadata: decision, text: "QUYẾT ĐỊNH Về việc ban hành Quy chế làm việc")
        // The same letter once more (electronic and paper): a duplicate warning.
        try add("quyet-dinh-ban-giay", metadata: decision, text: "QUYẾT ĐỊNH Về việc ban hành Quy chế làm việc (bản giấy)")

        try add("mat", status: .confidentialHold, metadata: DocumentMetadata(), text: "MẬT")
        _ = try registry.recordFailure(NewIngestFailure(
            sourceName: "inbox", originalFileName: "may-photo-0042.pdf", sha256: nil,
            reason: "PDF bị hỏng: không đọc được trang 1", storedPath: data.appendingPathComponent("failed/may-photo-0042.pdf").path))
    }
}
