import Foundation

#if canImport(Glibc)
typealias SpawnFileActions = posix_spawn_file_actions_t
typealias SpawnAttributes = posix_spawnattr_t
#else
typealias SpawnFileActions = posix_spawn_file_actions_t?
typealias SpawnAttributes = posix_spawnattr_t?
#endif

/// Why a worker process could not be started, in one line.
struct SpawnFailure: Error { let text: String }

/// Starts `executable` with `arguments` and `environment`, with the file actions and attributes
/// the caller set up (its own process group, its pipes); one place for the argv/envp plumbing the
/// supervisor and the batch runners share. A worker that crashes should not spend seconds
/// symbolicating a backtrace nobody reads, so SWIFT_BACKTRACE defaults to off.
func spawnWorker(_ executable: String, arguments: [String], environment base: [String: String],
                 actions: UnsafePointer<SpawnFileActions>,
                 attributes: UnsafePointer<SpawnAttributes>) -> Result<pid_t, SpawnFailure>
{
    var environment = base
    if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "enable=no" }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid = pid_t()
    let status = posix_spawn(&pid, executable, actions, attributes, argv, envp)
    guard status == 0 else {
        return .failure(SpawnFailure(text: "cannot start \(executable): \(String(cString: strerror(status)))"))
    }
    return .success(pid)
}
