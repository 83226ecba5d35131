/*
 * The C-visible page-state table of the galloc heap, and the page-fault resolution the fault
 * handler performs with it.
 *
 * The VMM (Swift) owns the policy; this table is how it tells the signal handler, which may
 * not run Swift, what each heap page is allowed to do. One byte per page holds the page's state
 * (free, allocated-but-never-touched, resident, paged out), its reference and change bits as the
 * host protections enforce them, and whether it is pinned. The handler resolves allowed faults
 * in place (the instruction restarts) and logs each resolution in a ring the VMM drains at every
 * kernel-service call and after every guarded call, to bring the simulated page table up to date.
 *
 * Host protection of a resident page encodes the bits exactly:
 *   R = 0         PROT_NONE   the next access faults and sets R (and C on a store)
 *   R = 1, C = 0  PROT_READ   the first store faults and sets C
 *   R = 1, C = 1  PROT_READ|PROT_WRITE
 *
 * Simulated real memory: each resident page holds one frame. When frames run out, the clock
 * runs here, in C, over the frame table: a frame whose page has R set gets R cleared (and its
 * page made PROT_NONE again); the first unpinned frame found with R clear is stolen, its page
 * copied to a paging-space slot and discarded from the host. A fault on a paged-out page takes a
 * frame the same way and copies the contents back.
 */
#ifndef AIXSIM_PAGESTATE_H
#define AIXSIM_PAGESTATE_H

#include <stddef.h>
#include <stdint.h>

/* Page state, low three bits of the state byte. */
enum {
    AIXSIM_PAGE_NONE = 0,      /* no allocation (free, guard page, freed): faults are DSIs */
    AIXSIM_PAGE_ZERO = 1,      /* allocated, never touched: first touch zero-fills a frame */
    AIXSIM_PAGE_RESIDENT = 2,  /* has a frame */
    AIXSIM_PAGE_PAGED_OUT = 3, /* contents in a paging-space slot */
    AIXSIM_PAGE_STATE_MASK = 7,
};
/* Flag bits of the state byte. */
enum {
    AIXSIM_PAGE_R = 0x08,      /* referenced */
    AIXSIM_PAGE_C = 0x10,      /* changed */
    AIXSIM_PAGE_PINNED = 0x20, /* pin count non-zero: the clock never steals it */
};

/* What the ring records. */
enum aixsim_page_event_kind {
    AIXSIM_EVENT_ZERO_FILL = 1,   /* first touch: a frame was zero-filled */
    AIXSIM_EVENT_PAGE_IN = 2,     /* touch of a paged-out page: contents copied back */
    AIXSIM_EVENT_REFERENCE = 3,   /* a resident page with R clear was referenced */
    AIXSIM_EVENT_CHANGE = 4,      /* first store to a resident page with C clear */
    AIXSIM_EVENT_PAGE_OUT = 5,    /* the clock stole the page's frame */
    AIXSIM_EVENT_R_CLEARED = 6,   /* the clock cleared R */
};

struct aixsim_page_event {
    uint32_t page;
    uint8_t kind;
    uint8_t is_store;
};

/* Why a fault on an allowed page could not be resolved. */
enum aixsim_vmm_failure_kind {
    AIXSIM_VMM_OK = 0,
    AIXSIM_VMM_HOST_PROTECT = 1,  /* mprotect/mmap failed (errno: ENOMEM = vm.max_map_count) */
    AIXSIM_VMM_NO_FRAME = 2,      /* every frame is pinned: real memory exhausted */
    AIXSIM_VMM_NO_SLOT = 3,       /* paging space exhausted while stealing */
};

struct aixsim_vmm_failure {
    int kind;
    int error;                    /* errno of a failed host call */
    uintptr_t address;            /* the faulting host address */
    uint32_t page;
};

struct aixsim_vmm_space;

/* Creates the table for `pages` pages at host address `base`, with `frames` frames of real
   memory and `slots` paging-space slots, and registers it for aixsim_vmm_handle_fault. */
struct aixsim_vmm_space *aixsim_vmm_create(uintptr_t base, size_t pages, uint32_t frames,
                                           uint32_t slots);
void aixsim_vmm_destroy(struct aixsim_vmm_space *space);

/* Resolves a host fault at `address` if it lies in a registered space and the page allows it.
   Returns 1 if resolved (restart the instruction), 0 if not allowed or not in any space, -1 if
   allowed but unresolvable (see aixsim_vmm_take_failure). Async-signal-safe. The VMM registers
   it as the fault guard's resolver. */
int aixsim_vmm_handle_fault(uintptr_t address, int is_store);

