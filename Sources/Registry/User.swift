import Foundation
import GRDB

/// What an account may do in the review web app. Checked server-side on every write.
public enum UserRole: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Văn thư: registers, corrects and confirms documents, retries failed files, handles confidential holds.
    case clerk
    /// Chánh văn phòng: like a clerk, and may also correct documents already confirmed.
    case supervisor
    /// Lãnh đạo: assigns documents waiting for assignment.
    case leader
    /// Manages accounts; may do everything.
    case admin

    /// Vietnamese label for the screens.
    public var label: String {
        switch self {
        case .clerk: "Văn thư"
        case .supervisor: "Kiểm soát viên"
        case .leader: "Lãnh đạo"
        case .admin: "Quản trị"
        }
    }

    public var canCorrect: Bool { self != .leader }
    public var canCorrectConfirmed: Bool { self == .supervisor || self == .admin }
    public var canConfirm: Bool { self != .leader }
    public var canAssign: Bool { self == .leader || self == .admin }
    public var canHandleIntake: Bool { self != .leader }
}

/// A personal account (`app_user`). Accounts are never deleted, only disabled, so that the
/// history of who did what stays whole.
public struct User: Codable, Sendable, Hashable {
    public var id: Int64?
    public var username: String
    public var displayName: String
    public var role: UserRole
    /// bcrypt hash (`$2b$…`); the password itself is never stored.
    public var passwordHash: String
    /// Set for a new account and after a reset: every request is refused until the password is changed.
    public var mustChangePassword: Bool
    public var disabled: Bool
    public var failedLogins: Int
    /// ISO 8601 (Vietnam time); logins are refused until then.
    public var lockedUntil: String?
    public var createdAt: String
    public var passwordChangedAt: String?
    public var lastLoginAt: String?

    public init(username: String, displayName: String, role: UserRole, passwordHash: String, now: Date = Date()) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.passwordHash = passwordHash
        self.mustChangePassword = true
        self.disabled = false
        self.failedLogins = 0
        self.createdAt = VietnamTime.iso8601(now)
    }

    public func isLocked(at date: Date = Date()) -> Bool {
        guard let lockedUntil, let until = VietnamTime.date(iso8601: lockedUntil) else { return false }
        return until > date
    }
}

extension User: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "app_user"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public enum Columns {
        public static let id = Column("id")
        public static let username = Column("username")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Event kinds about accounts and sessions (document_id NULL, actor = the account concerned or the admin).
public enum UserEventKind {
    public static let loginSucceeded = "login_succeeded"
    public static let loginFailed = "login_failed"
    public static let logout = "logout"
    public static let accountLocked = "account_locked"
    public static let passwordChanged = "password_changed"
    public static let passwordReset = "password_reset"
    public static let userAdded = "user_added"
    public static let userDisabled = "user_disabled"
    public static let userEnabled = "user_enabled"
}

public enum UserError: Error, CustomStringConvertible, Equatable {
    case unknownUser(String)
    case usernameTaken(String)
    case invalidUsername(String)

    public var description: String {
        switch self {
        case .unknownUser(let name): "No account named '\(name)'."
        case .usernameTaken(let name): "An account named '\(name)' already exists (accounts are never deleted, only disabled)."
        case .invalidUsername(let name): "'\(name)' is not a valid user name: use 2–32 letters, digits, '.', '_' or '-'."
        }
    }
}
