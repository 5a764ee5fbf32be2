import Foundation
import Hummingbird
import HummingbirdTesting
import Registry
import Testing
@testable import Web

@Suite("Web API")
struct APITests {
    @Test func firstLoginRequiresPasswordChangeAndCSRF() async throws {
        let h = try Harness()
        defer { h.cleanUp() }
        try await h.addUser("vanthu", role: .clerk, ready: false)
        try await h.app.application().test(.router) { client in
            let (response, login) = try await client.login("vanthu")
            #expect(response.status == .ok)
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            let session = try #require(login)

            var (status, body) = try await client.json("/api/documents?status=needs_review", headers: session.read)
            #expect(status == .forbidden)
            #expect(body["error"] as? String == "password_change_required")
            #expect((body["message"] as? String)?.isEmpty == false)

            // Without the CSRF header the change is refused.
            (status, body) = try await client.json("/api/session/password", method: .post,
                                                   headers: [.cookie: session.cookie, .contentType: "application/json"],
                                                   body: ["old": Harness.password, "new": "Mới#2025abc"])
            #expect(status == .forbidden)
            #expect(body["error"] as? String == "csrf_token_invalid")

            // A weak password is refused with the rule.
            (status, body) = try await client.json("/api/session/password", method: .post, headers: session.write,
                                                   body: ["old": Harness.password, "new": "password"])
            #expect(status == .unprocessableContent)
            #expect(body["error"] as? String == "weak_password")

            (status, _) = try await client.json("/api/session/password", method: .post, headers: session.write,
                                                body: ["old": Harness.password, "new": "Mới#2025abc"])
            #expect(status == .ok)
            (status, body) = try await client.json("/api/documents?status=needs_review", headers: session.read)
            #expect(status == .ok)
            #expect(body["total"] as? Int == 0)
        }
        let events = try h.registry.accountEvents().map(\.kind)
        #expect(events.contains(UserEventKind.loginSucceeded))
        #expect(events.contains(UserEventKind.passwordChanged))
    }

    @Test func fiveFailedLoginsLockTheAccount() async throws {
        let h = try Harness()
        defer { h.cleanUp() }
        try await h.addUser("lanhdao", role: .leader)
        try await h.app.application().test(.router) { client in
            for _ in 1...5 {
                let (response, _) = try await client.login("lanhdao", "Sai#mat1khau")
                #expect(response.status == .unauthorized || response.status == .forbidden)
            }
            let (response, login) = try await client.login("lanhdao")
            #expect(response.status == .forbidden)
            #expect(login == nil)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect(body?["error"] as? String == "account_locked")
            // Unknown users get the same answer as a wrong password.
            let (unknown, _) = try await client.login("khongco", "Sai#mat1khau")
            #expect(unknown.status == .unauthorized)
        }
        let failed = try h.registry.accountEvents().filter { $0.kind == UserEventKind.loginFailed }
        #expect(failed.count == 7)
        #expect(try h.registry.user(named: "lanhdao")?.isLocked() == true)
    }

