import Foundation
import Hummingbird
import Registry

extension WebApp {
    // MARK: Queue

    enum QueueTab: String, CaseIterable {
        case needsReview = "needs_review", awaitingAssignment = "awaiting_assignment", failures, confidential
        var label: String {
            switch self {
            case .needsReview: "Cần kiểm tra"
            case .awaitingAssignment: "Chờ phân công"
            case .failures: "Lỗi tiếp nhận"
            case .confidential: "Văn bản mật – xử lý thủ công"
            }
        }
    }

    func queuePage(_ request: Request, _ user: User, _ session: WebSession) async throws -> Response {
        let tab = request.queryFields["tab"].flatMap { QueueTab(rawValue: $0) }
            ?? (user.role == .leader ? .awaitingAssignment : .needsReview)
        let page = max(1, request.queryFields["page"].flatMap { Int($0) } ?? 1)
        let message = request.queryFields["msg"]
        let counts = try await run { [registry] in
            let c = try registry.queueCounts()
            return [QueueTab.needsReview: c.byStatus[.needsReview] ?? 0, .awaitingAssignment: c.byStatus[.awaitingAssignment] ?? 0,
                    .failures: c.failures, .confidential: c.confidential]
        }
        var body = "<h1>Hàng đợi</h1>" + HTML.notice(message)
        body += "<nav class=\"tabs\" role=\"tablist\">"
        for t in QueueTab.allCases {
            body += "<a href=\"/queue?tab=\(t.rawValue)\" role=\"tab\"\(t == tab ? " class=\"active\" aria-selected=\"true\"" : "")>\(t.label) (\(counts[t] ?? 0))</a>"
        }
        body += "</nav>"
        switch tab {
        case .needsReview, .awaitingAssignment:
            let status: DocumentStatus = tab == .needsReview ? .needsReview : .awaitingAssignment
            let (docs, total, dups) = try await run { [registry] in
                let (docs, total) = try registry.queue(status: status, limit: Self.pageSize, offset: (page - 1) * Self.pageSize)
                return (docs, total, try registry.duplicates(of: docs))
            }
            body += "<p class=\"muted noprint\">Khẩn trước, rồi theo số đến. Phím <kbd>j</kbd>/<kbd>k</kbd> chọn dòng, <kbd>Enter</kbd> mở, <kbd>/</kbd> tìm kiếm.</p>"
            body += documentTable(docs, dups: dups, snippets: [:])
            body += HTML.pager(base: "/queue?tab=\(tab.rawValue)", page: page, total: total, pageSize: Self.pageSize)
        case .failures:
            let failures = try await run { [registry] in try registry.pendingFailures() }
            body += "<table><thead><tr><th>Thời gian</th><th>Nguồn</th><th>Tệp</th><th>Lý do</th><th>Lưu tại</th><th></th></tr></thead><tbody>"
            for f in failures {
                let retry = user.role.canHandleIntake && f.storedPath != nil && configuration.retryFolder != nil
                    ? "<form method=\"post\" action=\"/failures/\(f.id!)/retry\" class=\"inline\"><input type=\"hidden\" name=\"_csrf\" value=\"\(HTML.esc(session.csrfToken))\"><button type=\"submit\">Thử lại</button></form>"
                    : ""
                body += "<tr class=\"row\"><td>\(HTML.esc(HTML.dateTime(f.failedAt)))</td><td>\(HTML.esc(f.sourceName))</td><td>\(HTML.esc(f.originalFileName))</td><td>\(HTML.esc(f.reason))</td><td class=\"muted\">\(HTML.esc(f.storedPath ?? "(không di chuyển được)"))</td><td>\(retry)</td></tr>"
            }
            if failures.isEmpty { body += "<tr><td colspan=\"6\" class=\"muted\">Không có tệp lỗi.</td></tr>" }
            body += "</tbody></table>"
        case .confidential:
            let holds = try await run { [registry] in try registry.pendingConfidentialHolds() }
            body += "<p class=\"notice warn\">Văn bản có dấu mật (MẬT, TỐI MẬT, TUYỆT MẬT) hoặc đơn tố cáo: không đưa vào hệ thống, văn thư đăng ký thủ công theo quy định bảo vệ bí mật nhà nước. Nội dung không hiển thị ở đây.</p>"
            body += "<table><thead><tr><th>Thời gian đến</th><th>Nguồn</th><th></th></tr></thead><tbody>"
            for d in holds {
                let handle = user.role.canHandleIntake
                    ? "<form method=\"post\" action=\"/confidential/\(HTML.esc(d.id))/handled\" class=\"inline\"><input type=\"hidden\" name=\"_csrf\" value=\"\(HTML.esc(session.csrfToken))\"><button type=\"submit\">Đã xử lý thủ công</button></form>"
                    : ""
                body += "<tr class=\"row\"><td>\(HTML.esc(HTML.dateTime(d.arrivedAt)))</td><td>\(HTML.esc(Self.sourceLabel(d)))</td><td>\(handle)</td></tr>"
            }
            if holds.isEmpty { body += "<tr><td colspan=\"3\" class=\"muted\">Không có văn bản mật chờ xử lý.</td></tr>" }
            body += "</tbody></table>"
        }
        return layout("Hàng đợi", user, session, .queue, body)
    }

    static func sourceLabel(_ d: IncomingDocument) -> String {
        switch d.sourceKind {
        case .folder: "Thư mục \(d.sourceName)"
        case .scanner: "Máy quét \(d.sourceName)"
        case .cli: "Dòng lệnh"
        }
    }

    func documentTable(_ docs: [IncomingDocument], dups: [String: [IncomingDocument]], snippets: [String: String], showStatus: Bool = false) -> String {
        var out = "<table class=\"list\"><thead><tr><th>Số đến</th><th>Ngày đến</th><th>Độ khẩn</th><th>Số, ký hiệu</th><th>Cơ quan ban hành</th><th>Loại và trích yếu</th><th>Trang</th>\(showStatus ? "<th>Trạng thái</th>" : "")<th>Cảnh báo</th></tr></thead><tbody>"
        for d in docs {
            let number = [d.codeNumber, d.codeNotation].compactMap { $0 }.joined(separator: "/")
            var warnings = ""
            if let others = dups[d.id] {
                warnings += "<span class=\"badge dup\" title=\"Cùng số, ký hiệu và cơ quan ban hành\">⚠ Trùng với " +
                    others.map { HTML.esc($0.arrival?.description ?? "?") }.joined(separator: ", ") + "</span> "
            }
            if !d.doubtfulFields.isEmpty { warnings += "<span class=\"badge doubt\">\(d.doubtfulFields.count) trường cần kiểm tra</span>" }
            if d.hasArrivalStamp == true { warnings += " <span class=\"badge\">Đã có dấu ĐẾN</span>" }
            let subject = [d.typeName, d.subject].compactMap { $0 }.joined(separator: ": ")
            let snippet = snippets[d.id].map { "<div class=\"snippet\">\(HTML.esc($0).replacingOccurrences(of: "«", with: "<mark>").replacingOccurrences(of: "»", with: "</mark>"))</div>" } ?? ""
            out += """
            <tr class="row"><td><a href="/documents/\(HTML.esc(d.id))">\(HTML.esc(d.arrival?.description ?? "—"))</a></td><td>\(HTML.esc(HTML.dateTime(d.arrivedAt)))</td><td>\(HTML.priorityBadge(d.priority))</td><td>\(HTML.esc(number))</td><td>\(HTML.esc(d.organName))</td><td>\(HTML.esc(subject.isEmpty ? "(chưa có trích yếu)" : subject))\(snippet)</td><td>\(d.pageCount)</td>\(showStatus ? "<td>\(HTML.esc(StatusLabel.of(d.status)))</td>" : "")<td>\(warnings)</td></tr>
            """
        }
        if docs.isEmpty { out += "<tr><td colspan=\"\(showStatus ? 9 : 8)\" class=\"muted\">Không có văn bản.</td></tr>" }
        return out + "</tbody></table>"
    }

    // MARK: Document

    func documentPage(_ id: String, _ user: User, _ session: WebSession, message: String?, errorMessage: String? = nil,
                      submitted: [String: String]? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let d = try await visibleDocument(id)
        let (pages, dups, assignments, events) = try await run { [registry] in
            (try registry.pages(documentID: id), try registry.duplicates(of: [d])[id] ?? [],
             try registry.assignments(documentID: id), try registry.events(documentID: id))
        }
        let editable = user.role.canCorrect && (d.status == .needsReview || user.role.canCorrectConfirmed)
        let pageList = pages.map { ["url": "/api/documents/\(d.id)/pages/\($0.pageNumber).jpg"] }
        let pagesJSON = HTML.esc(JSON.encode(pageList))
        let pageDims = Dictionary(uniqueKeysWithValues: pages.map { ($0.pageNumber, $0) })

        var body = "<div class=\"doc-title\"><h1>Văn bản đến số \(HTML.esc(d.arrival?.description ?? "—"))</h1>"
        body += "<span class=\"badge\">\(HTML.esc(StatusLabel.of(d.status)))</span>\(HTML.priorityBadge(d.priority))"
        body += "<span class=\"muted\">Đến \(HTML.esc(HTML.dateTime(d.arrivedAt))) · \(HTML.esc(Self.sourceLabel(d))) · \(d.pageCount) trang</span>"
        body += "<a href=\"/api/documents/\(HTML.esc(d.id))/pdf\" target=\"_blank\" rel=\"noopener\">Mở PDF</a></div>"

        body += "<div class=\"doc\"><section class=\"viewer\" data-pages=\"\(pagesJSON)\" aria-label=\"Ảnh trang\">"
        body += "<div class=\"toolbar\"><button type=\"button\" class=\"prev\" title=\"Trang trước (Alt+PageUp)\">◀</button><span class=\"pageno\">1/\(pages.count)</span><button type=\"button\" class=\"next\" title=\"Trang sau (Alt+PageDown)\">▶</button>"
        body += "<span style=\"margin-left:12px\"></span><button type=\"button\" class=\"zout\" title=\"Thu nhỏ (Alt+-)\">−</button><span class=\"zoom\">100%</span><button type=\"button\" class=\"zin\" title=\"Phóng to (Alt++)\">+</button></div>"
        body += "<div class=\"scroll\"><div class=\"pagebox\"><img src=\"/api/documents/\(HTML.esc(d.id))/pages/1.jpg\" alt=\"Ảnh trang văn bản\"><div class=\"fieldbox\"></div></div></div></section>"

        body += "<section class=\"fields\">"
        body += HTML.notice(message)
        body += HTML.notice(errorMessage, kind: "error")
        if !dups.isEmpty {
            body += "<p class=\"notice warn\">⚠ Có thể trùng: cùng số, ký hiệu và cơ quan ban hành với văn bản " +
                dups.map { "<a href=\"/documents/\(HTML.esc($0.id))\">\(HTML.esc($0.arrival?.description ?? "?"))</a>" }.joined(separator: ", ") +
                " (văn bản có thể đến cả bản điện tử và bản giấy).</p>"
        }
        if d.hasArrivalStamp == true { body += "<p class=\"notice warn\">Trang 1 đã có dấu ĐẾN: văn bản có thể đã được đăng ký ở nơi khác.</p>" }
        if !editable && d.status == .needsReview && user.role == .leader { body += "<p class=\"muted\">Lãnh đạo xem; văn thư kiểm tra và xác nhận.</p>" }

        body += "<form method=\"post\" action=\"/documents/\(HTML.esc(d.id))\" id=\"fields\"><input type=\"hidden\" name=\"_csrf\" value=\"\(HTML.esc(session.csrfToken))\"><input type=\"hidden\" name=\"updated_at\" value=\"\(HTML.esc(d.updatedAt))\">"
        for f in ReviewField.allCases where f != .dueDate || d.status != .needsReview {
            let info = DocumentJSON.field(f, of: d)
            let value = submitted?[f.rawValue] ?? info.value ?? ""
            var attributes = "id=\"f-\(f.rawValue)\" name=\"\(f.rawValue)\"" + (editable ? "" : " readonly")
            if let box = info.box, box.count == 4, let dims = pageDims[info.page ?? 1], dims.width > 0, dims.height > 0 {
                let page = info.page ?? 1
                func pct(_ v: Int, _ of: Int) -> String { String(format: "%.2f", Double(v) * 100 / Double(of)) }
                attributes += " data-page=\"\(page)\" data-box=\"\(pct(box[0], dims.width)),\(pct(box[1], dims.height)),\(pct(box[2], dims.width)),\(pct(box[3], dims.height))\""
            }
            let input: String
            if f == .priority {
                input = "<select \(attributes)\(editable ? "" : " disabled")>" + (0...4).map { p in
                    "<option value=\"\(p)\"\(String(p) == (value.isEmpty ? "0" : value) ? " selected" : "")>\(Priority.label(p))</option>"
                }.joined() + "</select>"
            } else if f.isMultiline {
                input = "<textarea \(attributes) rows=\"\(f == .subject ? 3 : 2)\" maxlength=\"\(f.maxLength)\">\(HTML.esc(value))</textarea>"
            } else {
                input = "<input type=\"\(f.isDate ? "date" : "text")\" \(attributes) value=\"\(HTML.esc(value))\" maxlength=\"\(f.maxLength)\">"
            }
            let conf = info.confidence.map { c in
                "<span class=\"conf\(c < 0.8 ? " low" : "")\" title=\"Độ tin cậy khi nhận dạng\">\(Int((c * 100).rounded()))%</span>"
            } ?? "<span class=\"conf\" title=\"Không nhận dạng được\">—</span>"
            let read = info.readValue.map { "<div class=\"read\">Máy đọc: \(HTML.esc($0))</div>" } ?? ""
            body += "<div class=\"field\(info.doubtful ? " doubtful" : "")\"><label for=\"f-\(f.rawValue)\">\(HTML.esc(f.label))\(info.doubtful ? " ⚠" : "")</label>\(input)\(conf)\(read)</div>"
        }
        if editable {
            body += "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\" accesskey=\"s\">Lưu (Alt+S)</button>"
            if d.status == .needsReview && user.role.canConfirm {
                body += "<button type=\"submit\" name=\"action\" value=\"confirm\" class=\"primary\" id=\"confirm\" title=\"Ctrl+Enter\">Xác nhận</button>"
            } else if d.status != .needsReview {
                body += "<span class=\"muted\">Văn bản đã xác nhận: sửa đổi được ghi lại (kiểm soát viên).</span>"
            }
            body += "</div>"
        }
        body += "</form>"

        if !assignments.isEmpty {
            body += "<h2>Phân công</h2><table><thead><tr><th>Đơn vị / người</th><th>Vai trò</th><th>Ý kiến chỉ đạo</th><th>Hạn</th><th>Người phân công</th></tr></thead><tbody>"
            for a in assignments {
                body += "<tr><td>\(HTML.esc(a.assignee))</td><td>\(a.role == "lead" ? "Chủ trì" : "Phối hợp")</td><td>\(HTML.esc(a.instruction))</td><td>\(HTML.esc(a.dueDate.map(RegisterBook.displayDate)))</td><td>\(HTML.esc(a.assignedBy)) · \(HTML.esc(HTML.dateTime(a.assignedAt)))</td></tr>"
            }
            body += "</tbody></table>"
        }
        if d.status == .awaitingAssignment && user.role.canAssign {
            body += """
            <form class="assign" method="post" action="/documents/\(HTML.esc(d.id))/assign"><h2>Phân công xử lý</h2>
            <input type="hidden" name="_csrf" value="\(HTML.esc(session.csrfToken))">
            <div class="grid"><div><label for="lead">Đơn vị / người chủ trì</label><input type="text" id="lead" name="lead" required maxlength="200"></div>
            <div><label for="due_date">Hạn xử lý</label><input type="date" id="due_date" name="due_date"></div>
            <div><label for="support">Phối hợp (mỗi dòng một đơn vị)</label><textarea id="support" name="support" rows="2"></textarea></div>
            <div><label for="instruction">Ý kiến chỉ đạo</label><textarea id="instruction" name="instruction" rows="2" maxlength="1000"></textarea></div></div>
            <p><button type="submit" class="primary">Phân công</button></p></form>
            """
        }

        body += "<h2>Lịch sử</h2><table class=\"history\"><thead><tr><th>Thời gian</th><th>Người</th><th>Việc</th><th>Chi tiết</th></tr></thead><tbody>"
        for e in events.reversed() {
            body += "<tr><td>\(HTML.esc(HTML.dateTime(e.at)))</td><td>\(HTML.esc(e.actor))</td><td>\(HTML.esc(Self.eventLabel(e.kind)))</td><td>\(Self.eventDetail(e))</td></tr>"
        }
        body += "</tbody></table></section></div>"
        return HTML.response(HTML.page(title: "Văn bản \(d.arrival?.description ?? "")", user: user, csrf: session.csrfToken, nav: .queue,
                                       scan: scanner != nil, bodyClass: "document", body), status: status)
    }

    static func eventLabel(_ kind: String) -> String {
        switch kind {
        case EventKind.registered: "Đăng ký vào sổ"
        case EventKind.statusChanged: "Chuyển trạng thái"
        case EventKind.duplicateReceived: "Nhận lại tệp trùng"
        case EventKind.recovered: "Khôi phục sau sự cố"
        case ReviewEventKind.fieldCorrected: "Sửa thông tin"
        case ReviewEventKind.confirmed: "Xác nhận"
        case ReviewEventKind.assigned: "Phân công"
        default: kind
        }
    }

    static func eventDetail(_ e: DocumentEvent) -> String {
        let d = e.details
        switch e.kind {
        case ReviewEventKind.fieldCorrected:
            let label = d["field"].flatMap(ReviewField.init(rawValue:))?.label ?? d["field"] ?? ""
            return "<b>\(HTML.esc(label))</b>: <del>\(HTML.esc(d["old"]?.isEmpty == false ? d["old"] : "(trống)"))</del> → <ins>\(HTML.esc(d["new"]?.isEmpty == false ? d["new"] : "(trống)"))</ins>"
        case EventKind.statusChanged:
            let from = d["from"].flatMap(DocumentStatus.init(rawValue:)).map(StatusLabel.of) ?? d["from"] ?? ""
            let to = d["to"].flatMap(DocumentStatus.init(rawValue:)).map(StatusLabel.of) ?? d["to"] ?? ""
            return "\(HTML.esc(from)) → \(HTML.esc(to))"
        case ReviewEventKind.assigned:
            var s = "Chủ trì: \(HTML.esc(d["lead"]))"
            if let x = d["support"], !x.isEmpty { s += "; phối hợp: \(HTML.esc(x))" }
            if let x = d["due_date"], !x.isEmpty { s += "; hạn \(HTML.esc(RegisterBook.displayDate(x)))" }
            if let x = d["instruction"], !x.isEmpty { s += "<br>\(HTML.esc(x))" }
            return s
        case EventKind.registered:
            return "Số đến \(HTML.esc(d["arrival_number"])) · \(HTML.esc(d["original_file_name"]))"
        default:
            return HTML.esc(d.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "))
        }
    }

    func saveDocument(_ id: String, _ form: [String: String], _ user: User, _ session: WebSession) async throws -> Response {
        guard user.role.canCorrect else { throw APIError.forbidden("Vai trò \(user.role.label) không được sửa thông tin văn bản.") }
        let d = try await visibleDocument(id)
        var changes: [String: String?] = [:]
        for f in ReviewField.allCases { if let v = form[f.rawValue] { changes[f.rawValue] = .some(v) } }
        let edits = changes
        do {
            if d.status == .needsReview || user.role.canCorrectConfirmed {
                _ = try await run { [registry] in
                    try registry.correct(documentID: id, changes: edits, actor: user.username, allowConfirmed: user.role.canCorrectConfirmed)
                }
            }
            if form["action"] == "confirm" {
                guard user.role.canConfirm else { throw APIError.forbidden("Vai trò \(user.role.label) không được xác nhận văn bản.") }
                _ = try await run { [registry] in try registry.confirm(documentID: id, actor: user.username) }
                return HTML.redirect("/queue?tab=needs_review&msg=" + HTML.urlEncode("Đã xác nhận văn bản \(d.arrival?.description ?? ""): chuyển sang Chờ phân công."))
            }
        } catch let e as APIError where e.status == .unprocessableContent {
            // Keep what the clerk typed and say what is wrong.
            return try await documentPage(id, user, session, message: nil, errorMessage: e.message, submitted: form, status: e.status)
        }
        return HTML.redirect("/documents/\(id)?msg=" + HTML.urlEncode("Đã lưu."))
    }

    // MARK: Search

    func searchPage(_ request: Request, _ user: User, _ session: WebSession) async throws -> Response {
        let p = request.queryFields
        func v(_ k: String) -> String { p[k] ?? "" }
        let (q, _) = try Self.query(request)
        let searched = [q.text, q.number, q.sender, q.typeName, q.from, q.to].contains { $0 != nil } || q.status != nil
        var body = "<h1>Tìm kiếm</h1><form class=\"searchform\" method=\"get\" action=\"/search\" role=\"search\">"
        func input(_ name: String, _ label: String, _ type: String = "text") -> String {
            "<div><label for=\"s-\(name)\">\(label)</label><input type=\"\(type)\" id=\"s-\(name)\" name=\"\(name)\" value=\"\(HTML.esc(v(name)))\"></div>"
        }
        body += input("q", "Nội dung (không cần dấu)").replacingOccurrences(of: "type=\"text\"", with: "type=\"search\" autofocus")
        body += input("number", "Số / ký hiệu / số đến") + input("sender", "Cơ quan ban hành") + input("type", "Loại văn bản")
        body += input("from", "Đến từ ngày", "date") + input("to", "đến ngày", "date")
        body += "<div><label for=\"s-status\">Trạng thái</label><select id=\"s-status\" name=\"status\"><option value=\"\">Tất cả</option>"
        for s in [DocumentStatus.needsReview, .awaitingAssignment, .assigned] {
            body += "<option value=\"\(s.rawValue)\"\(v("status") == s.rawValue ? " selected" : "")>\(StatusLabel.of(s))</option>"
        }
        body += "</select></div><div><button type=\"submit\" class=\"primary\">Tìm</button></div></form>"
        if searched {
            let result = try await run { [registry] in
                let r = try registry.findDocuments(q)
                return (r, try registry.duplicates(of: r.documents))
            }
            body += documentTable(result.0.documents, dups: result.1, snippets: result.0.snippets, showStatus: true)
            var base = "/search?"
            for k in ["q", "number", "sender", "type", "from", "to", "status"] where !v(k).isEmpty { base += "\(k)=\(HTML.urlEncode(v(k)))&" }
            body += HTML.pager(base: String(base.dropLast()), page: q.offset / Self.pageSize + 1, total: result.0.total, pageSize: Self.pageSize)
            if result.0.totalCapped { body += "<p class=\"muted\">Hơn \(result.0.total) văn bản khớp: hãy thu hẹp tìm kiếm.</p>" }
        } else {
            body += "<p class=\"muted\">Gõ từ cần tìm, có dấu hoặc không dấu: “quyet dinh” tìm được “Quyết định”. Văn bản mật không bao giờ xuất hiện ở đây.</p>"
        }
        return layout("Tìm kiếm", user, session, .search, body)
    }

    // MARK: Register book

    func registerPage(_ request: Request, _ user: User, _ session: WebSession) async throws -> Response {
        let (from, to) = try Self.dateRange(request)
        let entries = try await run { [registry] in try registry.registerBook(from: from, to: to) }
        var body = """
        <form class="noprint searchform" method="get" action="/register" style="grid-template-columns: 160px 160px auto auto auto 1fr">
        <div><label for="r-from">Từ ngày</label><input type="date" id="r-from" name="from" value="\(from)"></div>
        <div><label for="r-to">Đến ngày</label><input type="date" id="r-to" name="to" value="\(to)"></div>
        <div><button type="submit" class="primary">Xem</button></div>
        <div><a class="button" href="/register.csv?from=\(from)&amp;to=\(to)">Tải CSV</a></div>
        <div><button type="button" id="print">In (A4 ngang)</button></div></form>
        <div class="register-head"><p><b>\(HTML.esc(configuration.agencyName.uppercased()))</b></p><h1>Sổ đăng ký văn bản đến</h1>
        <p>Từ ngày \(RegisterBook.displayDate(from)) đến ngày \(RegisterBook.displayDate(to)) · \(entries.count) văn bản</p></div>
        <table class="register"><thead><tr>
        """
        let widths = ["7%", "5%", "14%", "10%", "7%", "27%", "12%", "7%", "5%", "6%"]
        for (c, w) in zip(RegisterBook.columns, widths) { body += "<th style=\"width:\(w)\">\(HTML.esc(c))</th>" }
        body += "</tr><tr>" + (1...10).map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
        for e in entries {
            let cells = RegisterBook.row(e)
            body += "<tr>" + cells.enumerated().map { i, c in
                i == 1 ? "<td><a href=\"/documents/\(HTML.esc(e.document.id))\">\(HTML.esc(c))</a></td>" : "<td>\(HTML.esc(c))</td>"
            }.joined() + "</tr>"
        }
        if entries.isEmpty { body += "<tr><td colspan=\"10\" class=\"muted\">Không có văn bản đến trong khoảng ngày này.</td></tr>" }
        body += "</tbody></table>"
        return layout("Sổ đăng ký văn bản đến", user, session, .register, body)
    }

    // MARK: Scan (only when the daemon supplies a scanner)

    func scanPage(_ user: User, _ session: WebSession) async throws -> Response {
        guard let scanner else { throw APIError.notFound() }
        let stations = await scanner.stations()
        var body = "<h1>Quét</h1><table><thead><tr><th>Máy quét</th></tr></thead><tbody>"
        for s in stations { body += "<tr><td>\(HTML.esc(s.name)) <span class=\"muted\">\(HTML.esc(s.id))</span></td></tr>" }
        if stations.isEmpty { body += "<tr><td class=\"muted\">Không tìm thấy máy quét.</td></tr>" }
        body += "</tbody></table>"
        return layout("Quét", user, session, .scan, body)
    }
}
