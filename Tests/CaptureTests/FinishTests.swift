import Foundation
import Testing
@testable import Capture

@Suite struct FinishTests {
    let tmp = TempDir("finish")
    var inbox: String { tmp.sub("inbox") }
    var folder: WatchFolder { WatchFolder(name: "van-thu", path: inbox, profile: "cong-van") }

    init() { _ = tmp.makeDir("inbox") }

    func claimNew(_ name: String, _ body: String, work: WorkFolder) throws -> ClaimedFile {
        try writeFile(dir: inbox, name: name, contents: body)
        return try work.claim(ReadyFile(folder: folder, name: FileName(name)))
    }

    @Test func finishMovesOutAndRemovesTheClaimDirectory() throws {
        let work = try WorkFolder(path: tmp.sub("work"))
        let claim = try claimNew("a.pdf", "one", work: work)
        let final = try work.finish(claim, movingTo: tmp.sub("archive/2025/01"), name: "2025-0001 Công văn.pdf")
        #expect(final == tmp.sub("archive/2025/01/2025-0001 Công văn.pdf"))
        #expect(contents(final) == "one")
        #expect(list(tmp.sub("work")).isEmpty)
        #expect(list(tmp.sub("archive/2025/01")) == ["2025-0001 Công văn.pdf"], "no reason file, no temp left")
    }

    @Test func finishNeverOverwrites() throws {
        let work = try WorkFolder(path: tmp.sub("work"))
        _ = tmp.makeDir("archive")
        try writeFile(dir: tmp.sub("archive"), name: "x.pdf", contents: "existing")
        let first = try work.finish(try claimNew("a.pdf", "new 1", work: work), movingTo: tmp.sub("archive"), name: "x.pdf")
        let second = try work.finish(try claimNew("a.pdf", "new 2", work: work), movingTo: tmp.sub("archive"), name: "x.pdf")
        #expect(first == tmp.sub("archive/x-2.pdf"))
        #expect(second == tmp.sub("archive/x-3.pdf"))
        #expect(contents(tmp.sub("archive/x.pdf")) == "existing")
        #expect(contents(first) == "new 1")
        #expect(contents(second) == "new 2")
    }

    @Test func finishSanitisesTheRequestedName() throws {
        let work = try WorkFolder(path: tmp.sub("work"))
        let final = try work.finish(try claimNew("a.pdf", "x", work: work), movingTo: tmp.sub("archive"), name: "../evil\n.pdf")
        #expect(final == tmp.sub("archive/_evil_.pdf"))
    }

    @Test func rejectWritesTheReasonFileBesideTheDocument() throws {
        let work = try WorkFolder(path: tmp.sub("work"))
        let failed = tmp.sub("failed")
        let c1 = try claimNew("Bản scan.pdf", "broken", work: work)
        let r1 = try work.reject(c1, into: failed, reason: "The PDF cannot be decoded: truncated file.")
        let c2 = try claimNew("Bản scan.pdf", "broken again", work: work)
        let r2 = try work.reject(c2, into: failed, reason: "Second reason")

        #expect(r1 == failed + "/Bản scan.pdf")
        #expect(r2 == failed + "/Bản scan-2.pdf")
        #expect(list(failed) == ["Bản scan-2.pdf", "Bản scan-2.pdf.reason.txt", "Bản scan.pdf", "Bản scan.pdf.reason.txt"])
        #expect(contents(r1) == "broken")
        let reason = contents(r1 + ".reason.txt") ?? ""
        #expect(reason.hasPrefix("Reason: The PDF cannot be decoded: truncated file.\n"))
        #expect(reason.contains("Source: \(inbox)/Bản scan.pdf"))
        #expect(reason.contains("Claim: \(c1.id)"))
        #expect(reason.contains("SHA-256: \(c1.sha256)"))
        #expect(reason.range(of: #"Time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, options: .regularExpression) != nil)
        #expect((contents(r2 + ".reason.txt") ?? "").contains("Second reason"))
        #expect(list(tmp.sub("work")).isEmpty)
    }

    @Test func rejectSkipsANameWhoseReasonFileExists() throws {
        let work = try WorkFolder(path: tmp.sub("work"))
        let failed = tmp.makeDir("failed")
        try writeFile(dir: failed, name: "a.pdf.reason.txt", contents: "orphan")
        let r = try work.reject(try claimNew("a.pdf", "x", work: work), into: failed, reason: "why")
        #expect(r == failed + "/a-2.pdf")
        #expect(contents(failed + "/a.pdf.reason.txt") == "orphan")
    }
}
