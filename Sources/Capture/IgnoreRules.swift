/// Which directory entries in a watch folder are not documents at all:
/// in-progress uploads, Office lock files, and the litter NAS boxes and
/// desktop file managers leave behind. Matching is on raw bytes (ASCII,
/// case-insensitive) so names that are not UTF-8 are judged too.
public enum IgnoreRules {
    static let suffixes = [".part", ".tmp", ".crdownload", ".partial"]
    static let exactNames = ["thumbs.db", "desktop.ini", "@eadir", ".ds_store"]

    public static func isIgnored(_ name: FileName) -> Bool {
        let b = name.bytes
        if b.isEmpty { return true }
        if b[0] == UInt8(ascii: ".") { return true }                       // hidden, incl. ".", "..", ".DS_Store"
        if b.count >= 2, b[0] == UInt8(ascii: "~"), b[1] == UInt8(ascii: "$") { return true } // Office owner file
        let lower = b.map(asciiLower)
        if exactNames.contains(where: { Array($0.utf8) == lower }) { return true }
        return suffixes.contains { lower.count > $0.utf8.count && lower.suffix($0.utf8.count).elementsEqual($0.utf8) }
    }

    private static func asciiLower(_ c: UInt8) -> UInt8 {
        (c >= 0x41 && c <= 0x5A) ? c + 0x20 : c
    }
}