    @Test func correctConfirmAssignWithAudit() async throws {
        let h = try Harness()
        defer { h.cleanUp() }
        try await h.addUser("vanthu", role: .clerk)
        try await h.addUser("lanhdao", role: .leader)
        let doc = try h.addDocument(readings: ["so_ky_hieu": FieldReading(value: "15/QĐ-UBND", confidence: 0.62, page: 1, box: [200, 400, 500, 80])],
                                    doubtful: ["so_ky_hieu"])
        try await h.app.application().test(.router) { client in
            let clerk = try #require(try await client.login("vanthu").1)
            var (status, body) = try await client.json("/api/documents/\(doc.id)", headers: clerk.read)
            #expect(status == .ok)
            let fields = try #require(body["fields"] as? [String: Any])
            let number = try #require(fields["code_number"] as? [String: Any])
            #expect(number["value"] as? String == "15")
            #expect(number["confidence"] as? Double == 0.62)
            #expect(number["box"] as? [Int] == [200, 400, 500, 80])
            #expect(number["doubtful"] as? Bool == true)

            // A write without the CSRF header is refused.
            (status, body) = try await client.json("/api/documents/\(doc.id)", method: .patch,
                                                   headers: [.cookie: clerk.cookie, .contentType: "application/json"], body: ["code_number": "16"])
            #expect(status == .forbidden)
            #expect(body["error"] as? String == "csrf_token_invalid")

            (status, body) = try await client.json("/api/documents/\(doc.id)", method: .patch, headers: clerk.write,
                                                   body: ["code_number": "16", "issued_date": "2024-02-30"])
            #expect(status == .unprocessableContent)
            (status, body) = try await client.json("/api/documents/\(doc.id)", method: .patch, headers: clerk.write,
                                                   body: ["code_number": "16", "priority": 1])
            #expect(status == .ok)
            #expect((body["fields"] as? [String: [String: Any]])?["code_number"]?["value"] as? String == "16")

            // A clerk cannot assign.
            (status, body) = try await client.json("/api/documents/\(doc.id)/assign", method: .post, headers: clerk.write, body: ["lead": "Phòng Tư pháp"])
            #expect(status == .forbidden)

            (status, body) = try await client.json("/api/documents/\(doc.id)/confirm", method: .post, headers: clerk.write)
            #expect(status == .ok)
            #expect(body["status"] as? String == "awaiting_assignment")
            // Confirmed: a clerk may no longer correct it.
            (status, _) = try await client.json("/api/documents/\(doc.id)", method: .patch, headers: clerk.write, body: ["code_number": "17"])
            #expect(status == .forbidden)

            (status, body) = try await client.json("/api/documents?status=awaiting_assignment", headers: clerk.read)
            #expect((body["documents"] as? [[String: Any]])?.map { $0["id"] as? String } == [doc.id])

            let leader = try #require(try await client.login("lanhdao").1)
            (status, body) = try await client.json("/api/documents/\(doc.id)/assign", method: .post, headers: leader.write,
                                                   body: ["lead": "Phòng Tư pháp", "support": ["Phòng Nội vụ"], "instruction": "Tham mưu", "due_date": "2030-01-15"])
            #expect(status == .ok)
            #expect(body["status"] as? String == "assigned")

            (status, body) = try await client.json("/api/documents/\(doc.id)/events", headers: clerk.read)
            let events = try #require(body["events"] as? [[String: Any]])
            let correction = try #require(events.first { ($0["detail"] as? [String: String])?["field"] == "code_number" })
            #expect(correction["actor"] as? String == "vanthu")
            #expect(correction["kind"] as? String == "field_corrected")
            #expect((correction["detail"] as? [String: String])?["old"] == "15")
            #expect((correction["detail"] as? [String: String])?["new"] == "16")
            #expect(events.contains { $0["kind"] as? String == "confirmed" && $0["actor"] as? String == "vanthu" })
            #expect(events.contains { $0["kind"] as? String == "assigned" && $0["actor"] as? String == "lanhdao" })

            let today = VietnamTime.day(of: Date())
            let csv = try await client.executeRequest(uri: "/api/register?from=\(today)&to=\(today)&format=csv", method: .get, headers: clerk.read, body: nil)
            let text = String(buffer: csv.body)
            #expect(text.contains("Ngày đến"))
            #expect(text.contains("16/QĐ-UBND"))
            #expect(text.contains("Phòng Tư pháp"))
        }
    }

