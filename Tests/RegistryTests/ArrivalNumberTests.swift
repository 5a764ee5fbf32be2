import Foundation
import GRDB
import Testing
@testable import Registry

@Suite struct ArrivalNumberTests {
    @Test func numbersAreConsecutiveWithinAYear() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        let numbers = try (0..<3).map { _ in try registry.register(newDocument(), storeFiles: dir.storePDF).arrival }
        #expect(numbers == [1, 2, 3].map { ArrivalNumber(year: 2026, number: $0) })
        #expect(numbers.map(\.?.description) == ["1/2026", "2/2026", "3/2026"])
    }

    @Test func registrationStoresTheDocumentItsPagesAndAnEvent() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        let new = newDocument(receivedAt: date("2026-11-21T10:08:03Z"), texts: ["trang một", "trang hai"])
        var offered: ArrivalNumber?
        let document = try registry.register(new) { arrival in
            offered = arrival
            return try dir.storePDF(arrival)
        }

        #expect(offered == document.arrival)
        #expect(document.arrivedAt == "2026-11-21T17:08:03+07:00")
        #expect(document.pageCount == 2)
        #expect(document.status == .needsReview)
        #expect(document.pdfPath.hasSuffix("pdf/2026/000001.pdf"))
        #expect(try registry.document(id: new.id) == document)
        #expect(try registry.document(sha256: new.sha256) == document)
        #expect(try registry.document(arrival: ArrivalNumber(year: 2026, number: 1)) == document)
        #expect(try registry.document(arrival: ArrivalNumber(year: 2026, number: 2)) == nil)
        #expect(try registry.pages(documentID: new.id).map(\.pageNumber) == [1, 2])

        let events = try registry.events(documentID: new.id)
        #expect(events.map(\.kind) == ["registered"])
        #expect(events.first?.actor == "system")
        #expect(events.first?.details["arrival_number"] == "1/2026")
        #expect(events.first?.details["pdf_path"] == document.pdfPath)
    }

    @Test func failureWhileStoringFilesRollsBackAndLeavesNoGap() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        _ = try registry.register(newDocument(), storeFiles: dir.storePDF)

        let failing = newDocument(texts: ["Công văn hỏng"])
        #expect(throws: StoreFailed.self) {
            try registry.register(failing) { _ in throw StoreFailed() }
        }
        #expect(try registry.document(id: failing.id) == nil)
        #expect(try registry.pages(documentID: failing.id).isEmpty)
        #expect(try registry.events(documentID: failing.id).isEmpty)
        #expect(try registry.search("hong").isEmpty)

        // The same file can be registered again, and takes the number the failed attempt had.
        let retried = try registry.register(failing, storeFiles: dir.storePDF)
        #expect(retried.arrival == ArrivalNumber(year: 2026, number: 2))
    }

    @Test func yearFollowsVietnamTime() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        _ = try registry.register(newDocument(receivedAt: date("2026-06-01T03:00:00Z")), storeFiles: dir.storePDF)
        let lastOf2026 = try registry.register(newDocument(receivedAt: date("2026-12-31T16:59:59Z")), storeFiles: dir.storePDF)
        let firstOf2027 = try registry.register(newDocument(receivedAt: date("2026-12-31T17:00:00Z")), storeFiles: dir.storePDF)
        let secondOf2027 = try registry.register(newDocument(receivedAt: date("2027-01-02T01:00:00Z")), storeFiles: dir.storePDF)

        #expect(lastOf2026.arrival == ArrivalNumber(year: 2026, number: 2))
        #expect(lastOf2026.arrivedAt == "2026-12-31T23:59:59+07:00")
        #expect(firstOf2027.arrival == ArrivalNumber(year: 2027, number: 1))
        #expect(firstOf2027.arrivedAt == "2027-01-01T00:00:00+07:00")
        #expect(secondOf2027.arrival == ArrivalNumber(year: 2027, number: 2))
    }

    /// Four registries with their own connection pools on one file, like separate processes.
    @Test func concurrentWritersGetExactlyOneToOneHundred() throws {
        let dir = try TemporaryDirectory()
        let registries = try (0..<4).map { _ in try openRegistry(dir) }
        let results = Results()

        let group = DispatchGroup()
        // 25 rounds; in each, the four writers start together and race for the write lock.
        // The barrier makes the contention certain rather than a matter of scheduling.
        let round = Barrier(parties: registries.count)
        for (worker, registry) in registries.enumerated() {
            group.enter()
            // Real threads: the cooperative pool is as small as the machine, and these block.
            let thread = Thread {
                defer { group.leave() }
                for index in 0..<25 {
                    round.arriveAndWait()
                    defer { round.arriveAndWait() }
                    let doc = newDocument(sha256: "w\(worker)-d\(index)")
                    do {
                        // Every seventh attempt fails once after taking the lock, as a full disk would.
                        if index % 7 == 3 {
                            _ = try? registry.register(doc) { _ in throw StoreFailed() }
                            results.add { $0.injectedFailures += 1 }
                        }
                        let document = try registry.register(doc, storeFiles: dir.storePDF)
                        results.add { $0.arrivals.append(document.arrival!); $0.order.append(worker) }
                    } catch {
                        results.add { $0.errors.append(error) }
                    }
                }
            }
            thread.start()
        }
        group.wait()
        let (arrivals, errors, injectedFailures, order) = results.withLock { ($0.arrivals, $0.errors, $0.injectedFailures, $0.order) }
        // The writers really did take turns: within each round all four registered.
        let turns = zip(order, order.dropFirst()).filter { $0 != $1 }.count
        #expect(turns >= 75, "writers took only \(turns) turns")

        #expect(errors.isEmpty, "\(errors)")
        #expect(injectedFailures == 16)
        #expect(arrivals.count == 100)
        #expect(Set(arrivals).count == 100)
        #expect(arrivals.map(\.number).sorted() == Array(1...100))
        #expect(arrivals.allSatisfy { $0.year == 2026 })
        let (documents, events) = try registries[0].dbPool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incoming_document"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document_event WHERE kind = 'registered'"))
        }
        #expect(documents == 100)
        #expect(events == 100)
    }

    @Test func registeredNumbersCannotBeChangedOrFreed() throws {
        let dir = try TemporaryDirectory()
        let registry = try openRegistry(dir)
        let document = try registry.register(newDocument(), storeFiles: dir.storePDF)

        #expect(throws: DatabaseError.self) {
            try registry.dbPool.write { try $0.execute(sql: "UPDATE incoming_document SET arrival_number = 7") }
        }
        #expect(throws: DatabaseError.self) {
            try registry.dbPool.write { try $0.execute(sql: "DELETE FROM incoming_document") }
        }
        #expect(try registry.document(id: document.id)?.arrival == ArrivalNumber(year: 2026, number: 1))
        // Other columns stay editable: the supervisor corrects metadata.
        try registry.dbPool.write { try $0.execute(sql: "UPDATE incoming_document SET subject = 'V/v tiếp nhận hồ sơ'") }
        #expect(try registry.document(id: document.id)?.subject == "V/v tiếp nhận hồ sơ")
    }
}

/// What the concurrent writers report, behind a lock.
private final class Results: @unchecked Sendable {
    struct State {
        var arrivals: [ArrivalNumber] = []
        var errors: [any Error] = []
        var injectedFailures = 0
        /// Which worker registered each document, in commit order.
        var order: [Int] = []
    }
    private let lock = NSLock()
    private var state = State()

    func add(_ change: (inout State) -> Void) { lock.withLock { change(&state) } }
    func withLock<T>(_ body: (State) -> T) -> T { lock.withLock { body(state) } }
}

/// All `parties` threads wait in `arriveAndWait` until the last one arrives; reusable.
final class Barrier: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private var waiting = 0
    private var generation = 0

    init(parties: Int) {
        self.parties = parties
    }

    func arriveAndWait() {
        condition.lock()
        defer { condition.unlock() }
        let current = generation
        waiting += 1
        if waiting == parties {
            waiting = 0
            generation += 1
            condition.broadcast()
        } else {
            while generation == current { condition.wait() }
        }
    }
}
