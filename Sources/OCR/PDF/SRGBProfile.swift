import Foundation

/// A minimal ICC v2.1 sRGB display profile, built in code because no ICC file is guaranteed
/// on the host. It is the PDF/A output intent: the colour meaning of DeviceRGB pages.
/// Colorants are the sRGB primaries adapted to the D50 PCS (Bradford), as in IEC 61966-2-1
/// profiles; the tone curve is the sRGB transfer function sampled at 1024 points.
enum SRGBProfile {
    static let data: Data = build()

    private static func build() -> Data {
        let curve = trcCurve()
        let tags: [(signature: String, body: [UInt8])] = [
            ("desc", textDescription("sRGB IEC61966-2.1")),
            ("cprt", text("No copyright, use freely")),
            ("wtpt", xyz(0.9642, 1.0, 0.8249)),
            ("rXYZ", xyz(0.4360747, 0.2225045, 0.0139322)),
            ("gXYZ", xyz(0.3850649, 0.7168786, 0.0971045)),
            ("bXYZ", xyz(0.1430804, 0.0606169, 0.7141733)),
            ("rTRC", curve), ("gTRC", curve), ("bTRC", curve),
        ]
        // Layout: header, tag table, then each tag body on a 4-byte boundary.
        var offset = 128 + 4 + 12 * tags.count
        var table: [UInt8] = u32(tags.count)
        var bodies: [UInt8] = []
        for tag in tags {
            table += ascii(tag.signature) + u32(offset) + u32(tag.body.count)
            var body = tag.body
            while body.count % 4 != 0 { body.append(0) }
            bodies += body
            offset += body.count
        }
        var header: [UInt8] = u32(offset)                    // profile size
        header += [0, 0, 0, 0]                                // preferred CMM: none
        header += [0x02, 0x10, 0, 0]                          // version 2.1
        header += ascii("mntr") + ascii("RGB ") + ascii("XYZ ")
        header += u16(2024) + u16(1) + u16(1) + u16(0) + u16(0) + u16(0)   // creation date
        header += ascii("acsp")
        header += [UInt8](repeating: 0, count: 4 + 4 + 4 + 4 + 8)         // platform, flags, maker, model, attributes
        header += u32(0)                                      // rendering intent: perceptual
        header += s15Fixed16(0.9642) + s15Fixed16(1.0) + s15Fixed16(0.8249) // PCS illuminant D50
        header += [UInt8](repeating: 0, count: 4 + 16 + 28)  // creator, profile ID, reserved
        assert(header.count == 128)
        return Data(header + table + bodies)
    }

    private static func trcCurve() -> [UInt8] {
        let count = 1024
        var body = ascii("curv") + u32(0) + u32(count)
        for i in 0..<count {
            let v = Double(i) / Double(count - 1)
            let linear = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
            body += u16(Int((linear * 65535).rounded()))
        }
        return body
    }

    private static func textDescription(_ s: String) -> [UInt8] {
        var body = ascii("desc") + u32(0) + u32(s.utf8.count + 1) + ascii(s) + [0]
        body += u32(0) + u32(0)                                // Unicode language code and count
        body += u16(0) + [0] + [UInt8](repeating: 0, count: 67) // ScriptCode code, count, string
        return body
    }

    private static func text(_ s: String) -> [UInt8] { ascii("text") + u32(0) + ascii(s) + [0] }
    private static func xyz(_ x: Double, _ y: Double, _ z: Double) -> [UInt8] {
        ascii("XYZ ") + u32(0) + s15Fixed16(x) + s15Fixed16(y) + s15Fixed16(z)
    }
    private static func s15Fixed16(_ v: Double) -> [UInt8] { u32(Int((v * 65536).rounded())) }
    private static func ascii(_ s: String) -> [UInt8] { Array(s.utf8) }
    private static func u16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    private static func u32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
}
