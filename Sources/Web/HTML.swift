import Foundation
import HTTPTypes
import Hummingbird
import Registry

/// Minimal HTML building: every dynamic text goes through `esc`.
enum HTML {
    static func esc(_ s: String?) -> String {
        guard let s else { return "" }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func urlEncode(_ s: String) -> String {
        // ASCII only: Location headers and links must not carry raw UTF-8.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    static func response(_ html: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        // Only our own script and style: an injected <script> would not run.
        headers[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    enum Nav: String { case queue, search, register, scan, password, none }

    /// The page frame: header with navigation, the account, and the logout form.
    static func page(title: String, user: User?, csrf: String?, nav: Nav, scan: Bool = false, bodyClass: String = "", _ body: String) -> String {
        var header = ""
        if let user {
            func item(_ n: Nav, _ href: String, _ label: String, _ key: String) -> String {
                "<a href=\"\(href)\" accesskey=\"\(key)\"\(n == nav ? " class=\"active\" aria-current=\"page\"" : "")>\(label)</a>"
            }
            header = """
            <header class="top"><a class="brand" href="/queue">intake · Văn bản đến</a>
            <nav>\(item(.queue, "/queue", "Hàng đợi", "1"))\(item(.search, "/search", "Tìm kiếm", "2"))\(item(.register, "/register", "Sổ đăng ký", "3"))\(scan ? item(.scan, "/scan", "Quét", "4") : "")</nav>
            <div class="account"><span title="\(esc(user.role.label))">\(esc(user.displayName)) · \(esc(user.role.label))</span>
            <a href="/password">Đổi mật khẩu</a>
            <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="\(esc(csrf))"><button type="submit" class="link">Đăng xuất</button></form></div>
            </header>
            """
        }
        return """
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(title)) – intake</title><link rel="stylesheet" href="/static/app.css"><script src="/static/app.js" defer></script></head>
        <body class="\(bodyClass)">\(header)<main>\(body)</main></body></html>
        """
    }

    static func notice(_ message: String?, kind: String = "ok") -> String {
        guard let message, !message.isEmpty else { return "" }
        return "<p class=\"notice \(kind)\" role=\"status\">\(esc(message))</p>"
    }

    static func dateTime(_ iso: String) -> String { WebApp.clock(iso) }

    static func pager(base: String, page: Int, total: Int, pageSize: Int) -> String {
        let pages = max(1, (total + pageSize - 1) / pageSize)
        guard pages > 1 else { return "<p class=\"muted\">\(total) văn bản</p>" }
        let sep = base.contains("?") ? "&" : "?"
        var out = "<nav class=\"pager\"><span class=\"muted\">\(total) văn bản · trang \(page)/\(pages)</span> "
        if page > 1 { out += "<a href=\"\(esc(base))\(sep)page=\(page - 1)\" rel=\"prev\">← Trước</a> " }
        if page < pages { out += "<a href=\"\(esc(base))\(sep)page=\(page + 1)\" rel=\"next\">Sau →</a>" }
        return out + "</nav>"
    }

    static func priorityBadge(_ p: Int?) -> String {
        guard let p, p > 0 else { return "" }
        return "<span class=\"badge urgent p\(p)\">\(esc(Priority.label(p)))</span>"
    }
}

/// application/x-www-form-urlencoded bodies.
enum Form {
    static func parse(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        return parse(String(buffer: buffer))
    }

    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let key = decode(parts[0])
            fields[key] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}

extension Request {
    /// The query string decoded as a form: `+` is a space, then percent-decoding (what browsers send).
    var queryFields: [String: String] { Form.parse(uri.query ?? "") }
}
