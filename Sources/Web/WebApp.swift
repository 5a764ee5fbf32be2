import Foundation
import Hummingbird
import Logging
import Registry

/// Settings of the HTTP side.
public struct WebConfiguration: Sendable {
    /// 127.0.0.1 by default: the register is not for the whole network unless configured so.
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Page images are cached under `<dataDirectory>/cache/pages`.
    public var dataDirectory: String
    /// Where "Thử lại" moves a failed file (the first watch folder), so the daemon takes it again.
    public var retryFolder: String?
    /// Watch folder paths by name: a failed file goes back to the folder it came from when
    /// that folder still exists (a stack folder's file must be split again, not taken whole).
    public var retryFolders: [String: String] = [:]
    public var sessionLifetime: TimeInterval = 12 * 3600
    public var bcryptCost: UInt8 = 12
    /// Shown in the page header and the register book title.
    public var agencyName: String = "Văn thư cơ quan"

    public init(dataDirectory: String, host: String = "127.0.0.1", port: Int = 8080, retryFolder: String? = nil) {
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.retryFolder = retryFolder
    }

    /// Parses `HOST:PORT` (`[::1]:8080` for IPv6).
    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        return (host, port)
    }
}

/// A hook for the scanner work (issue: SANE scanning): when the daemon supplies one, the
/// web app shows a "Quét" screen to start a scan on a station and follow its progress.
public protocol ScanControl: Sendable {
    func stations() async -> [ScanStation]
    /// Starts a scan; returns a job id.
    func startScan(station: String, requestedBy: String) async throws -> String
    func progress(job: String) async -> ScanProgress?
}

public struct ScanStation: Sendable, Codable {
    public var id: String
    public var name: String
    public init(id: String, name: String) { self.id = id; self.name = name }
}

public struct ScanProgress: Sendable, Codable {
    public var job: String
    public var pagesScanned: Int
    public var finished: Bool
    public var message: String?
    public init(job: String, pagesScanned: Int, finished: Bool, message: String? = nil) {
        self.job = job; self.pagesScanned = pagesScanned; self.finished = finished; self.message = message
    }
}

/// The web app: JSON API under /api, the Vietnamese screens elsewhere.
public struct WebApp: Sendable {
    public let registry: Registry
    public let configuration: WebConfiguration
    public let accounts: Accounts
    public let renderer: PageImageRenderer
    public let scanner: ScanControl?
    let logger: Logger

