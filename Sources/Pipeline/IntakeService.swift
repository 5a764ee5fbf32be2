import Capture
import Foundation
import Logging
import ServiceLifecycle

/// The daemon: recovers what a crash left behind, then watches the drop folders and
/// processes ready files, at most one per OCR engine at a time.
///
/// On graceful shutdown (SIGTERM/SIGINT) it stops taking files and lets the documents
/// in hand finish; a document interrupted harder than that is rolled back by its
/// transaction and resumed from the work folder on the next start.
public struct IntakeService: Service {
    let intake: Intake
    let logger: Logger
    let notifier = SystemdNotifier()

    public init(intake: Intake, logger: Logger) {
        self.intake = intake
        self.logger = logger
    }

    public func run() async throws {
        let configuration = intake.configuration
        let lock = try DaemonLock(dataDirectory: configuration.dataDirectory)
        defer { withExtendedLifetime(lock) {} }
        let recovered = await intake.recover()
        if !recovered.isEmpty { logger.notice("recovered \(recovered.count) document(s) from the work folder") }

        let folders = configuration.watch.folders.map {
            WatchFolder(name: $0.name, path: $0.path, profile: $0.profile, stack: $0.stack)
        }
        for folder in folders {
            try? FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        }
        let watcher = FolderWatcher(
            folders: folders,
            options: WatchOptions(
                settleWindow: .milliseconds(Int(configuration.watch.settleSeconds * 1000)),
                rescanInterval: .milliseconds(Int(configuration.watch.rescanSeconds * 1000))),
            logger: logger)
        defer { watcher.stop() }

        logger.notice("intake is watching", metadata: [
            "folders": "\(folders.map { "\($0.name)=\($0.path)" }.joined(separator: ", "))",
            "registry": "\(configuration.registryPath)",
            "engines": "\(configuration.engineCount)",
        ])
        notifier.notify("READY=1\nSTATUS=watching \(folders.count) folder(s)")

        try await withThrowingTaskGroup(of: Void.self) { group in
            if let interval = notifier.watchdogInterval {
                group.addTask { try await notifier.keepWatchdogFed(every: interval) }
            }
            await process(watcher.readyFiles().cancelOnGracefulShutdown(), concurrency: configuration.engineCount)
            notifier.notify("STOPPING=1")
            group.cancelAll()
        }
        logger.notice("intake stopped")
    }

    /// Bounded fan-out: a new file starts only when one of `concurrency` slots is free.
    private func process(_ files: some AsyncSequence<ReadyFile, Never>, concurrency: Int) async {
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for await file in files {
                if running >= concurrency {
                    await group.next()
                    running -= 1
                }
                running += 1
                group.addTask { _ = await intake.ingest(file) }
            }
            // The sequence ended (shutdown): let the documents in hand finish.
            await group.waitForAll()
        }
    }
}
