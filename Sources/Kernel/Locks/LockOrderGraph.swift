/// The orders in which locks were taken during the run: an edge A → B each time B was taken
/// while A was held by the same context, kept with the first two acquisitions that showed it.
struct LockOrderGraph: Sendable {
    struct Edge: Hashable, Sendable {
        let outer: UInt
        let inner: UInt
    }

    private var evidence: [Edge: (outer: LockAcquisition, inner: LockAcquisition)] = [:]
    private var successors: [UInt: [UInt]] = [:]
    /// Pairs already reported, either way round, so a loop over an inversion reports it once.
    private var reported: Set<Set<UInt>> = []

    /// Records that `inner` was taken while `outer` was held. Returns the inversion if some
    /// path already leads from `inner` back to `outer`, the first time for that pair.
    mutating func record(outer: LockAcquisition, inner: LockAcquisition) -> LockInversion? {
        guard outer.lock != inner.lock else { return nil }
        let edge = Edge(outer: outer.lock, inner: inner.lock)
        var inversion: LockInversion?
        if let path = path(from: inner.lock, to: outer.lock), reported.insert([outer.lock, inner.lock]).inserted,
           let first = evidence[path[0]], let last = evidence[path[path.count - 1]]
        {
            inversion = LockInversion(earlierOuter: first.outer, earlierInner: last.inner,
                                      nowOuter: outer, nowInner: inner)
        }
        if evidence[edge] == nil {
            evidence[edge] = (outer, inner)
            successors[outer.lock, default: []].append(inner.lock)
        }
        return inversion
    }

    /// The edges of a path from `start` to `goal`, breadth first so the shortest is named.
    private func path(from start: UInt, to goal: UInt) -> [Edge]? {
        var cameFrom: [UInt: UInt] = [start: start]
        var queue = [start]
        var index = 0
        while index < queue.count {
            let node = queue[index]
            index += 1
            for next in successors[node] ?? [] where cameFrom[next] == nil {
                cameFrom[next] = node
                if next == goal {
                    var edges: [Edge] = []
                    var at = goal
                    while at != start, let previous = cameFrom[at] {
                        edges.append(Edge(outer: previous, inner: at))
                        at = previous
                    }
                    return edges.reversed()
                }
                queue.append(next)
            }
        }
        return nil
    }
}
