import Foundation
import GRDB

/// Accounts of the review web app, kept in the register file so that the history of who
/// did what (document_event.actor) and the accounts live and are backed up together.
extension Registry {
    /// Failed logins in a row that lock an account, and for how long.
    public static let maxFailedLogins = 5
    public static let lockDuration: TimeInterval = 15 * 60

    public static func isValidUsername(_ name: String) -> Bool {
        (2...32).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    @discardableResult
    public func addUser(_ user: User, actor: String = "system") throws -> User {
        guard Self.isValidUsername(user.username) else { throw UserError.invalidUsername(user.username) }
        return try write("add user \(user.username)") { db in
            if try User.filter(User.Columns.username == user.username).fetchOne(db) != nil {
                throw UserError.usernameTaken(user.username)
            }
            var user = user
            try user.insert(db)
            try Self.logEvent(documentID: nil, kind: UserEventKind.userAdded, actor: actor,
                              detail: ["username": user.username, "role": user.role.rawValue], db)
            return user
        }
    }

    public func user(named username: String) throws -> User? {
        try read("read user \(username)") { try User.filter(User.Columns.username == username).fetchOne($0) }
    }

    public func user(id: Int64) throws -> User? {
        try read("read user \(id)") { try User.fetchOne($0, key: id) }
    }

    public func users() throws -> [User] {
        try read("list users") { try User.order(User.Columns.username).fetchAll($0) }
    }

    /// Disables (or re-enables) an account; its sessions end. The account and its history stay.
    @discardableResult
    public func setUserDisabled(_ username: String, disabled: Bool, actor: String = "system") throws -> User {
        try write("disable user \(username)") { db in
            guard var user = try User.filter(User.Columns.username == username).fetchOne(db) else { throw UserError.unknownUser(username) }
            user.disabled = disabled
            try user.update(db)
            if disabled { try WebSession.filter(WebSession.Columns.userId == user.id!).deleteAll(db) }
            try Self.logEvent(documentID: nil, kind: disabled ? UserEventKind.userDisabled : UserEventKind.userEnabled,
                              actor: actor, detail: ["username": username], db)
            return user
        }
    }

    /// Stores a new password hash. `mustChange` is true after an administrator's reset, false
    /// when the user chose it. Other sessions of the user end; `keepSession` survives.
    @discardableResult
    public func setPassword(_ username: String, hash: String, mustChange: Bool, actor: String, keepSession: String? = nil, at date: Date = Date()) throws -> User {
        try write("set the password of \(username)") { db in
            guard var user = try User.filter(User.Columns.username == username).fetchOne(db) else { throw UserError.unknownUser(username) }
            user.passwordHash = hash
            user.mustChangePassword = mustChange
            user.passwordChangedAt = VietnamTime.iso8601(date)
            if mustChange {
                // An administrator's reset also lifts a lock.
                user.failedLogins = 0
                user.lockedUntil = nil
            }
            try user.update(db)
            var sessions = WebSession.filter(WebSession.Columns.userId == user.id!)
            if let keepSession { sessions = sessions.filter(WebSession.Columns.token != keepSession) }
            try sessions.deleteAll(db)
            try Self.logEvent(documentID: nil, kind: mustChange ? UserEventKind.passwordReset : UserEventKind.passwordChanged,
                              actor: actor, detail: ["username": username], at: date, db)
            return user
        }
    }

    /// The outcome of a login attempt as the registry recorded it.
    public enum LoginOutcome: Sendable, Equatable {
        case succeeded(User)
        case unknownUser
        case disabled
        /// Locked until this time (ISO 8601).
        case locked(until: String)
        case wrongPassword(remaining: Int)
    }

    /// Records a login attempt: `passwordMatches` is decided by the caller (bcrypt runs
    /// outside the write lock). Success resets the failure counter; the fifth failure in a
    /// row locks the account for 15 minutes. Every attempt is an event.
    public func recordLogin(username: String, passwordMatches: Bool, remoteAddress: String?, at date: Date = Date()) throws -> LoginOutcome {
        try write("record a login of \(username)") { db in
            var detail = ["username": username]
            if let remoteAddress { detail["remote_address"] = remoteAddress }
            func failed(_ reason: String) throws {
                detail["reason"] = reason
                try Self.logEvent(documentID: nil, kind: UserEventKind.loginFailed, actor: username, detail: detail, at: date, db)
            }
            guard var user = try User.filter(User.Columns.username == username).fetchOne(db) else {
                try failed("unknown_user")
                return .unknownUser
            }
            if user.disabled {
                try failed("disabled")
                return .disabled
            }
            if user.isLocked(at: date) {
                try failed("locked")
                return .locked(until: user.lockedUntil!)
            }
            guard passwordMatches else {
                user.failedLogins += 1
                var outcome = LoginOutcome.wrongPassword(remaining: max(0, Self.maxFailedLogins - user.failedLogins))
                if user.failedLogins >= Self.maxFailedLogins {
                    user.failedLogins = 0
                    user.lockedUntil = VietnamTime.iso8601(date.addingTimeInterval(Self.lockDuration))
                    outcome = .locked(until: user.lockedUntil!)
                }
                try user.update(db)
                try failed("wrong_password")
                if case .locked(let until) = outcome {
                    try Self.logEvent(documentID: nil, kind: UserEventKind.accountLocked, actor: "system",
                                      detail: ["username": username, "until": until], at: date, db)
                }
                return outcome
            }
            user.failedLogins = 0
            user.lockedUntil = nil
            user.lastLoginAt = VietnamTime.iso8601(date)
            try user.update(db)
            try Self.logEvent(documentID: nil, kind: UserEventKind.loginSucceeded, actor: username, detail: detail, at: date, db)
            return .succeeded(user)
        }
    }

    /// Account and session events (logins, password changes), newest first.
    public func accountEvents(limit: Int = 200) throws -> [DocumentEvent] {
        let kinds = [UserEventKind.loginSucceeded, UserEventKind.loginFailed, UserEventKind.logout, UserEventKind.accountLocked,
                     UserEventKind.passwordChanged, UserEventKind.passwordReset, UserEventKind.userAdded,
                     UserEventKind.userDisabled, UserEventKind.userEnabled]
        return try read("read account events") { db in
            try DocumentEvent.filter(kinds.contains(Column("kind")))
                .order(DocumentEvent.Columns.id.desc).limit(limit).fetchAll(db)
        }
    }
}
