/*
 * ITAgentHandler: one open provider instance, i.e. one ACD system (spec §6).
 *
 * The handler owns the provider context.  Every object of the ACD (agents,
 * sessions, groups, queues, addresses) holds a reference on its handler and calls
 * the provider through tcc__provider_enter/leave, which hold the provider lock
 * shared, so that Shutdown (exclusive) never closes a context under a call.
 *
 * The handler also keeps the identity map: one COM object per backend object while
 * any reference to it lives (weak entries; an object leaves the map in its final
 * Release, and a lookup never revives an object whose count already reached 0).
 */
#include "objects.h"

#define SESSION_LINE_NOTE 100   /* map entries that hold a session's line, no object */

struct map_entry
{
    struct tcc_identity id;
    IUnknown *object;           /* NULL for a note or a removed entry */
    LONG *ref;
    DWORD value;
    BOOL used;                  /* the slot was ever taken (probing goes on past it) */
};

struct tcc_handler
{
    ITAgentHandler ITAgentHandler_iface;
    struct tcc_object_base base;
    LONG ref;

    const struct tcc_provider *provider;
    SRWLOCK provider_lock;      /* shared: a provider call; exclusive: close */
    void *context;              /* NULL once closed */
    ITTAPI2 *tapi;              /* weak: the TAPI object clears it when it closes us */

    WCHAR *name;
    GUID proxy_guid;

    struct tcc_events *events;  /* weak: where status messages go; NULL once closed */
    LONG changes;               /* status messages and changes seen: snapshots older are stale */
    LONG group_list_size, address_list_size;    /* size hints for the provider's lists */
    GUID *known_groups;         /* for LINE_GROUPSTATUS, which names no group */
    ULONG known_group_count;

    SRWLOCK map_lock;
    struct map_entry *entries;
    size_t capacity, used;
};

static inline struct tcc_handler *impl_from_ITAgentHandler(ITAgentHandler *iface)
{
    return CONTAINING_RECORD(iface, struct tcc_handler, ITAgentHandler_iface);
}

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

HRESULT tcc__map_add(struct tcc_handler *handler, const struct tcc_identity *id, IUnknown *object, LONG *ref)
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
        hr = tcc__map_add(handler, id, object, ref);
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

/*
 * Status messages from the provider.  A method that makes an object (CreateAgent,
 * CreateSession) holds them back on its thread until the object exists, so that
 * the events about it (a new session) find it in the map.
 */
struct held_message
{
    struct tcc_handler *handler;    /* with a reference */
    uint32_t message, param1, param2, param3;
};

static _Thread_local struct
{
    int depth;
    struct held_message *items;
    size_t count, capacity;
} held;

void tcc__events_hold(void)
{
    held.depth++;
}

/* Called under the provider lock (shared), like the provider's own callback. */
static void post_message(struct tcc_handler *handler, uint32_t message, uint32_t param1, uint32_t param2,
                         uint32_t param3)
{
    if (handler->events)
        tcc__events_post(handler->events, handler, message, param1, param2, param3);
}

void tcc__events_unhold(void)
{
    struct held_message *items;
    size_t count;

    if (--held.depth)
        return;
    items = held.items;
    count = held.count;
    held.items = NULL;
    held.count = held.capacity = 0;
    for (size_t i = 0; i < count; i++)
    {
        struct tcc_handler *handler = items[i].handler;

        AcquireSRWLockShared(&handler->provider_lock);
        post_message(handler, items[i].message, items[i].param1, items[i].param2, items[i].param3);
        ReleaseSRWLockShared(&handler->provider_lock);
        tcc__handler_release(handler);
    }
    HeapFree(GetProcessHeap(), 0, items);
}

LONG tcc__handler_changes(struct tcc_handler *handler)
{
    return InterlockedCompareExchange(&handler->changes, 0, 0);
}

void tcc__handler_changed(struct tcc_handler *handler)
{
    InterlockedIncrement(&handler->changes);
}