    public init(registry: Registry, configuration: WebConfiguration, scanner: ScanControl? = nil, logger: Logger = Logger(label: "intake.web")) {
        self.registry = registry
        self.configuration = configuration
        self.accounts = Accounts(registry: registry, sessionLifetime: configuration.sessionLifetime, bcryptCost: configuration.bcryptCost)
        self.renderer = PageImageRenderer(cacheDirectory: URL(fileURLWithPath: configuration.dataDirectory)
            .appendingPathComponent("cache").appendingPathComponent("pages").path)
        self.scanner = scanner
        self.logger = logger
    }

    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SessionMiddleware(registry: registry))
        addAPIRoutes(to: router)
        addPageRoutes(to: router)
        return router
    }

    /// The Hummingbird application; it is a ServiceLifecycle `Service` for the daemon's ServiceGroup.
    public func application() -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "intake"),
            logger: logger)
    }

    // MARK: - Shared checks

    /// The logged-in account, or 401; 403 `password_change_required` until the first password change.
    func apiUser(_ context: WebContext, allowPasswordChange: Bool = false) throws -> (WebSession, User) {
        guard let session = context.session, let user = context.user else { throw APIError.notLoggedIn }
        if user.mustChangePassword && !allowPasswordChange { throw APIError.passwordChangeRequired }
        return (session, user)
    }

    /// Every write through the API carries the session's CSRF token in `X-CSRF-Token`.
    func checkCSRFHeader(_ request: Request, _ session: WebSession) throws {
        guard let token = request.headers[.csrfToken], Tokens.equal(token, session.csrfToken) else { throw APIError.csrf }
    }

    static func validID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// A document of the shared register, never a confidential one.
    func visibleDocument(_ id: String) async throws -> IncomingDocument {
        guard Self.validID(id), let d = try await Blocking.run({ [registry] in try registry.document(id: id) }) else {
            throw APIError.notFound("Không tìm thấy văn bản này trong sổ.")
        }
        if d.status == .confidentialHold { throw APIError.from(ReviewError.confidential) }
        return d
    }

    func documentJSON(_ d: IncomingDocument) async throws -> DocumentJSON {
        try await Blocking.run { [registry] in
            let pages = try registry.pages(documentID: d.id)
            let duplicates = try registry.duplicates(of: [d])[d.id] ?? []
            let assignments = try registry.assignments(documentID: d.id)
            return DocumentJSON(d, pages: pages, duplicates: duplicates, assignments: assignments)
        }
    }

    func pageImage(_ d: IncomingDocument, page: Int, dpi: Int) async throws -> Response {
        guard page >= 1, page <= d.pageCount else { throw APIError.notFound("Văn bản không có trang \(page).") }
        let data: Data
        do {
            data = try await renderer.jpeg(documentID: d.id, pdfPath: d.pdfPath, page: page, dpi: dpi)
        } catch {
            throw APIError(.internalServerError, "render_failed", "\(error)")
        }
        return Response(status: .ok, headers: [.contentType: "image/jpeg", .cacheControl: "private, max-age=3600"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func pdf(_ d: IncomingDocument) async throws -> Response {
        guard let data = try? await Blocking.run({ try Data(contentsOf: URL(fileURLWithPath: d.pdfPath)) }) else {
            throw APIError.notFound("Không đọc được tệp PDF của văn bản.")
        }
        let name = d.arrival.map { "van-ban-den-\($0.year)-\(String(format: "%06d", $0.number)).pdf" } ?? "van-ban.pdf"
        return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "inline; filename=\"\(name)\"",
                                               .cacheControl: "private, no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Hands a failed file back to the pipeline by moving it into the retry folder.
    func retryFailure(id: Int64, actor: String) async throws {
        guard let fallback = configuration.retryFolder else {
            throw APIError(.conflict, "no_retry_folder", "Chưa cấu hình thư mục tiếp nhận để thử lại.")
        }
        let folders = configuration.retryFolders
        try await Blocking.run { [registry] in
            try registry.retryFailure(id: id, actor: actor) { failure in
                let folder = folders[failure.sourceName] ?? fallback
                guard let stored = failure.storedPath, FileManager.default.fileExists(atPath: stored) else {
                    throw APIError(.conflict, "file_missing", "Tệp gốc không còn ở chỗ lưu tệp lỗi, không thể thử lại.")
                }
                let name = (failure.originalFileName as NSString).lastPathComponent
                var destination = URL(fileURLWithPath: folder).appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: destination.path) {
                    destination = URL(fileURLWithPath: folder).appendingPathComponent("retry-\(id)-\(name)")
                }
                try FileManager.default.moveItem(atPath: stored, toPath: destination.path)
                return destination.path
            }
        }
    }

    static func registerCSV(_ entries: [RegisterEntry]) -> String {
        func cell(_ s: String?) -> String {
            let v = s ?? ""
            // A leading = + - @ would be a formula in a spreadsheet.
            let safe = v.first.map { "=+-@".contains($0) } == true ? "'" + v : v
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var out = "\u{FEFF}" + RegisterBook.columns.map(cell).joined(separator: ",") + "\r\n"
        for e in entries {
            out += RegisterBook.row(e).map(cell).joined(separator: ",") + "\r\n"
        }
        return out
    }
}

/// The columns of Sổ đăng ký văn bản đến (Nghị định 30, Phụ lục IV).
enum RegisterBook {
    static let columns = ["Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng", "Tên loại và trích yếu nội dung",
                          "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận", "Ghi chú"]

    static func row(_ e: RegisterEntry) -> [String] {
        let d = e.document
        let number = [d.codeNumber, d.codeNotation].compactMap { $0 }.joined(separator: "/")
        let typeAndSubject = [d.typeName, d.subject].compactMap { $0 }.joined(separator: ": ")
        let lead = e.assignments.filter { $0.role == "lead" }.map(\.assignee)
        let support = e.assignments.filter { $0.role == "support" }.map(\.assignee)
        let receivers = lead.joined(separator: "; ") + (support.isEmpty ? "" : " (phối hợp: " + support.joined(separator: "; ") + ")")
        var notes = [d.description].compactMap { $0 }
        if (d.priority ?? 0) > 0 { notes.insert(Priority.label(d.priority), at: 0) }
        return [
            displayDate(String(d.arrivedAt.prefix(10))), d.arrivalNumber.map(String.init) ?? "", d.organName ?? "", number,
            d.issuedDate.map(displayDate) ?? "", typeAndSubject, receivers,
            e.assignments.first.map { displayDate(String($0.assignedAt.prefix(10))) } ?? "", "", notes.joined(separator: "; "),
        ]
    }

    /// `2024-03-05` → `05/03/2024`, as dates are written in Vietnamese registers.
    static func displayDate(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        guard p.count == 3 else { return iso }
        return "\(p[2])/\(p[1])/\(p[0])"
    }
}
