import Foundation

/// The start-of-frame facts of a JPEG stream: enough to decide whether the stream can be
/// embedded as it is (DCTDecode) and with which colour space.
struct JPEGFrameHeader: Equatable {
    let width: Int
    let height: Int
    let components: Int
    let precision: Int

    /// Walks the marker segments up to the first SOF marker; nil when the data is not a JPEG.
    init?(_ data: Data) {
        let bytes = [UInt8](data.prefix(1 << 20))   // the frame header sits near the start
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var i = 2
        while i + 4 <= bytes.count {
            guard bytes[i] == 0xFF else { return nil }
            let marker = bytes[i + 1]
            if marker == 0xFF { i += 1; continue }                 // fill byte
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }  // no length
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard i + 10 <= bytes.count else { return nil }
                precision = Int(bytes[i + 4])
                height = Int(bytes[i + 5]) << 8 | Int(bytes[i + 6])
                width = Int(bytes[i + 7]) << 8 | Int(bytes[i + 8])
                components = Int(bytes[i + 9])
                return
            }
            if marker == 0xDA || marker == 0xD9 { return nil }     // scan data before any frame
            i += 2 + length
        }
        return nil
    }
}
