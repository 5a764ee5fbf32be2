import Foundation

/// How one metadata field was read from the scan: the value, how sure the reader is, and
/// where on which page it stands (so the review screen can show the spot).
public struct FieldReading: Codable, Sendable, Hashable {
    /// The value as text (lists such as `noi_nhan` are JSON arrays in `values`).
    public var value: String?
    public var values: [String]?
    /// 0…1, calibrated: a reading above its field's threshold is right ≥ 99.5 % of the time.
    public var confidence: Double
    /// 1-based page, and the pixel rectangle [x, y, width, height] on the upright page image.
    public var page: Int?
    public var box: [Int]?

    public init(value: String?, values: [String]? = nil, confidence: Double, page: Int? = nil, box: [Int]? = nil) {
        self.value = value
        self.values = values
        self.confidence = confidence
        self.page = page
        self.box = box
    }
}

/// The metadata a recogniser (or a person) gives a document, in the register's terms.
/// Keys of `readings` are the field names of the corpus ground truth (`so_ky_hieu`,
/// `ngay_van_ban`, `co_quan_ban_hanh`, …).
public struct DocumentMetadata: Sendable, Hashable {
    public var typeName: String?
    public var codeNumber: String?
    public var codeNotation: String?
    /// ISO date `yyyy-mm-dd`.
    public var issuedDate: String?
    public var organName: String?
    public var parentOrganName: String?
    public var placeName: String?
    public var subject: String?
    public var signerPosition: String?
    public var signerName: String?
    public var signingAuthority: String?
    /// 0 normal, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ.
    public var priority: Int?
    public var secrecy: String?
    public var toPlaces: [String]?
    public var recipients: String?
    public var hasArrivalStamp: Bool?
    public var readings: [String: FieldReading]
    /// Required fields below their acceptance threshold: what the supervisor must check.
    public var doubtfulFields: [String]

    public init(readings: [String: FieldReading] = [:], doubtfulFields: [String] = []) {
        self.readings = readings
        self.doubtfulFields = doubtfulFields
    }
}
