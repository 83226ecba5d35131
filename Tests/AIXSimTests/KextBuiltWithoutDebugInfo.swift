import Foundation
import Testing
import KextFixtures
@testable import KextLoader

/// A fixture compiled as the loader would, but with `-g0`, into `library` in a fresh directory:
/// for the reports' fallback to function+offset when a kext carries no line table. The caller
/// removes the returned directory.
func buildWithoutDebugInfo(_ fixture: String, as library: String) throws -> (directory: URL, object: URL) {
    let dir = FileManager.default.temporaryDirectory.appending(path: "aixsim-nog-\(fixture)-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let object = dir.appending(path: library)
    let env = KextBuildEnvironment()
    let cc = try #require(KextCompiler.findCompiler())
    // The kext flags say -nostdinc; the compiler's own freestanding headers come back this way.
    let builtins = KextCompiler.builtinIncludeDirectory(of: cc).map { ["-isystem", $0] } ?? []
    let process = Process()
    process.executableURL = cc
    process.arguments = env.compileFlags() + builtins + ["-g0", "-I", env.aixIncludeDirectory.path,
                                                     "-I", env.abiIncludeDirectory.path,
                                                     Fixture.path(fixture), "-o", object.path]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    return (dir, object)
}
