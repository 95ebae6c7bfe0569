/*
 * ITACDGroup (spec §3.3): a class of calls, known by its GUID, serving queues
 * (lineGetQueueList with the group's GUID).
 */
#include "identity.h"

struct group
{
    ITACDGroup ITACDGroup_iface;
    struct tcc_object_base base;
    LONG ref;
    struct tcc_handler *handler;
    GUID guid;
    BSTR name;
};

static const ITACDGroupVtbl group_vtbl;

static inline struct group *impl_from_ITACDGroup(ITACDGroup *iface)
{
    return CONTAINING_RECORD(iface, struct group, ITACDGroup_iface);
}

static struct tcc_identity group_identity(const GUID *guid)
{
    struct tcc_identity id = { .kind = TCC_KIND_GROUP, .guid = *guid };
    return id;
}

BOOL tcc__group_identity(ITACDGroup *iface, struct tcc_handler **handler, GUID *guid)
{
    if (!iface || iface->lpVtbl != &group_vtbl)
        return FALSE;
    *handler = impl_from_ITACDGroup(iface)->handler;
    *guid = impl_from_ITACDGroup(iface)->guid;
    return TRUE;
}

static HRESULT WINAPI group_QueryInterface(ITACDGroup *iface, REFIID riid, void **out)
{
    struct group *group = impl_from_ITACDGroup(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &IID_ITACDGroup))
    {
        *out = iface;
        ITACDGroup_AddRef(iface);
        return S_OK;
    }
    return tcc__base_query(&group->base, riid, out);
}

static ULONG WINAPI group_AddRef(ITACDGroup *iface)
{
    return InterlockedIncrement(&impl_from_ITACDGroup(iface)->ref);
}

static ULONG WINAPI group_Release(ITACDGroup *iface)
{
    struct group *group = impl_from_ITACDGroup(iface);
    ULONG ref = InterlockedDecrement(&group->ref);

    if (!ref)
    {
        struct tcc_identity id = group_identity(&group->guid);

        tcc__map_remove(group->handler, &id, (IUnknown *)iface);
        tcc__base_cleanup(&group->base);
        tcc__handler_release(group->handler);
        SysFreeString(group->name);
        HeapFree(GetProcessHeap(), 0, group);
        tcc__object_destroyed();
    }
    return ref;
}

TCC_DISPATCH_METHODS(group, ITACDGroup, struct group, ITACDGroup_iface)

static HRESULT WINAPI group_get_Name(ITACDGroup *iface, BSTR *name)
{
    if (!name)
        return tcc__null_pointer(&IID_ITACDGroup, L"ITACDGroup::get_Name");
    if (!(*name = SysAllocString(impl_from_ITACDGroup(iface)->name)))
        return tcc__error(E_OUTOFMEMORY, &IID_ITACDGroup, L"ITACDGroup::get_Name: out of memory.");
    return S_OK;
}

static HRESULT list_queues(void *object, const WCHAR *member, IUnknown ***items, ULONG *count)
{
    struct group *group = object;
    return tcc__group_list_queues(group->handler, &group->guid, member, items, count);
}

static HRESULT WINAPI group_EnumerateQueues(ITACDGroup *iface, IEnumQueue **queues)
{
    return tcc__list_hand_out(impl_from_ITACDGroup(iface), list_queues, &IID_IEnumQueue, queues, &IID_ITACDGroup,
                              L"ITACDGroup::EnumerateQueues");
}

static HRESULT WINAPI group_get_Queues(ITACDGroup *iface, VARIANT *queues)
{
    return tcc__list_hand_out(impl_from_ITACDGroup(iface), list_queues, NULL, queues, &IID_ITACDGroup,
                              L"ITACDGroup::get_Queues");
}

static const ITACDGroupVtbl group_vtbl =
{
    group_QueryInterface,
    group_AddRef,
    group_Release,
    group_GetTypeInfoCount,
    group_GetTypeInfo,
    group_GetIDsOfNames,
    group_Invoke,
    group_get_Name,
    group_EnumerateQueues,
    group_get_Queues,
};

struct group_args
{
    const GUID *guid;
    const WCHAR *name;
};

static HRESULT make_group(struct tcc_handler *handler, const void *args, IUnknown **object, LONG **ref)
{
    const struct group_args *made = args;
    struct group *group;

    if (!(group = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*group))))
        return E_OUTOFMEMORY;
    group->ITACDGroup_iface.lpVtbl = &group_vtbl;
    group->ref = 1;
    group->handler = handler;
    group->guid = *made->guid;
    tcc__handler_addref(handler);
    tcc__object_created();
    *object = (IUnknown *)&group->ITACDGroup_iface;
    *ref = &group->ref;
    tcc__base_init(&group->base, *object, TCC_TID_ITACDGroup, 0);
    return (group->name = SysAllocString(made->name)) ? S_OK : E_OUTOFMEMORY;
}

HRESULT tcc__group_get(struct tcc_handler *handler, const GUID *guid, const WCHAR *name, ITACDGroup **out)
{
    struct tcc_identity identity = group_identity(guid);
    struct group_args args = { guid, name };

    return tcc__map_get(handler, &identity, make_group, &args, (IUnknown **)out);
}
