import Extraction
import Registry

/// Extracted fields in the register's terms (Phụ lục VI columns plus the readings).
enum MetadataMapping {
    static func metadata(from fields: ExtractedFields, doubtful: [String]) -> DocumentMetadata {
        var readings: [String: FieldReading] = [:]
        for (name, field) in fields.fields {
            readings[name] = FieldReading(value: field.value, values: field.values, confidence: field.confidence,
                                          page: field.page, box: field.box?.asArray)
        }
        var m = DocumentMetadata(readings: readings, doubtfulFields: doubtful)
        m.typeName = fields.value(FieldName.loaiVanBan)
        m.codeNumber = fields.value(FieldName.so)
        m.codeNotation = fields.value(FieldName.kyHieu)
        m.issuedDate = fields.value(FieldName.ngayVanBan)
        m.organName = fields.value(FieldName.coQuanBanHanh)
        m.parentOrganName = fields.value(FieldName.coQuanChuQuan)
        m.placeName = fields.value(FieldName.diaDanh)
        m.subject = fields.value(FieldName.trichYeu)
        m.signerPosition = fields.value(FieldName.chucVu)
        m.signerName = fields.value(FieldName.nguoiKy)
        m.signingAuthority = fields.value(FieldName.quyenHanKy)
        m.priority = priority(fields.value(FieldName.doKhan))
        m.secrecy = fields.value(FieldName.doMat)
        m.toPlaces = fields[FieldName.noiNhan]?.values
        m.recipients = fields.value(FieldName.kinhGui)
        m.hasArrivalStamp = fields.value(FieldName.hasArrivalStamp).map { $0 == "true" }
        return m
    }

    /// Phụ lục VI Priority: 0 normal, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ.
    static func priority(_ urgency: String?) -> Int {
        switch urgency {
        case "Khẩn": 1
        case "Thượng khẩn": 2
        case "Hỏa tốc": 3
        case "Hỏa tốc hẹn giờ": 4
        default: 0
        }
    }

    /// A secrecy mark — or something that might be one — keeps the document out of the
    /// shared register. Unsure means hold: a false alarm costs a minute, a miss is a breach.
    static func mustHold(_ fields: ExtractedFields) -> Bool {
        guard let secrecy = fields[FieldName.doMat] else { return true }
        return secrecy.value != nil || secrecy.confidence < 0.5
    }
}