    @Test func confidentialDocumentsNeverShown() async throws {
        let h = try Harness()
        defer { h.cleanUp() }
        try await h.addUser("vanthu", role: .clerk)
        let secret = try h.addDocument(text: "MẬT Quyết định bí mật", status: .confidentialHold)
        try h.addDocument()
        try await h.app.application().test(.router) { client in
            let clerk = try #require(try await client.login("vanthu").1)
            var (status, body) = try await client.json("/api/documents/\(secret.id)", headers: clerk.read)
            #expect(status == .forbidden)
            #expect(body["fields"] == nil)
            let image = try await client.executeRequest(uri: "/api/documents/\(secret.id)/pages/1.jpg", method: .get, headers: clerk.read, body: nil)
            #expect(image.status == .forbidden)
            (status, body) = try await client.json("/api/documents?q=quyet%20dinh", headers: clerk.read)
            #expect(body["total"] as? Int == 1)
            #expect((body["documents"] as? [[String: Any]])?.contains { $0["id"] as? String == secret.id } == false)
            (status, _) = try await client.json("/api/documents?status=confidential_hold", headers: clerk.read)
            #expect(status == .forbidden)
            let today = VietnamTime.day(of: Date())
            (status, body) = try await client.json("/api/register?from=\(today)&to=\(today)", headers: clerk.read)
            #expect((body["entries"] as? [Any])?.count == 1)
            (status, body) = try await client.json("/api/confidential", headers: clerk.read)
            let holds = try #require(body["holds"] as? [[String: String]])
            #expect(holds.map { $0["id"] } == [secret.id])
            #expect(Set(holds[0].keys) == ["id", "arrived_at", "source"])
            (status, _) = try await client.json("/api/confidential/\(secret.id)/handled", method: .post, headers: clerk.write)
            #expect(status == .ok)
            (status, body) = try await client.json("/api/confidential", headers: clerk.read)
            #expect((body["holds"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func searchIsDiacriticsInsensitiveAndQueueIsUrgentFirst() async throws {
        let h = try Harness()
        defer { h.cleanUp() }
        try await h.addUser("vanthu", role: .clerk)
        let first = try h.addDocument(text: "Công văn về việc họp", codeNumber: "120", codeNotation: "UBND-VX", typeName: "Công văn", subject: "V/v họp giao ban")
        let second = try h.addDocument(text: "Quyết định khen thưởng", codeNumber: "7", organName: "SỞ NỘI VỤ")
        let urgent = try h.addDocument(text: "Công điện khẩn", codeNumber: "3", codeNotation: "CĐ-UBND", typeName: "Công điện", priority: 3)
        try await h.app.application().test(.router) { client in
            let clerk = try #require(try await client.login("vanthu").1)
            var (_, body) = try await client.json("/api/documents?status=needs_review", headers: clerk.read)
            #expect((body["documents"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [urgent.id, first.id, second.id])
            (_, body) = try await client.json("/api/documents?q=quyet%20dinh", headers: clerk.read)
            #expect((body["documents"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [second.id])
            (_, body) = try await client.json("/api/documents?sender=so%20noi%20vu", headers: clerk.read)
            #expect((body["documents"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [second.id])
            (_, body) = try await client.json("/api/documents?number=120/UBND-VX", headers: clerk.read)
            #expect((body["documents"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [first.id])
            (_, body) = try await client.json("/api/documents?type=cong%20dien", headers: clerk.read)
            #expect((body["documents"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [urgent.id])
            let today = VietnamTime.day(of: Date())
            (_, body) = try await client.json("/api/documents?from=2000-01-01&to=2000-12-31", headers: clerk.read)
            #expect(body["total"] as? Int == 0)
            (_, body) = try await client.json("/api/documents?from=\(today)&to=\(today)", headers: clerk.read)
            #expect(body["total"] as? Int == 3)
        }
    }

    @Test func duplicateWarningInQueue() async throws {
        let h = try Harness()
        defer { h.cleanUp() }
        try await h.addUser("vanthu", role: .clerk)
        let paper = try h.addDocument()
        let electronic = try h.addDocument(text: "Bản điện tử")
        try await h.app.application().test(.router) { client in
            let clerk = try #require(try await client.login("vanthu").1)
            let (_, body) = try await client.json("/api/documents?status=needs_review", headers: clerk.read)
            let rows = try #require(body["documents"] as? [[String: Any]])
            let dup = try #require(rows.first { $0["id"] as? String == electronic.id }?["duplicates"] as? [[String: Any]])
            #expect(dup.first?["id"] as? String == paper.id)
            let page = try await client.executeRequest(uri: "/queue", method: .get, headers: clerk.read, body: nil)
            #expect(String(buffer: page.body).contains("Trùng với"))
        }
    }

    @Test func pageImagePDFHealthAndMetrics() async throws {
        let h = try Harness()
        defer { h.cleanUp() }
        try await h.addUser("vanthu", role: .clerk)
        let doc = try h.addDocument()
        try await h.app.application().test(.router) { client in
            let health = try await client.executeRequest(uri: "/healthz", method: .get, headers: [:], body: nil)
            #expect(health.status == .ok)
            let anonymous = try await client.executeRequest(uri: "/api/documents/\(doc.id)", method: .get, headers: [:], body: nil)
            #expect(anonymous.status == .unauthorized)
            let clerk = try #require(try await client.login("vanthu").1)
            let image = try await client.executeRequest(uri: "/api/documents/\(doc.id)/pages/1.jpg", method: .get, headers: clerk.read, body: nil)
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/jpeg")
            #expect(Array(image.body.readableBytesView.prefix(2)) == [0xFF, 0xD8])
            let missing = try await client.executeRequest(uri: "/api/documents/\(doc.id)/pages/2.jpg", method: .get, headers: clerk.read, body: nil)
            #expect(missing.status == .notFound)
            let pdf = try await client.executeRequest(uri: "/api/documents/\(doc.id)/pdf", method: .get, headers: clerk.read, body: nil)
            #expect(String(buffer: pdf.body).hasPrefix("%PDF"))
            let metrics = String(buffer: try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil).body)
            #expect(metrics.contains("intake_documents{status=\"needs_review\"} 1"))
            #expect(metrics.contains("intake_pages_ocred_total 1"))
            #expect(metrics.contains("intake_seconds_per_page"))
            #expect(metrics.contains("intake_ingest_failures_total 0"))
        }
    }

