/// A rule the run broke, found by comparing the kernel with the reference model.
public struct InvariantViolation: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case overlap = "blocks overlap"
        case outsideRegion = "block outside a live region of its heap"
        case misaligned = "block misaligned"
        case unpinnedPinnedHeap = "pinned_heap page not pinned"
        case pinCount = "pin count differs from the model"
        case statistics = "heap statistics differ from their records"
        case gallocAccounting = "galloc regions differ from the model"
        case contents = "contents changed"
        case memoryFault = "memory of a live object faulted"
        case serviceFailed = "a service failed where it must succeed"
        case kernelCrash = "the kernel crashed"
        case leftover = "memory left after everything was freed"
        case pageState = "page state differs from the page table or the pins"
        case capacity = "freeing everything after exhaustion did not restore full capacity"
        case interruptRule = "interrupt work ran where or when it must not"
        case pinPrediction = "pin's outcome differs from the frames left to pin"
    }

    public var kind: Kind
    /// The operation (0-based) after which the rule was found broken; nil for the final sweep.
    public var step: Int?
    public var detail: String

    public init(kind: Kind, step: Int?, detail: String) {
        self.kind = kind
        self.step = step
        self.detail = detail
    }

    public var description: String {
        "\(kind.rawValue)\(step.map { " after operation \($0 + 1)" } ?? " at the end"): \(detail)"
    }
}
