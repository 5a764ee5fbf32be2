import ArgumentParser

/// `intake user add|disable|reset-password|list` — accounts of the review web app.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts of the review web app.")
}
