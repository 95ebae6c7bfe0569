/*
 * The identity map of an agent handler: one COM object per backend object while any
 * reference to it lives (DESIGN.md).  Entries are weak: an object leaves the map in
 * its final Release, and a lookup never revives an object whose count already
 * reached 0.  A session's entry also keeps a note (the line it was made on) that
 * outlives its object until the session ends: one entry, found in one probe, whether
 * the object lives or not.
 *
 * Open addressing with linear probing, a multiply-xorshift hash over the identity's
 * words (FNV-1a byte by byte cost 28 rounds a lookup) that keeps runs of handles
 * together (hash_identity).  A removed entry
 * becomes a tombstone that the next insertion on its probe path takes again, and the
 * table is rebuilt — at a size that follows the live entries, smaller as well as
 * larger — when live entries and tombstones fill three quarters of it: a client that
 * runs for days with a steady set of objects keeps a table of steady size.
 */
#include "handler_private.h"

#define MIN_CAPACITY 64

/* Identities that differ only in the low four bits of `a` land in neighbouring
 * slots: a provider's consecutive session handles (and queue IDs) fill runs of the
 * table, so listing an agent's sessions walks memory in order instead of taking a
 * cache and TLB miss per session.  The runs themselves are scattered by the hash. */
#define RUN_BITS 4

/* The identity as seven 4-byte words, read one by one: the way its fields are
 * written, so that no load waits for several stores to be combined. */
static DWORD identity_word(const struct tcc_identity *id, int index)
{
    DWORD word;

    memcpy(&word, (const BYTE *)id + index * sizeof(DWORD), sizeof(word));
    return word;
}

static size_t hash_identity(const struct tcc_identity *id)
{
    const UINT64 multiplier = 0x9e3779b97f4a7c15ull;
    UINT64 hash;

    C_ASSERT(sizeof(*id) == 7 * sizeof(DWORD));
    hash = (id->kind | (UINT64)(id->a >> RUN_BITS) << 32) * multiplier;
    hash = (hash ^ (id->b | (UINT64)identity_word(id, 3) << 32)) * multiplier;
    hash = (hash ^ (identity_word(id, 4) | (UINT64)identity_word(id, 5) << 32)) * multiplier;
    hash = (hash ^ identity_word(id, 6)) * multiplier;
    hash ^= hash >> 29;
    return (size_t)(hash << RUN_BITS | (id->a & ((1u << RUN_BITS) - 1)));
}

static BOOL same_identity(const struct tcc_identity *a, const struct tcc_identity *b)
{
    for (int i = 0; i < 7; i++)
        if (identity_word(a, i) != identity_word(b, i))
            return FALSE;
    return TRUE;
}

/* The live entry for `id` (whose hash_identity is `hash`), or NULL. */
static struct map_entry *map_lookup_hashed(struct tcc_handler *handler, const struct tcc_identity *id, size_t hash)
{
    size_t mask = handler->capacity - 1;

    if (!handler->capacity)
        return NULL;
    for (size_t i = hash & mask; handler->entries[i].state != ENTRY_EMPTY; i = (i + 1) & mask)
        if (handler->entries[i].state == ENTRY_LIVE && same_identity(&handler->entries[i].id, id))
            return &handler->entries[i];
    return NULL;
}

static struct map_entry *map_lookup(struct tcc_handler *handler, const struct tcc_identity *id)
{
    return map_lookup_hashed(handler, id, hash_identity(id));
}

/* Rebuilds the table for the live entries alone, at twice their number or more. */
static BOOL map_rebuild(struct tcc_handler *handler)
{
    struct map_entry *old = handler->entries, *entries;
    size_t old_capacity = handler->capacity, capacity = MIN_CAPACITY;

    while (capacity < (handler->live + 1) * 2)
        capacity *= 2;
    if (!(entries = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, capacity * sizeof(*entries))))
        return FALSE;
    for (size_t i = 0; i < old_capacity; i++)
    {
        size_t j;

        if (old[i].state != ENTRY_LIVE)
            continue;
        for (j = hash_identity(&old[i].id) & (capacity - 1); entries[j].state != ENTRY_EMPTY;
             j = (j + 1) & (capacity - 1))
            ;
        entries[j] = old[i];
    }
    HeapFree(GetProcessHeap(), 0, old);
    handler->entries = entries;
    handler->capacity = capacity;
    handler->tombstones = 0;
    return TRUE;
}

/* Under the exclusive lock: the live entry for `id`, or a new empty one. */
static struct map_entry *map_insert(struct tcc_handler *handler, const struct tcc_identity *id)
{
    struct map_entry *entry;
    size_t i, mask;