static void provider_event(void *user, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3)
{
    struct tcc_handler *handler = user;

    tcc__handler_changed(handler);
    if (held.depth)
    {
        if (held.count == held.capacity)
        {
            size_t capacity = held.capacity ? held.capacity * 2 : 8;
            struct held_message *grown = held.items
                ? HeapReAlloc(GetProcessHeap(), 0, held.items, capacity * sizeof(*grown))
                : HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*grown));

            if (!grown)
                return;
            held.items = grown;
            held.capacity = capacity;
        }
        tcc__handler_addref(handler);
        held.items[held.count++] = (struct held_message){ handler, message, param1, param2, param3 };
        return;
    }
    post_message(handler, message, param1, param2, param3);
}

void tcc__handler_inject_status(struct tcc_handler *handler, uint32_t message, uint32_t param1, uint32_t param2,
                                uint32_t param3)
{
    AcquireSRWLockShared(&handler->provider_lock);
    if (handler->context)
        provider_event(handler, message, param1, param2, param3);
    ReleaseSRWLockShared(&handler->provider_lock);
}

void tcc__handler_poll(struct tcc_handler *handler)
{
    AcquireSRWLockShared(&handler->provider_lock);
    if (handler->context && handler->provider->version >= TCC_PROVIDER_VERSION_2 && handler->provider->poll)
        handler->provider->poll(handler->context);
    ReleaseSRWLockShared(&handler->provider_lock);
}

/* Provider calls */

HRESULT tcc__provider_enter(struct tcc_handler *handler, const IID *iid, const WCHAR *member,
                            struct tcc_provider_call *call)
{
    call->handler = handler;
    call->provider = handler->provider;
    call->context = NULL;
    AcquireSRWLockShared(&handler->provider_lock);
    if (!handler->context)
    {
        ReleaseSRWLockShared(&handler->provider_lock);
        return tcc__error(TAPI_E_NOT_INITIALIZED, iid,
                          L"%ls: the TAPI object that made this object has been shut down.", member);
    }
    call->context = handler->context;
    return S_OK;
}

void tcc__provider_leave(struct tcc_provider_call *call)
{
    ReleaseSRWLockShared(&call->handler->provider_lock);
}

HRESULT tcc__provider_list(struct tcc_handler *handler, const IID *iid, const WCHAR *member,
                           int32_t (*get)(const struct tcc_provider *, void *context, void *user, void *buffer),
                           void *user, DWORD fixed_size, LONG *size_hint, void **out)
{
    DWORD size = max(fixed_size, 1024);

    if (size_hint)
        size = max(size, (DWORD)InterlockedCompareExchange(size_hint, 0, 0));
    struct tcc_provider_call call;
    HRESULT hr;

    *out = NULL;
    /* The list may grow between two calls; a few rounds always settle it. */
    for (int round = 0; round < 8; round++)
    {
        DWORD *buffer = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);

        if (!buffer)
            return tcc__error(E_OUTOFMEMORY, iid, L"%ls: out of memory.", member);
        buffer[0] = size;
        TCC_PROVIDER_CALL(handler, iid, member, call, get(call.provider, call.context, user, buffer), hr);
        if (FAILED(hr))
        {
            HeapFree(GetProcessHeap(), 0, buffer);
            return hr;
        }
        if (buffer[1] <= size)
        {
            if (size_hint)
                InterlockedExchange(size_hint, (LONG)buffer[1]);
            *out = buffer;
            return S_OK;
        }
        size = buffer[1];
        HeapFree(GetProcessHeap(), 0, buffer);
    }
    return tcc__error(E_UNEXPECTED, iid, L"%ls: the ACD's list kept changing size.", member);
}

const WCHAR *tcc__struct_string(const void *structure, DWORD size, DWORD offset)
{
    if (size < sizeof(WCHAR) || !offset)
        return L"";
    return (const WCHAR *)((const BYTE *)structure + offset);
}

/* The lists of a handler, as objects */

static void free_items(IUnknown **items, ULONG count)
{
    tcc__release_all(items, count);
    HeapFree(GetProcessHeap(), 0, items);
}