    @Test func formsNeedCSRFAndRoles() async throws {
        let h = try Harness()
        defer { h.cleanUp() }
        try await h.addUser("vanthu", role: .clerk)
        let doc = try h.addDocument()
        try await h.app.application().test(.router) { client in
            let anonymous = try await client.executeRequest(uri: "/queue", method: .get, headers: [:], body: nil)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location]?.hasPrefix("/login") == true)
            let clerk = try #require(try await client.login("vanthu").1)
            let form: HTTPFields = [.cookie: clerk.cookie, .contentType: "application/x-www-form-urlencoded"]
            var r = try await client.executeRequest(uri: "/documents/\(doc.id)", method: .post, headers: form,
                                                    body: ByteBuffer(string: "code_number=99&action=save"))
            #expect(r.status == .forbidden)
            #expect(try h.registry.document(id: doc.id)?.codeNumber == "15")
            r = try await client.executeRequest(uri: "/documents/\(doc.id)", method: .post, headers: form,
                                                body: ByteBuffer(string: "_csrf=\(clerk.csrf)&code_number=99&action=confirm"))
            #expect(r.status == .seeOther)
            let stored = try #require(try h.registry.document(id: doc.id))
            #expect(stored.codeNumber == "99")
            #expect(stored.status == .awaitingAssignment)
            r = try await client.executeRequest(uri: "/documents/\(doc.id)/assign", method: .post, headers: form,
                                                body: ByteBuffer(string: "_csrf=\(clerk.csrf)&lead=X"))
            #expect(r.status == .forbidden)
            for page in ["/queue", "/queue?tab=failures", "/queue?tab=confidential", "/documents/\(doc.id)", "/search?q=quyet+dinh", "/register"] {
                let response = try await client.executeRequest(uri: page, method: .get, headers: clerk.read, body: nil)
                #expect(response.status == .ok, "\(page)")
            }
        }
    }

    @Test func retryMovesTheFailedFileBack() async throws {
        let h = try Harness(retryFolder: true)
        defer { h.cleanUp() }
        try await h.addUser("vanthu", role: .clerk)
        let stored = h.directory.appendingPathComponent("failed-scan.pdf")
        try Data("x".utf8).write(to: stored)
        let failure = try h.registry.recordFailure(NewIngestFailure(sourceName: "inbox", originalFileName: "scan.pdf", sha256: nil,
                                                                    reason: "không đọc được", storedPath: stored.path))
        try await h.app.application().test(.router) { client in
            let clerk = try #require(try await client.login("vanthu").1)
            var (status, body) = try await client.json("/api/failures", headers: clerk.read)
            #expect((body["failures"] as? [Any])?.count == 1)
            (status, _) = try await client.json("/api/failures/\(failure.id!)/retry", method: .post, headers: clerk.write)
            #expect(status == .ok)
            #expect(FileManager.default.fileExists(atPath: h.directory.appendingPathComponent("inbox/scan.pdf").path))
            (status, body) = try await client.json("/api/failures", headers: clerk.read)
            #expect((body["failures"] as? [Any])?.isEmpty == true)

            // A stack folder's file goes back to the stack folder, to be split again.
            let stack = h.directory.appendingPathComponent("failed-stack.pdf")
            try Data("y".utf8).write(to: stack)
            let stackFailure = try h.registry.recordFailure(NewIngestFailure(
                sourceName: "stacks", originalFileName: "stack.pdf", sha256: nil, reason: "x", storedPath: stack.path))
            (status, _) = try await client.json("/api/failures/\(stackFailure.id!)/retry", method: .post, headers: clerk.write)
            #expect(status == .ok)
            #expect(FileManager.default.fileExists(atPath: h.directory.appendingPathComponent("stacks/stack.pdf").path))
        }
        #expect(try h.registry.events(documentID: nil).contains { $0.kind == ReviewEventKind.ingestRetried && $0.actor == "vanthu" })
    }
}

