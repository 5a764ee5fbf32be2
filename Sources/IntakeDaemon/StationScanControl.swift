import Pipeline
import Web

/// Connects the web app's "Quét" screen to the daemon's scan stations.
struct StationScanControl: ScanControl {
    let stations: ScanStations

    func stations() async -> [ScanStation] {
        await stations.stationStatuses().map {
            ScanStation(id: $0.name, name: $0.online ? "\($0.name) (\($0.device))" : "\($0.name) — không kết nối")
        }
    }

    func startScan(station: String, requestedBy: String) async throws -> String {
        try await stations.start(station: station)
    }

    func progress(job: String) async -> Web.ScanProgress? {
        guard let p = await stations.job(job) else { return nil }
        let registered = p.documents.filter { $0.arrivalNumber != nil }.count
        var message = "Đã quét \(p.pagesScanned) trang (bỏ \(p.pagesDropped) trang trắng), "
            + "tìm thấy \(p.documentsFound) văn bản, đã đăng ký \(registered)."
        if let error = p.error { message += " Lỗi máy quét: \(error)" }
        return Web.ScanProgress(job: job, pagesScanned: p.pagesScanned, finished: p.isFinal, message: message)
    }
}
