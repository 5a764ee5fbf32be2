import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Stack folders (`stack = true`) in the real daemon: a copier's file holding several
/// documents is split, each document registered once, the file archived once — also across
/// a `kill -9` in the middle of the stack.
@Suite(.serialized) struct StackFolderTests {
    /// A two-document stack as a copier writes it: `cong-van.jpg` (a one-page Công văn) as a
    /// page of its own, then the two pages of `scan-2p.pdf` (another Công văn with its
    /// continuation page) — one PDF of three JPEG pages, joined with poppler's `pdfunite`.
    static func makeStack(in directory: URL) async throws -> URL {
        let first = directory.appendingPathComponent("cong-van.pdf")
        try SyntheticFiles.imagePDF(jpegs: [try Data(contentsOf: Harness.fixture("cong-van.jpg"))]).write(to: first)
        let stack = directory.appendingPathComponent("stack-src.pdf")
        let result = try await Harness.run(["/usr/bin/pdfunite", first.path, Harness.fixture("scan-2p.pdf").path, stack.path])
        try #require(result.status == 0, "pdfunite: \(result.stderr)")
        return stack
    }

    /// Written under a temporary name, then renamed, as a copier does.
    static func drop(_ file: URL, into folder: URL, as name: String) throws {
        let partial = folder.appendingPathComponent(name + ".part")
        try Data(contentsOf: file).write(to: partial)
        try FileManager.default.moveItem(at: partial, to: folder.appendingPathComponent(name))
    }

    static func registeredEvents(_ ws: Harness.Workspace, number: Int) async throws -> Int {
        let show = try await ws.run(["show", String(number), "--json"])
        let detail = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as! [String: Any]
        return (detail["events"] as! [[String: Any]]).filter { $0["kind"] as? String == "registered" }.count
    }

    @Test func aStackFileIsSplitAndEachDocumentRegisteredAndBadInputGoesToFailed() async throws {
        let ws = try Harness.Workspace(stackFolder: true)
        defer { ws.remove() }
        let stack = try await Self.makeStack(in: ws.root)
        let daemon = try DaemonProcess(workspace: ws)
        try #require(await daemon.waitUntilWatching(), "daemon did not start:\n\(daemon.log)")

        try Self.drop(stack, into: ws.stacks, as: "stack.pdf")
        // Bad input in a stack folder goes aside with a reason, like anywhere else.
        try Data("%PDF-1.4\nthis is not a PDF at all\n".utf8).write(to: ws.stacks.appendingPathComponent("broken.pdf"))

        let done = try await Harness.waitUntil(timeout: 300) {
            try await ws.documents().count == 2 && ws.files(in: ws.work).isEmpty
                && ws.files(in: ws.failed).contains("broken.pdf.reason.txt")
        }
        #expect(done, "log:\n\(daemon.log)")
        #expect(ws.files(in: ws.stacks).isEmpty)
        let documents = try await ws.documents().sorted { ($0["arrival_number"] as? Int ?? 0) < ($1["arrival_number"] as? Int ?? 0) }
        #expect(documents.compactMap { $0["arrival_number"] as? Int } == [1, 2])
        #expect(documents.compactMap { $0["pages"] as? Int } == [1, 2])
        #expect(documents.compactMap { $0["source"] as? String } == ["folder:stacks", "folder:stacks"], "\(documents)")
        // The stack file once, named after its first document, and each document's own file.
        let archived = ws.allFiles(below: ws.archive)
        #expect(archived.filter { $0.hasSuffix("_stack.pdf") }.count == 1, "\(archived)")
        #expect(archived.contains { $0.hasSuffix("-000001_stack.pdf") }, "\(archived)")
        #expect(archived.count == 3, "\(archived)")
        let reason = try String(contentsOf: ws.failed.appendingPathComponent("broken.pdf.reason.txt"), encoding: .utf8)
        #expect(reason.contains("damaged") || reason.contains("cannot"), "\(reason)")
        #expect(ws.files(in: ws.failed).contains("broken.pdf"))
        let failures = try await ws.run(["failures", "--json"])
        #expect(failures.stdout.contains("broken.pdf"))
        #expect(await daemon.stop() == 0, "log:\n\(daemon.log)")
    }

    /// Where a crash leaves things, per crash point (first document = pages 1, second = 2–3).
    struct CrashCase: Sendable, CustomTestStringConvertible {
        let point: String
        /// Registered before the crash.
        let registered: Int
        /// Claim directories left in the work folder (the stack's, and a document's).
        let claims: Int
        let archived: Int
        var testDescription: String { point }
    }

    static let crashCases = [
        // The first document registered, its own claim not yet archived, the plan not updated.
        CrashCase(point: "after_register", registered: 1, claims: 2, archived: 0),
        // The first document registered and archived, the plan not yet saying so.
        CrashCase(point: "after_stack_document", registered: 1, claims: 1, archived: 1),
        // Every document done and recorded; the stack file not yet archived.
        CrashCase(point: "stack_before_archive", registered: 2, claims: 1, archived: 2),
    ]

    /// kill -9 (the crash point exits at once, as a kill would) at a point of the stack's
    /// processing, then a restart: each document registered exactly once, in stack order with
    /// numbers 1 and 2, and the stack file archived once.
    @Test(arguments: crashCases)
    func aCrashInAStackResumesWithEachDocumentRegisteredOnce(_ crash: CrashCase) async throws {
        let ws = try Harness.Workspace(stackFolder: true)
        defer { ws.remove() }
        let stack = try await Self.makeStack(in: ws.root)
        let crashing = try DaemonProcess(workspace: ws, environment: ["INTAKE_CRASH_POINT": crash.point])
        try #require(await crashing.waitUntilWatching(), "daemon did not start:\n\(crashing.log)")
        try Self.drop(stack, into: ws.stacks, as: "stack.pdf")
        #expect(await crashing.wait(timeout: 300) == 70, "log:\n\(crashing.log)")
        #expect(try await ws.documents().count == crash.registered)
        #expect(ws.files(in: ws.work).count == crash.claims, "\(ws.files(in: ws.work))")
        #expect(ws.allFiles(below: ws.archive).count == crash.archived)
        #expect(ws.files(in: ws.stacks).isEmpty)

        let daemon = try DaemonProcess(workspace: ws)
        let done = try await Harness.waitUntil(timeout: 300) {
            try await ws.documents().count >= 2 && ws.files(in: ws.work).isEmpty
        }
        #expect(done, "log:\n\(daemon.log)")
        #expect(daemon.log.contains("resuming a stack"), "log:\n\(daemon.log)")
        let documents = try await ws.documents()
        #expect(documents.count == 2)
        let byNumber = documents.sorted { ($0["arrival_number"] as? Int ?? 0) < ($1["arrival_number"] as? Int ?? 0) }
        #expect(byNumber.compactMap { $0["arrival_number"] as? Int } == [1, 2])
        #expect(byNumber.compactMap { $0["pages"] as? Int } == [1, 2], "stack order kept across the restart")
        for number in [1, 2] {
            #expect(try await Self.registeredEvents(ws, number: number) == 1)
        }
        let archived = ws.allFiles(below: ws.archive)
        #expect(archived.filter { $0.hasSuffix("_stack.pdf") }.count == 1, "\(archived)")
        #expect(archived.contains { $0.hasSuffix("-000001_stack.pdf") }, "\(archived)")
        #expect(archived.count == 3, "\(archived)")
        #expect(ws.files(in: ws.failed).isEmpty && ws.files(in: ws.duplicates).isEmpty)
        #expect(await daemon.stop() == 0, "log:\n\(daemon.log)")
    }
}
