/// One field as read from the scan.
public struct ExtractedField: Sendable, Hashable {
    public var value: String?
    /// For list fields (`noi_nhan`).
    public var values: [String]?
    /// 0…1: how sure the reader is. Calibrated against the corpus by `AcceptancePolicy`.
    public var confidence: Double
    public var page: Int?
    public var box: Box?

    public init(value: String?, values: [String]? = nil, confidence: Double, page: Int? = nil, box: Box? = nil) {
        self.value = value
        self.values = values
        self.confidence = max(0, min(1, confidence))
        self.page = page
        self.box = box
    }

    static func missing(confidence: Double = 0) -> ExtractedField { ExtractedField(value: nil, confidence: confidence) }
}

/// The field names of the corpus ground truth and of the register's readings.
public enum FieldName {
    public static let soKyHieu = "so_ky_hieu"
    public static let so = "so"
    public static let kyHieu = "ky_hieu"
    public static let ngayVanBan = "ngay_van_ban"
    public static let diaDanh = "dia_danh"
    public static let coQuanChuQuan = "co_quan_chu_quan"
    public static let coQuanBanHanh = "co_quan_ban_hanh"
    public static let loaiVanBan = "loai_van_ban"
    public static let trichYeu = "trich_yeu"
    public static let nguoiKy = "nguoi_ky"
    public static let chucVu = "chuc_vu"
    public static let quyenHanKy = "quyen_han_ky"
    public static let doKhan = "do_khan"
    public static let doMat = "do_mat"
    public static let noiNhan = "noi_nhan"
    public static let kinhGui = "kinh_gui"
    public static let hasArrivalStamp = "has_arrival_stamp"

    /// What the register needs before a document can go to the leader unchecked.
    public static let required = [soKyHieu, ngayVanBan, coQuanBanHanh, loaiVanBan, trichYeu]

    public static let all = [soKyHieu, so, kyHieu, ngayVanBan, diaDanh, coQuanChuQuan, coQuanBanHanh, loaiVanBan,
                             trichYeu, nguoiKy, chucVu, quyenHanKy, doKhan, doMat, noiNhan, kinhGui, hasArrivalStamp]
}

/// Everything read from one document.
public struct ExtractedFields: Sendable {
    public var fields: [String: ExtractedField]

    public init(fields: [String: ExtractedField] = [:]) {
        self.fields = fields
    }

    public subscript(name: String) -> ExtractedField? {
        get { fields[name] }
        set { fields[name] = newValue }
    }

    public func value(_ name: String) -> String? { fields[name]?.value }
}
