import ArgumentParser
import Foundation
import Registry
import Web

/// `intake user add|disable|enable|reset-password|list` — accounts of the review web app.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts of the review web app.",
        discussion: """
        Roles: clerk (văn thư), supervisor, leader (lãnh đạo), admin. The first admin is created with
        `intake user add NAME --role admin --password-stdin`. Passwords: at least 8 characters with lower
        case, upper case, digit and special character; the user must change it at first login.
        Accounts are never deleted, only disabled, so that the history stays whole.
        """,
        subcommands: [Add.self, Disable.self, Enable.self, ResetPassword.self, List.self])

    /// Reads the password from the first line of standard input (so it is not in `ps` or the shell history).
    static func readPassword() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password on standard input")
        }
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }

    static func accounts(_ options: GlobalOptions) throws -> Accounts {
        Accounts(registry: try options.openRegistry())
    }

    static func fail(_ error: Error) -> Error {
        switch error {
        case let e as PasswordPolicy.Violation: return ValidationError(e.description)
        case let e as UserError: return ValidationError(e.description)
        default: return error
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account; its password must be changed at first login.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "User name (letters, digits, '.', '_', '-').") var name: String
        @Option(help: "clerk, supervisor, leader or admin.") var role: String
        @Option(name: .customLong("display-name"), help: "Full name shown on the screens.") var displayName: String?
        @Flag(name: .customLong("password-stdin"), help: "Read the initial password from standard input.") var passwordStdin = false

        func run() async throws {
            guard let role = UserRole(rawValue: role) else {
                throw ValidationError("unknown role '\(role)'; use one of: \(UserRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard passwordStdin else { throw ValidationError("give the initial password on standard input with --password-stdin") }
            let password = try UserCommand.readPassword()
            do {
                let user = try await UserCommand.accounts(options).addUser(
                    username: name, displayName: displayName, role: role, password: password, actor: "cli:\(NSUserName())")
                print("added \(user.username) (\(user.role.rawValue)); the password must be changed at first login")
            } catch { throw UserCommand.fail(error) }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account (kept, with its history); its sessions end.")
        @OptionGroup var options: GlobalOptions
        @Argument var name: String
        func run() async throws {
            do { try options.openRegistry().setUserDisabled(name, disabled: true, actor: "cli:\(NSUserName())") } catch { throw UserCommand.fail(error) }
            print("disabled \(name)")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @OptionGroup var options: GlobalOptions
        @Argument var name: String
        func run() async throws {
            do { try options.openRegistry().setUserDisabled(name, disabled: false, actor: "cli:\(NSUserName())") } catch { throw UserCommand.fail(error) }
            print("enabled \(name)")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a new initial password (to be changed at next login); also lifts a lock.")
        @OptionGroup var options: GlobalOptions
        @Argument var name: String
        @Flag(name: .customLong("password-stdin"), help: "Read the new password from standard input.") var passwordStdin = false
        func run() async throws {
            guard passwordStdin else { throw ValidationError("give the new password on standard input with --password-stdin") }
            let password = try UserCommand.readPassword()
            do {
                try await UserCommand.accounts(options).resetPassword(username: name, password: password, actor: "cli:\(NSUserName())")
            } catch { throw UserCommand.fail(error) }
            print("password of \(name) reset; it must be changed at next login")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var options: GlobalOptions
        @Flag(help: "Print JSON.") var json = false
        func run() async throws {
            let users = try options.openRegistry().users()
            if json {
                let rows = users.map { u -> [String: String] in
                    ["username": u.username, "display_name": u.displayName, "role": u.role.rawValue,
                     "disabled": String(u.disabled), "must_change_password": String(u.mustChangePassword),
                     "locked_until": u.isLocked() ? u.lockedUntil ?? "" : "", "last_login_at": u.lastLoginAt ?? ""]
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(rows), as: UTF8.self))
                return
            }
            if users.isEmpty { print("(no accounts; create the first with: intake user add NAME --role admin --password-stdin)") }
            for u in users {
                var state = u.disabled ? "disabled" : "active"
                if u.isLocked() { state += ", locked until \(u.lockedUntil!)" }
                if u.mustChangePassword { state += ", must change password" }
                print("\(u.username.padding(toLength: 16, withPad: " ", startingAt: 0)) \(u.role.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(state)  \(u.displayName)")
            }
        }
    }
}
