/*
 * The provider's lists (groups, queues, addresses) as the objects of an agent
 * handler, found in the identity map or made; and the single objects looked up in
 * them.
 */
#include "handler_private.h"

void tcc__free_items(IUnknown **items, ULONG count)
{
    tcc__release_all(items, count);
    HeapFree(GetProcessHeap(), 0, items);
}

struct list_walk
{
    const BYTE *entries;
    const struct tcc_list_kind *kind;
    void *user;
};

static void entry_identity(void *user, ULONG index, struct tcc_identity *id)
{
    const struct list_walk *walk = user;

    walk->kind->identity(walk->entries + index * walk->kind->entry_size, id);
}

static HRESULT make_entry(struct tcc_handler *handler, void *user, ULONG index, IUnknown **object, LONG **ref)
{
    const struct list_walk *walk = user;

    return walk->kind->make_locked(handler, walk->user, walk->entries + index * walk->kind->entry_size, object, ref);
}

/* The objects of `count` entries into found[], each found in the map or made. */
static HRESULT entry_objects(struct tcc_handler *handler, const struct tcc_list_kind *kind, void *user,
                             const void *list, const BYTE *entries, ULONG count, IUnknown **found)
{
    struct list_walk walk = { entries, kind, user };
    HRESULT hr = S_OK;

    if (kind->make_locked)
        return tcc__map_find_each(handler, count, entry_identity, &walk, found)
                   ? tcc__map_make_each(handler, count, entry_identity, make_entry, &walk, found)
                   : S_OK;
    for (ULONG i = 0; SUCCEEDED(hr) && i < count; i++)
        hr = kind->make(handler, user, list, entries + i * kind->entry_size, &found[i]);
    return hr;
}

HRESULT tcc__provider_objects(struct tcc_handler *handler, const struct tcc_list_kind *kind, void *user,
                              LONG *size_hint, const IID *iid, const WCHAR *member, IUnknown ***items, ULONG *count)
{
    TCC_LINEAGENTGROUPLIST *list;   /* every list starts with the same header */
    ULONG entries;
    HRESULT hr;

    *items = NULL;
    *count = 0;
    if (FAILED(hr = tcc__provider_fetch_list(handler, iid, member, kind->get, user, kind->fixed_size, size_hint,
                                            (void **)&list)))
        return hr;
    entries = list->dwNumEntries;
    if (!(*items = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, max(entries, 1) * sizeof(**items))))
        hr = E_OUTOFMEMORY;
    else
        hr = entry_objects(handler, kind, user, list, (const BYTE *)list + list->dwListOffset, entries, *items);
    tcc__provider_list_done(handler, list);
    if (FAILED(hr))
    {
        /* Every object had so far is released (a NULL slot is skipped). */
        if (*items)
            tcc__free_items(*items, entries);
        *items = NULL;
        return tcc__error(hr, iid, L"%ls: out of memory.", member);
    }
    *count = entries;
    return S_OK;
}

IUnknown *tcc__provider_entry_object(struct tcc_handler *handler, const struct tcc_list_kind *kind, void *user,
                                     const void *list, const void *entry)
{
    IUnknown *object = NULL;

    return SUCCEEDED(entry_objects(handler, kind, user, list, entry, 1, &object)) ? object : NULL;
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

/* The name of queue `queue_id` in the provider's list of one group's queues. */
static BOOL queue_name_in(const TCC_LINEQUEUELIST *list, DWORD queue_id, WCHAR **name)
{
    const TCC_LINEQUEUEENTRY *entries = (const TCC_LINEQUEUEENTRY *)((const BYTE *)list + list->dwListOffset);

    for (DWORD i = 0; i < list->dwNumEntries; i++)
    {
        const WCHAR *text;

        if (entries[i].dwQueueID != queue_id)
            continue;
        text = tcc__struct_string(list, entries[i].dwNameSize, entries[i].dwNameOffset);
        if ((*name = HeapAlloc(GetProcessHeap(), 0, (lstrlenW(text) + 1) * sizeof(WCHAR))))
            lstrcpyW(*name, text);
        return TRUE;
    }
    return FALSE;
}

/* An event about a queue no client holds must still name a queue object: its name
 * is read from the provider's raw lists, and only the queue object is made. */
ITQueue *tcc__handler_find_queue(struct tcc_handler *handler, DWORD queue_id)
{
    struct tcc_identity id = { .kind = TCC_KIND_QUEUE, .a = queue_id };
    TCC_LINEAGENTGROUPLIST *groups;
    WCHAR *name = NULL;
    BOOL found = FALSE;
    ITQueue *queue;

    if ((queue = (ITQueue *)tcc__map_find(handler, &id)))
        return queue;
    if (FAILED(tcc__provider_fetch(handler, &IID_ITQueue, L"events", get_groups, NULL, sizeof(*groups),
                                  &handler->group_list_size, (void **)&groups)))
        return NULL;
    for (DWORD g = 0; g < groups->dwNumEntries && !found; g++)
    {
        const TCC_LINEAGENTGROUPENTRY *group =
            (const TCC_LINEAGENTGROUPENTRY *)((const BYTE *)groups + groups->dwListOffset) + g;
        TCC_LINEQUEUELIST *queues;
        GUID guid;

        memcpy(&guid, &group->GroupID, sizeof(guid));
        if (SUCCEEDED(tcc__provider_fetch(handler, &IID_ITQueue, L"events", get_queues, &guid, sizeof(*queues), NULL,
                                         (void **)&queues)))
        {
            found = queue_name_in(queues, queue_id, &name);
            HeapFree(GetProcessHeap(), 0, queues);
        }
    }
    HeapFree(GetProcessHeap(), 0, groups);
    if (found && name)
        tcc__queue_get(handler, queue_id, name, &queue);
    HeapFree(GetProcessHeap(), 0, name);
    return queue;
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
    HeapFree(GetProcessHeap(), 0, handler->known_groups);
    handler->known_groups = known;
    handler->known_group_count = count;
    return S_OK;
}

HRESULT tcc__handler_learn_groups(struct tcc_handler *handler)
{
    IUnknown **groups;
    ULONG count;
    HRESULT hr;

    if (SUCCEEDED(hr = tcc__handler_list_groups(handler, L"ITTAPI::Initialize", &groups, &count)))
    {
        hr = remember_groups(handler, groups, count);
        tcc__free_items(groups, count);
    }
    return hr;
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
        tcc__free_items(groups, count);
        return E_OUTOFMEMORY;
    }
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
    hr = remember_groups(handler, groups, count);
    tcc__free_items(groups, count);
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
    tcc__free_items(items, count);
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
            (item_line == line_id || line_id == TCC_ANY_LINE) && item_address == address_id)
        {
            *out = (ITAddress *)items[i];
            items[i] = NULL;
        }
    }
    tcc__free_items(items, count);
    if (!*out)
        return tcc__error(E_UNEXPECTED, &IID_ITAgentSession, L"%ls: the ACD no longer has this session's address.",
                          member);
    return S_OK;
}
