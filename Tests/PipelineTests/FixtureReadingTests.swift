import Extraction
import Foundation
import Pipeline
import Testing

/// Reads committed scans with the real decode → prepare → OCR → extract steps, as
/// `intake extract` does, and compares with their ground truth (Tests/Fixtures/*.truth.json,
/// written by ../shared/corpus/generate.py).
@Suite(.serialized) struct FixtureReadingTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Read {
        let fields: ExtractedFields
        let truth: [String: Any]

        func value(_ name: String) -> String? { fields.value(name) }
        func truth(_ name: String) -> String? { truth[name] as? String }
    }

    func read(_ name: String) async throws -> Read {
        var configuration = IntakeConfiguration()
        configuration.ocr.engines = 1
        let reader = try DocumentReader(configuration: configuration)
        let reading = try await reader.read(path: Self.fixtures.appendingPathComponent(name).path).get()
        let base = (name as NSString).deletingPathExtension
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(base + ".truth.json"))
        let truth = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return Read(fields: reading.fields, truth: truth)
    }

    /// The promise to the leader: a required field is either right or marked doubtful for the
    /// supervisor — never wrong and accepted.
    func expectRightOrDoubtful(_ read: Read, sourceLocation: SourceLocation = #_sourceLocation) {
        let doubtful = AcceptancePolicy().doubtfulFields(in: read.fields)
        for name in FieldName.required where !doubtful.contains(name) {
            #expect(read.value(name)?.lowercased() == read.truth(name)?.lowercased(), "\(name) accepted but wrong",
                    sourceLocation: sourceLocation)
        }
    }

    /// Each of `names` read exactly as printed.
    func expectAsPrinted(_ read: Read, _ names: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for name in names {
            #expect(read.value(name) == read.truth(name), "\(name)", sourceLocation: sourceLocation)
        }
    }

    @Test func aGiayMoiMarkedKhanIsReadFieldByField() async throws {
        let read = try await read("giay-moi-khan.jpg")
        for name in [FieldName.soKyHieu, FieldName.ngayVanBan, FieldName.coQuanBanHanh, FieldName.loaiVanBan,
                     FieldName.trichYeu, FieldName.nguoiKy, FieldName.chucVu] {
            #expect(read.value(name)?.lowercased() == read.truth(name)?.lowercased(), "\(name)")
        }
        #expect(read.value(FieldName.doKhan) == "Khẩn")
        #expect(read.value(FieldName.doMat) == nil)
        expectRightOrDoubtful(read)
    }

    @Test func aCongDienAndItsHoaTocMark() async throws {
        let read = try await read("cong-dien.jpg")
        #expect(read.value(FieldName.loaiVanBan) == "Công điện")
        expectAsPrinted(read, [FieldName.soKyHieu, FieldName.coQuanBanHanh, FieldName.trichYeu])
        #expect(read.value(FieldName.doKhan) == "Hỏa tốc")
        expectRightOrDoubtful(read)
    }

    /// 517/2021/QĐ-UBND with the number written by hand in the blank, on a page fed 1.8° askew.
    @Test func aYearBearingHandwrittenNumberOnASkewedPage() async throws {
        let read = try await read("quyet-dinh-hoa-toc.jpg")
        #expect(read.value(FieldName.kyHieu) == "2021/QĐ-UBND")
        #expect(read.value(FieldName.loaiVanBan) == "Quyết định")
        expectAsPrinted(read, [FieldName.ngayVanBan, FieldName.coQuanBanHanh, FieldName.chucVu])
        #expect(read.value(FieldName.doKhan) == "Hỏa tốc")
        // Handwriting is often misread: then the number must go to the supervisor.
        expectRightOrDoubtful(read)
    }

    /// A red KHẨN photographed on tinted paper: its letters break apart on the red ink alone,
    /// and read whole on the luminance.
    @Test func aRedKhanOnAPhonesTintedPage() async throws {
        let read = try await read("khan-phone.pdf")
        #expect(read.value(FieldName.doKhan) == "Khẩn")
        #expect(read.value(FieldName.doMat) == nil)
        expectRightOrDoubtful(read)
    }

    /// 1505 stamped in violet by a numbering machine whose zero has a dot inside (read 8 or 6
    /// with the dot), on a page stored a quarter turned.
    @Test func aNumberStampedWithADottedZero() async throws {
        let read = try await read("rotated-90.jpg")
        expectAsPrinted(read, [FieldName.soKyHieu])
        expectRightOrDoubtful(read)
    }

    /// The ĐẾN arrival stamp over the agency header: its handwritten number is not the
    /// document's, and a header it garbles is not accepted.
    @Test func anArrivalStampOverTheHeader() async throws {
        let read = try await read("thong-bao-stamp.jpg")
        #expect(read.value(FieldName.hasArrivalStamp) == "true")
        #expect(read.value(FieldName.loaiVanBan) == "Thông báo")
        expectAsPrinted(read, [FieldName.trichYeu])
        let stampNumber = (read.truth["arrival_stamp"] as? [String: Any])?["so_den"] as? String
        #expect(read.value(FieldName.so) == nil || read.value(FieldName.so) != stampNumber)
        expectRightOrDoubtful(read)
    }
}
