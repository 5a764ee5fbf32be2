/// Runs `work` for items 0..<count with at most `window` items ahead of the next one to be
/// reported, and calls `report` strictly in index order: the work overlaps, the results
/// (arrival numbers, printed lines) keep the order the user gave.
enum OrderedConcurrency {
    static func run<Output: Sendable>(
        count: Int,
        window: Int,
        work: @escaping @Sendable (Int) async -> Output,
        report: (Int, Output) -> Void
    ) async {
        let window = max(1, window)
        await withTaskGroup(of: (Int, Output).self) { group in
            var launched = 0, reported = 0
            var waiting: [Int: Output] = [:]
            func launchMore() {
                while launched < count, launched - reported < window {
                    let index = launched
                    group.addTask { (index, await work(index)) }
                    launched += 1
                }
            }
            launchMore()
            while let (index, output) = await group.next() {
                waiting[index] = output
                while let next = waiting.removeValue(forKey: reported) {
                    report(reported, next)
                    reported += 1
                }
                launchMore()
            }
        }
    }
}
