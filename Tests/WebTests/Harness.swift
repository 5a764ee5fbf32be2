import Foundation
import Hummingbird
import HummingbirdTesting
import Registry
@testable import Web

/// A web app on a real SQLite register in a fresh temporary directory.
struct Harness {
    let directory: URL
    let registry: Registry
    let app: WebApp
    static let password = "Bắt đầu#2024"

    init(retryFolder: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("intake-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        registry = try Registry(path: directory.appendingPathComponent("registry.sqlite").path)
        var configuration = WebConfiguration(dataDirectory: directory.path)
        configuration.bcryptCost = 4   // fast tests; the hash records its cost
        if retryFolder {
            let inbox = directory.appendingPathComponent("inbox")
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            configuration.retryFolder = inbox.path
            let stacks = directory.appendingPathComponent("stacks")
            try FileManager.default.createDirectory(at: stacks, withIntermediateDirectories: true)
            configuration.retryFolders = ["inbox": inbox.path, "stacks": stacks.path]
        }
        app = WebApp(registry: registry, configuration: configuration)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// An account; `ready` skips the first-login password change.
    @discardableResult
    func addUser(_ name: String, role: UserRole, ready: Bool = true) async throws -> User {
        let user = try await app.accounts.addUser(username: name, role: role, password: Self.password, actor: "test")
        if ready {
            let hash = await PasswordHasher.hash(Self.password, cost: 4)
            return try registry.setPassword(name, hash: hash, mustChange: false, actor: name)
        }
        return user
    }

    /// Registers a document straight through `Registry.register` (no OCR), with a real one-page PDF.
    @discardableResult
    func addDocument(
        text: String = "Quyết định về việc ban hành quy chế", status: DocumentStatus = .needsReview,
        codeNumber: String? = "15", codeNotation: String? = "QĐ-UBND", organName: String? = "UBND TỈNH SƠN LA",
        typeName: String? = "Quyết định", subject: String? = "Về việc ban hành quy chế làm việc", priority: Int? = nil,
        readings: [String: FieldReading] = [:], doubtful: [String] = [], receivedAt: Date = Date()
    ) throws -> IncomingDocument {
        let id = UUID().uuidString
        var metadata = DocumentMetadata(readings: readings, doubtfulFields: doubtful)
        metadata.codeNumber = codeNumber
        metadata.codeNotation = codeNotation
        metadata.organName = organName
        metadata.typeName = typeName
        metadata.subject = subject
        metadata.priority = priority
        let doc = NewIncomingDocument(
            id: id, sourceKind: .folder, sourceName: "inbox", originalFileName: "\(id).pdf", sha256: id,
            receivedAt: receivedAt,
            pages: [NewPage(pageNumber: 1, ocrText: text, meanConfidence: 90, width: 2480, height: 3508, dpi: 300)],
            status: status, metadata: metadata)
        let pdf = directory.appendingPathComponent("\(id).pdf")
        if status == .confidentialHold {
            return try registry.holdConfidential(doc) {
                try Self.minimalPDF.write(to: pdf)
                return pdf.path
            }
        }
        return try registry.register(doc) { _ in
            try Self.minimalPDF.write(to: pdf)
            return pdf.path
        }
    }

    /// A valid one-page A4 PDF with a grey rectangle, enough for pdftoppm.
    static let minimalPDF: Data = {
        let content = "0.5 g 72 700 300 60 re f"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(i + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { pdf += String(format: "%010d 00000 n \n", o) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }()
}

/// A logged-in API client: session cookie and CSRF token.
struct Login {
    var cookie: String
    var csrf: String

    var read: HTTPFields { [.cookie: cookie] }
    var write: HTTPFields { [.cookie: cookie, .csrfToken: csrf, .contentType: "application/json"] }
}

extension TestClientProtocol {
    func login(_ username: String, _ password: String = Harness.password) async throws -> (TestResponse, Login?) {
        let body = try JSONSerialization.data(withJSONObject: ["username": username, "password": password])
        let response = try await executeRequest(uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(bytes: body))
        guard response.status == .ok,
              let setCookie = response.headers[.setCookie],
              let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any],
              let csrf = json["csrf_token"] as? String
        else { return (response, nil) }
        return (response, Login(cookie: String(setCookie.split(separator: ";")[0]), csrf: csrf))
    }

    func json(_ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields, body: Any? = nil) async throws -> (HTTPResponse.Status, [String: Any]) {
        let buffer = try body.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0)) }
        let response = try await executeRequest(uri: uri, method: method, headers: headers, body: buffer)
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
        return (response.status, object)
    }
}
