#include "aixsim_decode.h"

#include <stdint.h>
#include <string.h>

/*
 * A general-protection fault (non-canonical address, misaligned SSE operand) reaches the
 * handler with si_addr 0: the CPU does not say which address it refused. The instruction does,
 * with the registers it used, all saved in the ucontext. This decodes the forms compilers emit
 * for loads and stores (mov, ALU on memory, movs/stos/lods, SSE/AVX moves and arithmetic) and
 * gives up, rather than guess, on anything else.
 */

#if defined(__x86_64__)
#include <ucontext.h>

/* x86 register numbers (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8…r15) to gregs slots. */
static const int greg_of[16] = {
    REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
    REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};

enum access { NONE = 0, LOAD = 1, STORE = 2 };

/* How a one-byte opcode with a ModRM operand accesses memory, and its immediate's size. */
static int one_byte(uint8_t op, int reg, int opsize16, int *imm)
{
    *imm = 0;
    if (op < 0x40 && (op & 7) <= 3)              /* add, or, adc, sbb, and, sub, xor, cmp */
        return (op & 7) <= 1 && (op & 0xF8) != 0x38 ? STORE : LOAD;
    switch (op) {
    case 0x63: return LOAD;                      /* movsxd */
    case 0x69: *imm = opsize16 ? 2 : 4; return LOAD;
    case 0x6B: *imm = 1; return LOAD;
    case 0x80: case 0x83: *imm = 1; return reg == 7 ? LOAD : STORE;
    case 0x81: *imm = opsize16 ? 2 : 4; return reg == 7 ? LOAD : STORE;
    case 0x84: case 0x85: return LOAD;           /* test */
    case 0x86: case 0x87: return STORE;          /* xchg */
    case 0x88: case 0x89: return STORE;          /* mov r/m, r */
    case 0x8A: case 0x8B: return LOAD;           /* mov r, r/m */
    case 0xC0: case 0xC1: *imm = 1; return STORE;
    case 0xD0: case 0xD1: case 0xD2: case 0xD3: return STORE;
    case 0xC6: *imm = 1; return reg == 0 ? STORE : NONE;
    case 0xC7: *imm = opsize16 ? 2 : 4; return reg == 0 ? STORE : NONE;
    case 0xF6: if (reg <= 1) { *imm = 1; return LOAD; } return reg <= 3 ? STORE : LOAD;
    case 0xF7: if (reg <= 1) { *imm = opsize16 ? 2 : 4; return LOAD; } return reg <= 3 ? STORE : LOAD;
    case 0xFE: return reg <= 1 ? STORE : NONE;
    case 0xFF: return reg <= 1 ? STORE : (reg == 2 || reg == 4 || reg == 6) ? LOAD : NONE;
    default: return NONE;
    }
}

/* The same for the 0F map (legacy SSE, and VEX map 1). `rep` is an F3 prefix (or VEX pp=2). */
static int two_byte(uint8_t op, int rep, int *imm)
{
    *imm = 0;
    switch (op) {
    case 0x11: case 0x13: case 0x17: case 0x29: case 0x2B: case 0x7F: case 0xD6: case 0xE7:
    case 0xC3: case 0xB0: case 0xB1: case 0xC0: case 0xC1:
        return STORE;
    case 0x7E: return rep ? LOAD : STORE;        /* F3 0F 7E is movq xmm, m64 */
    case 0x70: case 0x71: case 0x72: case 0x73: case 0xC2: case 0xC4: case 0xC5: case 0xC6:
    case 0xA4: case 0xAC:
        *imm = 1;
        return op == 0xA4 || op == 0xAC ? STORE : LOAD;
    case 0x10: case 0x12: case 0x14: case 0x15: case 0x16: case 0x28: case 0x2A: case 0x2C:
    case 0x2D: case 0x2E: case 0x2F: case 0x6E: case 0x6F: case 0xAF: case 0xB6: case 0xB7:
    case 0xBE: case 0xBF:
        return LOAD;
    default:
        if ((op >= 0x40 && op <= 0x4F) || (op >= 0x51 && op <= 0x6D) || (op >= 0xD1 && op <= 0xFE))
            return LOAD;                         /* cmov, SSE arithmetic and logic on memory */
        return NONE;
    }
}

static int canonical(uintptr_t a)
{
    intptr_t top = (intptr_t)a >> 47;
    return top == 0 || top == -1;
}

