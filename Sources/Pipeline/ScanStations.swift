import Capture
import Extraction
import Foundation
import Logging

/// A scan job's identity, for following and cancelling it.
public typealias ScanJobID = String

/// Why a scan could not be started on a station.
public enum ScanStationError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownStation(String)
    /// A job is already running on that scanner (one job per device).
    case busy(station: String, job: ScanJobID)
    /// The scanner is not visible to SANE now (unplugged, switched off).
    case offline(station: String, device: String)
    case unknownJob(ScanJobID)

    public var description: String {
        switch self {
        case .unknownStation(let name): "there is no scan station named '\(name)'"
        case let .busy(station, job): "the scanner of station '\(station)' is busy with scan job \(job); wait until it has finished"
        case let .offline(station, device): "the scanner of station '\(station)' (\(device)) is offline: check that it is switched on and connected"
        case .unknownJob(let id): "there is no scan job \(id)"
        }
    }

    /// For HTTP: 404 unknown, 409 busy, 503 offline.
    public var code: String {
        switch self {
        case .unknownStation, .unknownJob: "not_found"
        case .busy: "busy"
        case .offline: "offline"
        }
    }
}

/// A station as the web app shows it.
public struct ScanStationStatus: Sendable, Codable, Equatable {
    public var name: String
    public var device: String
    public var source: String
    public var dpi: Int
    public var mode: String
    public var profile: String
    /// SANE lists the device now.
    public var online: Bool
    /// The job running on it, if any.
    public var activeJob: ScanJobID?
}

/// The daemon's scan stations (`[[scan.station]]`): starts jobs, one per device at a time,
/// and lets any number of followers watch a job's progress. A device that disappears is
/// reported offline; the daemon goes on.
///
/// For the web app: `start(station:)` → job id (throws `.busy` / `.offline` / `.unknownStation`),
/// `progress(job)` → `AsyncStream<ScanProgress>` (the current state first, then every change,
/// ending after the final state), `cancel(job)`, `stations()`, `job(_:)`.
public actor ScanStations {
    let intake: Intake
    let stations: [IntakeConfiguration.ScanStation]
    let splitOptions: SplitOptions
    let logger: Logger
    /// Injected for tests: which devices exist right now.
    let listDevices: @Sendable () -> [String]?

    private struct Job {
        let run: ScanRun
        var progress: ScanProgress
        var followers: [UUID: AsyncStream<ScanProgress>.Continuation] = [:]
    }

    private var jobs: [ScanJobID: Job] = [:]
    /// Device → job running on it.
    private var activeByDevice: [String: ScanJobID] = [:]
    /// Finished jobs kept for followers that arrive late (most recent last).
    private var finishedOrder: [ScanJobID] = []
    private let keepFinished = 20

    public init(intake: Intake, stations: [IntakeConfiguration.ScanStation]? = nil, splitOptions: SplitOptions? = nil,
                listDevices: (@Sendable () -> [String]?)? = nil) {
        self.intake = intake
        self.stations = stations ?? intake.configuration.scan.stations
        self.splitOptions = splitOptions ?? intake.configuration.scan.splitOptions
        self.logger = intake.logger
        self.listDevices = listDevices ?? { try? SaneRuntime.devices().map(\.name) }
    }

    /// Every configured station with whether its scanner is online and busy.
    public func stationStatuses() -> [ScanStationStatus] {
        let present = listDevices()
        return stations.map { s in
            ScanStationStatus(name: s.name, device: s.device, source: s.source.rawValue, dpi: s.dpi, mode: s.mode.rawValue,
                              profile: s.profile, online: present?.contains(s.device) ?? false,
                              activeJob: activeByDevice[s.device])
        }
    }

    /// Starts a scan on the station's scanner with its defaults.
    public func start(station name: String) throws -> ScanJobID {
        guard let station = stations.first(where: { $0.name == name }) else { throw ScanStationError.unknownStation(name) }
        if let running = activeByDevice[station.device] { throw ScanStationError.busy(station: name, job: running) }
        if let present = listDevices(), !present.contains(station.device) {
            logger.warning("scan station is offline", metadata: ["station": "\(name)", "device": "\(station.device)"])
            throw ScanStationError.offline(station: name, device: station.device)
        }
        let settings = ScanSettings(source: station.source, dpi: station.dpi, mode: station.mode)
        let run = ScanRun(intake: intake, device: station.device, settings: settings, station: name,
                          profile: station.profile, splitOptions: splitOptions)
        let id = UUID().uuidString.lowercased()
        jobs[id] = Job(run: run, progress: ScanProgress(station: name, device: station.device, startedAt: Date()))
        activeByDevice[station.device] = id
        logger.notice("scan job started", metadata: ["station": "\(name)", "job": "\(id)"])
        // The stations live as long as the daemon: holding them strongly here is fine.
        Task.detached { [self] in
            let final = await run.run { progress in
                Task { await self.update(id, progress) }
            }
            await self.finish(id, final)
        }
        return id
    }

    /// The job's state now, or nil when unknown.
    public func job(_ id: ScanJobID) -> ScanProgress? { jobs[id]?.progress }

    /// The current state, then every change; ends after the final state.
    public func progress(_ id: ScanJobID) -> AsyncStream<ScanProgress> {
        let (stream, continuation) = AsyncStream<ScanProgress>.makeStream(bufferingPolicy: .bufferingNewest(64))
        guard let job = jobs[id] else {
            continuation.finish()
            return stream
        }
        continuation.yield(job.progress)
        if job.progress.isFinal && activeByDevice[job.run.device] != id {
            continuation.finish()
            return stream
        }
        let key = UUID()
        jobs[id]?.followers[key] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unfollow(id, key) }
        }
        return stream
    }

    /// Stops the scanner; what was scanned is still registered.
    public func cancel(_ id: ScanJobID) throws {
        guard let job = jobs[id] else { throw ScanStationError.unknownJob(id) }
        job.run.cancel()
    }

    private func unfollow(_ id: ScanJobID, _ key: UUID) {
        jobs[id]?.followers.removeValue(forKey: key)
    }

    private func update(_ id: ScanJobID, _ progress: ScanProgress) {
        guard var job = jobs[id], !(job.progress.isFinal && !progress.isFinal) else { return }
        // Updates hop through separate tasks: keep the most advanced one.
        if progress.pagesScanned < job.progress.pagesScanned || progress.documents.count < job.progress.documents.count { return }
        job.progress = progress
        jobs[id] = job
        for follower in job.followers.values { follower.yield(progress) }
    }

    private func finish(_ id: ScanJobID, _ final: ScanProgress) {
        guard var job = jobs[id] else { return }
        job.progress = final
        for follower in job.followers.values {
            follower.yield(final)
            follower.finish()
        }
        job.followers = [:]
        jobs[id] = job
        activeByDevice.removeValue(forKey: job.run.device)
        logger.notice("scan job ended", metadata: [
            "job": "\(id)", "phase": "\(final.phase.rawValue)", "pages": "\(final.pagesScanned)",
            "documents": "\(final.documents.count)", "error": "\(final.error ?? "-")",
        ])
        finishedOrder.append(id)
        while finishedOrder.count > keepFinished { jobs.removeValue(forKey: finishedOrder.removeFirst()) }
    }
}