    if ((entry = map_lookup(handler, id)))
        return entry;
    if ((handler->live + handler->tombstones + 1) * 4 > handler->capacity * 3 && !map_rebuild(handler))
        return NULL;
    mask = handler->capacity - 1;
    for (i = hash_identity(id) & mask; handler->entries[i].state == ENTRY_LIVE; i = (i + 1) & mask)
        ;
    entry = &handler->entries[i];
    if (entry->state == ENTRY_TOMBSTONE)
        handler->tombstones--;
    memset(entry, 0, sizeof(*entry));
    entry->state = ENTRY_LIVE;
    entry->id = *id;
    handler->live++;
    return entry;
}

/* An erased entry is a tombstone only where a probe must go on past it: one at the
 * end of its cluster (an empty slot follows) becomes empty, with the tombstones just
 * before it, so clusters shrink back instead of filling with tombstones. */
static void map_erase(struct tcc_handler *handler, struct map_entry *entry)
{
    size_t mask = handler->capacity - 1, i = (size_t)(entry - handler->entries);

    memset(entry, 0, sizeof(*entry));
    entry->state = ENTRY_TOMBSTONE;
    handler->live--;
    handler->tombstones++;
    if (handler->entries[(i + 1) & mask].state != ENTRY_EMPTY)
        return;
    while (handler->entries[i].state == ENTRY_TOMBSTONE)
    {
        handler->entries[i].state = ENTRY_EMPTY;
        handler->tombstones--;
        i = (i - 1) & mask;
    }
}

/* Under the lock, shared or exclusive: the entry's object with a new reference, or
 * NULL (a note, or an object on its way out). */
static IUnknown *take_reference(struct map_entry *entry)
{
    LONG ref;

    if (!entry->object)
        return NULL;
    /* AddRef only while the count is above 0: at 0 the object is on its way out. */
    do
    {
        if (!(ref = *entry->ref))
            return NULL;
    }
    while (InterlockedCompareExchange(entry->ref, ref + 1, ref) != ref);
    return entry->object;
}

static IUnknown *find_locked(struct tcc_handler *handler, const struct tcc_identity *id)
{
    struct map_entry *entry = map_lookup(handler, id);

    return entry ? take_reference(entry) : NULL;
}

IUnknown *tcc__map_find(struct tcc_handler *handler, const struct tcc_identity *id)
{
    IUnknown *object;

    AcquireSRWLockShared(&handler->map_lock);
    object = find_locked(handler, id);
    ReleaseSRWLockShared(&handler->map_lock);
    return object;
}

/* Looked up a window at a time, in three passes over it: every slot fetched ahead,
 * then every entry found and its object fetched ahead, then every reference taken;
 * so that the memory waits of a window overlap instead of following one another. */
#define FIND_WINDOW 32

ULONG tcc__map_find_each(struct tcc_handler *handler, ULONG count, tcc_identity_fn identity, void *user,
                         IUnknown **found)
{
    ULONG missing = 0;

    struct tcc_identity ids[FIND_WINDOW];
    struct map_entry *entries[FIND_WINDOW];
    size_t hashes[FIND_WINDOW];

    AcquireSRWLockShared(&handler->map_lock);
    for (ULONG start = 0; handler->capacity && start < count; start += FIND_WINDOW)
    {
        ULONG size = min(count - start, FIND_WINDOW);

        for (ULONG i = 0; i < size; i++)
        {
            memset(&ids[i], 0, sizeof(ids[i]));
            identity(user, start + i, &ids[i]);
            hashes[i] = hash_identity(&ids[i]);
            __builtin_prefetch(&handler->entries[hashes[i] & (handler->capacity - 1)]);
        }
        for (ULONG i = 0; i < size; i++)
            if ((entries[i] = map_lookup_hashed(handler, &ids[i], hashes[i])) && entries[i]->object)
                __builtin_prefetch(entries[i]->ref, 1);
        for (ULONG i = 0; i < size; i++)
            missing += !(found[start + i] = entries[i] ? take_reference(entries[i]) : NULL);
    }
    if (!handler->capacity)
    {
        memset(found, 0, count * sizeof(*found));
        missing = count;
    }
    ReleaseSRWLockShared(&handler->map_lock);
    return missing;
}

