import Foundation
import Testing

/// `intake ingest` end to end: real Tesseract, real SQLite file, real PDFs.
@Suite(.serialized) struct IngestCommandTests {
    static let formats = [
        "quyet-dinh.png", "cong-van.jpg", "two-pages.tif", "scan-2p.pdf",
        "gray-no-dpi.png", "rotated-90.jpg",
    ]

    @Test func everyInputFormatIsRegisteredInArrivalOrder() async throws {
        let ws = try Harness.Workspace()
        defer { ws.remove() }
        let files = Self.formats.map { Harness.fixture($0).path }

        let result = try await ws.run(["ingest"] + files)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.jsonLines
        try #require(lines.count == files.count)

        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 7 * 3600)!, from: Date()).year!
        for (index, line) in lines.enumerated() {
            #expect(line["file"] as? String == files[index])
            // Straight to the leader only when every required field is certain; else a supervisor checks.
            #expect(["needs_review", "awaiting_assignment"].contains(line["status"] as? String), "\(line)")
            #expect(line["arrival_number"] as? Int == index + 1)
            #expect(line["arrival_year"] as? Int == year)
            #expect(line["error"] is NSNull)
            let pdf = try #require(line["pdf"] as? String)
            #expect(FileManager.default.fileExists(atPath: pdf))
        }
        let pageCounts = lines.map { $0["pages"] as? Int }
        #expect(pageCounts == [1, 1, 2, 2, 1, 1])

        // The originals are kept: a copy of each went to the archive, the user's files stay.
        #expect(ws.allFiles(below: ws.archive).count == files.count)
        for file in files { #expect(FileManager.default.fileExists(atPath: file)) }
        #expect(ws.files(in: ws.work).isEmpty)

        // The number line of the Quyết định is in its OCR text.
        let show = try await ws.run(["show", "1", "--year", String(year), "--json"])
        #expect(show.status == 0)
        let detail = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as! [String: Any]
        let text = ((detail["pages"] as! [[String: Any]]).compactMap { $0["text"] as? String }).joined()
        let number = try Harness.truth("quyet-dinh")["so_ky_hieu"] as! String
        #expect(text.filter { !$0.isWhitespace }.contains(number), "OCR text: \(text.prefix(400))")
        #expect((detail["events"] as! [[String: Any]]).contains { $0["kind"] as? String == "registered" })

        // Diacritics-insensitive full-text search, đ folded to d.
        let search = try await ws.run(["search", "quyet", "dinh", "--json"])
        let hits = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as! [[String: Any]]
        let hitNumbers = hits.compactMap { ($0["document"] as? [String: Any])?["arrival_number"] as? Int }
        #expect(hitNumbers.contains(1))

        // The JPEG page went into its PDF unchanged (no re-encoding), and the PDF is PDF/A-2b.
        let congVanPDF = lines[1]["pdf"] as! String
        let extracted = ws.root.appendingPathComponent("extracted")
        _ = try await Harness.run(["/usr/bin/pdfimages", "-j", congVanPDF, extracted.path])
        let embedded = try Data(contentsOf: URL(fileURLWithPath: extracted.path + "-000.jpg"))
        #expect(embedded == (try Data(contentsOf: Harness.fixture("cong-van.jpg"))))
        let pdfBytes = try Data(contentsOf: URL(fileURLWithPath: congVanPDF))
        #expect(pdfBytes.range(of: Data("pdfaid:part".utf8)) != nil)
        #expect(pdfBytes.range(of: Data("/GTS_PDFA1".utf8)) != nil)
        let check = try await Harness.run(["/usr/bin/qpdf", "--check", congVanPDF])
        #expect(check.status == 0, "\(check.stdout)")
    }

    /// Documents marked Tuyệt mật (a 2-page colour TIFF and a 1-bit fax): never in the register.
    @Test func secretDocumentsAreHeldOutOfTheRegister() async throws {
        let ws = try Harness.Workspace()
        defer { ws.remove() }
        let files = ["tuyet-mat-2p.tif", "fax-g4.tif"].map { Harness.fixture($0).path } + [Harness.fixture("cong-van.jpg").path]
        let result = try await ws.run(["ingest"] + files)
        let lines = result.jsonLines
        try #require(lines.count == 3, "\(result.stdout)\n\(result.stderr)")
        for held in lines.prefix(2) {
            #expect(held["status"] as? String == "confidential_hold", "\(held)")
            #expect(held["arrival_number"] is NSNull, "no number of the shared register")
        }
        // The next ordinary document still gets number 1: holds take no number.
        #expect(lines[2]["arrival_number"] as? Int == 1)

        // Listed only under their own status, without content; not searchable.
        let held = try await ws.run(["list", "--status", "confidential_hold", "--json"])
        let heldDocuments = try JSONSerialization.jsonObject(with: Data(held.stdout.utf8)) as! [[String: Any]]
        #expect(heldDocuments.count == 2)
        #expect(try await ws.documents().count == 1, "the shared list shows only the registered one")
        let search = try await ws.run(["search", "BYT", "--json"])
        let hits = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as! [[String: Any]]
        #expect(hits.isEmpty, "no text of a secret document is searchable")
        for file in ["registry.sqlite", "registry.sqlite-wal"] {
            let bytes = (try? Data(contentsOf: ws.data.appendingPathComponent(file))) ?? Data()
            #expect(bytes.range(of: Data("4444/BYT".utf8)) == nil, "the secret documents' number is not in \(file)")
        }
        // Their originals wait in the restricted folder, nothing in the archive or the PDFs.
        #expect(ws.files(in: ws.data.appendingPathComponent("confidential")).count == 2)
        #expect(ws.allFiles(below: ws.data.appendingPathComponent("pdf")).count == 1)
    }

    @Test func badInputsAreSetAsideWithTheirReasonAndTheRestGoesOn() async throws {
        let ws = try Harness.Workspace()
        defer { ws.remove() }
        let dir = ws.root.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func write(_ name: String, _ data: Data) throws -> String {
            let url = dir.appendingPathComponent(name)
            try data.write(to: url)
            return url.path
        }
        let png = try Data(contentsOf: Harness.fixture("quyet-dinh.png"))
        let jpg = try Data(contentsOf: Harness.fixture("cong-van.jpg"))
        let encrypted = dir.appendingPathComponent("encrypted.pdf").path
        let qpdf = try await Harness.run(["/usr/bin/qpdf", "--encrypt", "user", "owner", "256", "--",
                                    Harness.fixture("scan-2p.pdf").path, encrypted])
        try #require(qpdf.status == 0, "\(qpdf.stderr)")

        // Each bad input, with a word its reason must contain.
        let bad: [(path: String, reason: String)] = [
            (try write("empty.png", Data()), "empty"),
            (try write("truncated.png", png.prefix(png.count / 2)), ""),
            (try write("truncated.jpg", jpg.prefix(jpg.count / 3)), ""),
            (Harness.fixture("broken-page.tif").path, ""),
            (try write("notes.pdf", Data("Biên bản họp: đây không phải PDF.\n".utf8)), ""),
            (encrypted, "encrypt"),
            (try write("no-pages.pdf", SyntheticFiles.pdfWithoutPages), "page"),
            (try write("bomb.png", SyntheticFiles.pngHeaderClaiming(width: 40_000, height: 40_000)), "40000"),
            (dir.appendingPathComponent("missing.jpg").path, ""),
        ]
        let good = Harness.fixture("cong-van.jpg").path
        let result = try await ws.run(["ingest"] + bad.map(\.path) + [good])
        #expect(result.status == 1, "one bad file makes the exit status 1")
        let lines = result.jsonLines
        try #require(lines.count == bad.count + 1, "\(result.stdout)\n\(result.stderr)")

        for (line, input) in zip(lines, bad) {
            #expect(line["status"] as? String == "failed", "\(input.path): \(line)")
            #expect(line["arrival_number"] is NSNull)
            let error = try #require(line["error"] as? String, "\(input.path) has no error message")
            #expect(!error.isEmpty)
            if !input.reason.isEmpty {
                #expect(error.lowercased().contains(input.reason), "\(input.path): \(error)")
            }
        }
        // The good file after them is registered with number 1: failures take no number.
        #expect(lines.last?["status"] as? String == "needs_review")
        #expect(lines.last?["arrival_number"] as? Int == 1)

        // Every bad file that existed is in failed/ with a reason file beside it.
        let failed = ws.files(in: ws.failed)
        let reasons = failed.filter { $0.hasSuffix(".reason.txt") }
        #expect(reasons.count == bad.count - 1, "\(failed)")
        #expect(failed.count == 2 * (bad.count - 1), "\(failed)")
        for reason in reasons {
            let text = try String(contentsOf: ws.failed.appendingPathComponent(reason), encoding: .utf8)
            #expect(!text.isEmpty)
        }
        #expect(try await ws.documents().count == 1)
        #expect(ws.files(in: ws.work).isEmpty)

        // The register keeps every failure with its reason for the review screen.
        let listed = try await ws.run(["failures", "--json"])
        let failures = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as! [[String: Any]]
        #expect(failures.count == bad.count)
        #expect(failures.allSatisfy { !(($0["reason"] as? String) ?? "").isEmpty })
    }

    @Test func anUnreadableFileIsReportedNotFatal() async throws {
        // Root reads everything: run intake as `nobody` so permission bits apply.
        let ws = try Harness.Workspace()
        defer { ws.remove() }
        let secret = ws.root.appendingPathComponent("secret.jpg")
        try Data(contentsOf: Harness.fixture("cong-van.jpg")).write(to: secret)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: secret.path)
        try FileManager.default.createDirectory(at: ws.data, withIntermediateDirectories: true)
        _ = try await Harness.run(["/bin/chmod", "-R", "a+rwX", ws.data.path, ws.config.path])
        _ = try await Harness.run(["/bin/chmod", "a+rx", ws.root.path])

        let result = try await ws.run(["ingest", secret.path],
                                prefix: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        #expect(result.status == 1, "\(result.stderr)")
        let line = try #require(result.jsonLines.first)
        #expect(line["status"] as? String == "failed")
        #expect((line["error"] as? String)?.lowercased().contains("permission") == true, "\(line)")
        #expect(FileManager.default.fileExists(atPath: secret.path), "the user's file is never removed")
    }

    @Test func concurrentProcessesShareOneGaplessSeries() async throws {
        let ws = try Harness.Workspace(engines: 1)
        defer { ws.remove() }
        let dir = ws.root.appendingPathComponent("many")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let processes = 3, perProcess = 4
        var batches: [[String]] = []
        for p in 0..<processes {
            batches.append(try (0..<perProcess).map { i in
                let url = dir.appendingPathComponent("p\(p)-\(i).tif")
                try SyntheticFiles.grayTIFF(variant: p * perProcess + i).write(to: url)
                return url.path
            })
        }
        // Create the registry first so the processes race on numbers, not on the migration.
        _ = try await ws.run(["list"])

        let results = try await withThrowingTaskGroup(of: Harness.Result.self) { group in
            for batch in batches { group.addTask { try await ws.run(["ingest"] + batch) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var numbers: [Int] = []
        for r in results {
            #expect(r.status == 0, "\(r.stderr)")
            numbers += r.jsonLines.compactMap { $0["arrival_number"] as? Int }
        }
        #expect(numbers.sorted() == Array(1...(processes * perProcess)))
    }
}
