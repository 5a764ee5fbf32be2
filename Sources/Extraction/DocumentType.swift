/// The document types of Nghị định 30 (Phụ lục III) that arrive as incoming mail, with the
/// abbreviation their symbol carries (`QĐ-UBND`) and the heading printed on them.
public struct DocumentType: Sendable, Hashable {
    /// Sentence case, as the register writes it: "Quyết định".
    public let name: String
    /// The symbol's type part; nil for Công văn and Thư công, which have none.
    public let abbreviation: String?

    /// The heading in capitals ("QUYẾT ĐỊNH"); Công văn has no heading.
    public var heading: String { name.uppercased() }

    public static let congVan = DocumentType(name: "Công văn", abbreviation: nil)

    /// Phụ lục III. Longer names first so that "Giấy mời" wins over "Giấy".
    public static let all: [DocumentType] = [
        .init(name: "Nghị quyết", abbreviation: "NQ"),
        .init(name: "Quyết định", abbreviation: "QĐ"),
        .init(name: "Chỉ thị", abbreviation: "CT"),
        .init(name: "Quy chế", abbreviation: "QC"),
        .init(name: "Quy định", abbreviation: "QyĐ"),
        .init(name: "Thông cáo", abbreviation: "TC"),
        .init(name: "Thông báo", abbreviation: "TB"),
        .init(name: "Hướng dẫn", abbreviation: "HD"),
        .init(name: "Chương trình", abbreviation: "CTr"),
        .init(name: "Kế hoạch", abbreviation: "KH"),
        .init(name: "Phương án", abbreviation: "PA"),
        .init(name: "Đề án", abbreviation: "ĐA"),
        .init(name: "Dự án", abbreviation: "DA"),
        .init(name: "Báo cáo", abbreviation: "BC"),
        .init(name: "Biên bản", abbreviation: "BB"),
        .init(name: "Tờ trình", abbreviation: "TTr"),
        .init(name: "Hợp đồng", abbreviation: "HĐ"),
        .init(name: "Công điện", abbreviation: "CĐ"),
        .init(name: "Bản ghi nhớ", abbreviation: "BGN"),
        .init(name: "Bản thỏa thuận", abbreviation: "BTT"),
        .init(name: "Giấy ủy quyền", abbreviation: "GUQ"),
        .init(name: "Giấy mời", abbreviation: "GM"),
        .init(name: "Giấy giới thiệu", abbreviation: "GGT"),
        .init(name: "Giấy nghỉ phép", abbreviation: "GNP"),
        .init(name: "Phiếu gửi", abbreviation: "PG"),
        .init(name: "Phiếu chuyển", abbreviation: "PC"),
        .init(name: "Phiếu báo", abbreviation: "PB"),
        .init(name: "Bản sao y", abbreviation: "SY"),
        .init(name: "Bản trích sao", abbreviation: "TrS"),
        .init(name: "Bản sao lục", abbreviation: "SL"),
        .congVan,
    ]

    /// Whether `part` is a type's abbreviation as a symbol writes it (`QĐ`, `TTr`).
    public static func isAbbreviation(_ part: String) -> Bool {
        abbreviations.contains(part)
    }

    private static let abbreviations: Set<String> = Set(all.compactMap(\.abbreviation))

    /// The type whose abbreviation leads a symbol (`QĐ-UBND` → Quyết định); nil when the
    /// symbol starts with an agency (a Công văn's `UBND-VX`).
    public static func forSymbol(_ symbol: String) -> DocumentType? {
        // "12/2024/QĐ-UBND": the type part follows the year.
        let parts = symbol.split(separator: "/").last.map(String.init) ?? symbol
        guard let head = parts.split(separator: "-").first.map(String.init) else { return nil }
        return all.first { $0.abbreviation == head }
    }
}
