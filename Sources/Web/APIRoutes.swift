import Foundation
import Hummingbird
import Registry

struct LoginBody: Decodable {
    var username: String
    var password: String
}

struct PasswordBody: Decodable {
    var old: String
    var new: String
}

struct AssignBody: Decodable {
    var lead: String
    var support: [String]?
    var instruction: String?
    var dueDate: String?

    enum CodingKeys: String, CodingKey {
        case lead, support, instruction
        case dueDate = "due_date"
    }
}

struct SessionJSON: Encodable {
    var username: String
    var displayName: String
    var role: String
    var csrfToken: String
    var mustChangePassword: Bool
}

extension WebApp {
    func addAPIRoutes(to router: Router<WebContext>) {
        router.get("/healthz") { _, _ in
            do {
                _ = try await Blocking.run { [registry] in try registry.documents(status: .needsReview, limit: 1) }
                return JSON.response(["status": "ok"])
            } catch {
                return JSON.response(["status": "error", "message": "\(error)"], status: .serviceUnavailable)
            }
        }

        // Counts only, no document content: left open for a Prometheus scraper on the same host.
        router.get("/metrics") { _, _ in
            let m = try await Blocking.run { [registry] in try registry.metrics() }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: MetricsText.render(m))))
        }

        let api = router.group("api")
        api.addRoutes(sessionRoutes(), atPath: "session")

        api.get("documents") { request, context in
            let (_, _) = try apiUser(context)
            return try await listDocuments(request)
        }

        api.get("documents/:id") { _, context in
            _ = try apiUser(context)
            let d = try await visibleDocument(context.parameters.require("id"))
            return JSON.response(try await documentJSON(d))
        }

        api.patch("documents/:id") { request, context in
            let (session, user) = try apiUser(context)
            try checkCSRFHeader(request, session)
            guard user.role.canCorrect else { throw APIError.forbidden("Vai trò \(user.role.label) không được sửa thông tin văn bản.") }
            let id = try context.parameters.require("id")
            _ = try await visibleDocument(id)
            let changes = try await Self.fieldChanges(request)
            let updated = try await run { try registry.correct(documentID: id, changes: changes, actor: user.username,
                                                               allowConfirmed: user.role.canCorrectConfirmed) }
            return JSON.response(try await documentJSON(updated))
        }

        api.post("documents/:id/confirm") { request, context in
            let (session, user) = try apiUser(context)
            try checkCSRFHeader(request, session)
            guard user.role.canConfirm else { throw APIError.forbidden("Vai trò \(user.role.label) không được xác nhận văn bản.") }
            let id = try context.parameters.require("id")
            _ = try await visibleDocument(id)
            let d = try await run { try registry.confirm(documentID: id, actor: user.username) }
            return JSON.response(try await documentJSON(d))
        }

        api.post("documents/:id/assign") { request, context in
            let (session, user) = try apiUser(context)
            try checkCSRFHeader(request, session)
            guard user.role.canAssign else { throw APIError.forbidden("Chỉ lãnh đạo được phân công xử lý văn bản.") }
            let id = try context.parameters.require("id")
            _ = try await visibleDocument(id)
            let body: AssignBody
            do { body = try await request.decode(as: AssignBody.self, context: context) } catch {
                throw APIError.badRequest("Nội dung phân công không đúng dạng JSON {\"lead\", \"support\", \"instruction\", \"due_date\"}.")
            }
            let req = AssignmentRequest(lead: body.lead, support: body.support ?? [], instruction: body.instruction, dueDate: body.dueDate)
            let d = try await run { try registry.assign(documentID: id, req, actor: user.username) }
            return JSON.response(try await documentJSON(d))
        }

        api.get("documents/:id/events") { _, context in
            _ = try apiUser(context)
            let d = try await visibleDocument(context.parameters.require("id"))
            let events = try await run { try registry.events(documentID: d.id) }
            return JSON.response(["events": events.map(EventJSON.init)])
        }

        api.get("documents/:id/pdf") { _, context in
            _ = try apiUser(context)
            return try await pdf(visibleDocument(context.parameters.require("id")))
        }

        api.get("documents/:id/pages/:file") { request, context in
            _ = try apiUser(context)
            let d = try await visibleDocument(context.parameters.require("id"))
            let file = try context.parameters.require("file")
            guard file.hasSuffix(".jpg"), let n = Int(file.dropLast(4)) else { throw APIError.notFound("Trang phải có dạng {n}.jpg.") }
            let dpi = request.queryFields["dpi"].flatMap { Int($0) } ?? 100
            guard PageImageRenderer.allowedDPI.contains(dpi) else {
                throw APIError.badRequest("dpi phải là một trong \(PageImageRenderer.allowedDPI.map { String($0) }.joined(separator: ", ")).")
            }
            return try await pageImage(d, page: n, dpi: dpi)
        }

        api.get("register") { request, context in
            _ = try apiUser(context)
            let (from, to) = try Self.dateRange(request)
            let entries = try await run { try registry.registerBook(from: from, to: to) }
            if request.queryFields["format"] == "csv" {
                return Response(status: .ok, headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"so-van-ban-den-\(from)-\(to).csv\"",
                ], body: .init(byteBuffer: ByteBuffer(string: Self.registerCSV(entries))))
            }
            let keys = ["ngay_den", "so_den", "tac_gia", "so_ky_hieu", "ngay_thang", "ten_loai_trich_yeu",
                        "don_vi_nguoi_nhan", "ngay_chuyen", "ky_nhan", "ghi_chu"]
            let rows: [[String: String]] = entries.map { e in
                var row = Dictionary(uniqueKeysWithValues: zip(keys, RegisterBook.row(e)))
                row["id"] = e.document.id
                return row
            }
            return JSON.response(["from": RegisterValue.string(from), "to": .string(to), "entries": .rows(rows)])
        }

        api.get("failures") { _, context in
            _ = try apiUser(context)
            let failures = try await run { try registry.pendingFailures() }
            return JSON.response(["failures": failures])
        }

        api.post("failures/:id/retry") { request, context in
            let (session, user) = try apiUser(context)
            try checkCSRFHeader(request, session)
            guard user.role.canHandleIntake else { throw APIError.forbidden("Chỉ văn thư được đưa tệp lỗi vào tiếp nhận lại.") }
            guard let id = Int64(try context.parameters.require("id")) else { throw APIError.notFound() }
            do { try await retryFailure(id: id, actor: user.username) } catch { throw APIError.from(error) }
            return JSON.response(["status": "retried"])
        }

        api.get("confidential") { _, context in
            _ = try apiUser(context)
            let holds = try await run { try registry.pendingConfidentialHolds() }
            // Only when and from where: never content, file name or pages.
            return JSON.response(["holds": holds.map { ["id": $0.id, "arrived_at": $0.arrivedAt, "source": "\($0.sourceKind.rawValue):\($0.sourceName)"] }])
        }

        api.post("confidential/:id/handled") { request, context in
            let (session, user) = try apiUser(context)
            try checkCSRFHeader(request, session)
            guard user.role.canHandleIntake else { throw APIError.forbidden("Chỉ văn thư xử lý văn bản mật.") }
            let id = try context.parameters.require("id")
            guard Self.validID(id) else { throw APIError.notFound() }
            try await run { try registry.markConfidentialHandled(documentID: id, actor: user.username, note: nil) }
            return JSON.response(["status": "handled"])
        }
    }

    func sessionRoutes() -> RouteCollection<WebContext> {
        let routes = RouteCollection(context: WebContext.self)
        routes.post { request, context in
            let body: LoginBody
            do { body = try await request.decode(as: LoginBody.self, context: context) } catch {
                throw APIError.badRequest("Cần JSON {\"username\", \"password\"}.")
            }
            let (session, user) = try await apiLogin(body.username, body.password, context)
            var response = JSON.response(SessionJSON(username: user.username, displayName: user.displayName, role: user.role.rawValue,
                                                     csrfToken: session.csrfToken, mustChangePassword: user.mustChangePassword))
            response.setCookie(WebCookies.session(session.token, lifetime: configuration.sessionLifetime))
            return response
        }
        routes.get { _, context in
            let (session, user) = try apiUser(context, allowPasswordChange: true)
            return JSON.response(SessionJSON(username: user.username, displayName: user.displayName, role: user.role.rawValue,
                                             csrfToken: session.csrfToken, mustChangePassword: user.mustChangePassword))
        }
        routes.delete { request, context in
            let (session, user) = try apiUser(context, allowPasswordChange: true)
            try checkCSRFHeader(request, session)
            try await run { try registry.deleteSession(token: session.token, actor: user.username) }
            var response = JSON.response(["status": "logged_out"])
            response.setCookie(WebCookies.clearSession())
            return response
        }
        routes.post("password") { request, context in
            let (session, user) = try apiUser(context, allowPasswordChange: true)
            try checkCSRFHeader(request, session)
            let body: PasswordBody
            do { body = try await request.decode(as: PasswordBody.self, context: context) } catch {
                throw APIError.badRequest("Cần JSON {\"old\", \"new\"}.")
            }
            do {
                _ = try await accounts.changePassword(user: user, session: session, old: body.old, new: body.new)
            } catch Accounts.ChangeError.wrongOldPassword {
                throw APIError(.forbidden, "wrong_password", "Mật khẩu hiện tại không đúng.")
            } catch Accounts.ChangeError.sameAsOld {
                throw APIError(.unprocessableContent, "weak_password", "Mật khẩu mới phải khác mật khẩu cũ.")
            } catch {
                throw APIError.from(error)
            }
            return JSON.response(["status": "password_changed"])
        }
        return routes
    }

    func apiLogin(_ username: String, _ password: String, _ context: WebContext) async throws -> (WebSession, User) {
        do {
            return try await accounts.login(username: username, password: password, remoteAddress: context.remoteAddress)
        } catch Accounts.LoginError.locked(let until) {
            throw APIError(.forbidden, "account_locked",
                           "Tài khoản tạm khóa do nhập sai mật khẩu \(Registry.maxFailedLogins) lần; thử lại sau \(Self.clock(until)).")
        } catch Accounts.LoginError.disabled {
            throw APIError(.forbidden, "account_disabled", "Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị.")
        } catch Accounts.LoginError.invalidCredentials {
            throw APIError(.unauthorized, "invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.")
        }
    }

    /// `2026-11-21T17:08:03+07:00` → `17:08 21/11/2026`.
    static func clock(_ iso: String) -> String {
        guard iso.count >= 16 else { return iso }
        let day = RegisterBook.displayDate(String(iso.prefix(10)))
        return String(iso.dropFirst(11).prefix(5)) + " " + day
    }

    /// Runs registry work off the cooperative pool, mapping its errors to readable API errors.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        do { return try await Blocking.run(body) } catch { throw APIError.from(error) }
    }

    static func fieldChanges(_ request: Request) async throws -> [String: String?] {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
            throw APIError.badRequest("Cần một đối tượng JSON: tên trường → giá trị mới (chuỗi, số hoặc null).")
        }
        var changes: [String: String?] = [:]
        for (key, value) in object {
            switch value {
            case let s as String: changes[key] = .some(s)
            case is NSNull: changes[key] = .some(nil)
            case let n as NSNumber: changes[key] = .some(n.stringValue)
            default: throw APIError.badRequest("Giá trị của '\(key)' phải là chuỗi, số hoặc null.")
            }
        }
        return changes
    }

    /// `from`/`to` (YYYY-MM-DD, inclusive); both default to today in Vietnam time.
    static func dateRange(_ request: Request) throws -> (String, String) {
        let today = VietnamTime.day(of: Date())
        let from = request.queryFields["from"].flatMap { $0.isEmpty ? nil : $0 } ?? today
        let to = request.queryFields["to"].flatMap { $0.isEmpty ? nil : $0 } ?? from
        guard ReviewDates.isValidDay(from), ReviewDates.isValidDay(to) else {
            throw APIError.badRequest("Ngày phải có dạng YYYY-MM-DD.")
        }
        guard from <= to else { throw APIError.badRequest("Ngày bắt đầu phải trước ngày kết thúc.") }
        return (from, to)
    }

    static let pageSize = 50

    /// Query parameters shared by the API list and the search screen.
    static func query(_ request: Request) throws -> (DocumentQuery, isQueue: Bool) {
        let p = request.queryFields
        func value(_ k: String) -> String? { p[k].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        var q = DocumentQuery()
        q.text = value("q")
        q.number = value("number")
        q.sender = value("sender")
        q.typeName = value("type")
        q.from = value("from")
        q.to = value("to")
        for d in [q.from, q.to].compactMap({ $0 }) where !ReviewDates.isValidDay(d) {
            throw APIError.badRequest("Ngày '\(d)' phải có dạng YYYY-MM-DD.")
        }
        if let s = value("status") {
            guard let status = DocumentStatus(rawValue: s) else {
                throw APIError.badRequest("Trạng thái phải là một trong: needs_review, awaiting_assignment, assigned.")
            }
            if status == .confidentialHold {
                throw APIError(.forbidden, "confidential", ReviewError.confidential.description)
            }
            q.status = status
        }
        let page = max(1, min(p["page"].flatMap { Int($0) } ?? 1, 100_000))
        q.limit = pageSize
        q.offset = (page - 1) * pageSize
        let isQueue = q.status != nil && q.text == nil && q.number == nil && q.sender == nil && q.typeName == nil && q.from == nil && q.to == nil
        return (q, isQueue)
    }

    func listDocuments(_ request: Request) async throws -> Response {
        let (q, isQueue) = try Self.query(request)
        let page = q.offset / Self.pageSize + 1
        let result: (docs: [IncomingDocument], total: Int, capped: Bool, snippets: [String: String], dups: [String: [IncomingDocument]])
        result = try await run { [registry] in
            if isQueue, let status = q.status {
                let (docs, total) = try registry.queue(status: status, limit: q.limit, offset: q.offset)
                return (docs, total, false, [:], try registry.duplicates(of: docs))
            }
            let r = try registry.findDocuments(q)
            return (r.documents, r.total, r.totalCapped, r.snippets, try registry.duplicates(of: r.documents))
        }
        return JSON.response(DocumentListJSON(
            documents: result.docs.map { DocumentSummaryJSON($0, duplicates: result.dups[$0.id] ?? [], snippet: result.snippets[$0.id]) },
            total: result.total, totalCapped: result.capped, page: page, pageSize: Self.pageSize))
    }
}

/// `{"from": …, "to": …, "entries": [...]}` without reaching for AnyEncodable.
enum RegisterValue: Encodable {
    case string(String)
    case rows([[String: String]])
    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .rows(let r): try c.encode(r)
        }
    }
}
