import Foundation
import Hummingbird
import Registry

/// A redirect or an error page from inside a screen's handler.
struct PageResponse: HTTPResponseError {
    var status: HTTPResponse.Status
    var location: String?
    var html: String?

    static func redirect(_ to: String) -> PageResponse { PageResponse(status: .seeOther, location: to) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        if let location { return Response(status: status, headers: [.location: location]) }
        return HTML.response(html ?? "", status: status)
    }
}

extension WebApp {
    /// The logged-in account for a screen; otherwise off to the login or password screen.
    func pageUser(_ request: Request, _ context: WebContext, allowPasswordChange: Bool = false) throws -> (WebSession, User) {
        guard let session = context.session, let user = context.user else {
            let next = request.uri.path == "/" ? "" : "?next=" + HTML.urlEncode(request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))
            throw PageResponse.redirect("/login" + next)
        }
        if user.mustChangePassword && !allowPasswordChange { throw PageResponse.redirect("/password") }
        return (session, user)
    }

    /// A form post with the session's CSRF token in the hidden `_csrf` field.
    func pageForm(_ request: Request, _ context: WebContext, allowPasswordChange: Bool = false) async throws -> (WebSession, User, [String: String]) {
        let (session, user) = try pageUser(request, context, allowPasswordChange: allowPasswordChange)
        let form = try await Form.parse(request)
        guard let token = form["_csrf"], Tokens.equal(token, session.csrfToken) else {
            throw errorPage(APIError.csrf, user: user, session: session)
        }
        return (session, user, form)
    }

    func errorPage(_ error: Error, user: User?, session: WebSession?) -> PageResponse {
        if let page = error as? PageResponse { return page }
        let e = APIError.from(error)
        let body = """
        <h1>Không thực hiện được</h1>\(HTML.notice(e.message, kind: "error"))
        <p><a href="javascript:history.back()" class="noprint">← Quay lại</a> · <a href="/queue">Hàng đợi</a></p>
        """
        return PageResponse(status: e.status, html: HTML.page(title: "Lỗi", user: user, csrf: session?.csrfToken, nav: .none, body))
    }

    /// Runs a screen handler, turning any error into a readable HTML page.
    func screen(_ request: Request, _ context: WebContext, _ body: () async throws -> Response) async throws -> Response {
        do { return try await body() } catch {
            throw errorPage(error, user: context.user, session: context.session)
        }
    }

    func layout(_ title: String, _ user: User, _ session: WebSession, _ nav: HTML.Nav, _ body: String) -> Response {
        HTML.response(HTML.page(title: title, user: user, csrf: session.csrfToken, nav: nav, scan: scanner != nil, body))
    }

    func addPageRoutes(to router: Router<WebContext>) {
        router.get("/static/app.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Static.css)))
        }
        router.get("/static/app.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Static.js)))
        }
        router.get("/") { request, context in
            _ = try pageUser(request, context)
            return HTML.redirect("/queue")
        }

        // MARK: Login, logout, password
        router.get("/login") { request, context in
            loginPage(next: request.queryFields["next"], message: nil)
        }
        router.post("/login") { request, context in
            let form = try await Form.parse(request)
            let next = Self.safeNext(form["next"])
            guard let cookie = request.cookies[WebCookies.loginCSRF]?.value, let field = form["_csrf"], Tokens.equal(cookie, field) else {
                return loginPage(next: next, message: "Phiên đăng nhập đã hết hạn, hãy thử lại.", status: .forbidden)
            }
            do {
                let (session, user) = try await apiLogin(form["username"] ?? "", form["password"] ?? "", context)
                var response = HTML.redirect(user.mustChangePassword ? "/password" : next)
                response.setCookie(WebCookies.session(session.token, lifetime: configuration.sessionLifetime))
                return response
            } catch let e as APIError {
                return loginPage(next: next, message: e.message, status: e.status, username: form["username"])
            }
        }
        router.post("/logout") { request, context in
            let (session, user, _) = try await pageForm(request, context, allowPasswordChange: true)
            try await Blocking.run { [registry] in try registry.deleteSession(token: session.token, actor: user.username) }
            var response = HTML.redirect("/login")
            response.setCookie(WebCookies.clearSession())
            return response
        }
        router.get("/password") { request, context in
            let (session, user) = try pageUser(request, context, allowPasswordChange: true)
            return passwordPage(user, session, message: nil)
        }
        router.post("/password") { request, context in
            let (session, user, form) = try await pageForm(request, context, allowPasswordChange: true)
            let new = form["new"] ?? ""
            guard new == form["repeat"] else { return passwordPage(user, session, message: "Hai lần nhập mật khẩu mới không khớp.", status: .unprocessableContent) }
            do {
                _ = try await accounts.changePassword(user: user, session: session, old: form["old"] ?? "", new: new)
            } catch Accounts.ChangeError.wrongOldPassword {
                return passwordPage(user, session, message: "Mật khẩu hiện tại không đúng.", status: .forbidden)
            } catch Accounts.ChangeError.sameAsOld {
                return passwordPage(user, session, message: "Mật khẩu mới phải khác mật khẩu cũ.", status: .unprocessableContent)
            } catch let v as PasswordPolicy.Violation {
                return passwordPage(user, session, message: v.description, status: .unprocessableContent)
            }
            return HTML.redirect("/queue?msg=" + HTML.urlEncode("Đã đổi mật khẩu."))
        }

        // MARK: Screens
        router.get("/queue") { request, context in
            let (session, user) = try pageUser(request, context)
            return try await screen(request, context) { try await queuePage(request, user, session) }
        }
        router.get("/documents/:id") { request, context in
            let (session, user) = try pageUser(request, context)
            return try await screen(request, context) {
                try await documentPage(try context.parameters.require("id"), user, session,
                                       message: request.queryFields["msg"])
            }
        }
        router.post("/documents/:id") { request, context in
            let (session, user, form) = try await pageForm(request, context)
            let id = try context.parameters.require("id")
            return try await screen(request, context) { try await saveDocument(id, form, user, session) }
        }
        router.post("/documents/:id/assign") { request, context in
            let (_, user, form) = try await pageForm(request, context)
            let id = try context.parameters.require("id")
            return try await screen(request, context) {
                guard user.role.canAssign else { throw APIError.forbidden("Chỉ lãnh đạo được phân công xử lý văn bản.") }
                _ = try await visibleDocument(id)
                let support = (form["support"] ?? "").split(whereSeparator: { $0 == "\n" || $0 == ";" }).map { String($0) }
                let req = AssignmentRequest(lead: form["lead"] ?? "", support: support, instruction: form["instruction"], dueDate: form["due_date"])
                _ = try await run { try registry.assign(documentID: id, req, actor: user.username) }
                return HTML.redirect("/documents/\(id)?msg=" + HTML.urlEncode("Đã phân công."))
            }
        }
        router.post("/failures/:id/retry") { request, context in
            let (_, user, _) = try await pageForm(request, context)
            return try await screen(request, context) {
                guard user.role.canHandleIntake else { throw APIError.forbidden("Chỉ văn thư được đưa tệp lỗi vào tiếp nhận lại.") }
                guard let id = Int64(try context.parameters.require("id")) else { throw APIError.notFound() }
                try await retryFailure(id: id, actor: user.username)
                return HTML.redirect("/queue?tab=failures&msg=" + HTML.urlEncode("Đã đưa tệp vào tiếp nhận lại."))
            }
        }
        router.post("/confidential/:id/handled") { request, context in
            let (_, user, form) = try await pageForm(request, context)
            return try await screen(request, context) {
                guard user.role.canHandleIntake else { throw APIError.forbidden("Chỉ văn thư xử lý văn bản mật.") }
                let id = try context.parameters.require("id")
                guard Self.validID(id) else { throw APIError.notFound() }
                try await run { try registry.markConfidentialHandled(documentID: id, actor: user.username, note: form["note"]) }
                return HTML.redirect("/queue?tab=confidential&msg=" + HTML.urlEncode("Đã ghi nhận xử lý thủ công."))
            }
        }
        router.get("/search") { request, context in
            let (session, user) = try pageUser(request, context)
            return try await screen(request, context) { try await searchPage(request, user, session) }
        }
        router.get("/register") { request, context in
            let (session, user) = try pageUser(request, context)
            return try await screen(request, context) { try await registerPage(request, user, session) }
        }
        router.get("/register.csv") { request, context in
            _ = try pageUser(request, context)
            return try await screen(request, context) {
                let (from, to) = try Self.dateRange(request)
                let entries = try await run { try registry.registerBook(from: from, to: to) }
                return Response(status: .ok, headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"so-van-ban-den-\(from)-\(to).csv\"",
                ], body: .init(byteBuffer: ByteBuffer(string: Self.registerCSV(entries))))
            }
        }
        if scanner != nil {
            router.get("/scan") { request, context in
                let (session, user) = try pageUser(request, context)
                return try await screen(request, context) { try await scanPage(user, session) }
            }
        }
    }

    /// Only local paths: a login link must not send the user to another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/queue" }
        return next
    }

    func loginPage(next: String?, message: String?, status: HTTPResponse.Status = .ok, username: String? = nil) -> Response {
        let token = Tokens.random()
        let body = """
        <form class="login" method="post" action="/login">
        <h1>Đăng nhập · Văn bản đến</h1>\(HTML.notice(message, kind: "error"))
        <input type="hidden" name="_csrf" value="\(token)"><input type="hidden" name="next" value="\(HTML.esc(Self.safeNext(next)))">
        <label for="username">Tên đăng nhập</label><input type="text" id="username" name="username" value="\(HTML.esc(username))" autocomplete="username" autofocus required>
        <label for="password">Mật khẩu</label><input type="password" id="password" name="password" autocomplete="current-password" required>
        <p><button type="submit" class="primary">Đăng nhập</button></p>
        <p class="muted">Nhập sai mật khẩu \(Registry.maxFailedLogins) lần liên tiếp, tài khoản bị tạm khóa 15 phút.</p>
        </form>
        """
        var response = HTML.response(HTML.page(title: "Đăng nhập", user: nil, csrf: nil, nav: .none, body), status: status)
        response.setCookie(WebCookies.loginCSRF(token))
        return response
    }

    func passwordPage(_ user: User, _ session: WebSession, message: String?, status: HTTPResponse.Status = .ok) -> Response {
        let forced = user.mustChangePassword
            ? HTML.notice("Đây là lần đăng nhập đầu tiên (hoặc mật khẩu vừa được cấp lại): hãy đặt mật khẩu của riêng bạn.", kind: "warn") : ""
        let body = """
        <form class="login" method="post" action="/password">
        <h1>Đổi mật khẩu</h1>\(forced)\(HTML.notice(message, kind: "error"))
        <input type="hidden" name="_csrf" value="\(HTML.esc(session.csrfToken))">
        <label for="old">Mật khẩu hiện tại</label><input type="password" id="old" name="old" autocomplete="current-password" autofocus required>
        <label for="new">Mật khẩu mới</label><input type="password" id="new" name="new" autocomplete="new-password" required>
        <label for="repeat">Nhập lại mật khẩu mới</label><input type="password" id="repeat" name="repeat" autocomplete="new-password" required>
        <p class="muted">Yêu cầu: \(PasswordPolicy.rule).</p>
        <p><button type="submit" class="primary">Đổi mật khẩu</button></p>
        </form>
        """
        return HTML.response(HTML.page(title: "Đổi mật khẩu", user: user, csrf: session.csrfToken, nav: .password, scan: scanner != nil, body), status: status)
    }
}
