import Foundation
import GRDB
@testable import Registry
import Testing

/// Generates a large register for the performance check (`scripts/gen-registry.sh`):
/// `INTAKE_PERF_REGISTRY=DIR INTAKE_PERF_COUNT=100000`. Disabled otherwise.
///
/// Rows are written in large transactions straight through the register's own connection
/// pool (so the Vietnamese FTS tokenizer and every trigger run as in production), which is
/// what `Registry.register` writes minus one fsync per document. Deterministic (seeded).
@Suite("Performance registry generator")
struct PerfRegistryGenerator {
    static let directory = ProcessInfo.processInfo.environment["INTAKE_PERF_REGISTRY"]

    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let types: [(String, String)] = [("Công văn", ""), ("Quyết định", "QĐ"), ("Thông báo", "TB"), ("Kế hoạch", "KH"),
                                            ("Báo cáo", "BC"), ("Giấy mời", "GM"), ("Tờ trình", "TTr"), ("Chỉ thị", "CT"),
                                            ("Hướng dẫn", "HD"), ("Công điện", "CĐ")]
    static let agencies: [(String, String)] = [("UBND TỈNH SƠN LA", "UBND"), ("SỞ NỘI VỤ", "SNV"), ("SỞ TÀI CHÍNH", "STC"),
                                               ("BỘ NỘI VỤ", "BNV"), ("SỞ Y TẾ", "SYT"), ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT"),
                                               ("CÔNG AN TỈNH", "CAT"), ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SKHĐT"),
                                               ("UBND HUYỆN MAI SƠN", "UBND"), ("BẢO HIỂM XÃ HỘI TỈNH", "BHXH")]
    static let topics = ["ban hành quy chế làm việc", "tổ chức hội nghị tổng kết năm", "triển khai công tác phòng chống thiên tai",
                         "báo cáo tình hình kinh tế xã hội", "cải cách hành chính", "tuyển dụng công chức", "quyết toán ngân sách",
                         "phòng chống dịch bệnh", "chuyển đổi số trong cơ quan nhà nước", "giải quyết kiến nghị của công dân",
                         "kiểm tra công tác văn thư lưu trữ", "đầu tư xây dựng trường học", "bảo hiểm y tế học sinh",
                         "an toàn giao thông dịp lễ", "thi đua khen thưởng", "quản lý đất đai", "bồi thường giải phóng mặt bằng"]
    static let words = ("căn cứ luật tổ chức chính quyền địa phương ngày tháng năm theo đề nghị của giám đốc sở các cơ quan đơn vị "
                        + "có liên quan chịu trách nhiệm thi hành quyết định này kể từ ngày ký ủy ban nhân dân tỉnh thực hiện "
                        + "nghiêm túc báo cáo kết quả về văn phòng trước ngày để tổng hợp kinh phí nguồn ngân sách nhà nước "
                        + "nơi nhận như điều lưu văn thư phó chủ tịch thường trực hội đồng nhân dân huyện xã phường thị trấn").split(separator: " ").map(String.init)

