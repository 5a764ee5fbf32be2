import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Registry

/// The request context: who is logged in (set by `SessionMiddleware`) and where the request came from.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The session and its account, when the session cookie is valid.
    public var session: WebSession?
    public var user: User?
    public var remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies of forms and JSON are small; page images are only ever sent, never received.
    public var maxUploadSize: Int { 1 << 20 }
}

/// An API error: `{"error": code, "message": text for a person}`.
public struct APIError: HTTPResponseError {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let body = JSON.encode(["error": code, "message": message])
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static let notLoggedIn = APIError(.unauthorized, "not_authenticated", "Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn.")
    static let passwordChangeRequired = APIError(.forbidden, "password_change_required", "Bạn phải đổi mật khẩu trước khi tiếp tục.")
    static let csrf = APIError(.forbidden, "csrf_token_invalid", "Thiếu hoặc sai mã chống giả mạo (CSRF): hãy tải lại trang và thử lại.")
    static func forbidden(_ message: String) -> APIError { APIError(.forbidden, "forbidden", message) }
    static func notFound(_ message: String = "Không tìm thấy.") -> APIError { APIError(.notFound, "not_found", message) }
    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad_request", message) }

    /// Maps registry errors to HTTP answers a person can read.
    static func from(_ error: Error) -> APIError {
        switch error {
        case let e as APIError: return e
        case let e as ReviewError:
            switch e {
            case .unknownDocument, .unknownFailure: return APIError(.notFound, "not_found", e.description)
            case .confidential: return APIError(.forbidden, "confidential", e.description)
            case .confirmedNeedsSupervisor: return APIError(.forbidden, "forbidden", e.description)
            case .wrongStatus, .failureAlreadyRetried: return APIError(.conflict, "wrong_status", e.description)
            case .unknownField, .invalidValue, .invalidAssignment: return APIError(.unprocessableContent, "invalid", e.description)
            }
        case let e as PasswordPolicy.Violation: return APIError(.unprocessableContent, "weak_password", e.description)
        default: return APIError(.internalServerError, "internal_error", "Lỗi hệ thống: \(error)")
        }
    }
}

enum JSON {
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Struct properties are camelCase in Swift, snake_case in the API (dictionary keys already are).
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: encoder().encode(value), as: UTF8.self)) ?? "{}"
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: encode(value))))
    }
}

extension HTTPField.Name {
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
}
