import Foundation
import GRDB
import Testing
@testable import Registry

@Suite struct SchemaTests {
    @Test func migratesAFreshFileInItsOwnDirectory() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        #expect(FileManager.default.fileExists(atPath: dir.registerPath))
        #expect(registry.path == dir.registerPath)

        let (tables, applied, columns, journalMode, foreignKeys) = try registry.dbPool.read { db in
            (try ["incoming_document", "document_page", "document_event", "ingest_failure", "document_page_fts"].filter { try db.tableExists($0) },
             try RegisterSchema.migrator.appliedIdentifiers(db),
             try db.columns(in: "incoming_document").map(\.name),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(tables.count == 5, "tables: \(tables)")
        #expect(Set(applied) == [
            "createIncomingDocument", "createDocumentPage", "createDocumentEvent", "createIngestFailure", "createPageSearch",
            "addFieldReadings", "createAccountsAndSessions", "createReviewTables",
        ])
        for column in ["arrival_year", "arrival_number", "arrived_at", "original_sha256", "status", "pdf_path",
                       "subject", "organ_name", "code_notation", "priority", "due_date", "created_at", "updated_at"] {
            #expect(columns.contains(column), "missing column \(column)")
        }
        #expect(journalMode == "wal")
        #expect(foreignKeys == true)
        // 2 = FULL: a committed registration survives a power cut.
        let synchronous = try registry.dbPool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        #expect(synchronous == 2)
    }

    @Test func reopensAnExistingRegister() throws {
        let dir = try TemporaryDirectory()
        let registered = try openRegistry(dir).register(newDocument(texts: ["Quyết định"]), storeFiles: dir.storePDF)

        let reopened = try openRegistry(dir)
        #expect(try reopened.document(id: registered.id) == registered)
        #expect(try reopened.search("quyet dinh").map(\.document.id) == [registered.id])
        #expect(try reopened.register(newDocument(), storeFiles: dir.storePDF).arrival?.number == 2)
    }

    /// The daemon and `intake ingest` may both start on a fresh file.
    @Test func concurrentOpeningOfAFreshFileMigratesOnce() throws {
        let dir = try TemporaryDirectory()
        let failures = NSLock()
        nonisolated(unsafe) var errors: [any Error] = []
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do { _ = try openRegistry(dir) } catch { failures.withLock { errors.append(error) } }
        }
        #expect(errors.isEmpty, "\(errors)")
        let registry = try openRegistry(dir)
        #expect(try registry.register(newDocument(), storeFiles: dir.storePDF).arrival?.number == 1)
    }

    @Test func unopenablePathIsReported() throws {
        let dir = try TemporaryDirectory()
        let blocker = dir.url.appendingPathComponent("file")
        #expect(FileManager.default.createFile(atPath: blocker.path, contents: Data()))
        #expect {
            try Registry(path: blocker.appendingPathComponent("register.sqlite").path)
        } throws: { error in
            guard case RegistryError.cannotOpen = error else { return false }
            return "\(error)".contains("Cannot open the register")
        }
    }
}
