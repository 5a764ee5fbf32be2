import Foundation
import GRDB
import Testing
@testable import Registry

@Suite struct EventTests {
    @Test func eventsAreAppendOnly() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        let document = try registry.register(newDocument(), storeFiles: dir.storePDF)
        try registry.recordEvent(documentID: document.id, kind: EventKind.recovered, detail: ["step": "archive"],
                                 at: date("2026-11-21T10:30:00Z"))

        #expect {
            try registry.dbPool.write { try $0.execute(sql: "UPDATE document_event SET actor = 'someone'") }
        } throws: { error in
            (error as? DatabaseError)?.message?.contains("append-only") == true
        }
        #expect(throws: DatabaseError.self) {
            try registry.dbPool.write { try $0.execute(sql: "DELETE FROM document_event") }
        }
        let events = try registry.events(documentID: document.id)
        #expect(events.map(\.kind) == ["registered", "recovered"])
        #expect(events.allSatisfy { $0.actor == "system" })
        #expect(events[1].at == "2026-11-21T17:30:00+07:00")
        #expect(events[1].detail == #"{"step":"archive"}"#)
    }

    @Test func eventForAnUnknownDocumentIsRejected() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        #expect {
            try registry.recordEvent(documentID: "missing", kind: "recovered")
        } throws: { error in
            guard case RegistryError.unknownDocument("missing") = error else { return false }
            return true
        }
        try registry.recordEvent(documentID: nil, kind: EventKind.duplicateReceived, detail: ["sha256": "abc"])
        #expect(try registry.events(documentID: nil).map(\.kind) == ["duplicate_received"])
    }

    @Test func failuresAreRecordedWithTheirEvent() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        let first = try registry.recordFailure(NewIngestFailure(
            sourceName: "scans", originalFileName: "hong.tif", sha256: nil,
            reason: "The file is not a readable image", storedPath: "/var/lib/intake/failed/hong.tif",
            failedAt: date("2026-11-21T01:02:03Z")))
        let second = try registry.recordFailure(NewIngestFailure(
            sourceName: "scans", originalFileName: "trang.pdf", sha256: "ff00",
            reason: "No text could be recognised", storedPath: "/var/lib/intake/failed/trang.pdf"))

        #expect(first.id != nil)
        #expect(first.failedAt == "2026-11-21T08:02:03+07:00")
        #expect(!first.retried)
        #expect(try registry.failures().map(\.id) == [second.id, first.id])

        let events = try registry.events(documentID: nil)
        #expect(events.map(\.kind) == ["ingest_failed", "ingest_failed"])
        #expect(events[0].details["failure_id"] == String(first.id!))
        #expect(events[0].details["reason"] == "The file is not a readable image")
        #expect(events[0].details["stored_path"] == "/var/lib/intake/failed/hong.tif")
        #expect(events[0].details["sha256"] == nil)
        #expect(events[1].details["sha256"] == "ff00")

        try registry.markFailureRetried(id: first.id!)
        #expect(try registry.failures().first { $0.id == first.id }?.retried == true)
        #expect(try registry.failures().first { $0.id == second.id }?.retried == false)
        #expect(throws: RegistryError.self) { try registry.markFailureRetried(id: 999) }
    }
}
