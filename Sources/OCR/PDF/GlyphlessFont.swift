import Foundation

/// The invisible-text font of Tesseract's PDF renderer: one empty glyph, every character
/// code mapped to it, and a ToUnicode CMap that gives text extraction the real characters.
/// Codes are UTF-16 units written 2 bytes each (Identity-H), so any BMP character works.
enum GlyphlessFont {
    /// Tesseract's `pdf.ttf` ("GlyphLessFont", Apache-2.0), 572 bytes, carried here so the
    /// writer does not depend on the tessdata directory at run time. Its glyph 1 advances
    /// 1024 of 2048 units per em, i.e. 500/1000: the `/DW` below.
    static let program = Data(base64Encoded:
        "AAEAAAAKAIAAAwAgT1MvMlbeyJQAAAEoAAAAYGNtYXAACgA0AAABkAAAAB5nbHlmFSJBJAAAAbgAAAAYaGVhZAt48WUAAACsAAAANmhoZWEMAgQCAAAA5AAAACRobXR4BAAAAAAAAYgAAAAIbG9jYQAMAAAAAAGwAAAABm1heHAABAAFAAABCAAAACBuYW1l8usW2gAAAdAAAABLcG9zdAABAAEAAAIcAAAAIAABAAAAAQAAsJRxEF8PPPUEBwgAAAAAAM+a/G4AAAAA1MOn8gAAAAAEAAgAAAAAEAACAAAAAAAAAAEAAAgA//8AAAQAAAAAAAQAAAEAAAAAAAAAAAAAAAAAAAACAAEAAAACAAQAAQAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAwAAAZAABQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAUAAQABAAAAAAAAAAAAAAAAAAAAAAAAAAAAR09PRwBAAAAAAAAB//8AAAABAAGAAAAAAAAAAAAAAAAAAAABAAAAAAAABAAAAAAAAAIAAQAAAAAAFAADAAAAAAAUAAYACgAAAAAAAAAAAAAAAAAMAAAAAQAAAAAEAAgAAAMAADEhESEEAPwACAAAAAADACoAAAADAAAABQAWAAAAAQAAAAAABQALABYAAwABBAkABQAWAAAAVgBlAHIAcwBpAG8AbgAgADEALgAwVmVyc2lvbiAxLjAAAAEAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAA=")!

    /// Advance of every glyph in text space units (1/1000 of the font size).
    static let glyphWidth = 500

    /// Writes the font's objects and returns the Type0 font to put in page resources.
    static func write(into file: inout PDFFileBuilder) -> PDFRef {
        let fontFile = file.add(stream: program, dictionary: "/Length1 \(program.count)")
        let descriptor = file.add(dictionary:
            "/Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 \(glyphWidth) 1000] "
            + "/ItalicAngle 0 /Ascent 1000 /Descent -1 /CapHeight 1000 /StemV 80 /FontFile2 \(fontFile)")
        let cidToGID = file.add(stream: compressedCIDToGIDMap, dictionary: "/Filter /FlateDecode")
        let cidFont = file.add(dictionary:
            "/Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
            + "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            + "/FontDescriptor \(descriptor) /DW \(glyphWidth) /CIDToGIDMap \(cidToGID)")
        let toUnicode = file.add(stream: compressedToUnicodeCMap, dictionary: "/Filter /FlateDecode")
        return file.add(dictionary:
            "/Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H "
            + "/DescendantFonts [\(cidFont)] /ToUnicode \(toUnicode)")
    }

    // The same for every document: compressed once.
    private static let compressedCIDToGIDMap = Flate.compress(cidToGIDMap)!
    private static let compressedToUnicodeCMap = Flate.compress(Data(toUnicodeCMap.utf8))!

    /// Every CID → glyph 1 (2 bytes big-endian each), never the .notdef glyph 0.
    static var cidToGIDMap: Data {
        Data((0..<65_536).flatMap { _ in [UInt8(0), UInt8(1)] })
    }

    /// CID n ↦ U+n for the BMP outside the surrogate block. Ranges stay within one high byte,
    /// as the CMap rules require, and at most 100 go in one block.
    static var toUnicodeCMap: String {
        let highBytes = (0...0xFF).filter { !(0xD8...0xDF).contains($0) }
        var ranges = ""
        for start in stride(from: 0, to: highBytes.count, by: 100) {
            let block = highBytes[start..<min(start + 100, highBytes.count)]
            ranges += "\(block.count) beginbfrange\n"
            for h in block {
                let hh = PDFSyntax.hex([UInt8(h)])
                ranges += "<\(hh)00> <\(hh)FF> <\(hh)00>\n"
            }
            ranges += "endbfrange\n"
        }
        return """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange
            \(ranges)endcmap
            CMapName currentdict /CMap defineresource pop
            end
            end

            """
    }

    /// The character codes for `text`: UTF-16 units, NFC so "ế" is one code and searchable.
    /// Characters outside the BMP and control characters have no code and are dropped.
    static func codes(for text: String) -> [UInt16] {
        text.precomposedStringWithCanonicalMapping.unicodeScalars.compactMap { scalar in
            guard scalar.value >= 0x20, scalar.value <= 0xFFFF, !(0x7F...0x9F).contains(scalar.value) else { return nil }
            return UInt16(scalar.value)
        }
    }
}
