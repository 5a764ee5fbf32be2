import Foundation
import Testing

/// A secrecy mark the page pass cannot read — a red MẬT box under the ĐẾN stamp, crossed by
/// the handwritten arrival date, on a gray scan — still keeps the document out of the register.
struct SecrecyMarkTests {
    @Test func aMarkUnderTheArrivalStampIsHeld() async throws {
        let ws = try Harness.Workspace()
        defer { ws.remove() }
        let truth = try Harness.truth("mat-under-stamp.jpg".replacingOccurrences(of: ".jpg", with: ""))
        try #require(truth["do_mat"] as? String == "Mật")

        // What extraction says: the mark, or doubt about one (confidence under one half).
        let extract = try await ws.run(["extract", "--jsonl", Harness.fixture("mat-under-stamp.jpg").path])
        let fields = try #require(extract.jsonLines.first, "\(extract.stdout)\n\(extract.stderr)")
        let confidence = (fields["confidence"] as? [String: Any])?["do_mat"] as? Double ?? 1

        // What the daemon does with it: held, no arrival number, nothing in the register.
        let ingest = try await ws.run(["ingest", Harness.fixture("mat-under-stamp.jpg").path])
        let line = try #require(ingest.jsonLines.first, "\(ingest.stdout)\n\(ingest.stderr)")
        let registered = try await ws.documents()
        #expect(fields["do_mat"] is String || confidence < 0.5, "neither the mark nor a doubt: \(fields)")
        #expect(line["status"] as? String == "confidential_hold", "\(line)")
        #expect(line["arrival_number"] is NSNull)
        #expect(registered.isEmpty)
    }
}
