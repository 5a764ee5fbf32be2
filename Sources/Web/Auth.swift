import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import Registry

/// The password rule of the provincial regulations: at least 8 characters with a lower-case
/// letter, an upper-case letter, a digit and a special character.
public enum PasswordPolicy {
    public struct Violation: Error, CustomStringConvertible, Equatable {
        public var missing: [String]
        public var description: String {
            "Mật khẩu chưa đạt yêu cầu: cần " + missing.joined(separator: ", ") + "."
        }
    }

    public static let rule = "ít nhất 8 ký tự, có chữ thường, chữ hoa, chữ số và ký tự đặc biệt"

    public static func check(_ password: String) throws {
        var missing: [String] = []
        if password.count < 8 { missing.append("ít nhất 8 ký tự") }
        if !password.contains(where: { $0.isLowercase }) { missing.append("chữ thường") }
        if !password.contains(where: { $0.isUppercase }) { missing.append("chữ hoa") }
        if !password.contains(where: { $0.isNumber }) { missing.append("chữ số") }
        if !password.contains(where: { !$0.isLetter && !$0.isNumber && !$0.isWhitespace }) { missing.append("ký tự đặc biệt") }
        if password.utf8.count > 72 { missing.append("không quá 72 byte (giới hạn của bcrypt)") }
        if !missing.isEmpty { throw Violation(missing: missing) }
    }
}

/// Runs blocking work (bcrypt, SQLite queries, subprocesses) off Swift's cooperative thread pool.
public enum Blocking {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}

/// bcrypt (hummingbird-auth) off the cooperative pool.
public enum PasswordHasher {
    public static func hash(_ password: String, cost: UInt8) async -> String {
        (try? await Blocking.run { Bcrypt.hash(password, cost: cost) }) ?? ""
    }

    public static func verify(_ password: String, hash: String) async -> Bool {
        (try? await Blocking.run { Bcrypt.verify(password, hash: hash) }) ?? false
    }

    /// Checked for unknown user names so that the answer takes as long as for real ones.
    static let dummyHash = Bcrypt.hash("intake-dummy-password", cost: 10)
}

enum Tokens {
    /// 256 random bits as hex (cookie- and header-safe).
    static func random() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", g.next() as UInt64) }.joined()
    }

    /// Compares without an early exit, so timing does not reveal how much of a token matched.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

/// Logins, password changes and sessions.
public struct Accounts: Sendable {
    public let registry: Registry
    public let sessionLifetime: TimeInterval
    public let bcryptCost: UInt8

    public init(registry: Registry, sessionLifetime: TimeInterval = 12 * 3600, bcryptCost: UInt8 = 12) {
        self.registry = registry
        self.sessionLifetime = sessionLifetime
        self.bcryptCost = bcryptCost
    }

    /// Creates an account with an initial password that must be changed at first login.
    public func addUser(username: String, displayName: String? = nil, role: UserRole, password: String, actor: String) async throws -> User {
        try PasswordPolicy.check(password)
        let hash = await PasswordHasher.hash(password, cost: bcryptCost)
        let user = User(username: username, displayName: displayName ?? username, role: role, passwordHash: hash)
        return try await Blocking.run { [registry] in try registry.addUser(user, actor: actor) }
    }

    /// An administrator's reset: a new initial password, to be changed at the next login.
    public func resetPassword(username: String, password: String, actor: String) async throws {
        try PasswordPolicy.check(password)
        let hash = await PasswordHasher.hash(password, cost: bcryptCost)
        _ = try await Blocking.run { [registry] in try registry.setPassword(username, hash: hash, mustChange: true, actor: actor) }
    }

    public enum LoginError: Error, Equatable {
        case invalidCredentials
        case locked(until: String)
        case disabled
    }

    /// Checks the password, records the attempt, and opens a session.
    public func login(username: String, password: String, remoteAddress: String?) async throws -> (WebSession, User) {
        let name = username.trimmingCharacters(in: .whitespaces)
        let user = try await Blocking.run { [registry] in try registry.user(named: name) }
        let hash = user?.passwordHash ?? PasswordHasher.dummyHash
        let matches = await PasswordHasher.verify(password, hash: hash) && user != nil
        let outcome = try await Blocking.run { [registry] in
            try registry.recordLogin(username: name, passwordMatches: matches, remoteAddress: remoteAddress)
        }
        switch outcome {
        case .succeeded(let user):
            let session = WebSession(token: Tokens.random(), userId: user.id!, csrfToken: Tokens.random(),
                                     createdAt: Date(), lifetime: sessionLifetime)
            try await Blocking.run { [registry] in try registry.createSession(session) }
            return (session, user)
        case .locked(let until): throw LoginError.locked(until: until)
        case .disabled: throw LoginError.disabled
        case .unknownUser, .wrongPassword: throw LoginError.invalidCredentials
        }
    }

    public enum ChangeError: Error, Equatable {
        case wrongOldPassword
        case sameAsOld
    }

    /// The user changes their own password (required at first login). Other sessions end.
    public func changePassword(user: User, session: WebSession, old: String, new: String) async throws -> User {
        guard await PasswordHasher.verify(old, hash: user.passwordHash) else { throw ChangeError.wrongOldPassword }
        guard old != new else { throw ChangeError.sameAsOld }
        try PasswordPolicy.check(new)
        let hash = await PasswordHasher.hash(new, cost: bcryptCost)
        return try await Blocking.run { [registry] in
            try registry.setPassword(user.username, hash: hash, mustChange: false, actor: user.username, keepSession: session.token)
        }
    }
}

/// Reads the session cookie and puts the session and account into the context.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let registry: Registry

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[WebCookies.session]?.value, !token.isEmpty, token.count <= 128 {
            if let (session, user) = try await Blocking.run({ [registry] in try registry.session(token: token) }) {
                context.session = session
                context.user = user
            }
        }
        var response = try await next(request, context)
        // Pages show register data: no caching by shared caches, no framing by other sites.
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return response
    }
}

enum WebCookies {
    static let session = "intake_session"
    static let loginCSRF = "intake_login_csrf"

    static func session(_ token: String, lifetime: TimeInterval) -> Cookie {
        Cookie(name: session, value: token, maxAge: Int(lifetime), path: "/", secure: false, httpOnly: true, sameSite: .strict)
    }

    static func clearSession() -> Cookie {
        Cookie(name: session, value: "", maxAge: 0, path: "/", secure: false, httpOnly: true, sameSite: .strict)
    }

    static func loginCSRF(_ token: String) -> Cookie {
        Cookie(name: loginCSRF, value: token, maxAge: 3600, path: "/", secure: false, httpOnly: true, sameSite: .strict)
    }
}
