import Testing
@testable import Capture

@Suite struct FileNameTests {
    @Test func plainVietnameseNameIsAcceptedAndUnchanged() {
        let name = FileName("Công văn số 12.pdf")
        #expect(name.isValidUTF8)
        #expect(name.problem == nil)
        #expect(name.display == "Công văn số 12.pdf")
        #expect(name.safeName == "Công văn số 12.pdf")
    }

    @Test func invalidUTF8IsEscapedAndSanitised() {
        // "C" + Latin-1 "ô" (0xF4, invalid as UTF-8) + "ng.pdf"
        let name = FileName(bytes: [0x43, 0xF4, 0x6E, 0x67, 0x2E, 0x70, 0x64, 0x66])
        #expect(!name.isValidUTF8)
        #expect(name.display == "C\\xF4ng.pdf")
        #expect(name.safeName == "C_ng.pdf")
        #expect(name.problem?.contains("UTF-8") == true)
    }

    @Test func truncatedMultibyteSequenceDoesNotSwallowFollowingText() {
        // 0xE1 0xBB starts "ố" but is cut short by "a".
        let name = FileName(bytes: [0xE1, 0xBB, 0x61])
        #expect(name.display == "\\xE1\\xBBa")
        #expect(name.safeName == "__a")
    }

    @Test func controlCharactersAreEscaped() {
        let name = FileName("scan\nnumber\t2\u{1B}.pdf")
        #expect(name.isValidUTF8)
        #expect(name.hasControlCharacters)
        #expect(name.display == "scan\\nnumber\\t2\\x1B.pdf")
        #expect(name.safeName == "scan_number_2_.pdf")
        #expect(name.problem?.contains("control") == true)
    }

    @Test func backslashIsEscapedSoDisplayIsUnambiguous() {
        #expect(FileName("a\\x41").display == "a\\\\x41")
        #expect(FileName("a\\b").safeName == "a_b")
    }

    @Test func dotsAreCollapsedAndLeadingDotsRemoved() {
        #expect(FileName("..").safeName == "unnamed")
        #expect(FileName("../../etc/passwd").safeName == "_._etc_passwd")
        #expect(FileName("a..b...pdf").safeName == "a.b.pdf")
        #expect(FileName(".hidden.pdf").safeName == "hidden.pdf")
        #expect(FileName("a..b").problem?.contains("..") == true)
        #expect(FileName("").safeName == "unnamed")
    }

    @Test func longNamesAreCutOnCharacterBoundariesKeepingTheExtension() {
        let long = String(repeating: "ố", count: 150) + ".pdf"   // 3 bytes each: 454 bytes
        let safe = FileName(long).safeName
        #expect(safe.utf8.count <= FileName.safeNameMaxBytes)
        #expect(safe.hasSuffix("ố.pdf"))
        #expect(safe.unicodeScalars.allSatisfy { $0 == "ố" || ".pdf".unicodeScalars.contains($0) })
    }

    @Test(arguments: [
        ".hidden", ".DS_Store", "scan.pdf.part", "SCAN.TMP", "~$report.docx", "Thumbs.db", "thumbs.DB",
        "@eaDir", "desktop.ini", "download.crdownload",
    ])
    func ignored(_ name: String) {
        #expect(IgnoreRules.isIgnored(FileName(name)))
    }

    @Test(arguments: ["scan.pdf", "part", "x.partx", "tmp.pdf", "a~$b.pdf", "Thumbs.db.pdf", "ảnh.jpg"])
    func notIgnored(_ name: String) {
        #expect(!IgnoreRules.isIgnored(FileName(name)))
    }

    @Test func ignoreRulesWorkOnNonUTF8Names() {
        #expect(IgnoreRules.isIgnored(FileName(bytes: [0xFF, 0x2E, 0x74, 0x6D, 0x70])))   // "\xFF.tmp"
        #expect(!IgnoreRules.isIgnored(FileName(bytes: [0xFF, 0x2E, 0x70, 0x64, 0x66])))  // "\xFF.pdf"
    }

    @Test func uniqueNameCandidates() {
        #expect(UniqueName.candidate("a.pdf", 1) == "a.pdf")
        #expect(UniqueName.candidate("a.pdf", 2) == "a-2.pdf")
        #expect(UniqueName.candidate("README", 3) == "README-3")
        #expect(UniqueName.candidate("x.tar.gz", 2) == "x.tar-2.gz")
    }
}
