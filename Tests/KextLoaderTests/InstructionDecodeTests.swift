import CFaultGuard
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The decoder the fault guard uses when the host gives no faulting address (a general-
/// protection fault): each form computes the address the instruction used, from bytes and a
/// saved context built here; forms it does not know give nothing rather than a guess.
@Suite("Decoding the faulting instruction's address")
struct InstructionDecodeTests {
    /// glibc's gregs slots (sys/ucontext.h).
    enum Register: Int { case r8 = 0, r9, r10, r11, r12, r13, r14, r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip }

    /// Decodes `bytes` as the instruction at RIP with `registers`; (address, is a store) or nil.
    static func decode(_ bytes: [UInt8], _ registers: [Register: UInt64]) -> (address: UInt64, store: Bool, rip: UInt64)? {
        var context = ucontext_t()
        let code = bytes + [UInt8](repeating: 0x90, count: 16)
        return code.withUnsafeBufferPointer { buffer in
            let rip = UInt64(UInt(bitPattern: buffer.baseAddress))
            withUnsafeMutableBytes(of: &context.uc_mcontext.gregs) { gregs in
                let slots = gregs.bindMemory(to: Int64.self)
                for (register, value) in registers { slots[register.rawValue] = Int64(bitPattern: value) }
                slots[Register.rip.rawValue] = Int64(bitPattern: rip)
            }
            var address: UInt = 0
            var store: Int32 = 0
            guard aixsim_decode_access(&context, &address, &store) == 1 else { return nil }
            return (UInt64(address), store == 1, rip)
        }
    }

    static let ea: UInt64 = 0xF100_0000_0000_1000

    @Test("mov [rbx], rax: a store through the base register")
    func baseRegister() throws {
        let d = try #require(Self.decode([0x48, 0x89, 0x03], [.rbx: Self.ea]))
        #expect(d.address == Self.ea && d.store)
    }

    @Test("mov [r12+8], eax: REX.B, a SIB byte without index, an 8-bit displacement")
    func extendedBase() throws {
        let d = try #require(Self.decode([0x41, 0x89, 0x44, 0x24, 0x08], [.r12: Self.ea]))
        #expect(d.address == Self.ea + 8 && d.store)
    }

    @Test("mov eax, [rsi+rcx*4-16]: scaled index and a negative displacement, a load")
    func scaledIndex() throws {
        let d = try #require(Self.decode([0x8B, 0x44, 0x8E, 0xF0], [.rsi: Self.ea, .rcx: 3]))
        #expect(d.address == Self.ea + 12 - 16 && !d.store)
    }

    @Test("mov dword [rip+0x10], 1: RIP-relative, counted from the end of the immediate")
    func ripRelative() throws {
        let d = try #require(Self.decode([0xC7, 0x05, 0x10, 0, 0, 0, 1, 0, 0, 0], [:]))
        #expect(d.address == d.rip + 10 + 0x10 && d.store)
    }

    @Test("movaps [rsi], xmm0 and vmovdqu [rdi], xmm0 (VEX): vector stores")
    func vectorStores() throws {
        let sse = try #require(Self.decode([0x0F, 0x29, 0x06], [.rsi: 0x1001]))
        #expect(sse.address == 0x1001 && sse.store)
        let avx = try #require(Self.decode([0xC5, 0xFA, 0x7F, 0x07], [.rdi: Self.ea]))
        #expect(avx.address == Self.ea && avx.store)
        let load = try #require(Self.decode([0x66, 0x0F, 0x6F, 0x01], [.rcx: 0x2003]))
        #expect(load.address == 0x2003 && !load.store)
    }

    @Test("rep movsd: the non-canonical one of rsi and rdi is the address")
    func stringMove() throws {
        let toBad = try #require(Self.decode([0xF3, 0xA5], [.rsi: 0x1000, .rdi: Self.ea]))
        #expect(toBad.address == Self.ea && toBad.store)
        let fromBad = try #require(Self.decode([0xF3, 0xA5], [.rsi: Self.ea, .rdi: 0x1000]))
        #expect(fromBad.address == Self.ea && !fromBad.store)
    }

    @Test("Forms it cannot or need not decode give nothing: fs override, register operand, lea")
    func refused() {
        #expect(Self.decode([0x64, 0x48, 0x89, 0x03], [.rbx: Self.ea]) == nil)
        #expect(Self.decode([0x48, 0x8B, 0xC3], [:]) == nil)
        #expect(Self.decode([0x48, 0x8D, 0x03], [.rbx: Self.ea]) == nil)
    }
}
