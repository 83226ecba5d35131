import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private temporary directory and the files made in it, removed on every way out: `remove()`
/// on a normal exit, and a SIGINT or SIGTERM handler otherwise, which unlinks the files it was
/// told of, removes the directory, and then lets the signal end the process as it would have.
///
/// The handler is async-signal-safe: it only walks a fixed table of C strings written before
/// the signal could need them, calling unlink and rmdir. So every file must be announced with
/// `file(named:)` before anything creates it. Independent of the loader, so a supervisor that
/// runs `aixsim load` in a child can use it too.
public final class TemporaryFiles: @unchecked Sendable {
    public let directory: URL
    private var slots: [Int] = []
    private var removed = false

    /// Creates `$TMPDIR/PREFIX-PID-RANDOM` and arms the signal handlers (once per process).
    public init(prefix: String = "aixsim") throws {
        directory = FileManager.default.temporaryDirectory
            .appending(path: "\(prefix)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        SignalCleanup.installOnce()
        // The directory goes last: the handler walks the table from the end.
        slots.append(SignalCleanup.register(directory.path, isDirectory: true))
    }

    /// A path in the directory, registered for removal before anything is written to it.
    public func file(named name: String) -> URL {
        let url = directory.appending(path: name)
        slots.append(SignalCleanup.register(url.path, isDirectory: false))
        return url
    }

    /// Leaves the directory and its files in place, on every way out (`--keep`).
    public func keepAll() {
        SignalCleanup.unregisterAll(slots)
        slots.removeAll()
        removed = true
    }

    /// Removes everything now; later calls do nothing.
    public func remove() {
        guard !removed else { return }
        removed = true
        try? FileManager.default.removeItem(at: directory)
        SignalCleanup.unregisterAll(slots)
        slots.removeAll()
    }

    deinit { remove() }
}

/// The process-wide table the signal handler reads. Written only outside the handler, each
/// slot's pointer published last, so the handler sees a whole path or none.
enum SignalCleanup {
    static let capacity = 256
    private struct Entry {
        var path: UnsafeMutablePointer<CChar>?
        var isDirectory: Bool
    }
    nonisolated(unsafe) private static let table: UnsafeMutablePointer<Entry> = {
        let table = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
        table.initialize(repeating: Entry(path: nil, isDirectory: false), count: capacity)
        return table
    }()
    private static let lock = NSLock()
    nonisolated(unsafe) private static var installed = false

    static func installOnce() {
        lock.lock(); defer { lock.unlock() }
        guard !installed else { return }
        installed = true
        _ = table
        for sig in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                SignalCleanup.removeAll()
                // End the process as the signal would have: default action, raised again.
                signal(sig, SIG_DFL)
                raise(sig)
            }
            sigemptyset(&action.sa_mask)
            sigaction(sig, &action, nil)
        }
        // A parent may hand down a mask with both blocked (Foundation's Process does, from a
        // thread that blocks them); the cleanup only runs if they can be delivered.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Takes a free slot for `path`; -1 when the table is full (that path then is removed
    /// only by a normal exit).
    static func register(_ path: String, isDirectory: Bool) -> Int {
        lock.lock(); defer { lock.unlock() }
        guard let slot = (0..<capacity).first(where: { table[$0].path == nil }) else { return -1 }
        table[slot].isDirectory = isDirectory
        table[slot].path = strdup(path)
        return slot
    }

    static func unregisterAll(_ slots: [Int]) {
        lock.lock(); defer { lock.unlock() }
        for slot in slots where slot >= 0 {
            let path = table[slot].path
            table[slot].path = nil
            free(path)
        }
    }

    /// In the signal handler: unlink files, then remove directories. Async-signal-safe calls
    /// only, no allocation, no locks.
    static func removeAll() {
        for slot in 0..<capacity { if let path = table[slot].path, !table[slot].isDirectory { unlink(path) } }
        for slot in 0..<capacity { if let path = table[slot].path, table[slot].isDirectory { rmdir(path) } }
    }
}
