import Foundation
import GRDB
import Testing
@testable import Registry

@Suite struct DuplicateAndStatusTests {
    @Test func sameFileTwiceIsADuplicateAndInsertsNothing() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        let first = try registry.register(newDocument(sha256: "abc123"), storeFiles: dir.storePDF)

        var storeCalled = false
        let again = newDocument(sha256: "abc123")
        #expect {
            try registry.register(again) { arrival in
                storeCalled = true
                return try dir.storePDF(arrival)
            }
        } throws: { error in
            guard case RegistryError.duplicate(let existing) = error else { return false }
            return existing == first && "\(error)".contains("1/2026")
        }
        #expect(!storeCalled)
        #expect(try registry.document(id: again.id) == nil)
        #expect(try registry.documents(status: nil).count == 1)
        #expect(try registry.register(newDocument(), storeFiles: dir.storePDF).arrival?.number == 2)
    }

    @Test func sameClaimAfterACommitIsAlreadyRegistered() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        let claim = newDocument()
        let first = try registry.register(claim, storeFiles: dir.storePDF)
        #expect {
            try registry.register(claim, storeFiles: dir.storePDF)
        } throws: { error in
            guard case RegistryError.alreadyRegistered(let existing) = error else { return false }
            return existing == first
        }

        let reusedID = newDocument(id: claim.id)
        #expect {
            try registry.register(reusedID, storeFiles: dir.storePDF)
        } throws: { error in
            guard case RegistryError.claimIDConflict(let id, _) = error else { return false }
            return id == claim.id
        }
    }

    @Test func malformedDocumentsAreRejectedBeforeTakingANumber() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        var noPages = newDocument()
        noPages.pages = []
        var repeatedPage = newDocument(texts: ["a", "b"])
        repeatedPage.pages[1].pageNumber = 1
        for doc in [noPages, repeatedPage] {
            #expect {
                try registry.register(doc, storeFiles: dir.storePDF)
            } throws: { error in
                guard case RegistryError.invalidDocument = error else { return false }
                return true
            }
        }
        #expect {
            try registry.register(newDocument()) { _ in "" }
        } throws: { error in
            guard case RegistryError.invalidDocument = error else { return false }
            return true
        }
        #expect(try registry.documents(status: nil).isEmpty)
    }

    @Test func confidentialDocumentsStayOutOfTheRegisterAndSearch() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        let secret = newDocument(texts: ["MẬT Báo cáo tình hình an ninh Đồng Nai"], status: .confidentialHold)

        #expect {
            try registry.register(secret, storeFiles: dir.storePDF)
        } throws: { error in
            guard case RegistryError.confidentialDocument = error else { return false }
            return true
        }
        let held = try registry.holdConfidential(secret) { dir.url.appendingPathComponent("held/\(secret.id).pdf").path }

        #expect(held.arrival == nil)
        #expect(held.status == .confidentialHold)
        #expect(try registry.pages(documentID: held.id).map(\.ocrText) == [nil])
        #expect(try registry.search("dong nai").isEmpty)
        #expect(try registry.documents(status: nil).isEmpty)
        #expect(try registry.documents(status: .confidentialHold).map(\.id) == [held.id])
        #expect(try registry.events(documentID: held.id).map(\.kind) == ["confidential_held"])
        // The shared series is untouched.
        #expect(try registry.register(newDocument(), storeFiles: dir.storePDF).arrival?.number == 1)
        // Sending the same file again is still recognised.
        #expect(throws: RegistryError.self) {
            try registry.register(newDocument(sha256: secret.sha256), storeFiles: dir.storePDF)
        }
        #expect {
            try registry.setStatus(documentID: held.id, to: .needsReview)
        } throws: { error in
            guard case RegistryError.invalidStatusChange = error else { return false }
            return true
        }
        #expect {
            try registry.holdConfidential(newDocument()) { "x" }
        } throws: { error in
            guard case RegistryError.notConfidential = error else { return false }
            return true
        }
    }

    @Test func statusChangesAreRecorded() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        let document = try registry.register(newDocument(), storeFiles: dir.storePDF)
        let later = try registry.register(newDocument(receivedAt: date("2026-11-22T01:00:00Z")), storeFiles: dir.storePDF)

        let changed = try registry.setStatus(documentID: document.id, to: .awaitingAssignment, actor: "vanthu.lan")
        #expect(changed.status == .awaitingAssignment)
        #expect(try registry.documents(status: .awaitingAssignment).map(\.id) == [document.id])
        #expect(try registry.documents(status: .needsReview).map(\.id) == [later.id])
        #expect(try registry.documents(status: nil).map(\.id) == [later.id, document.id])
        let event = try #require(try registry.events(documentID: document.id).last)
        #expect(event.kind == "status_changed")
        #expect(event.actor == "vanthu.lan")
        #expect(event.details == ["from": "needs_review", "to": "awaiting_assignment"])
        #expect(throws: RegistryError.self) { try registry.setStatus(documentID: "nope", to: .assigned) }
    }
}

/// A letter registered again under another file (sent by fax and by post): same number,
/// symbol and sender this year → registered, flagged, sent to review, with an event.
@Suite struct SameNumberWarningTests {
    func letter(number: String = "15", notation: String = "QĐ-UBND", organ: String = "ỦY BAN NHÂN DÂN TỈNH SƠN LA",
                date: String? = "2026-11-02", receivedAt: Date = date("2026-11-21T10:08:03Z")) -> NewIncomingDocument {
        var doc = newDocument(receivedAt: receivedAt, status: .awaitingAssignment)
        doc.metadata.codeNumber = number
        doc.metadata.codeNotation = notation
        doc.metadata.organName = organ
        doc.metadata.issuedDate = date
        return doc
    }

    @Test func theSameLetterTwiceIsFlaggedNotSilentlyRegistered() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        let first = try registry.register(letter(), storeFiles: dir.storePDF)
        let second = try registry.register(letter(), storeFiles: dir.storePDF)
        #expect(first.duplicateOf == nil && first.status == .awaitingAssignment)
        #expect(second.arrival?.number == 2)
        #expect(second.duplicateOf == first.id)
        #expect(second.status == .needsReview)
        #expect(second.doubtfulFields.contains("duplicate"))
        let warning = try registry.events(documentID: second.id).first { $0.kind == EventKind.possibleDuplicate }
        #expect(warning?.details["duplicate_of"] == first.id)
        #expect(warning?.details["so_ky_hieu"] == "15/QĐ-UBND")
    }

    @Test func anotherNumberSenderDateOrYearIsNoDuplicate() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        _ = try registry.register(letter(), storeFiles: dir.storePDF)
        let others = [
            letter(number: "16"), letter(organ: "SỞ NỘI VỤ"), letter(date: "2026-11-03"),
            letter(receivedAt: date("2027-01-05T02:00:00Z")),
        ]
        for doc in others {
            let registered = try registry.register(doc, storeFiles: dir.storePDF)
            #expect(registered.duplicateOf == nil)
            #expect(registered.status == .awaitingAssignment)
        }
    }
}