HRESULT tcc__map_make_each(struct tcc_handler *handler, ULONG count, tcc_identity_fn identity, tcc_make_each_fn make,
                           void *user, IUnknown **found)
{
    IUnknown *failed = NULL;
    HRESULT hr = S_OK;

    AcquireSRWLockExclusive(&handler->map_lock);
    for (ULONG i = 0; SUCCEEDED(hr) && i < count; i++)
    {
        struct tcc_identity id = { 0 };
        struct map_entry *entry;
        IUnknown *object = NULL;
        LONG *ref = NULL;

        if (found[i])
            continue;
        identity(user, i, &id);
        /* One probe finds the entry or its place; a dying object's entry is taken over. */
        if (!(entry = map_insert(handler, &id)))
        {
            hr = E_OUTOFMEMORY;
            break;
        }
        if ((found[i] = take_reference(entry)))
            continue;
        if (SUCCEEDED(hr = make(handler, user, i, &object, &ref)))
        {
            entry->object = found[i] = object;
            entry->ref = ref;
        }
        else
        {
            failed = object;
            if (!entry->object && !entry->noted)
                map_erase(handler, entry);
        }
    }
    ReleaseSRWLockExclusive(&handler->map_lock);
    /* Released outside the lock: the object's Release takes it to leave the map. */
    if (failed)
        IUnknown_Release(failed);
    return hr;
}

HRESULT tcc__map_collect(struct tcc_handler *handler, DWORD kind, IUnknown ***objects, ULONG *count)
{
    IUnknown **found;
    ULONG taken = 0;

    AcquireSRWLockShared(&handler->map_lock);
    if (!(found = HeapAlloc(GetProcessHeap(), 0, (handler->live + 1) * sizeof(*found))))
    {
        ReleaseSRWLockShared(&handler->map_lock);
        return E_OUTOFMEMORY;
    }
    for (size_t i = 0; i < handler->capacity; i++)
    {
        struct map_entry *entry = &handler->entries[i];
        IUnknown *object;

        if (entry->state == ENTRY_LIVE && entry->id.kind == kind && (object = find_locked(handler, &entry->id)))
            found[taken++] = object;
    }
    ReleaseSRWLockShared(&handler->map_lock);
    *objects = found;
    *count = taken;
    return S_OK;
}

void tcc__map_remove(struct tcc_handler *handler, const struct tcc_identity *id, IUnknown *object)
{
    struct map_entry *entry;

    AcquireSRWLockExclusive(&handler->map_lock);
    /* A newer object may have taken the entry while this one was dying. */
    if ((entry = map_lookup(handler, id)) && entry->object == object)
    {
        entry->object = NULL;
        entry->ref = NULL;
        if (!entry->noted)
            map_erase(handler, entry);
    }
    ReleaseSRWLockExclusive(&handler->map_lock);
}

HRESULT tcc__map_get(struct tcc_handler *handler, const struct tcc_identity *id, tcc_make_fn make, const void *args,
                     IUnknown **out)
{
    struct map_entry *entry;
    IUnknown *object = NULL;
    LONG *ref = NULL;
    HRESULT hr;

    /* Most lookups find a live object: readers share the lock (the reference is
     * taken atomically), and only a miss takes it alone. */
    if ((*out = tcc__map_find(handler, id)))
        return S_OK;
    AcquireSRWLockExclusive(&handler->map_lock);
    if ((*out = find_locked(handler, id)))
    {
        ReleaseSRWLockExclusive(&handler->map_lock);
        return S_OK;
    }
    hr = make(handler, args, &object, &ref);
    if (SUCCEEDED(hr))
    {
        if ((entry = map_insert(handler, id)))
        {
            entry->object = object;
            entry->ref = ref;
        }
        else
            hr = E_OUTOFMEMORY;
    }
    ReleaseSRWLockExclusive(&handler->map_lock);
    /* Released outside the lock: the object's Release takes it to leave the map. */
    if (FAILED(hr))
    {
        if (object)
            IUnknown_Release(object);
        return hr;
    }
    *out = object;
    return S_OK;
}

void tcc__handler_note_session_line(struct tcc_handler *handler, tcc_hagentsession session, DWORD line_id)
{
    struct tcc_identity id = tcc__session_identity(session);
    struct map_entry *entry;

    AcquireSRWLockExclusive(&handler->map_lock);
    if ((entry = map_insert(handler, &id)))
    {
        entry->line_id = line_id;
        entry->noted = TRUE;
    }
    ReleaseSRWLockExclusive(&handler->map_lock);
}

BOOL tcc__handler_session_line_locked(struct tcc_handler *handler, tcc_hagentsession session, DWORD *line_id)
{
    struct tcc_identity id = tcc__session_identity(session);
    struct map_entry *entry;

    if (!(entry = map_lookup(handler, &id)) || !entry->noted)
        return FALSE;
    *line_id = entry->line_id;
    return TRUE;
}

void tcc__handler_forget_session_line(struct tcc_handler *handler, tcc_hagentsession session)
{
    struct tcc_identity id = tcc__session_identity(session);
    struct map_entry *entry;

    AcquireSRWLockExclusive(&handler->map_lock);
    if ((entry = map_lookup(handler, &id)))
    {
        entry->noted = FALSE;
        if (!entry->object)
            map_erase(handler, entry);
    }
    ReleaseSRWLockExclusive(&handler->map_lock);
}