HRESULT tcc__provider_objects(struct tcc_handler *handler, const struct tcc_list_kind *kind, void *user,
                              LONG *size_hint, const IID *iid, const WCHAR *member, IUnknown ***items, ULONG *count)
{
    TCC_LINEAGENTGROUPLIST *list;   /* every list starts with the same header */
    const BYTE *entries;
    HRESULT hr;

    *items = NULL;
    *count = 0;
    if (FAILED(hr = tcc__provider_list(handler, iid, member, kind->get, user, kind->fixed_size, size_hint,
                                       (void **)&list)))
        return hr;
    entries = (const BYTE *)list + list->dwListOffset;
    if (!(*items = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, max(list->dwNumEntries, 1) * sizeof(**items))))
        hr = E_OUTOFMEMORY;
    for (ULONG i = 0; SUCCEEDED(hr) && i < list->dwNumEntries; i++)
    {
        hr = kind->make(handler, user, list, entries + i * kind->entry_size, &(*items)[i]);
        *count = i + 1;
    }
    HeapFree(GetProcessHeap(), 0, list);
    if (FAILED(hr))
    {
        if (*items)
            free_items(*items, *count);
        *items = NULL;
        *count = 0;
        return tcc__error(hr, iid, L"%ls: out of memory.", member);
    }
    return S_OK;
}

static int32_t get_groups(const struct tcc_provider *provider, void *context, void *user, void *buffer)
{
    return provider->get_group_list(context, buffer);
}

static HRESULT make_group(struct tcc_handler *handler, void *user, const void *list, const void *entry,
                          IUnknown **object)
{
    const TCC_LINEAGENTGROUPENTRY *group = entry;
    GUID guid;

    memcpy(&guid, &group->GroupID, sizeof(guid));
    return tcc__group_get(handler, &guid, tcc__struct_string(list, group->dwNameSize, group->dwNameOffset),
                          (ITACDGroup **)object);
}

static const struct tcc_list_kind group_list =
{
    get_groups, sizeof(TCC_LINEAGENTGROUPLIST), sizeof(TCC_LINEAGENTGROUPENTRY), make_group
};

static int32_t get_addresses(const struct tcc_provider *provider, void *context, void *user, void *buffer)
{
    return provider->get_address_list(context, buffer);
}

static HRESULT make_address(struct tcc_handler *handler, void *user, const void *list, const void *entry,
                            IUnknown **object)
{
    const TCC_ADDRESSENTRY *address = entry;

    return tcc__address_get(handler, address->dwLineID, address->dwAddressID,
                            tcc__struct_string(list, address->dwNameSize, address->dwNameOffset),
                            tcc__struct_string(list, address->dwDialableAddressSize,
                                               address->dwDialableAddressOffset),
                            (ITAddress **)object);
}

static const struct tcc_list_kind address_list =
{
    get_addresses, sizeof(TCC_ADDRESSLIST), sizeof(TCC_ADDRESSENTRY), make_address
};

static int32_t get_queues(const struct tcc_provider *provider, void *context, void *user, void *buffer)
{
    return provider->get_queue_list(context, user, buffer);
}

static HRESULT make_queue(struct tcc_handler *handler, void *user, const void *list, const void *entry,
                          IUnknown **object)
{
    const TCC_LINEQUEUEENTRY *queue = entry;

    return tcc__queue_get(handler, queue->dwQueueID, tcc__struct_string(list, queue->dwNameSize,
                                                                         queue->dwNameOffset),
                          (ITQueue **)object);
}

static const struct tcc_list_kind queue_list =
{
    get_queues, sizeof(TCC_LINEQUEUELIST), sizeof(TCC_LINEQUEUEENTRY), make_queue
};

HRESULT tcc__handler_list_groups(struct tcc_handler *handler, const WCHAR *member, IUnknown ***items, ULONG *count)
{
    return tcc__provider_objects(handler, &group_list, NULL, &handler->group_list_size, &IID_ITAgentHandler, member,
                                 items, count);
}

