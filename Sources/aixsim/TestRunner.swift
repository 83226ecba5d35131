import Foundation

/// One kext to check: where it is and what it says it should do.
struct TestCase: Sendable {
    let name: String
    let path: String
    let expectation: Result<TestExpectation?, TestExpectation.Unreadable>

    /// The .c files under PATHs, in the order given, each directory's sorted; each file once.
    static func discover(_ paths: [String]) throws -> [TestCase] {
        var seen = Set<String>()
        var cases: [TestCase] = []
        for path in paths {
            for file in try cFiles(under: path) where seen.insert(URL(fileURLWithPath: file).standardized.path).inserted {
                cases.append(TestCase(name: file, path: file, expectation: readExpectation(file)))
            }
        }
        return cases
    }

    struct NotAKext: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) is neither a .c file nor a directory" }
    }

    private static func cFiles(under path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw NotAKext(path: path)
        }
        guard isDirectory.boolValue else {
            guard path.hasSuffix(".c") else { throw NotAKext(path: path) }
            return [path]
        }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        let files = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".c") }.sorted().map { "\(base)/\($0)" }
    }

    private static func readExpectation(_ file: String) -> Result<TestExpectation?, TestExpectation.Unreadable> {
        do {
            return .success(try TestExpectation.of(kextAt: URL(fileURLWithPath: file)))
        } catch let error as TestExpectation.Unreadable {
            return .failure(error)
        } catch {
            return .failure(.init(line: "", reason: "cannot read \(file): \(error)"))
        }
    }
}

/// Runs a campaign: each kext in its own worker process, `jobs` at a time, every ending turned
/// into a result so that no worker's death loses the others.
final class TestRunner: Sendable {
    let executable: String
    let timeout: Double
    private let cases: [TestCase]
    private let progress: TestProgress

    init(cases: [TestCase], executable: String, timeout: Double, progress: TestProgress) {
        self.cases = cases
        self.executable = executable
        self.timeout = timeout
        self.progress = progress
    }

    /// The results in the order of `cases`.
    func run(jobs: Int) -> [TestResult] {
        let pool = WorkerPool<TestResult>(count: cases.count, body: { [self] index in check(cases[index]) },
                                          finished: { [progress] _, result in progress.update(with: result) })
        let results = pool.run(jobs: jobs)
        progress.finish()
        return results
    }

    /// The worker's command line for a kext, `--json` on, for the runner to read.
    func workerArguments(_ test: TestCase, options: [String]) -> [String] {
        ["load", test.path, "--json"] + options
    }

    /// The command line a person runs to see the same run's human report.
    func reproduction(_ test: TestCase, options: [String]) -> String {
        ([executable, "load", test.path] + options).map(Self.shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@%+,".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// 1. Read the expectation; 2. skip what has nothing to check; 3. run the worker; 4. compare.
    func check(_ test: TestCase) -> TestResult {
        let expectation: TestExpectation?
        switch test.expectation {
        case .failure(let unreadable):
            return TestResult(name: test.name, verdict: .failed, expected: nil, observation: nil,
                              reason: unreadable.description, seconds: 0,
                              reproduce: reproduction(test, options: []), stderr: nil)
        case .success(let read): expectation = read
        }
        let options = expectation?.options ?? []
        let reproduce = reproduction(test, options: options)
        guard let expectation else {
            return TestResult(name: test.name, verdict: .skipped, expected: nil, observation: nil,
                              reason: "no expectation to check (no expect line)", seconds: 0,
                              reproduce: reproduce, stderr: nil)
        }
        if expectation.claim == .dependsOnData && !options.contains(where: { $0.hasPrefix("--data") }) {
            return TestResult(name: test.name, verdict: .skipped, expected: "depends on --data", observation: nil,
                              reason: "no expectation to check (depends on --data, and no args: name it)",
                              seconds: 0, reproduce: reproduce, stderr: nil)
        }
        let output = TestWorker(executable: executable, arguments: workerArguments(test, options: options),
                                timeout: timeout).run()
        let observation = RunObservation(output, timeout: timeout)
        let expected: String
        let held: Bool
        switch expectation.claim {
        case .outcome(let outcome):
            expected = outcome.spelling
            if case .outcome(let actual) = observation { held = outcome.isMet(by: actual) } else { held = false }
        case .dependsOnData:
            // The data decides the outcome, so any report the kext ran to is a pass; only a
            // worker that died without one fails.
            expected = "depends on --data"
            held = !observation.isWorkerFailure
        }
        return TestResult(name: test.name, verdict: held ? .passed : .failed, expected: expected,
                          observation: observation,
                          reason: held ? nil : "expected \(expected), got \(observation.spelling)",
                          seconds: output.seconds, reproduce: reproduce,
                          stderr: held ? nil : Self.tail(output.stderr))
    }

    private static func tail(_ data: Data) -> String? {
        guard !data.isEmpty else { return nil }
        return String(decoding: data.suffix(4096), as: UTF8.self)
    }
}