    @Test(.enabled(if: directory != nil), .timeLimit(.minutes(60))) func generate() throws {
        let count = Int(ProcessInfo.processInfo.environment["INTAKE_PERF_COUNT"] ?? "") ?? 100_000
        let data = URL(fileURLWithPath: Self.directory!)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let registry = try Registry(path: data.appendingPathComponent("registry.sqlite").path)
        let pdf = data.appendingPathComponent("perf-sample.pdf")
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/scan-2p.pdf")
        try? FileManager.default.copyItem(at: fixture, to: pdf)

        var rng = SeededRandom(state: 20_261_121)
        let existing = try registry.dbPool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM incoming_document") ?? 0 }
        let start = Date().addingTimeInterval(-3 * 365 * 86400)
        let step = 3 * 365 * 86400 / Double(count)
        var nextNumber: [Int: Int] = [:]
        let batch = 2000
        var made = 0
        while made < count {
            try registry.dbPool.write { db in
                for _ in 0..<min(batch, count - made) {
                    let i = existing + made
                    made += 1
                    let arrived = start.addingTimeInterval(Double(made) * step)
                    let year = VietnamTime.year(of: arrived)
                    let roll = Int.random(in: 0..<1000, using: &rng)
                    let status: DocumentStatus = roll < 10 ? .confidentialHold : roll < 60 ? .needsReview : roll < 110 ? .awaitingAssignment : .assigned
                    let (type, abbreviation) = Self.types.randomElement(using: &rng)!
                    let (agency, agencyCode) = Self.agencies.randomElement(using: &rng)!
                    let topic = Self.topics.randomElement(using: &rng)!
                    let number = String(format: "%02d", Int.random(in: 1...2500, using: &rng))
                    let notation = abbreviation.isEmpty ? "\(agencyCode)-VP" : "\(abbreviation)-\(agencyCode)"
                    let pages = Int.random(in: 1...3, using: &rng)
                    var arrival: ArrivalNumber?
                    if status != .confidentialHold {
                        let n = (nextNumber[year] ?? 0) + 1
                        nextNumber[year] = n
                        arrival = ArrivalNumber(year: year, number: n)
                    }
                    var metadata = DocumentMetadata(readings: [
                        "so_ky_hieu": FieldReading(value: "\(number)/\(notation)", confidence: Double.random(in: 0.5...1, using: &rng), page: 1, box: [200, 560, 500, 60]),
                        "co_quan_ban_hanh": FieldReading(value: agency, confidence: Double.random(in: 0.7...1, using: &rng), page: 1, box: [400, 80, 260, 60]),
                    ], doubtfulFields: status == .needsReview && roll % 2 == 0 ? ["so_ky_hieu"] : [])
                    if status != .confidentialHold {
                        metadata.typeName = type
                        metadata.codeNumber = number
                        metadata.codeNotation = notation
                        metadata.organName = agency
                        metadata.subject = "Về việc \(topic)"
                        metadata.issuedDate = VietnamTime.day(of: arrived.addingTimeInterval(-3 * 86400))
                        metadata.priority = roll % 37 == 0 ? Int.random(in: 1...3, using: &rng) : 0
                    }
                    let new = NewIncomingDocument(
                        id: String(format: "perf-%07d", i), sourceKind: .folder, sourceName: "inbox",
                        originalFileName: "scan-\(i).pdf", sha256: String(format: "perf-sha-%07d", i), receivedAt: arrived,
                        pages: [], status: status, metadata: metadata)
                    var document = IncomingDocument(new, arrival: arrival, now: arrived.addingTimeInterval(Double(pages) * 6))
                    document.pageCount = pages
                    document.pdfPath = pdf.path
                    try document.insert(db)
                    for p in 1...pages {
                        var text = p == 1 ? "\(agency) Số: \(number)/\(notation) \(type.uppercased()) Về việc \(topic) " : ""
                        for _ in 0..<Int.random(in: 120...220, using: &rng) { text += Self.words.randomElement(using: &rng)! + " " }
                        var page = DocumentPage(id: nil, documentId: new.id, pageNumber: p,
                                                ocrText: status == .confidentialHold ? nil : text, meanConfidence: 85,
                                                width: 1654, height: 2339, dpi: 200, rotation: 0)
                        try page.insert(db)
                    }
                    try Registry.logEvent(documentID: new.id, kind: status == .confidentialHold ? EventKind.confidentialHeld : EventKind.registered,
                                          actor: "system", detail: ["arrival_number": arrival?.description ?? ""],
                                          at: arrived.addingTimeInterval(Double(pages) * 6), db)
                    if status == .assigned {
                        var a = Assignment(id: nil, documentId: new.id, assignee: "Phòng Tổng hợp", role: "lead", instruction: nil,
                                           dueDate: nil, assignedBy: "lanhdao", assignedAt: VietnamTime.iso8601(arrived.addingTimeInterval(86400)))
                        try a.insert(db)
                    }
                }
            }
        }
        try registry.dbPool.writeWithoutTransaction { try $0.execute(sql: "ANALYZE") }
    }
}
