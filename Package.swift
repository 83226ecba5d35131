// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "aixsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "aixsim", targets: ["aixsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libffi, from the system (Debian: libffi-dev).
        .systemLibrary(name: "CFFI", pkgConfig: "libffi", providers: [.apt(["libffi-dev"])]),
        // The kernel-services table ABI and the export list (kernex), shared by kexts and aixsim.
        // The AIX headers kexts compile against live beside it in aix-include/, deliberately not
        // on any Swift target's include path (they shadow host headers such as <sys/types.h>).
        .target(
            name: "AIXSimKernelABI",
            exclude: ["aix-include", "kext.cflags", "user-include", "user-lib"],
            publicHeadersPath: "include"
        ),
        // C because signal handlers and sigsetjmp cannot be written in Swift, split by layer so
        // each Swift target sees only its own: the VMM's page-state table (resolves page faults
        // from the signal handler), the fault guard (knows no VMM; the VMM registers hooks),
        // and the libffi calls into kexts and back (the only target that sees <ffi.h>).
        .target(name: "CPageState", cSettings: [.define("_GNU_SOURCE")]),
        .target(name: "CFaultGuard", cSettings: [.define("_GNU_SOURCE")]),
        .target(name: "CKextCall", dependencies: ["CFaultGuard", "CFFI", "AIXSimKernelABI"]),
        // A C user program's main, run as a coroutine on a stack in the simulated user segment.
        .target(name: "CUserRuntime", dependencies: ["CFaultGuard"], cSettings: [.define("_GNU_SOURCE")]),
        // The worker's seccomp filter (aixsim load runs the kext in a sandboxed worker).
        .target(name: "CSandbox", cSettings: [.define("_GNU_SOURCE")]),
        // Host malloc/mmap baselines for `aixsim bench`.
        .target(name: "CHostBench", cSettings: [.define("_GNU_SOURCE")]),
        .target(name: "PowerArch"),
        .target(name: "ExecutionEnvironment"),
        // VMM and Xmalloc: release drops their run-time exclusivity checks as the Kernel's
        // (below): each VMM and allocator belongs to one kernel and is used on its thread only,
        // and the checks were about a sixth of an xmalloc+xmfree pair (docs/performance.md).
        .target(name: "VMM", dependencies: ["PowerArch", "CPageState", "CFaultGuard"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "Xmalloc", dependencies: ["VMM", "PowerArch"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        // Release builds drop the run-time exclusivity checks in the Kernel target: a
        // `Kernel` is confined to the one thread that drives its kexts (the compiler's strict
        // concurrency checking holds that), and the checks on its component structs were the
        // largest share of a service call (docs/performance.md). Debug builds, which the test
        // suite runs, keep them, so an overlapping access is still caught where it can be
        // diagnosed. unsafeFlags bars aixsim from being another package's dependency; it is an
        // executable project, so that costs nothing.
        .target(name: "Kernel", dependencies: ["VMM", "Xmalloc", "PowerArch", "ExecutionEnvironment", "AIXSimKernelABI", "CFaultGuard"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        // The stress workload, its reference model and invariants, the shrinker and writers.
        .target(name: "Validation", dependencies: ["Kernel", "VMM", "Xmalloc", "PowerArch", "CFaultGuard", "AIXSimKernelABI"]),
        .target(name: "KextLoader", dependencies: ["Kernel", "VMM", "AIXSimKernelABI", "CFaultGuard", "CKextCall", "CHostBench", "CFFI", "CSandbox", "CUserRuntime"]),
        // `aixsim bench`'s MMU and xmalloc measurements, apart from the layers they measure so
        // no layer carries timing code; the service-call one stays beside the loader's table.
        .target(name: "Benchmarks", dependencies: ["KextLoader", "Kernel", "Xmalloc", "VMM", "PowerArch", "CHostBench", "CFaultGuard"]),
        .executableTarget(
            name: "aixsim",
            dependencies: [
                "KextLoader", "Benchmarks", "Kernel", "VMM", "Xmalloc", "Validation", "CSandbox", "CFaultGuard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildKexts"]
        ),
        .plugin(name: "BuildKexts", capability: .buildTool()),
        .testTarget(name: "PowerArchTests", dependencies: ["PowerArch"]),
        .testTarget(name: "VMMTests", dependencies: ["VMM", "PowerArch", "CPageState"]),
        .testTarget(name: "XmallocTests", dependencies: ["Xmalloc", "VMM", "PowerArch"]),
        .testTarget(name: "ExecutionEnvironmentTests", dependencies: ["ExecutionEnvironment"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "Kernel", "VMM", "Xmalloc", "PowerArch", "KextLoader"]),
        .testTarget(name: "KernelTests", dependencies: ["Kernel", "VMM", "Xmalloc", "ExecutionEnvironment", "AIXSimKernelABI"]),
        // The C test kexts (Tests/Kexts/<group>/) and how tests find and run them.
        .target(name: "KextFixtures", dependencies: ["KextLoader", "Kernel"], path: "Tests/KextFixtures"),
        .testTarget(name: "KextLoaderTests", dependencies: ["KextLoader", "KextFixtures", "Kernel", "CFaultGuard", "CKextCall"]),
        .testTarget(
            name: "AIXSimTests",
            dependencies: ["aixsim", "KextFixtures", "KextLoader", "Kernel", "VMM", "Xmalloc", "PowerArch", "ExecutionEnvironment", "AIXSimKernelABI", "CFaultGuard"],
            exclude: ["Scenarios"]
        ),
    ]
)