HRESULT tcc__handler_list_addresses(struct tcc_handler *handler, const WCHAR *member, IUnknown ***items,
                                    ULONG *count)
{
    return tcc__provider_objects(handler, &address_list, NULL, &handler->address_list_size, &IID_ITAgentHandler,
                                 member, items, count);
}

HRESULT tcc__group_list_queues(struct tcc_handler *handler, const GUID *guid, const WCHAR *member,
                               IUnknown ***items, ULONG *count)
{
    return tcc__provider_objects(handler, &queue_list, (void *)guid, NULL, &IID_ITACDGroup, member, items, count);
}

/* The queue with this ID, from the groups' queue lists; NULL if there is none. */
ITQueue *tcc__handler_find_queue(struct tcc_handler *handler, DWORD queue_id)
{
    struct tcc_identity id = { .kind = TCC_KIND_QUEUE, .a = queue_id };
    IUnknown **groups, **queues;
    ULONG group_count, queue_count;
    ITQueue *found;

    tcc__map_lock(handler);
    found = (ITQueue *)tcc__map_find(handler, &id);
    tcc__map_unlock(handler);
    if (found || FAILED(tcc__handler_list_groups(handler, L"events", &groups, &group_count)))
        return found;
    for (ULONG g = 0; g < group_count && !found; g++)
    {
        struct tcc_handler *owner;
        GUID guid;

        if (!tcc__group_identity((ITACDGroup *)groups[g], &owner, &guid) ||
            FAILED(tcc__group_list_queues(handler, &guid, L"events", &queues, &queue_count)))
            continue;
        tcc__map_lock(handler);
        found = (ITQueue *)tcc__map_find(handler, &id);
        tcc__map_unlock(handler);
        free_items(queues, queue_count);
    }
    free_items(groups, group_count);
    return found;
}

static BOOL known_group(struct tcc_handler *handler, const GUID *guid)
{
    for (ULONG i = 0; i < handler->known_group_count; i++)
        if (IsEqualGUID(&handler->known_groups[i], guid))
            return TRUE;
    return FALSE;
}

/* Remembers the groups the ACD has now. */
static HRESULT remember_groups(struct tcc_handler *handler, IUnknown **groups, ULONG count)
{
    GUID *known = HeapAlloc(GetProcessHeap(), 0, max(count, 1) * sizeof(*known));
    struct tcc_handler *owner;

    if (!known)
        return E_OUTOFMEMORY;
    for (ULONG i = 0; i < count; i++)
        tcc__group_identity((ITACDGroup *)groups[i], &owner, &known[i]);
    tcc__map_lock(handler);
    HeapFree(GetProcessHeap(), 0, handler->known_groups);
    handler->known_groups = known;
    handler->known_group_count = count;
    tcc__map_unlock(handler);
    return S_OK;
}

HRESULT tcc__handler_group_changes(struct tcc_handler *handler, BOOL added, IUnknown ***out, ULONG *out_count)
{
    IUnknown **groups, **changed;
    ULONG count, changed_count = 0;
    HRESULT hr;

    *out = NULL;
    *out_count = 0;
    if (FAILED(hr = tcc__handler_list_groups(handler, L"events", &groups, &count)))
        return hr;
    if (!(changed = HeapAlloc(GetProcessHeap(), 0, (max(count, 1) + handler->known_group_count) * sizeof(*changed))))
    {
        free_items(groups, count);
        return E_OUTOFMEMORY;
    }
    tcc__map_lock(handler);
    if (added)
    {
        for (ULONG i = 0; i < count; i++)
        {
            struct tcc_handler *owner;
            GUID guid;

            if (tcc__group_identity((ITACDGroup *)groups[i], &owner, &guid) && !known_group(handler, &guid))
            {
                changed[changed_count++] = groups[i];
                IUnknown_AddRef(groups[i]);
            }
        }
    }
    else
    {
        /* A removed group is reported only while a client holds its object. */
        for (ULONG k = 0; k < handler->known_group_count; k++)
        {
            struct tcc_identity id = { .kind = TCC_KIND_GROUP, .guid = handler->known_groups[k] };
            BOOL present = FALSE;
            IUnknown *object;

            for (ULONG i = 0; i < count && !present; i++)
            {
                struct tcc_handler *owner;
                GUID guid;

                present = tcc__group_identity((ITACDGroup *)groups[i], &owner, &guid) &&
                          IsEqualGUID(&guid, &handler->known_groups[k]);
            }
            if (!present && (object = tcc__map_find(handler, &id)))
                changed[changed_count++] = object;
        }
    }
    tcc__map_unlock(handler);
    hr = remember_groups(handler, groups, count);
    free_items(groups, count);
    *out = changed;
    *out_count = changed_count;
    return hr;
}

