#include "aixsim_pagestate.h"

#include <stddef.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/*
 * Everything here may run inside the SIGSEGV handler: no allocation, no locks, no stdio. The
 * per-page arrays are calloc'ed once at creation; calloc'ed memory is untouched (and costs no
 * RSS) until a page is used, so a 16 GiB heap's tables cost only what its touched pages use.
 */

#define RING_SIZE 8192
#define PAGE_BYTES 4096u
#define NO_INDEX 0u                         /* the per-page arrays store index + 1 */

struct aixsim_vmm_space {
    uintptr_t base;
    size_t pages;
    uint8_t *state;                         /* one byte per page */
    /* 1: the page lost its host access when the CPU last went where it may not page-fault, and
       has not had it back: access returns lazily, on the page's next touch at process level
       (resolve), instead of one protection change per page on every return. Private to C. */
    uint8_t *revoked;
    uint32_t *frame_of;                     /* page -> frame + 1 */
    uint32_t *slot_of;                      /* page -> slot + 1 */

    uint32_t frames_total, frames_used, frames_never_used;
    uint32_t *page_of_frame;                /* frame -> page + 1 */
    uint32_t *free_frames, free_frame_count;
    uint32_t hand;                          /* the clock hand, a frame number */

    uint8_t *paging;                        /* slots_total pages of simulated paging space */
    uint32_t slots_total, slots_used, slots_never_used;
    uint32_t *free_slots, free_slot_count;

    struct aixsim_page_event ring[RING_SIZE];
    uint64_t head, tail, lost, lost_reported;

    struct aixsim_vmm_failure failure;
    uint64_t zero_fills, page_ins, page_outs, r_cleared;

    int inject_count, inject_error;
    /* Cleared while the CPU may not take a page fault (interrupt level, interrupts disabled):
       then only pinned pages have their faults resolved; any other touch is a crash. The only
       copy of the flag: the fault guard asks aixsim_vmm_may_deliver. */
    int faults_allowed;

    /* Pages of V_SYSTEM regions (with their guard pages): faults there are never delivered to
       setjmpx. Grown outside the handler only, read by it: no allocation in the handler. */
    struct system_range { uint32_t first, end; } *system_ranges;
    int system_range_count, system_range_capacity;
};

/* Registered spaces, looked up by the handler without locks. A slot is published after its
   space is complete and cleared before the space is freed; each kernel's faults only ever
   concern its own space. */
#define MAX_SPACES 256
static struct aixsim_vmm_space *spaces[MAX_SPACES];

