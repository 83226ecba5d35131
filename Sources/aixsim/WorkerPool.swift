import Foundation

/// Runs `count` independent jobs on `jobs` threads, each job usually a worker process
/// (`TestWorker`), and returns their results in index order. Shared by `test`, `explore` and
/// `stress --jobs` so that they all schedule alike.
///
/// Unchecked Sendable: `next` and `results` are only touched under `lock`.
final class WorkerPool<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var results: [Result?]
    private let body: @Sendable (Int) -> Result
    private let finished: @Sendable (Int, Result) -> Void

    /// `finished` runs under the pool's lock, one result at a time, e.g. to update progress.
    init(count: Int, body: @escaping @Sendable (Int) -> Result,
         finished: @escaping @Sendable (Int, Result) -> Void = { _, _ in })
    {
        results = Array(repeating: nil, count: count)
        self.body = body
        self.finished = finished
    }

    func run(jobs: Int) -> [Result] {
        let done = DispatchSemaphore(value: 0)
        let threads = max(1, min(jobs, results.count))
        for _ in 0..<threads {
            Thread { [self] in
                while let index = claim() { record(body(index), at: index) }
                done.signal()
            }.start()
        }
        for _ in 0..<threads { done.wait() }
        return results.compactMap { $0 }
    }

    private func claim() -> Int? {
        lock.withLock {
            guard next < results.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    private func record(_ result: Result, at index: Int) {
        lock.withLock {
            results[index] = result
            finished(index, result)
        }
    }
}