/* The group with this GUID, as the object the client may already hold. */
HRESULT tcc__handler_find_group(struct tcc_handler *handler, const GUID *guid, const WCHAR *member,
                                ITACDGroup **out)
{
    IUnknown **items;
    ULONG count;
    HRESULT hr;

    *out = NULL;
    if (FAILED(hr = tcc__handler_list_groups(handler, member, &items, &count)))
        return hr;
    for (ULONG i = 0; i < count && !*out; i++)
    {
        GUID item_guid;
        struct tcc_handler *owner;

        if (tcc__group_identity((ITACDGroup *)items[i], &owner, &item_guid) && IsEqualGUID(&item_guid, guid))
        {
            *out = (ITACDGroup *)items[i];
            items[i] = NULL;
        }
    }
    free_items(items, count);
    if (!*out)
        return tcc__error(TAPI_E_CALLCENTER_GROUP_REMOVED, &IID_ITAgentSession,
                          L"%ls: the ACD no longer has this session's group.", member);
    return S_OK;
}

HRESULT tcc__handler_find_address(struct tcc_handler *handler, DWORD line_id, DWORD address_id,
                                  const WCHAR *member, ITAddress **out)
{
    IUnknown **items;
    ULONG count;
    HRESULT hr;

    *out = NULL;
    if (FAILED(hr = tcc__handler_list_addresses(handler, member, &items, &count)))
        return hr;
    for (ULONG i = 0; i < count && !*out; i++)
    {
        struct tcc_handler *owner;
        DWORD item_line, item_address;

        if (tcc__address_identity((ITAddress *)items[i], &owner, &item_line, &item_address) &&
            item_line == line_id && item_address == address_id)
        {
            *out = (ITAddress *)items[i];
            items[i] = NULL;
        }
    }
    free_items(items, count);
    if (!*out)
        return tcc__error(E_UNEXPECTED, &IID_ITAgentSession, L"%ls: the ACD no longer has this session's address.",
                          member);
    return S_OK;
}

/* ITAgentHandler */

static HRESULT WINAPI handler_QueryInterface(ITAgentHandler *iface, REFIID riid, void **out)
{
    struct tcc_handler *handler = impl_from_ITAgentHandler(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) ||
        IsEqualIID(riid, &IID_ITAgentHandler))
    {
        *out = iface;
        ITAgentHandler_AddRef(iface);
        return S_OK;
    }
    return tcc__base_query(&handler->base, riid, out);
}

static ULONG WINAPI handler_AddRef(ITAgentHandler *iface)
{
    return InterlockedIncrement(&impl_from_ITAgentHandler(iface)->ref);
}

static ULONG WINAPI handler_Release(ITAgentHandler *iface)
{
    struct tcc_handler *handler = impl_from_ITAgentHandler(iface);
    ULONG ref = InterlockedDecrement(&handler->ref);

    if (!ref)
    {
        /* Every object of the ACD holds a reference on us: none is left. */
        tcc__handler_close(handler);
        tcc__base_cleanup(&handler->base);
        HeapFree(GetProcessHeap(), 0, handler->entries);
        HeapFree(GetProcessHeap(), 0, handler->known_groups);
        HeapFree(GetProcessHeap(), 0, handler->name);
        HeapFree(GetProcessHeap(), 0, handler);
        tcc__object_destroyed();
    }
    return ref;
}

