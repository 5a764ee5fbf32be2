import Foundation
import Testing
@testable import OCR

/// Checkout order and concurrency of the engine pool, without OCR work.
@Suite struct EnginePoolTests {
    private final class Timeline: @unchecked Sendable {
        private let lock = NSLock()
        private var spans: [(start: Date, end: Date, engine: ObjectIdentifier)] = []
        func record(_ start: Date, _ end: Date, _ engine: ObjectIdentifier) {
            lock.lock(); spans.append((start, end, engine)); lock.unlock()
        }
        var all: [(start: Date, end: Date, engine: ObjectIdentifier)] { lock.lock(); defer { lock.unlock() }; return spans }
    }

    /// Two callers at once, each holding its engine for `hold` seconds.
    private func twoCallers(poolSize: Int, hold: TimeInterval = 0.4) async throws -> [(start: Date, end: Date, engine: ObjectIdentifier)] {
        let pool = try EnginePool(size: poolSize)
        #expect(await pool.size == poolSize)
        let timeline = Timeline()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await pool.withEngine { engine in
                        let start = Date()
                        Thread.sleep(forTimeInterval: hold)
                        timeline.record(start, Date(), ObjectIdentifier(engine))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await pool.idleCount == poolSize)
        return timeline.all.sorted { $0.start < $1.start }
    }

    @Test func oneEngineSerialisesAndIsReused() async throws {
        let spans = try await twoCallers(poolSize: 1)
        #expect(spans.count == 2)
        #expect(spans[1].start >= spans[0].end)
        #expect(spans[0].engine == spans[1].engine)
    }

    @Test func twoEnginesRunTogether() async throws {
        let spans = try await twoCallers(poolSize: 2)
        #expect(spans.count == 2)
        #expect(spans[1].start < spans[0].end)
        #expect(spans[0].engine != spans[1].engine)
    }

    @Test func theBodyRunsOnTheEnginesOwnQueue() async throws {
        let pool = try EnginePool(size: 2)
        let lanes = try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await pool.withEngine { _ in
                        Thread.sleep(forTimeInterval: 0.1)
                        return DispatchQueue.getSpecific(key: EnginePool.laneKey)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(lanes) == [0, 1])
        #expect(DispatchQueue.getSpecific(key: EnginePool.laneKey) == nil)
    }

    @Test func anErrorInTheBodyReturnsTheEngine() async throws {
        struct Boom: Error {}
        let pool = try EnginePool(size: 1)
        await #expect(throws: Boom.self) { try await pool.withEngine { _ in throw Boom() } }
        #expect(await pool.idleCount == 1)
        #expect(try await pool.withEngine { $0.language } == "vie")
    }

    @Test func waitersAreServedInArrivalOrder() async throws {
        let pool = try EnginePool(size: 1)
        let order = Timeline()
        let marks = (0..<4).map { _ in ObjectIdentifier(NSObject()) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            // The first caller holds the engine while the others queue up one by one.
            group.addTask { try await pool.withEngine { _ in Thread.sleep(forTimeInterval: 0.3) } }
            try await Task.sleep(nanoseconds: 50_000_000)
            for mark in marks {
                group.addTask { try await pool.withEngine { _ in order.record(Date(), Date(), mark) } }
                try await Task.sleep(nanoseconds: 30_000_000)
            }
            try await group.waitForAll()
        }
        #expect(order.all.map(\.engine) == marks)
    }

    @Test func unknownLanguageFailsAtStart() throws {
        #expect(throws: OCRError.engineInitFailed(language: "xyz", dataPath: nil)) {
            try EnginePool(size: 1, language: "xyz")
        }
        let error = OCRError.engineInitFailed(language: "xyz", dataPath: "/opt/tessdata")
        #expect(error.description.contains("xyz") && error.description.contains("/opt/tessdata"))
    }
}
