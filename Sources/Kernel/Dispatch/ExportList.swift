import AIXSimKernelABI
@_exported import ExecutionEnvironment

/// A C type in a kernel service's signature, as the export list's signature letters name it.
public enum ServiceCType: Character, Sendable {
    case void = "v", int = "i", short = "h", long = "l", unsignedLong = "L"
    case pointer = "p", string = "s", vaList = "a"
}

/// One exported kernel service: a line of the export list (kernex.def).
public struct KernelExport: Sendable {
    public let index: Int
    public let name: String
    public let header: String
    public let prototype: String
    public let returnType: ServiceCType
    public let parameterTypes: [ServiceCType]
    public let environments: ServiceEnvironments
    /// Byte offset of this service's entry in the kernel-services table.
    public let tableOffset: Int
    public let isVariadic: Bool
}

/// The kernel's export list, read from the descriptors the C export list compiles to.
public enum ExportList {
    public static let all: [KernelExport] = (0..<aixsim_export_count()).map { i in
        let e = aixsim_export_at(i)!.pointee
        let signature = String(cString: e.signature)
        let parts = signature.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let r = parts[0].first.flatMap(ServiceCType.init(rawValue:)) else {
            fatalError("export list: bad signature \"\(signature)\" for \(String(cString: e.name))")
        }
        let params = parts[1].map { c -> ServiceCType in
            guard let t = ServiceCType(rawValue: c) else {
                fatalError("export list: bad type letter \(c) in \(signature)")
            }
            return t
        }
        return KernelExport(
            index: Int(i), name: String(cString: e.name), header: String(cString: e.header),
            prototype: tidy(String(cString: e.prototype)), returnType: r, parameterTypes: params,
            environments: ServiceEnvironments(rawValue: e.environments),
            tableOffset: Int(e.table_offset), isVariadic: e.variadic != 0)
    }

    public static let byName: [String: KernelExport] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The size of the kernel-services table a kext is handed.
    public static var tableSize: Int { Int(aixsim_kernel_services_size()) }

    /// The ABI version aixsim's table carries and kexts must have been compiled for.
    public static var abiVersion: UInt32 { aixsim_kernel_abi_version() }

    /// String functions AIX kernel code links from libcsys, which a kext may import directly.
    public static let libcsys: Set<String> = [
        "memcpy", "memset", "memmove", "memcmp", "strlen", "strcpy", "strncpy", "strcmp",
        "bcopy", "bzero",
    ]
}

/// `struct trb * talloc(void)` → `struct trb *talloc(void)`: the export list's prototypes are
/// stringified from the return type and the name, which leaves a space after a pointer return.
private func tidy(_ prototype: String) -> String {
    guard let paren = prototype.firstIndex(of: "(") else { return prototype }
    let words = prototype[..<paren].split(separator: " ")
    guard words.count >= 2, words[words.count - 2] == "*" else { return prototype }
    return words.dropLast(2).joined(separator: " ") + " *" + words[words.count - 1] + prototype[paren...]
}