TCC_DISPATCH_METHODS(handler, ITAgentHandler, struct tcc_handler, ITAgentHandler_iface)

static HRESULT WINAPI handler_get_Name(ITAgentHandler *iface, BSTR *name)
{
    struct tcc_handler *handler = impl_from_ITAgentHandler(iface);

    if (!name)
        return tcc__null_pointer(&IID_ITAgentHandler, L"ITAgentHandler::get_Name");
    if (!(*name = SysAllocString(handler->name)))
        return tcc__error(E_OUTOFMEMORY, &IID_ITAgentHandler, L"ITAgentHandler::get_Name: out of memory.");
    return S_OK;
}

/* The Windows user of the calling process: TAPI 3 agents "relate directly to a user
 * account" (spec §6), and ITAgent::get_User answers with it. */
static void current_user(WCHAR *user, DWORD size)
{
    if (!GetUserNameW(user, &size))
        lstrcpynW(user, L"", 1);
}

static HRESULT create_agent(struct tcc_handler *handler, const WCHAR *member, BSTR id, BSTR pin, ITAgent **agent)
{
    struct tcc_provider_call call;
    WCHAR user[257];
    tcc_hagent handle = 0;
    HRESULT hr;

    current_user(user, ARRAYSIZE(user));
    tcc__events_hold();
    TCC_PROVIDER_CALL(handler, &IID_ITAgentHandler, member, call,
                      call.provider->create_agent(call.context, id, pin, user, &handle), hr);
    if (SUCCEEDED(hr) && FAILED(hr = tcc__agent_get(handler, handle, id, user, agent)))
        hr = tcc__error(hr, &IID_ITAgentHandler, L"%ls: out of memory.", member);
    tcc__events_unhold();
    return hr;
}

static HRESULT WINAPI handler_CreateAgent(ITAgentHandler *iface, ITAgent **agent)
{
    if (!agent)
        return tcc__null_pointer(&IID_ITAgentHandler, L"ITAgentHandler::CreateAgent");
    *agent = NULL;
    return create_agent(impl_from_ITAgentHandler(iface), L"ITAgentHandler::CreateAgent", NULL, NULL, agent);
}

static HRESULT WINAPI handler_CreateAgentWithID(ITAgentHandler *iface, BSTR id, BSTR pin, ITAgent **agent)
{
    if (!agent)
        return tcc__null_pointer(&IID_ITAgentHandler, L"ITAgentHandler::CreateAgentWithID");
    *agent = NULL;
    if (!id || !*id)
        return tcc__error(E_INVALIDARG, &IID_ITAgentHandler,
                          L"ITAgentHandler::CreateAgentWithID: the agent ID is empty; use CreateAgent "
                          L"for an agent without one.");
    if (!pin)
        return tcc__error(E_INVALIDARG, &IID_ITAgentHandler,
                          L"ITAgentHandler::CreateAgentWithID: the PIN is NULL; pass \"\" for an agent "
                          L"without a PIN.");
    return create_agent(impl_from_ITAgentHandler(iface), L"ITAgentHandler::CreateAgentWithID", id, pin, agent);
}

typedef HRESULT (*list_fn)(struct tcc_handler *, const WCHAR *, IUnknown ***, ULONG *);

static HRESULT enumerate(struct tcc_handler *handler, list_fn list, const IID *enum_iid, const WCHAR *member,
                         void **out)
{
    IUnknown **items;
    ULONG count;
    HRESULT hr;

    if (!out)
        return tcc__null_pointer(&IID_ITAgentHandler, member);
    *out = NULL;
    if (FAILED(hr = list(handler, member, &items, &count)))
        return hr;
    return tcc__hand_out(items, count, enum_iid, out, NULL, &IID_ITAgentHandler, member);
}

