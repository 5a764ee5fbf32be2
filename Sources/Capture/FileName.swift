/// A directory entry's name exactly as the kernel stores it: arbitrary bytes.
///
/// Copiers and SMB clients produce names that are not valid UTF-8 or that carry
/// control characters; `String`/`URL` would mangle them and we could then no
/// longer find the file. So the bytes are the identity, and `display` /
/// `safeName` are derived views for logs and for names we create ourselves.
public struct FileName: Sendable, Hashable, Codable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }

    public var description: String { display }

    public var isValidUTF8: Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// Contains C0/C1 control characters or DEL (newline, tab, escape…).
    public var hasControlCharacters: Bool {
        UTF8Scan.pieces(bytes).contains { piece in
            if case .scalar(let s) = piece { return s.isControl }
            return false
        }
    }

    /// Why this name must not enter the pipeline, or nil when it is acceptable.
    /// (The operator reads this in the reason file.)
    public var problem: String? {
        if bytes.isEmpty { return "the file name is empty" }
        if !isValidUTF8 { return "the file name is not valid UTF-8 (it was probably written with a legacy code page)" }
        if hasControlCharacters { return "the file name contains control characters (such as a line break or tab)" }
        if bytes.contains(UInt8(ascii: "/")) { return "the file name contains '/'" }
        if containsDotDot { return "the file name contains '..'" }
        return nil
    }

    var containsDotDot: Bool {
        guard bytes.count >= 2 else { return false }
        for i in 0..<(bytes.count - 1) where bytes[i] == UInt8(ascii: ".") && bytes[i + 1] == UInt8(ascii: ".") {
            return true
        }
        return false
    }

    /// Human-readable and unambiguous: invalid bytes as `\xNN`, control
    /// characters as `\n`, `\t`, `\r` or `\xNN`, and a backslash as `\\`.
    public var display: String {
        var out = ""
        for piece in UTF8Scan.pieces(bytes) {
            switch piece {
            case .invalid(let b):
                out += "\\x" + hex2(b)
            case .scalar(let s):
                switch s {
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                case "\\": out += "\\\\"
                default:
                    if s.isControl {
                        if s.value < 0x100 { out += "\\x" + hex2(UInt8(s.value)) }
                        else { out += "\\u{" + String(s.value, radix: 16) + "}" }
                    } else {
                        out.unicodeScalars.append(s)
                    }
                }
            }
        }
        return out
    }

    /// A name we can safely create anywhere: valid UTF-8, no control characters,
    /// no `/` or `\`, no leading dots (not hidden, never `.`/`..`), runs of dots
    /// collapsed to one, at most `maxBytes` UTF-8 bytes (the extension is kept),
    /// never empty.
    public var safeName: String { safeName(maxBytes: FileName.safeNameMaxBytes) }

    /// Leaves room below the 255-byte NAME_MAX for suffixes like `-12` and `.reason.txt`.
    public static let safeNameMaxBytes = 200

    public func safeName(maxBytes: Int) -> String {
        var scalars: [Unicode.Scalar] = []
        for piece in UTF8Scan.pieces(bytes) {
            let s: Unicode.Scalar
            switch piece {
            case .invalid: s = "_"
            case .scalar(let v): s = (v.isControl || v == "/" || v == "\\") ? "_" : v
            }
            // Collapse runs of dots so that `..` can never appear.
            if s == ".", scalars.last == "." { continue }
            scalars.append(s)
        }
        while let first = scalars.first, first == "." || first == " " { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "." { scalars.removeLast() }
        if scalars.isEmpty { return "unnamed" }
        return Self.truncate(scalars, maxBytes: max(maxBytes, 16))
    }

    /// Cuts on a scalar boundary, keeping a short extension (".pdf") at the end.
    private static func truncate(_ scalars: [Unicode.Scalar], maxBytes: Int) -> String {
        func utf8Count(_ s: ArraySlice<Unicode.Scalar>) -> Int { s.reduce(0) { $0 + UTF8.width($1) } }
        if utf8Count(scalars[...]) <= maxBytes { return String(String.UnicodeScalarView(scalars)) }
        var ext: ArraySlice<Unicode.Scalar> = []
        if let dot = scalars.lastIndex(of: "."), dot > 0, scalars.count - dot <= 10 {
            ext = scalars[dot...]
        }
        let budget = maxBytes - utf8Count(ext)
        var stem: [Unicode.Scalar] = []
        var used = 0
        for s in scalars[..<(scalars.count - ext.count)] {
            let w = UTF8.width(s)
            if used + w > budget { break }
            stem.append(s)
            used += w
        }
        return String(String.UnicodeScalarView(stem + ext))
    }
}

private func hex2(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
}

extension Unicode.Scalar {
    /// C0, DEL and C1 controls.
    var isControl: Bool { value < 0x20 || (value >= 0x7F && value < 0xA0) }
}

/// Splits bytes into valid UTF-8 scalars and single invalid bytes, so that an
/// invalid byte never swallows the valid text after it.
enum UTF8Scan {
    enum Piece: Equatable { case scalar(Unicode.Scalar), invalid(UInt8) }

    static func pieces(_ bytes: [UInt8]) -> [Piece] {
        var out: [Piece] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if let (scalar, length) = decode(bytes, at: i) {
                out.append(.scalar(scalar))
                i += length
            } else {
                out.append(.invalid(bytes[i]))
                i += 1
            }
        }
        return out
    }

    /// Strict decoding: rejects overlong forms, surrogates and values above U+10FFFF.
    static func decode(_ b: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        let lead = b[i]
        let length: Int
        var value: UInt32
        var minimum: UInt32
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F); minimum = 0x80
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F); minimum = 0x800
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07); minimum = 0x10000
        default: return nil
        }
        guard i + length <= b.count else { return nil }
        for k in 1..<length {
            let c = b[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            value = (value << 6) | UInt32(c & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
