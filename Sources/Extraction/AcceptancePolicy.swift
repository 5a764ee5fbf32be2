/// Decides whether a document can go to the leader without a supervisor's check: every
/// required field must be read above its threshold. Thresholds are calibrated on the
/// corpus (`scripts/bench-extract.sh` prints the calibration) so that an accepted field
/// is right at least 99.5 % of the time.
public struct AcceptancePolicy: Sendable {
    public var thresholds: [String: Double]

    public init(thresholds: [String: Double] = AcceptancePolicy.calibrated) {
        self.thresholds = thresholds
    }

    /// Replayed on 617 generated documents (the dev content at normal, hard and easy
    /// difficulty, an unseen content file at the three, and sets where most documents carry a
    /// secrecy mark; `scripts/bench-extract.sh`, `intake extract --layout-out`): 50 documents
    /// went straight through, all right in every field. Accepted and wrong per field: number
    /// 338 / 2 (a digit misread at 0.92, a unit cut short at 0.9), date 503 / 0, agency
    /// 307 / 0, type 548 / 0, summary 200 / 0. The summary decides most: OCR reads a tone mark
    /// wrong ("tố chức", "đấy mạnh") as confidently as the rest, so its confidence is its
    /// words' only when the vocabulary confirms every one of them (`Proofreader`). A type told
    /// by the symbol alone (0.5) is checked by a person. The agency's confidence weighs what
    /// the domain knows (a known kind of body, a complete name, the symbol's initials, the
    /// date line's place, garbled characters, a weak word).
    public static let calibrated: [String: Double] = [
        FieldName.soKyHieu: 0.88,
        FieldName.ngayVanBan: 0.90,
        FieldName.coQuanBanHanh: 0.94,
        FieldName.loaiVanBan: 0.55,
        FieldName.trichYeu: 0.955,
    ]

    /// The required fields a supervisor must check (empty: accept).
    public func doubtfulFields(in fields: ExtractedFields) -> [String] {
        FieldName.required.filter { name in
            guard let field = fields[name], field.value != nil else { return true }
            return field.confidence < (thresholds[name] ?? 1)
        }
    }
}