@Suite("Accounts")
struct AccountTests {
    @Test func passwordPolicy() {
        #expect(throws: PasswordPolicy.Violation.self) { try PasswordPolicy.check("Abc#123") }
        #expect(throws: PasswordPolicy.Violation.self) { try PasswordPolicy.check("abcdefg#1") }
        #expect(throws: PasswordPolicy.Violation.self) { try PasswordPolicy.check("ABCDEFG#1") }
        #expect(throws: PasswordPolicy.Violation.self) { try PasswordPolicy.check("Abcdefgh1") }
        #expect(throws: PasswordPolicy.Violation.self) { try PasswordPolicy.check("Abcdefgh#") }
        #expect(throws: Never.self) { try PasswordPolicy.check("Văn thư#2024") }
    }

    @Test func disabledAccountsAreKeptAndCannotLogIn() async throws {
        let h = try Harness()
        defer { h.cleanUp() }
        try await h.addUser("nghiviec", role: .clerk)
        try h.registry.setUserDisabled("nghiviec", disabled: true)
        await #expect(throws: Accounts.LoginError.disabled) {
            _ = try await h.app.accounts.login(username: "nghiviec", password: Harness.password, remoteAddress: nil)
        }
        #expect(try h.registry.users().map(\.username) == ["nghiviec"])
        #expect(throws: UserError.usernameTaken("nghiviec")) {
            try h.registry.addUser(User(username: "nghiviec", displayName: "x", role: .clerk, passwordHash: "x"))
        }
    }

    @Test func listenAddress() {
        #expect(WebConfiguration.parseListen("127.0.0.1:8080")! == ("127.0.0.1", 8080))
        #expect(WebConfiguration.parseListen("[::1]:9000")! == ("::1", 9000))
        #expect(WebConfiguration.parseListen("8080") == nil)
        #expect(WebApp.safeNext("//evil.example/") == "/queue")
        #expect(WebApp.safeNext("/search?q=x") == "/search?q=x")
    }
}
