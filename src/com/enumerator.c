/*
 * Every IEnumXxx of the object model (IEnumAgentHandler, IEnumAgentSession,
 * IEnumACDGroup, IEnumQueue, IEnumAgent, IEnumAddress) with one implementation:
 * their vtables have the same shape (QueryInterface, AddRef, Release, Next, Reset,
 * Skip, Clone — Reset before Skip) and differ only in the element's interface,
 * which is an interface pointer either way.  The elements are a snapshot, shared
 * by clones, each holding its own position.
 */
#include "identity.h"

struct element_list
{
    LONG ref;
    ULONG count;
    IUnknown **elements;            /* the lister's array, taken over with its references */
};

struct enumerator
{
    IEnumAgentSession IEnum_iface;      /* the shape of every IEnumXxx */
    LONG ref;
    IUnknown *marshaler;
    const IID *iid;
    struct element_list *list;
    LONG position;                      /* atomic: clients may share an enumerator */
};

static inline struct enumerator *impl_from_IEnum(IEnumAgentSession *iface)
{
    return CONTAINING_RECORD(iface, struct enumerator, IEnum_iface);
}

static void list_release(struct element_list *list)
{
    if (InterlockedDecrement(&list->ref))
        return;
    tcc__free_items(list->elements, list->count);
    HeapFree(GetProcessHeap(), 0, list);
}

static HRESULT WINAPI enumerator_QueryInterface(IEnumAgentSession *iface, REFIID riid, void **out)
{
    struct enumerator *enumerator = impl_from_IEnum(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, enumerator->iid))
    {
        *out = iface;
        IEnumAgentSession_AddRef(iface);
        return S_OK;
    }
    if (IsEqualIID(riid, &IID_IMarshal))
        return IUnknown_QueryInterface(enumerator->marshaler, riid, out);
    return E_NOINTERFACE;
}

static ULONG WINAPI enumerator_AddRef(IEnumAgentSession *iface)
{
    return InterlockedIncrement(&impl_from_IEnum(iface)->ref);
}

static ULONG WINAPI enumerator_Release(IEnumAgentSession *iface)
{
    struct enumerator *enumerator = impl_from_IEnum(iface);
    ULONG ref = InterlockedDecrement(&enumerator->ref);

    if (!ref)
    {
        list_release(enumerator->list);
        if (enumerator->marshaler)
            IUnknown_Release(enumerator->marshaler);
        HeapFree(GetProcessHeap(), 0, enumerator);
        tcc__object_destroyed();
    }
    return ref;
}

/* Takes up to `wanted` positions at once, so that two threads sharing one
 * enumerator never get the same element. */
static ULONG claim(struct enumerator *enumerator, ULONG wanted, ULONG *first)
{
    LONG position, taken;

    do
    {
        position = enumerator->position;
        taken = (LONG)min((ULONG)(enumerator->list->count - (ULONG)position), wanted);
    }
    while (InterlockedCompareExchange(&enumerator->position, position + taken, position) != position);
    *first = (ULONG)position;
    return (ULONG)taken;
}

/* pceltFetched may be NULL when celt is 1 (documented). */
static HRESULT WINAPI enumerator_Next(IEnumAgentSession *iface, ULONG celt, ITAgentSession **elements,
                                      ULONG *fetched)
{
    struct enumerator *enumerator = impl_from_IEnum(iface);
    IUnknown **out = (IUnknown **)elements;
    ULONG first, taken;

    if (fetched)
        *fetched = 0;
    if (!elements)
        return E_POINTER;
    if (!fetched && celt != 1)
        return E_POINTER;
    taken = claim(enumerator, celt, &first);
    for (ULONG i = 0; i < taken; i++)
    {
        out[i] = enumerator->list->elements[first + i];
        IUnknown_AddRef(out[i]);
    }
    if (fetched)
        *fetched = taken;
    return taken == celt ? S_OK : S_FALSE;
}

