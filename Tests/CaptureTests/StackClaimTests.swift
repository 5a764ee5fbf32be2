import Foundation
import Glibc
import Testing
@testable import Capture

/// What a stack folder's file and the documents cut from it carry through the work folder:
/// the stack flag, fixed document ids, the parent link and the split plan attachment —
/// all surviving a restart (`pending()` reads them back from the manifests).
@Suite struct StackClaimTests {
    let tmp = TempDir("stack-claim")
    let work: WorkFolder
    var inbox: String { tmp.sub("stacks") }

    init() throws {
        _ = tmp.makeDir("stacks")
        work = try WorkFolder(path: tmp.sub("work"))
    }

    func claimedIDs() throws -> [String: ClaimedFile] {
        var out: [String: ClaimedFile] = [:]
        for case .claimed(let c) in try work.pending() { out[c.id] = c }
        return out
    }

    @Test func aStackFoldersFileIsClaimedAsAStackAndKeepsItsPlanAcrossARestart() throws {
        try writeFile(dir: inbox, name: "stack.pdf", contents: "%PDF-1.4 stack")
        let folder = WatchFolder(name: "stacks", path: inbox, profile: "p", stack: true)
        let claim = try work.claim(ReadyFile(folder: folder, name: FileName("stack.pdf")))
        #expect(claim.isStack)
        #expect(try work.attachment(named: "split-plan", of: claim) == nil)
        try work.saveAttachment(Data("{\"documents\":[]}".utf8), named: "split-plan", of: claim)
        #expect(list(tmp.sub("work/\(claim.id)")) == ["claim.json", "claim.split-plan", "stack.pdf"])

        // As after a restart.
        let again = try #require(try claimedIDs()[claim.id])
        #expect(again.isStack)
        #expect(again.parentID == nil)
        #expect(try work.attachment(named: "split-plan", of: again) == Data("{\"documents\":[]}".utf8))

        // The attachment goes with the claim.
        _ = try work.finish(again, movingTo: tmp.sub("archive"), name: "stack.pdf")
        #expect(!exists(tmp.sub("work/\(claim.id)")))
        #expect(list(tmp.sub("archive")) == ["stack.pdf"])
    }

    @Test func aDocumentCutFromAStackHasThePlannedIdAndItsParent() throws {
        let id = UUID().uuidString.lowercased()
        let parent = UUID().uuidString.lowercased()
        let doc = try work.claimNew(name: "stack-doc01.pdf", folderName: "stacks", profile: "p",
                                    sourceDescription: "stack.pdf pages 1,2", id: id, parentID: parent) { path in
            _ = FileManager.default.createFile(atPath: path, contents: Data("doc".utf8))
        }
        #expect(doc.id == id)
        #expect(doc.parentID == parent)
        #expect(!doc.isStack)
        #expect(try work.claimed(id: id)?.sha256 == doc.sha256)
        #expect(try work.claimed(id: UUID().uuidString.lowercased()) == nil)
        let again = try #require(try claimedIDs()[id])
        #expect(again.parentID == parent)
    }

    @Test func aFileNamedLikeAnAttachmentNeverClashesWithIt() throws {
        try writeFile(dir: inbox, name: "claim.split-plan", contents: "x")
        let folder = WatchFolder(name: "stacks", path: inbox, profile: "p", stack: true)
        let claim = try work.claim(ReadyFile(folder: folder, name: FileName("claim.split-plan")))
        try work.saveAttachment(Data("plan".utf8), named: "split-plan", of: claim)
        #expect(contents(claim.workPath) == "x")
        #expect(URL(fileURLWithPath: claim.workPath).lastPathComponent == "document-claim.split-plan")
    }
}
