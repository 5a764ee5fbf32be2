import Foundation

/// What an engine is lent for.
public enum EngineModel: Sendable {
    /// The page's text, in the pool's language.
    case text
    /// Digits alone (a number written in by hand or stamped, a day's blank): English, whose
    /// model has seen far more digits, handwritten and stamped ones among them.
    case digits
}

/// A fixed set of Tesseract engines shared by the pipeline.
///
/// Engines are created up front (loading a language takes a while and should fail at start,
/// not on the first document), lent one per caller, and waiting callers are served first
/// come, first served. The work itself runs on the engine's own dispatch queue, not on
/// Swift's cooperative pool: a recognition blocks for seconds and would otherwise starve
/// the daemon's other tasks.
public actor EnginePool {
    private struct Lane {
        let engine: TesseractEngine
        let digitsEngine: TesseractEngine
        /// Serial queue of this engine: it gets a thread of its own outside the cooperative pool.
        let queue: DispatchQueue
    }

    private var idle: [Lane]
    private var waiters: [CheckedContinuation<Lane, Never>] = []
    public let size: Int

    public init(size: Int, language: String = "vie", digitsLanguage: String = "eng", dataPath: String? = nil) throws {
        precondition(size > 0, "an engine pool needs at least one engine")
        idle = try (0..<size).map { index in
            Lane(engine: try TesseractEngine(language: language, dataPath: dataPath),
                 digitsEngine: try TesseractEngine(language: digitsLanguage, dataPath: dataPath),
                 queue: Self.laneQueue(index))
        }
        self.size = size
    }

    /// Marks the engines' queues, so code (and tests) can tell it runs on one.
    static let laneKey = DispatchSpecificKey<Int>()

    private static func laneQueue(_ index: Int) -> DispatchQueue {
        let queue = DispatchQueue(label: "intake.ocr.engine.\(index)", qos: .utility)
        queue.setSpecific(key: laneKey, value: index)
        return queue
    }

    /// Engines not lent out right now.
    public var idleCount: Int { idle.count }

    /// Runs `body` with an engine of its own for `model`, waiting for one if all are busy.
    public func withEngine<T>(_ model: EngineModel = .text,
                              _ body: @escaping @Sendable (TesseractEngine) throws -> T) async throws -> T {
        let lane = await checkOut()
        defer { checkIn(lane) }
        try Task.checkCancellation()
        return try await withCheckedThrowingContinuation { continuation in
            lane.queue.async {
                continuation.resume(with: Result { try body(model == .digits ? lane.digitsEngine : lane.engine) })
            }
        }
    }

    private func checkOut() async -> Lane {
        if !idle.isEmpty { return idle.removeFirst() }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func checkIn(_ lane: Lane) {
        if waiters.isEmpty {
            idle.append(lane)
        } else {
            waiters.removeFirst().resume(returning: lane)
        }
    }
}