static HRESULT WINAPI enumerator_Reset(IEnumAgentSession *iface)
{
    InterlockedExchange(&impl_from_IEnum(iface)->position, 0);
    return S_OK;
}

static HRESULT WINAPI enumerator_Skip(IEnumAgentSession *iface, ULONG celt)
{
    struct enumerator *enumerator = impl_from_IEnum(iface);
    ULONG first;

    return claim(enumerator, celt, &first) == celt ? S_OK : S_FALSE;
}

static HRESULT create(const IID *iid, struct element_list *list, LONG position, void **out);

static HRESULT WINAPI enumerator_Clone(IEnumAgentSession *iface, IEnumAgentSession **clone)
{
    struct enumerator *enumerator = impl_from_IEnum(iface);

    if (!clone)
        return E_POINTER;
    *clone = NULL;
    InterlockedIncrement(&enumerator->list->ref);
    return create(enumerator->iid, enumerator->list, enumerator->position, (void **)clone);
}

static const IEnumAgentSessionVtbl enumerator_vtbl =
{
    enumerator_QueryInterface,
    enumerator_AddRef,
    enumerator_Release,
    enumerator_Next,
    enumerator_Reset,
    enumerator_Skip,
    enumerator_Clone,
};

/* Takes over one reference on `list`. */
static HRESULT create(const IID *iid, struct element_list *list, LONG position, void **out)
{
    struct enumerator *enumerator;
    HRESULT hr;

    if (!(enumerator = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*enumerator))))
    {
        list_release(list);
        return E_OUTOFMEMORY;
    }
    enumerator->IEnum_iface.lpVtbl = &enumerator_vtbl;
    enumerator->ref = 1;
    enumerator->iid = iid;
    enumerator->list = list;
    enumerator->position = position;
    tcc__object_created();
    hr = CoCreateFreeThreadedMarshaler((IUnknown *)&enumerator->IEnum_iface, &enumerator->marshaler);
    if (FAILED(hr))
    {
        enumerator_Release(&enumerator->IEnum_iface);
        return hr;
    }
    *out = &enumerator->IEnum_iface;
    return S_OK;
}

HRESULT tcc__enum_create(const IID *iid, IUnknown **elements, ULONG count, void **out)
{
    struct element_list *list;

    *out = NULL;
    if (!(list = HeapAlloc(GetProcessHeap(), 0, sizeof(*list))))
    {
        tcc__free_items(elements, count);
        return E_OUTOFMEMORY;
    }
    list->ref = 1;
    list->count = count;
    list->elements = elements;
    return create(iid, list, 0, out);
}

void tcc__release_all(IUnknown **items, ULONG count)
{
    for (ULONG i = 0; i < count; i++)
        if (items[i])
            IUnknown_Release(items[i]);
}

HRESULT tcc__hand_out(IUnknown **items, ULONG count, const IID *enum_iid, void **enum_out, VARIANT *collection_out,
                      const IID *iid, const WCHAR *member)
{
    HRESULT hr = enum_iid ? tcc__enum_create(enum_iid, items, count, enum_out)
                          : tcc__collection_of(items, count, collection_out);

    return FAILED(hr) ? tcc__error(hr, iid, L"%ls: out of memory.", member) : S_OK;
}

HRESULT tcc__list_hand_out(void *owner, tcc_list_fn list, const IID *enum_iid, void *out, const IID *iid,
                           const WCHAR *member)
{
    IUnknown **items;
    ULONG count;
    HRESULT hr;

    if (!out)
        return tcc__null_pointer(iid, member);
    if (enum_iid)
        *(void **)out = NULL;
    else
        VariantInit(out);
    if (FAILED(hr = list(owner, member, &items, &count)))
        return hr;
    return tcc__hand_out(items, count, enum_iid, enum_iid ? out : NULL, enum_iid ? NULL : out, iid, member);
}