static HRESULT collect(struct tcc_handler *handler, list_fn list, const WCHAR *member, VARIANT *out)
{
    IUnknown **items;
    ULONG count;
    HRESULT hr;

    if (!out)
        return tcc__null_pointer(&IID_ITAgentHandler, member);
    VariantInit(out);
    if (FAILED(hr = list(handler, member, &items, &count)))
        return hr;
    return tcc__hand_out(items, count, NULL, NULL, out, &IID_ITAgentHandler, member);
}

static HRESULT WINAPI handler_EnumerateACDGroups(ITAgentHandler *iface, IEnumACDGroup **groups)
{
    return enumerate(impl_from_ITAgentHandler(iface), tcc__handler_list_groups, &IID_IEnumACDGroup,
                     L"ITAgentHandler::EnumerateACDGroups", (void **)groups);
}

static HRESULT WINAPI handler_EnumerateUsableAddresses(ITAgentHandler *iface, IEnumAddress **addresses)
{
    return enumerate(impl_from_ITAgentHandler(iface), tcc__handler_list_addresses, &IID_IEnumAddress,
                     L"ITAgentHandler::EnumerateUsableAddresses", (void **)addresses);
}

static HRESULT WINAPI handler_get_ACDGroups(ITAgentHandler *iface, VARIANT *groups)
{
    return collect(impl_from_ITAgentHandler(iface), tcc__handler_list_groups, L"ITAgentHandler::get_ACDGroups",
                   groups);
}

static HRESULT WINAPI handler_get_UsableAddresses(ITAgentHandler *iface, VARIANT *addresses)
{
    return collect(impl_from_ITAgentHandler(iface), tcc__handler_list_addresses,
                   L"ITAgentHandler::get_UsableAddresses", addresses);
}

static const ITAgentHandlerVtbl handler_vtbl =
{
    handler_QueryInterface,
    handler_AddRef,
    handler_Release,
    handler_GetTypeInfoCount,
    handler_GetTypeInfo,
    handler_GetIDsOfNames,
    handler_Invoke,
    handler_get_Name,
    handler_CreateAgent,
    handler_CreateAgentWithID,
    handler_EnumerateACDGroups,
    handler_EnumerateUsableAddresses,
    handler_get_ACDGroups,
    handler_get_UsableAddresses,
};

/* The handler's name and GUID: lineGetAgentCaps on its first address (spec §7.3). */
static HRESULT read_caps(struct tcc_handler *handler)
{
    TCC_ADDRESSLIST *addresses;
    TCC_LINEAGENTCAPS *caps;
    const TCC_ADDRESSENTRY *first;
    DWORD address_id = 0;
    const WCHAR *name;
    HRESULT hr;

    if (FAILED(hr = tcc__provider_list(handler, &IID_ITAgentHandler, L"ITTAPI::Initialize", get_addresses, NULL,
                                       sizeof(*addresses), NULL, (void **)&addresses)))
        return hr;
    if (addresses->dwNumEntries)
    {
        first = (const TCC_ADDRESSENTRY *)((BYTE *)addresses + addresses->dwListOffset);
        address_id = first->dwAddressID;
    }
    HeapFree(GetProcessHeap(), 0, addresses);

    if (!(caps = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, 4096)))
        return E_OUTOFMEMORY;
    caps->dwTotalSize = 4096;
    {
        struct tcc_provider_call call;
        TCC_PROVIDER_CALL(handler, &IID_ITAgentHandler, L"ITTAPI::Initialize", call,
                          call.provider->get_agent_caps(call.context, address_id, caps), hr);
    }
    if (SUCCEEDED(hr))
    {
        name = tcc__struct_string(caps, caps->dwAgentHandlerInfoSize, caps->dwAgentHandlerInfoOffset);
        memcpy(&handler->proxy_guid, &caps->ProxyGUID, sizeof(GUID));
        if (!(handler->name = HeapAlloc(GetProcessHeap(), 0, (lstrlenW(name) + 1) * sizeof(WCHAR))))
            hr = E_OUTOFMEMORY;
        else
            lstrcpyW(handler->name, name);
    }
    HeapFree(GetProcessHeap(), 0, caps);
    return hr;
}

