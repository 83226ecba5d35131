/// Something the kernel did that a watcher outside the run should learn as it happens, not only
/// in the final report: the supervisor of a worker process keeps these so that a run that
/// kills its process still has a report.
public enum KernelProgress: Sendable {
    case call(CallRecord)
    case console(String)
    case event(KernelEvent)
    case finding(Finding)
    case phase(String)
    /// A call was made but not traced (past the trace limit): how many calls so far.
    case progress(Int)
}

/// Receives the kernel's progress, on the thread that runs the kernel.
public protocol KernelObserver: AnyObject {
    func kernel(_ progress: KernelProgress)
}

extension Kernel {
    /// Hands the observer what it has not seen yet: the call just traced, then console lines,
    /// events and findings added since the last time.
    func publishProgress(_ record: CallRecord? = nil) {
        guard let observer else { return }
        if let record { observer.kernel(.call(record)) }
        while published.console < console.count {
            observer.kernel(.console(console[published.console]))
            published.console += 1
        }
        while published.events < events.count {
            observer.kernel(.event(events[published.events]))
            published.events += 1
        }
        // Findings stream up to a bound; the final report counts the rest.
        while published.findings < min(findings.count, 1000) {
            observer.kernel(.finding(findings[published.findings]))
            published.findings += 1
        }
    }
}

/// How much of the console, events and findings the observer has been given.
struct PublishedProgress {
    var console = 0
    var events = 0
    var findings = 0
}