/* 0 if a fault at `address` must never be delivered to a kext's setjmpx context: it lies in a
   space whose faults are not allowed now, or in a V_SYSTEM range. 1 otherwise, and for any
   address outside every space. Async-signal-safe; the VMM registers it as the guard's filter. */
int aixsim_vmm_may_deliver(uintptr_t address);

/* The setjmpx code for an unresolved kext fault at `address`, as AIX's VMM passes it: EFAULT
   (14) where there is no translation (every page of a space that has one resolves in place, so
   an unresolved fault there has none; also NULL and wild pointers), EXCEPT_PROT (134) where a
   host page outside every space exists but refused the access (a store to the kext's text or
   constants). Async-signal-safe; the VMM registers it as the guard's classifier. */
int aixsim_vmm_exception_code(uintptr_t address, int access_error);

/* The same resolution for a page of one space, called from Swift (user-mode accesses, pin). */
int aixsim_vmm_touch(struct aixsim_vmm_space *space, uint32_t page, int is_store);

/* Marks pages allocated (never touched). */
void aixsim_vmm_allocate(struct aixsim_vmm_space *space, uint32_t first, uint32_t count);
/* The resident pages among `count` from `first`: writes up to `capacity` page numbers to `out`
   in order and returns how many there are (more than `capacity` means the list is cut short). */
uint32_t aixsim_vmm_resident_pages(const struct aixsim_vmm_space *space, uint32_t first, uint32_t count,
                                   uint32_t *out, uint32_t capacity);
/* Frees pages: frames and slots return, contents are discarded, state becomes NONE. */
int aixsim_vmm_release(struct aixsim_vmm_space *space, uint32_t first, uint32_t count);
/* Forgets that a resident page was referenced (its PTE was displaced from the page table, or
   the VMM reads and resets R): the next access faults again. Returns 0, or -1 on host failure. */
int aixsim_vmm_clear_referenced(struct aixsim_vmm_space *space, uint32_t page);
void aixsim_vmm_set_pinned(struct aixsim_vmm_space *space, uint32_t page, int pinned);

uint8_t aixsim_vmm_state(const struct aixsim_vmm_space *space, uint32_t page);
/* The frame of a resident page, or UINT32_MAX. */
uint32_t aixsim_vmm_frame(const struct aixsim_vmm_space *space, uint32_t page);

/* Whether the CPU may take a page fault now. While it may not (interrupt level, interrupts
   disabled), the handler resolves faults only on pinned pages, and the unpinned resident pages
   of [first, first + count) are made inaccessible so that any touch of them faults; allowing
   again restores their protection from their R/C bits. Returns 0, or -1 on host failure. */
int aixsim_vmm_set_faults_allowed(struct aixsim_vmm_space *space, int allowed, uint32_t first, uint32_t count);
int aixsim_vmm_faults_allowed(const struct aixsim_vmm_space *space);

/* Pages [first, first + count) belong to a V_SYSTEM region (or its guard page): see
   aixsim_vmm_may_deliver. Returns 0, or -1 if the range list cannot grow. */
int aixsim_vmm_add_system_range(struct aixsim_vmm_space *space, uint32_t first, uint32_t count);
/* Forgets the range added with this first page. */
void aixsim_vmm_remove_system_range(struct aixsim_vmm_space *space, uint32_t first);

/* Takes up to `max` events, oldest first; *lost is set to how many were dropped since the last
   call because the ring was full. */
int aixsim_vmm_take_events(struct aixsim_vmm_space *space, struct aixsim_page_event *out, int max,
                           uint64_t *lost);
/* Whether events (or lost events) wait: the cheap test done at every service call. */
int aixsim_vmm_pending(const struct aixsim_vmm_space *space);
/* The ring's four counters in place (head, tail, lost, lost reported), for a caller that tests
   them on every service call without a call into C: events wait while head != tail or
   lost != lost reported. Valid as long as the space. */
const uint64_t *aixsim_vmm_event_counters(const struct aixsim_vmm_space *space);
/* Takes (and clears) the last failure. */
struct aixsim_vmm_failure aixsim_vmm_take_failure(struct aixsim_vmm_space *space);

struct aixsim_vmm_stats {
    uint32_t frames_total, frames_used, slots_total, slots_used;
    uint64_t zero_fills, page_ins, page_outs, r_cleared;
};
struct aixsim_vmm_stats aixsim_vmm_stats(const struct aixsim_vmm_space *space);

/* Test hook: the next `count` host protection changes fail with `error`. */
void aixsim_vmm_inject_protect_failure(struct aixsim_vmm_space *space, int count, int error);

#endif
