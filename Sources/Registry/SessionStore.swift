import Foundation
import GRDB

/// A logged-in browser or API client (`web_session`). The token is the cookie value;
/// the CSRF token must accompany every write.
public struct WebSession: Codable, Sendable, Hashable {
    public var token: String
    public var userId: Int64
    public var csrfToken: String
    public var createdAt: String
    public var expiresAt: String

    public init(token: String, userId: Int64, csrfToken: String, createdAt: Date, lifetime: TimeInterval) {
        self.token = token
        self.userId = userId
        self.csrfToken = csrfToken
        self.createdAt = VietnamTime.iso8601(createdAt)
        self.expiresAt = VietnamTime.iso8601(createdAt.addingTimeInterval(lifetime))
    }
}

extension WebSession: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "web_session"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public enum Columns {
        public static let token = Column("token")
        public static let userId = Column("user_id")
        public static let expiresAt = Column("expires_at")
    }
}

extension Registry {
    public func createSession(_ session: WebSession) throws {
        try write("create a session") { db in
            // Expired sessions are swept whenever someone logs in.
            try WebSession.filter(WebSession.Columns.expiresAt < session.createdAt).deleteAll(db)
            try session.insert(db)
        }
    }

    /// The session and its user, if the token is known, unexpired and the account enabled.
    public func session(token: String, at date: Date = Date()) throws -> (WebSession, User)? {
        try read("read a session") { db in
            guard let session = try WebSession.fetchOne(db, key: token),
                  let expires = VietnamTime.date(iso8601: session.expiresAt), expires > date,
                  let user = try User.fetchOne(db, key: session.userId), !user.disabled
            else { return nil }
            return (session, user)
        }
    }

    public func deleteSession(token: String, actor: String?) throws {
        try write("end a session") { db in
            if try WebSession.deleteOne(db, key: token), let actor {
                try Self.logEvent(documentID: nil, kind: UserEventKind.logout, actor: actor, detail: ["username": actor], db)
            }
        }
    }
}
