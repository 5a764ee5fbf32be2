import ArgumentParser

/// `intake extract [--jsonl] FILE...` — read the fields of documents without registering them.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Read the metadata fields of documents without registering them.")
}
