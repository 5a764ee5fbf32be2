import Foundation

/// Spelling of PDF primitive values. Locale-independent so files are identical everywhere.
enum PDFSyntax {
    /// A real number with at most 4 decimals and no exponent (PDF has no exponent syntax).
    static func number(_ value: Double) -> String {
        let scaled = (value * 10_000).rounded()
        guard scaled.isFinite, scaled != 0 else { return "0" }
        let magnitude = Int64(abs(scaled))
        var text = String(magnitude / 10_000)
        var fraction = String(magnitude % 10_000)
        if fraction != "0" {
            fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return scaled < 0 ? "-" + text : text
    }

    static func array(_ values: [Double]) -> String {
        "[" + values.map(number).joined(separator: " ") + "]"
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A text string: a literal for printable ASCII, otherwise UTF-16BE with BOM as a hex string
    /// (PDFDocEncoding cannot hold Vietnamese).
    static func textString(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            var escaped = ""
            for ch in text {
                if ch == "(" || ch == ")" || ch == "\\" { escaped.append("\\") }
                escaped.append(ch)
            }
            return "(" + escaped + ")"
        }
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        return "<" + hex(bytes) + ">"
    }

    /// The same instant spelled for the Info dictionary and for XMP; PDF/A requires them to agree.
    struct Timestamp {
        let info: String   // D:20240115103000+07'00'
        let xmp: String    // 2024-01-15T10:30:00+07:00

        init(_ date: Date, timeZone: TimeZone) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let offset = timeZone.secondsFromGMT(for: date) / 60
            let sign = offset < 0 ? "-" : "+"
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            let year = String(c.year!), hh = two(abs(offset) / 60), mm = two(abs(offset) % 60)
            info = "D:\(year)\(two(c.month!))\(two(c.day!))\(two(c.hour!))\(two(c.minute!))\(two(c.second!))\(sign)\(hh)'\(mm)'"
            xmp = "\(year)-\(two(c.month!))-\(two(c.day!))T\(two(c.hour!)):\(two(c.minute!)):\(two(c.second!))\(sign)\(hh):\(mm)"
        }
    }
}

/// A reference to an indirect object.
struct PDFRef: CustomStringConvertible {
    let number: Int
    var description: String { "\(number) 0 R" }
}
