/*
 * The identity map of an agent handler: one COM object per backend object while any
 * reference to it lives (DESIGN.md).  Entries are weak: an object leaves the map in
 * its final Release, and a lookup never revives an object whose count already
 * reached 0.  The map also keeps small notes that are not objects (the line a
 * session was made on).
 */
#include "handler_private.h"

/* The identity map: open addressing, linear probing, FNV-1a over the identity. */

static size_t hash_identity(const struct tcc_identity *id)
{
    const BYTE *bytes = (const BYTE *)id;
    UINT64 hash = 0xcbf29ce484222325ull;

    for (size_t i = 0; i < sizeof(*id); i++)
        hash = (hash ^ bytes[i]) * 0x100000001b3ull;
    return (size_t)hash;
}

static BOOL same_identity(const struct tcc_identity *a, const struct tcc_identity *b)
{
    return !memcmp(a, b, sizeof(*a));
}

/* The entry for `id`, or NULL. */
static struct map_entry *map_lookup(struct tcc_handler *handler, const struct tcc_identity *id)
{
    size_t mask = handler->capacity - 1, i;

    if (!handler->capacity)
        return NULL;
    for (i = hash_identity(id) & mask; handler->entries[i].used; i = (i + 1) & mask)
        if ((handler->entries[i].object || handler->entries[i].id.kind == SESSION_LINE_NOTE) &&
            same_identity(&handler->entries[i].id, id))
            return &handler->entries[i];
    return NULL;
}

static BOOL map_grow(struct tcc_handler *handler)
{
    size_t capacity = handler->capacity ? handler->capacity * 2 : 64;
    struct map_entry *old = handler->entries, *entries;
    size_t old_capacity = handler->capacity;

    if (!(entries = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, capacity * sizeof(*entries))))
        return FALSE;
    handler->entries = entries;
    handler->capacity = capacity;
    handler->used = 0;
    for (size_t i = 0; i < old_capacity; i++)
    {
        size_t j;

        if (!old[i].object && old[i].id.kind != SESSION_LINE_NOTE)
            continue;
        for (j = hash_identity(&old[i].id) & (capacity - 1); entries[j].used; j = (j + 1) & (capacity - 1))
            ;
        entries[j] = old[i];
        handler->used++;
    }
    HeapFree(GetProcessHeap(), 0, old);
    return TRUE;
}

static struct map_entry *map_insert(struct tcc_handler *handler, const struct tcc_identity *id)
{
    struct map_entry *entry;
    size_t i, mask;

    if ((entry = map_lookup(handler, id)))
        return entry;
    if ((handler->used + 1) * 4 > handler->capacity * 3 && !map_grow(handler))
        return NULL;
    mask = handler->capacity - 1;
    for (i = hash_identity(id) & mask; handler->entries[i].used; i = (i + 1) & mask)
        ;
    entry = &handler->entries[i];
    entry->used = TRUE;
    entry->id = *id;
    handler->used++;
    return entry;
}

void tcc__map_lock(struct tcc_handler *handler)
{
    AcquireSRWLockExclusive(&handler->map_lock);
}

void tcc__map_unlock(struct tcc_handler *handler)
{
    ReleaseSRWLockExclusive(&handler->map_lock);
}

IUnknown *tcc__map_find(struct tcc_handler *handler, const struct tcc_identity *id)
{
    struct map_entry *entry = map_lookup(handler, id);
    LONG ref;

    if (!entry || !entry->object)
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

/* Under the map lock: `object` (whose reference count is `*ref`) is the one for `id`. */
static HRESULT map_add(struct tcc_handler *handler, const struct tcc_identity *id, IUnknown *object, LONG *ref)
{
    struct map_entry *entry = map_insert(handler, id);

    if (!entry)
        return E_OUTOFMEMORY;
    entry->object = object;
    entry->ref = ref;
    return S_OK;
}

void tcc__map_remove(struct tcc_handler *handler, const struct tcc_identity *id, IUnknown *object)
{
    struct map_entry *entry;

    tcc__map_lock(handler);
    /* A newer object may have taken the entry while this one was dying. */
    if ((entry = map_lookup(handler, id)) && entry->object == object)
    {
        entry->object = NULL;
        entry->ref = NULL;
    }
    tcc__map_unlock(handler);
}

HRESULT tcc__map_get(struct tcc_handler *handler, const struct tcc_identity *id, tcc_make_fn make, const void *args,
                     IUnknown **out)
{
    IUnknown *object = NULL;
    LONG *ref = NULL;
    HRESULT hr;

    /* Most lookups find a live object: readers share the lock (the reference is
     * taken atomically), and only a miss takes it alone. */
    AcquireSRWLockShared(&handler->map_lock);
    *out = tcc__map_find(handler, id);
    ReleaseSRWLockShared(&handler->map_lock);
    if (*out)
        return S_OK;
    tcc__map_lock(handler);
    if ((*out = tcc__map_find(handler, id)))
    {
        tcc__map_unlock(handler);
        return S_OK;
    }
    hr = make(handler, args, &object, &ref);
    if (SUCCEEDED(hr))
        hr = map_add(handler, id, object, ref);
    tcc__map_unlock(handler);
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
    struct tcc_identity id = { .kind = SESSION_LINE_NOTE, .a = session };
    struct map_entry *entry;

    tcc__map_lock(handler);
    if ((entry = map_insert(handler, &id)))
        entry->value = line_id;
    tcc__map_unlock(handler);
}

BOOL tcc__handler_session_line(struct tcc_handler *handler, tcc_hagentsession session, DWORD *line_id)
{
    struct tcc_identity id = { .kind = SESSION_LINE_NOTE, .a = session };
    struct map_entry *entry;
    BOOL found;

    AcquireSRWLockShared(&handler->map_lock);
    if ((found = (entry = map_lookup(handler, &id)) != NULL))
        *line_id = entry->value;
    ReleaseSRWLockShared(&handler->map_lock);
    return found;
}
