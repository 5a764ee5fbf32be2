import CLeptonica
import Foundation

/// zlib (FlateDecode) compression, borrowed from Leptonica so no other C library is needed.
enum Flate {
    static func compress(_ data: Data) -> Data? {
        var count = 0
        let compressed: UnsafeMutablePointer<UInt8>? = data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
            return zlibCompress(base, raw.count, &count)
        }
        guard let compressed else { return nil }
        defer { lept_free(compressed) }
        return Data(bytes: compressed, count: count)
    }
}
