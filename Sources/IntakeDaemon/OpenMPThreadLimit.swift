import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum OpenMPThreadLimit {
    static let variable = "OMP_THREAD_LIMIT"

    /// Re-executes the current binary with `OMP_THREAD_LIMIT=1` unless it is already set
    /// (an operator's own value is respected). Returns only when no re-exec was needed
    /// or it failed, in which case the process goes on, slower.
    static func ensure() {
        guard getenv(variable) == nil else { return }
        setenv(variable, "1", 1)
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // execv returned: it failed. Say so once and continue.
        let message = "intake: could not re-execute with \(variable)=1 (\(String(cString: strerror(errno)))); OCR will be slower\n"
        FileHandle.standardError.write(Data(message.utf8))
    }
}