struct aixsim_vmm_space *aixsim_vmm_create(uintptr_t base, size_t pages, uint32_t frames,
                                           uint32_t slots)
{
    struct aixsim_vmm_space *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->base = base;
    s->pages = pages;
    s->faults_allowed = 1;
    s->frames_total = frames;
    s->slots_total = slots;
    s->state = calloc(pages, 1);
    s->revoked = calloc(pages, 1);
    s->frame_of = calloc(pages, sizeof(uint32_t));
    s->slot_of = calloc(pages, sizeof(uint32_t));
    s->page_of_frame = calloc(frames ? frames : 1, sizeof(uint32_t));
    s->free_frames = calloc(frames ? frames : 1, sizeof(uint32_t));
    s->free_slots = calloc(slots ? slots : 1, sizeof(uint32_t));
    void *paging = MAP_FAILED;
    if (slots)
        paging = mmap(NULL, (size_t)slots * PAGE_BYTES, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    s->paging = paging == MAP_FAILED ? NULL : paging;
    if (!s->state || !s->revoked || !s->frame_of || !s->slot_of || !s->page_of_frame || !s->free_frames
        || !s->free_slots || (slots && !s->paging)) {
        aixsim_vmm_destroy(s);
        return NULL;
    }
    for (int i = 0; i < MAX_SPACES; i++) {
        struct aixsim_vmm_space *expected = NULL;
        if (__atomic_compare_exchange_n(&spaces[i], &expected, s, 0, __ATOMIC_RELEASE,
                                        __ATOMIC_RELAXED))
            return s;
    }
    aixsim_vmm_destroy(s);
    return NULL;
}

void aixsim_vmm_destroy(struct aixsim_vmm_space *s)
{
    if (s == NULL)
        return;
    for (int i = 0; i < MAX_SPACES; i++) {
        struct aixsim_vmm_space *expected = s;
        __atomic_compare_exchange_n(&spaces[i], &expected, NULL, 0, __ATOMIC_RELEASE,
                                    __ATOMIC_RELAXED);
    }
    if (s->paging)
        munmap(s->paging, (size_t)s->slots_total * PAGE_BYTES);
    free(s->state);
    free(s->revoked);
    free(s->frame_of);
    free(s->slot_of);
    free(s->page_of_frame);
    free(s->free_frames);
    free(s->free_slots);
    free(s->system_ranges);
    free(s);
}

/* ---- host calls, with the failure-injection hook ---- */

/* One protection change for `count` pages from `page` (an injected failure fails the whole call). */
static int host_protect_range(struct aixsim_vmm_space *s, uint32_t page, uint32_t count, int prot)
{
    if (s->inject_count > 0) {
        s->inject_count--;
        errno = s->inject_error;
        return -1;
    }
    return mprotect((void *)(s->base + (uintptr_t)page * PAGE_BYTES), (size_t)count * PAGE_BYTES, prot);
}

static int host_protect(struct aixsim_vmm_space *s, uint32_t page, int prot)
{
    s->revoked[page] = 0;   /* whatever set this protection knows the page's state */
    return host_protect_range(s, page, 1, prot);
}

/* Replaces the page with fresh inaccessible zero memory: drops its contents and its RSS. */
static int host_discard(struct aixsim_vmm_space *s, uint32_t page, size_t count)
{
    if (s->inject_count > 0) {
        s->inject_count--;
        errno = s->inject_error;
        return -1;
    }
    memset(s->revoked + page, 0, count);
    void *p = mmap((void *)(s->base + (uintptr_t)page * PAGE_BYTES), count * PAGE_BYTES, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    return p == MAP_FAILED ? -1 : 0;
}

static int protection_for(uint8_t byte)
{
    if (!(byte & AIXSIM_PAGE_R))
        return PROT_NONE;
    return (byte & AIXSIM_PAGE_C) ? PROT_READ | PROT_WRITE : PROT_READ;
}

static void log_event(struct aixsim_vmm_space *s, uint32_t page, int kind, int is_store)
{
    if (s->head - s->tail >= RING_SIZE) {
        s->lost++;
        return;
    }
    struct aixsim_page_event *e = &s->ring[s->head % RING_SIZE];
    e->page = page;
    e->kind = (uint8_t)kind;
    e->is_store = (uint8_t)is_store;
    s->head++;
}

static int fail(struct aixsim_vmm_space *s, int kind, int error, uint32_t page)
{
    s->failure.kind = kind;
    s->failure.error = error;
    s->failure.page = page;
    s->failure.address = s->base + (uintptr_t)page * PAGE_BYTES;
    return -1;
}

/* ---- frames, slots and the clock ---- */

static int take_slot(struct aixsim_vmm_space *s, uint32_t *slot)
{
    if (s->free_slot_count)
        *slot = s->free_slots[--s->free_slot_count];
    else if (s->slots_never_used < s->slots_total)
        *slot = s->slots_never_used++;
    else
        return 0;
    s->slots_used++;
    return 1;
}

static void give_slot(struct aixsim_vmm_space *s, uint32_t slot)
{
    s->free_slots[s->free_slot_count++] = slot;
    s->slots_used--;
}

static void give_frame(struct aixsim_vmm_space *s, uint32_t frame)
{
    s->page_of_frame[frame] = NO_INDEX;
    s->free_frames[s->free_frame_count++] = frame;
    s->frames_used--;
}

/* Steals the frame of `page` (resident, unpinned, R clear) to a paging-space slot. */
static int page_out(struct aixsim_vmm_space *s, uint32_t page)
{
    uint32_t slot;
    if (!take_slot(s, &slot))
        return fail(s, AIXSIM_VMM_NO_SLOT, 0, page);
    uint8_t *host = (uint8_t *)(s->base + (uintptr_t)page * PAGE_BYTES);
    /* The page is PROT_NONE (R clear); read access is needed for the copy. */
    if (host_protect(s, page, PROT_READ) != 0) {
        give_slot(s, slot);
        return fail(s, AIXSIM_VMM_HOST_PROTECT, errno, page);
    }
    memcpy(s->paging + (size_t)slot * PAGE_BYTES, host, PAGE_BYTES);
    if (host_discard(s, page, 1) != 0) {
        give_slot(s, slot);
        host_protect(s, page, PROT_NONE);
        return fail(s, AIXSIM_VMM_HOST_PROTECT, errno, page);
    }
    uint32_t frame = s->frame_of[page] - 1;
    s->frame_of[page] = NO_INDEX;
    s->slot_of[page] = slot + 1;
    /* C describes the page, not the frame: it survives the trip to paging space. */
    s->state[page] = (uint8_t)(AIXSIM_PAGE_PAGED_OUT | (s->state[page] & AIXSIM_PAGE_C));
    give_frame(s, frame);
    s->page_outs++;
    log_event(s, page, AIXSIM_EVENT_PAGE_OUT, 0);
    return 0;
}

/* The clock: two sweeps at most, clearing R on the way, stealing the first unpinned frame
   whose page has R clear. */
static int steal(struct aixsim_vmm_space *s, uint32_t faulting)
{
    for (uint64_t step = 0; step < 2ull * s->frames_total + 1; step++) {
        uint32_t frame = s->hand;
        s->hand = (s->hand + 1) % s->frames_total;
        uint32_t entry = s->page_of_frame[frame];
        if (entry == NO_INDEX)
            continue;
        uint32_t page = entry - 1;
        uint8_t byte = s->state[page];
        if (byte & AIXSIM_PAGE_PINNED)
            continue;
        if (byte & AIXSIM_PAGE_R) {
            if (host_protect(s, page, PROT_NONE) != 0)
                return fail(s, AIXSIM_VMM_HOST_PROTECT, errno, page);
            s->state[page] = (uint8_t)(byte & ~AIXSIM_PAGE_R);
            s->r_cleared++;
            log_event(s, page, AIXSIM_EVENT_R_CLEARED, 0);
            continue;
        }
        return page_out(s, page);
    }
    return fail(s, AIXSIM_VMM_NO_FRAME, 0, faulting);
}

/* Returns 0 with a frame, or -1 with the failure recorded. */
static int take_frame(struct aixsim_vmm_space *s, uint32_t page, uint32_t *frame)
{
    if (!s->free_frame_count && s->frames_never_used >= s->frames_total) {
        if (s->frames_total == 0)
            return fail(s, AIXSIM_VMM_NO_FRAME, 0, page);
        if (steal(s, page) != 0)
            return -1;
    }
    if (s->free_frame_count)
        *frame = s->free_frames[--s->free_frame_count];
    else
        *frame = s->frames_never_used++;
    s->page_of_frame[*frame] = page + 1;
    s->frames_used++;
    return 0;
}

/* ---- fault resolution ---- */

static int resolve(struct aixsim_vmm_space *s, uint32_t page, int is_store)
{
    uint8_t byte = s->state[page];
    uint8_t flags = byte & (uint8_t)~AIXSIM_PAGE_STATE_MASK;
    switch (byte & AIXSIM_PAGE_STATE_MASK) {
    case AIXSIM_PAGE_ZERO:
    case AIXSIM_PAGE_PAGED_OUT: {
        int paged_out = (byte & AIXSIM_PAGE_STATE_MASK) == AIXSIM_PAGE_PAGED_OUT;
        uint32_t frame;
        if (take_frame(s, page, &frame) != 0)
            return -1;
        uint8_t next = (uint8_t)(AIXSIM_PAGE_RESIDENT | (flags & (AIXSIM_PAGE_PINNED | AIXSIM_PAGE_C))
                                 | AIXSIM_PAGE_R | (is_store ? AIXSIM_PAGE_C : 0));
        if (paged_out) {
            /* Write access for the copy, then the protection the bits call for. */
            if (host_protect(s, page, PROT_READ | PROT_WRITE) != 0)
                goto protect_failed;
            uint32_t slot = s->slot_of[page] - 1;
            memcpy((void *)(s->base + (uintptr_t)page * PAGE_BYTES),
                   s->paging + (size_t)slot * PAGE_BYTES, PAGE_BYTES);
            if (protection_for(next) != (PROT_READ | PROT_WRITE)
                && host_protect(s, page, protection_for(next)) != 0)
                goto protect_failed;
            s->slot_of[page] = NO_INDEX;
            give_slot(s, slot);
            s->page_ins++;
        } else {
            /* A ZERO page's host memory is fresh anonymous memory: already zero. */
            if (host_protect(s, page, protection_for(next)) != 0)
                goto protect_failed;
            s->zero_fills++;
        }
        s->frame_of[page] = frame + 1;
        s->state[page] = next;
        log_event(s, page, paged_out ? AIXSIM_EVENT_PAGE_IN : AIXSIM_EVENT_ZERO_FILL, is_store);
        return 1;
    protect_failed:;
        int error = errno;
        give_frame(s, frame);
        return fail(s, AIXSIM_VMM_HOST_PROTECT, error, page);
    }
    case AIXSIM_PAGE_RESIDENT: {
        uint8_t next = byte | AIXSIM_PAGE_R | (is_store ? AIXSIM_PAGE_C : 0);
        if (s->revoked[page]) {
            /* Access taken away at interrupt level comes back on the first touch after. */
            if (host_protect(s, page, protection_for(next)) != 0)
                return fail(s, AIXSIM_VMM_HOST_PROTECT, errno, page);
            if (next == byte)
                return 1;
        }
        if (next == byte)
            return 0;                   /* the access was allowed already: not a VMM fault */
        if (protection_for(next) != protection_for(byte)
            && host_protect(s, page, protection_for(next)) != 0)
            return fail(s, AIXSIM_VMM_HOST_PROTECT, errno, page);
        s->state[page] = next;
        int changed = (next & AIXSIM_PAGE_C) && !(byte & AIXSIM_PAGE_C);
        log_event(s, page, changed ? AIXSIM_EVENT_CHANGE : AIXSIM_EVENT_REFERENCE, is_store);
        return 1;
    }
    default:
        return 0;
    }
}

/* The registered space holding `address`, or NULL. */
static struct aixsim_vmm_space *space_containing(uintptr_t address)
{
    for (int i = 0; i < MAX_SPACES; i++) {
        struct aixsim_vmm_space *s = __atomic_load_n(&spaces[i], __ATOMIC_ACQUIRE);
        if (s != NULL && address >= s->base && address - s->base < s->pages * PAGE_BYTES)
            return s;
    }
    return NULL;
}

int aixsim_vmm_handle_fault(uintptr_t address, int is_store)
{
    struct aixsim_vmm_space *s = space_containing(address);
    if (s == NULL)
        return 0;
    uint32_t page = (uint32_t)((address - s->base) / PAGE_BYTES);
    if (!s->faults_allowed && !(s->state[page] & AIXSIM_PAGE_PINNED))
        return 0;                       /* a page fault AIX could not service here */
    int r = resolve(s, page, is_store);
    if (r < 0)
        s->failure.address = address;
    return r;
}

static int in_system_range(const struct aixsim_vmm_space *s, uint32_t page)
{
    for (int i = 0; i < s->system_range_count; i++)
        if (page >= s->system_ranges[i].first && page < s->system_ranges[i].end)
            return 1;
    return 0;
}

int aixsim_vmm_may_deliver(uintptr_t address)
{
    struct aixsim_vmm_space *s = space_containing(address);
    if (s == NULL)
        return 1;
    return s->faults_allowed && !in_system_range(s, (uint32_t)((address - s->base) / PAGE_BYTES));
}

int aixsim_vmm_exception_code(uintptr_t address, int access_error)
{
    enum { aix_efault = 14, aix_except_prot = 134 };
    if (space_containing(address) != NULL)
        return aix_efault;
    return access_error ? aix_except_prot : aix_efault;
}

int aixsim_vmm_touch(struct aixsim_vmm_space *s, uint32_t page, int is_store)
{
    if (page >= s->pages)
        return 0;
    int r = resolve(s, page, is_store);
    /* Already accessible counts as done for a caller that only wants the page usable. */
    if (r == 0 && (s->state[page] & AIXSIM_PAGE_STATE_MASK) == AIXSIM_PAGE_RESIDENT)
        return 1;
    return r;
}

/* ---- the VMM's side ---- */

int aixsim_vmm_set_faults_allowed(struct aixsim_vmm_space *s, int allowed, uint32_t first, uint32_t count)
{
    s->faults_allowed = allowed;
    /* Giving access back is lazy: each revoked page gets it on its next touch (resolve), so a
     * return to process level costs nothing and a kext touching few pages pays for few. */
    if (allowed)
        return 0;
    /* Taking it away: every resident unpinned page with access loses it, in runs of neighbouring
     * pages (one mprotect each). Pages that have no access already (not resident, revoked
     * before, R clear) join a run instead of breaking it; only pinned pages with access do. */
    int result = 0;
    uint32_t run_first = 0, run_count = 0, run_changes = 0;
    uint64_t end = (uint64_t)first + count;
    if (end > s->pages)
        end = s->pages;
    for (uint32_t page = first; page <= end; page++) {
        int keeps = 0, changes = 0;
        if (page < end) {
            uint8_t byte = s->state[page];
            int resident = (byte & AIXSIM_PAGE_STATE_MASK) == AIXSIM_PAGE_RESIDENT;
            int access = resident && !s->revoked[page] && protection_for(byte) != PROT_NONE;
            keeps = access && (byte & AIXSIM_PAGE_PINNED);
            changes = access && !keeps;
        }
        if (page == end || keeps) {
            if (run_changes) {
                if (host_protect_range(s, run_first, run_count, PROT_NONE) != 0)
                    result = -1;
                else
                    for (uint32_t p = run_first; p < run_first + run_count; p++)
                        if ((s->state[p] & AIXSIM_PAGE_STATE_MASK) == AIXSIM_PAGE_RESIDENT)
                            s->revoked[p] = 1;
            }
            run_count = 0;
            run_changes = 0;
            continue;
        }
        if (run_count == 0)
            run_first = page;
        run_count++;
        run_changes += changes;
    }
    return result;
}

int aixsim_vmm_faults_allowed(const struct aixsim_vmm_space *s)
{
    return s->faults_allowed;
}

int aixsim_vmm_add_system_range(struct aixsim_vmm_space *s, uint32_t first, uint32_t count)
{
    if (s->system_range_count == s->system_range_capacity) {
        int capacity = s->system_range_capacity ? 2 * s->system_range_capacity : 64;
        struct system_range *grown = realloc(s->system_ranges, (size_t)capacity * sizeof *grown);
        if (grown == NULL)
            return -1;
        s->system_ranges = grown;
        s->system_range_capacity = capacity;
    }
    s->system_ranges[s->system_range_count].first = first;
    s->system_ranges[s->system_range_count].end = first + count;
    s->system_range_count++;
    return 0;
}

void aixsim_vmm_remove_system_range(struct aixsim_vmm_space *s, uint32_t first)
{
    for (int i = 0; i < s->system_range_count; i++) {
        if (s->system_ranges[i].first == first) {
            s->system_ranges[i] = s->system_ranges[s->system_range_count - 1];
            s->system_range_count--;
            return;
        }
    }
}

void aixsim_vmm_allocate(struct aixsim_vmm_space *s, uint32_t first, uint32_t count)
{
    for (uint32_t p = first; p < first + count && p < s->pages; p++)
        s->state[p] = AIXSIM_PAGE_ZERO;
}

uint32_t aixsim_vmm_resident_pages(const struct aixsim_vmm_space *s, uint32_t first, uint32_t count,
                                   uint32_t *out, uint32_t capacity)
{
    uint32_t found = 0;
    for (uint32_t p = first; p < first + count && p < s->pages; p++) {
        if ((s->state[p] & AIXSIM_PAGE_STATE_MASK) != AIXSIM_PAGE_RESIDENT)
            continue;
        if (found < capacity)
            out[found] = p;
        found++;
    }
    return found;
}

int aixsim_vmm_release(struct aixsim_vmm_space *s, uint32_t first, uint32_t count)
{
    /* Only pages that held a frame or a slot can have host contents or access: a page never
     * touched since its last discard is still fresh inaccessible zero memory (every path that
     * gives a page host access or contents makes it resident first, and page-out discards it).
     * So one discard covers the span from the first such page to the last, and a region never
     * touched needs no host call at all. Paged-out pages count too, in case a failed page-in
     * left contents behind. */
    uint32_t end = first + count < s->pages ? first + count : (uint32_t)s->pages;
    uint32_t used_first = end, used_end = first;
    for (uint32_t p = first; p < end; p++) {
        int used = s->frame_of[p] != NO_INDEX || s->slot_of[p] != NO_INDEX;
        if (s->frame_of[p] != NO_INDEX)
            give_frame(s, s->frame_of[p] - 1);
        if (s->slot_of[p] != NO_INDEX)
            give_slot(s, s->slot_of[p] - 1);
        s->frame_of[p] = s->slot_of[p] = NO_INDEX;
        s->state[p] = AIXSIM_PAGE_NONE;
        if (used) {
            if (used_first == end)
                used_first = p;
            used_end = p + 1;
        }
    }
    if (end > first)
        memset(s->revoked + first, 0, end - first);
    if (used_first >= used_end)
        return 0;
    return host_discard(s, used_first, used_end - used_first);
}

int aixsim_vmm_clear_referenced(struct aixsim_vmm_space *s, uint32_t page)
{
    uint8_t byte = s->state[page];
    if ((byte & AIXSIM_PAGE_STATE_MASK) != AIXSIM_PAGE_RESIDENT || !(byte & AIXSIM_PAGE_R))
        return 0;
    if (host_protect(s, page, PROT_NONE) != 0)
        return fail(s, AIXSIM_VMM_HOST_PROTECT, errno, page);
    s->state[page] = (uint8_t)(byte & ~AIXSIM_PAGE_R);
    return 0;
}

void aixsim_vmm_set_pinned(struct aixsim_vmm_space *s, uint32_t page, int pinned)
{
    if (pinned)
        s->state[page] |= AIXSIM_PAGE_PINNED;
    else
        s->state[page] &= (uint8_t)~AIXSIM_PAGE_PINNED;
}

uint8_t aixsim_vmm_state(const struct aixsim_vmm_space *s, uint32_t page)
{
    return page < s->pages ? s->state[page] : AIXSIM_PAGE_NONE;
}

uint32_t aixsim_vmm_frame(const struct aixsim_vmm_space *s, uint32_t page)
{
    return page < s->pages && s->frame_of[page] ? s->frame_of[page] - 1 : UINT32_MAX;
}

int aixsim_vmm_take_events(struct aixsim_vmm_space *s, struct aixsim_page_event *out, int max,
                           uint64_t *lost)
{
    int n = 0;
    while (n < max && s->tail < s->head)
        out[n++] = s->ring[s->tail++ % RING_SIZE];
    *lost = s->lost - s->lost_reported;
    s->lost_reported = s->lost;
    return n;
}

int aixsim_vmm_pending(const struct aixsim_vmm_space *s)
{
    return s->head != s->tail || s->lost != s->lost_reported;
}

const uint64_t *aixsim_vmm_event_counters(const struct aixsim_vmm_space *s)
{
    _Static_assert(offsetof(struct aixsim_vmm_space, tail) == offsetof(struct aixsim_vmm_space, head) + 8 &&
                       offsetof(struct aixsim_vmm_space, lost) == offsetof(struct aixsim_vmm_space, head) + 16 &&
                       offsetof(struct aixsim_vmm_space, lost_reported) == offsetof(struct aixsim_vmm_space, head) + 24,
                   "the four ring counters are read as one array");
    return &s->head;
}

struct aixsim_vmm_failure aixsim_vmm_take_failure(struct aixsim_vmm_space *s)
{
    struct aixsim_vmm_failure f = s->failure;
    memset(&s->failure, 0, sizeof s->failure);
    return f;
}

struct aixsim_vmm_stats aixsim_vmm_stats(const struct aixsim_vmm_space *s)
{
    struct aixsim_vmm_stats st = {
        s->frames_total, s->frames_used, s->slots_total, s->slots_used,
        s->zero_fills, s->page_ins, s->page_outs, s->r_cleared,
    };
    return st;
}

void aixsim_vmm_inject_protect_failure(struct aixsim_vmm_space *s, int count, int error)
{
    s->inject_count = count;
    s->inject_error = error;
}
