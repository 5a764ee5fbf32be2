import Extraction
import Foundation
import Pipeline

/// `intake extract`: `{"id", "<field>": value|null, …, "confidence": {…}, "boxes": {…}, "seconds"}`.
/// Field values are plain, so `score.py` reads the output as predictions.
struct ExtractionReport: Encodable {
    var id: String
    var fields: [String: FieldValue] = [:]
    var confidence: [String: Double] = [:]
    var boxes: [String: BoxReport] = [:]
    var seconds: Double?
    var extractionSeconds: Double?
    /// Required fields below their acceptance threshold: empty means the daemon would send
    /// the document straight to the leader (unless a secrecy mark holds it).
    var doubtful: [String]?
    var error: String?

    enum FieldValue: Encodable {
        case text(String?)
        case list([String])
        case flag(Bool?)

        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let v): try c.encode(v)
            case .list(let v): try c.encode(v)
            case .flag(let v): try c.encode(v)
            }
        }
    }

    struct BoxReport: Encodable {
        var page: Int
        var box: [Int]
    }

    init(id: String, reading: DocumentReader.Reading) {
        self.id = id
        seconds = (reading.seconds * 100).rounded() / 100
        extractionSeconds = (reading.extractionSeconds * 100).rounded() / 100
        doubtful = AcceptancePolicy().doubtfulFields(in: reading.fields)
        // Every field is present (null when not found), so scripts can rely on the keys.
        for name in FieldName.all {
            let field = reading.fields[name]
            switch name {
            case FieldName.noiNhan: fields[name] = field?.values.map(FieldValue.list) ?? .text(nil)
            case FieldName.hasArrivalStamp: fields[name] = .flag(field?.value.map { $0 == "true" })
            default: fields[name] = .text(field?.value)
            }
            if let field {
                confidence[name] = (field.confidence * 1000).rounded() / 1000
                if let page = field.page, let box = field.box { boxes[name] = BoxReport(page: page, box: box.asArray) }
            }
        }
    }

    init(id: String, error: String) {
        self.id = id
        self.error = error
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(id, forKey: Key("id"))
        for (name, value) in fields { try c.encode(value, forKey: Key(name)) }
        try c.encode(confidence, forKey: Key("confidence"))
        try c.encode(boxes, forKey: Key("boxes"))
        try c.encode(seconds, forKey: Key("seconds"))
        try c.encode(extractionSeconds, forKey: Key("extraction_seconds"))
        if let doubtful { try c.encode(doubtful, forKey: Key("doubtful")) }
        if let error { try c.encode(error, forKey: Key("error")) }
    }
}