HRESULT tcc__handler_open(ITTAPI2 *tapi, const struct tcc_provider *provider, const char *config,
                          struct tcc_events *events, struct tcc_handler **out, WCHAR *error, size_t error_size)
{
    struct tcc_handler *handler;
    char message[256] = "";
    int32_t result;
    HRESULT hr;

    *out = NULL;
    if (!(handler = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*handler))))
        return E_OUTOFMEMORY;
    handler->ITAgentHandler_iface.lpVtbl = &handler_vtbl;
    handler->ref = 1;
    handler->provider = provider;
    handler->tapi = tapi;
    InitializeSRWLock(&handler->provider_lock);
    InitializeSRWLock(&handler->map_lock);
    tcc__object_created();
    if (FAILED(hr = tcc__base_init(&handler->base, (IUnknown *)&handler->ITAgentHandler_iface,
                                   &IID_ITAgentHandler, 0)))
    {
        handler_Release(&handler->ITAgentHandler_iface);
        return hr;
    }
    if ((result = provider->open(config, &handler->context, message, sizeof(message))))
    {
        handler->context = NULL;
        MultiByteToWideChar(CP_UTF8, 0, message, -1, error, (int)error_size);
        handler_Release(&handler->ITAgentHandler_iface);
        return tcc__lineerr(result, &IID_ITTAPI, L"ITTAPI::Initialize");
    }
    if (FAILED(hr = read_caps(handler)))
    {
        lstrcpynW(error, L"the provider could not describe its ACD (lineGetAgentCaps)", (int)error_size);
        handler_Release(&handler->ITAgentHandler_iface);
        return hr;
    }
    {
        IUnknown **groups;
        ULONG count;

        if (SUCCEEDED(hr = tcc__handler_list_groups(handler, L"ITTAPI::Initialize", &groups, &count)))
        {
            hr = remember_groups(handler, groups, count);
            free_items(groups, count);
        }
        if (FAILED(hr))
        {
            handler_Release(&handler->ITAgentHandler_iface);
            return hr;
        }
    }
    handler->events = events;
    provider->set_event_callback(handler->context, provider_event, handler);
    *out = handler;
    return S_OK;
}

void tcc__handler_close(struct tcc_handler *handler)
{
    AcquireSRWLockExclusive(&handler->provider_lock);
    if (handler->context)
    {
        handler->provider->set_event_callback(handler->context, NULL, NULL);
        handler->provider->close(handler->context);
    }
    handler->context = NULL;
    handler->tapi = NULL;
    handler->events = NULL;
    tcc__handler_changed(handler);
    ReleaseSRWLockExclusive(&handler->provider_lock);
}

ITAgentHandler *tcc__handler_iface(struct tcc_handler *handler)
{
    return &handler->ITAgentHandler_iface;
}

void tcc__handler_addref(struct tcc_handler *handler)
{
    ITAgentHandler_AddRef(&handler->ITAgentHandler_iface);
}

void tcc__handler_release(struct tcc_handler *handler)
{
    ITAgentHandler_Release(&handler->ITAgentHandler_iface);
}

const struct tcc_provider *tcc__handler_provider(struct tcc_handler *handler)
{
    return handler->provider;
}

/* The TAPI object of the handler, with a reference, or NULL once shut down. */
ITTAPI2 *tcc__handler_tapi(struct tcc_handler *handler)
{
    ITTAPI2 *tapi;

    AcquireSRWLockShared(&handler->provider_lock);
    tapi = handler->tapi && tcc__tapi_try_addref(handler->tapi) ? handler->tapi : NULL;
    ReleaseSRWLockShared(&handler->provider_lock);
    return tapi;
}

struct tcc_handler *tcc__handler_from_iface(ITAgentHandler *iface)
{
    return iface && iface->lpVtbl == &handler_vtbl ? impl_from_ITAgentHandler(iface) : NULL;
}