int aixsim_decode_access(const void *context, uintptr_t *address, int *is_write)
{
    const ucontext_t *uc = context;
    const greg_t *g = uc->uc_mcontext.gregs;
    const uint8_t *p = (const uint8_t *)g[REG_RIP];
    const uint8_t *start = p;
    int opsize16 = 0, rep = 0;
    int rex_x = 0, rex_b = 0;
    /* Legacy prefixes. An fs/gs override or a 32-bit address size needs what the context
       does not hold (the segment base) or is not what compilers emit: give up. */
    for (;; p++) {
        if (p - start >= 4)
            return 0;
        uint8_t b = *p;
        if (b == 0x66) opsize16 = 1;
        else if (b == 0xF3 || b == 0xF2) rep = b == 0xF3;
        else if (b == 0xF0 || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x26) continue;
        else if (b == 0x64 || b == 0x65 || b == 0x67) return 0;
        else break;
    }
    int map = 0;                                 /* 0: one-byte, 1: 0F */
    if (*p >= 0x40 && *p <= 0x4F) {
        rex_x = (*p >> 1) & 1;
        rex_b = *p & 1;
        p++;
    }
    if (*p == 0xC5) {                            /* two-byte VEX: map 0F */
        rep = (p[1] & 3) == 2;
        opsize16 = (p[1] & 3) == 1;
        map = 1;
        p += 2;
    } else if (*p == 0xC4) {                     /* three-byte VEX: only map 0F is decoded */
        rex_x = !((p[1] >> 6) & 1);
        rex_b = !((p[1] >> 5) & 1);
        if ((p[1] & 0x1F) != 1)
            return 0;
        rep = (p[2] & 3) == 2;
        opsize16 = (p[2] & 3) == 1;
        map = 1;
        p += 3;
    } else if (*p == 0x0F) {
        map = 1;
        p++;
    }
    uint8_t op = *p++;
    if (map == 0) {
        /* String instructions: the address is in rsi/rdi, no ModRM. */
        uintptr_t rsi = (uintptr_t)g[REG_RSI], rdi = (uintptr_t)g[REG_RDI];
        switch (op) {
        case 0xA4: case 0xA5: case 0xA6: case 0xA7:
            /* movs/cmps touch both; the one the host refused is the bad one. */
            if (!canonical(rdi) || canonical(rsi)) {
                *address = rdi;
                *is_write = op <= 0xA5;
            } else {
                *address = rsi;
                *is_write = 0;
            }
            return 1;
        case 0xAA: case 0xAB: *address = rdi; *is_write = 1; return 1;
        case 0xAC: case 0xAD: *address = rsi; *is_write = 0; return 1;
        default: break;
        }
    }
    uint8_t modrm = *p++;
    int mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
    if (mod == 3)
        return 0;                                /* a register operand: no memory access */
    int imm = 0;
    int access = map == 0 ? one_byte(op, reg, opsize16, &imm) : two_byte(op, rep, &imm);
    if (access == NONE)
        return 0;
    uintptr_t ea = 0;
    int rip_relative = 0;
    if (rm == 4) {
        uint8_t sib = *p++;
        int scale = sib >> 6, index = ((sib >> 3) & 7) | (rex_x << 3), base = sib & 7;
        if (index != 4)
            ea += (uintptr_t)g[greg_of[index]] << scale;
        if (base == 5 && mod == 0) {
            int32_t d;
            memcpy(&d, p, 4);
            p += 4;
            ea += (uintptr_t)(intptr_t)d;
        } else {
            ea += (uintptr_t)g[greg_of[base | (rex_b << 3)]];
        }
    } else if (rm == 5 && mod == 0) {
        rip_relative = 1;
    } else {
        ea += (uintptr_t)g[greg_of[rm | (rex_b << 3)]];
    }
    if (mod == 1) {
        ea += (uintptr_t)(intptr_t)(int8_t)*p++;
    } else if (mod == 2 || rip_relative) {
        int32_t d;
        memcpy(&d, p, 4);
        p += 4;
        ea += (uintptr_t)(intptr_t)d;
    }
    if (rip_relative)
        ea += (uintptr_t)(p + imm);              /* relative to the next instruction */
    *address = ea;
    *is_write = access == STORE;
    return 1;
}

#else

int aixsim_decode_access(const void *context, uintptr_t *address, int *is_write)
{
    (void)context;
    (void)address;
    (void)is_write;
    return 0;
}

#endif
