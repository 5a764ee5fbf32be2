import Foundation

/// Small files made byte by byte for the tests: no image library needed.
enum SyntheticFiles {
    /// An uncompressed 8-bit gray TIFF, white with one dark square whose position makes
    /// every file's content (and SHA-256) distinct.
    static func grayTIFF(width: Int = 320, height: Int = 240, variant: Int) -> Data {
        var pixels = [UInt8](repeating: 255, count: width * height)
        let x0 = (variant * 17) % (width - 20), y0 = (variant * 11) % (height - 20)
        for y in y0..<(y0 + 12) { for x in x0..<(x0 + 12) { pixels[y * width + x] = 0 } }

        var d = Data("II".utf8)
        d.append(le16(42))
        d.append(le32(8))                       // first IFD right after the header
        let entries: [(tag: UInt16, type: UInt16, value: UInt32)] = [
            (256, 3, UInt32(width)),            // ImageWidth
            (257, 3, UInt32(height)),           // ImageLength
            (258, 3, 8),                        // BitsPerSample
            (259, 3, 1),                        // Compression: none
            (262, 3, 1),                        // Photometric: black is zero
            (273, 4, 0),                        // StripOffsets (patched below)
            (277, 3, 1),                        // SamplesPerPixel
            (278, 3, UInt32(height)),           // RowsPerStrip
            (279, 4, UInt32(width * height)),   // StripByteCounts
        ]
        let ifdSize = 2 + entries.count * 12 + 4
        let dataOffset = UInt32(8 + ifdSize)
        d.append(le16(UInt16(entries.count)))
        for e in entries {
            d.append(le16(e.tag))
            d.append(le16(e.type))
            d.append(le32(1))
            let value = e.tag == 273 ? dataOffset : e.value
            d.append(e.type == 3 ? le16(UInt16(value)) + le16(0) : le32(value))
        }
        d.append(le32(0))                       // no next IFD
        d.append(contentsOf: pixels)
        return d
    }

    /// A PNG whose header claims `width`×`height` pixels, with no real image data: a
    /// decoder must refuse it from the header alone, before allocating anything.
    static func pngHeaderClaiming(width: UInt32, height: UInt32) -> Data {
        var d = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var ihdr = Data()
        ihdr.append(be32(width))
        ihdr.append(be32(height))
        ihdr.append(contentsOf: [1, 0, 0, 0, 0])   // 1-bit gray, deflate, no filter, no interlace
        d.append(chunk("IHDR", ihdr))
        // A tiny zlib stream of zeros: valid start, far too short for the claimed size.
        d.append(chunk("IDAT", Data([0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01])))
        d.append(chunk("IEND", Data()))
        return d
    }

    /// A syntactically valid PDF with an empty page tree.
    static let pdfWithoutPages: Data = {
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [] /Count 0 >>",
        ]
        for (i, o) in objects.enumerated() {
            offsets.append(body.utf8.count)
            body += "\(i + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = body.utf8.count
        body += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { body += String(format: "%010d 00000 n \n", o) }
        body += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(body.utf8)
    }()

    /// A PDF as a copier writes one: one page per JPEG, each image filling its page at
    /// `dpi`, the JPEG streams embedded as they are.
    static func imagePDF(jpegs: [Data], dpi: Int = 300) -> Data {
        var out = Data("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        func object(_ body: Data) {
            offsets.append(out.count)
            out.append(Data("\(offsets.count) 0 obj\n".utf8))
            out.append(body)
            out.append(Data("\nendobj\n".utf8))
        }
        let kids = jpegs.indices.map { "\(3 + 3 * $0) 0 R" }.joined(separator: " ")
        object(Data("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        object(Data("<< /Type /Pages /Kids [\(kids)] /Count \(jpegs.count) >>".utf8))
        for (i, jpeg) in jpegs.enumerated() {
            let (width, height, components) = jpegFrame(jpeg)
            let w = String(format: "%.2f", Double(width) * 72 / Double(dpi))
            let h = String(format: "%.2f", Double(height) * 72 / Double(dpi))
            object(Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(w) \(h)] /Resources << /XObject << /Im0 \(4 + 3 * i) 0 R >> >> /Contents \(5 + 3 * i) 0 R >>".utf8))
            var image = Data("<< /Type /XObject /Subtype /Image /Width \(width) /Height \(height) /ColorSpace \(components == 1 ? "/DeviceGray" : "/DeviceRGB") /BitsPerComponent 8 /Filter /DCTDecode /Length \(jpeg.count) >>\nstream\n".utf8)
            image.append(jpeg)
            image.append(Data("\nendstream".utf8))
            object(image)
            let content = "q \(w) 0 0 \(h) 0 0 cm /Im0 Do Q"
            object(Data("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream".utf8))
        }
        let xref = out.count
        var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out.append(Data(table.utf8))
        return out
    }

    /// Width, height and components from a baseline/progressive JPEG's frame header.
    static func jpegFrame(_ data: Data) -> (Int, Int, Int) {
        let b = [UInt8](data)
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { i += 1; continue }
            let marker = b[i + 1]
            if (0xC0...0xC2).contains(marker) {
                return (Int(b[i + 7]) << 8 | Int(b[i + 8]), Int(b[i + 5]) << 8 | Int(b[i + 6]), Int(b[i + 9]))
            }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            i += 2 + (Int(b[i + 2]) << 8 | Int(b[i + 3]))
        }
        return (0, 0, 3)
    }

    private static func chunk(_ type: String, _ payload: Data) -> Data {
        var typed = Data(type.utf8)
        typed.append(payload)
        var c = be32(UInt32(payload.count))
        c.append(typed)
        c.append(be32(crc32(typed)))
        return c
    }

    private static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func le16(_ v: UInt16) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8)]) }
    private static func le32(_ v: UInt32) -> Data { Data((0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) }) }
    private static func be32(_ v: UInt32) -> Data { Data((0..<4).reversed().map { UInt8((v >> (8 * $0)) & 0xFF) }) }
}
