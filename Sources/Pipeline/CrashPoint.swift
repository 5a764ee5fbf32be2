import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Fault injection for the crash-recovery tests: when `INTAKE_CRASH_POINT` names a point,
/// the process dies there at once (as with `kill -9`: no clean-up, no flush).
/// Unset in production, where `reach` is one dictionary lookup.
enum CrashPoint {
    static let environmentVariable = "INTAKE_CRASH_POINT"
    private static let armed = ProcessInfo.processInfo.environment[environmentVariable]

    /// After the registration committed, before the original left the work folder.
    static let afterRegister = "after_register"
    /// After the file was claimed into the work folder, before decoding.
    static let afterClaim = "after_claim"
    /// A stack-folder file: after one of its documents was registered and archived, before
    /// the stack's split plan records it as done.
    static let afterStackDocument = "after_stack_document"
    /// A stack-folder file: every document done and recorded, the stack file not yet archived.
    static let stackBeforeArchive = "stack_before_archive"

    static func reach(_ point: String) {
        guard armed == point else { return }
        FileHandle.standardError.write(Data("intake: crash point \(point) reached; exiting hard\n".utf8))
        _exit(70)
    }
}
