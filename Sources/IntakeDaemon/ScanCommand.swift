import ArgumentParser

/// `intake scan` — scan a stack from a SANE scanner and register its documents.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Scan a stack and register the documents found in it.")
}

/// `intake scanners` — list SANE devices.
struct ScannersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanners", abstract: "List the scanners SANE can see.")
}
