/*
 * Collections for Automation (spec §8): ITCollection2 (and so ITCollection) over
 * VARIANTs, 1-based as Automation collections are, with _NewEnum giving an
 * IEnumVARIANT over a snapshot, so that `For Each` in VBScript and `new
 * Enumerator()` in JScript walk them.  Every collection getter of the object model
 * returns one of these in a VT_DISPATCH VARIANT.
 */
#include "identity.h"

struct collection
{
    ITCollection2 ITCollection2_iface;
    struct tcc_object_base base;
    LONG ref;

    SRWLOCK lock;               /* guards the items */
    VARIANT *items;
    LONG count, capacity;
};

struct variant_enum
{
    IEnumVARIANT IEnumVARIANT_iface;
    LONG ref;
    IUnknown *marshaler;
    SRWLOCK lock;               /* guards position */
    VARIANT *items;             /* a snapshot, shared by clones */
    LONG *shared_ref;
    ULONG count, position;
};

static inline struct collection *impl_from_ITCollection2(ITCollection2 *iface)
{
    return CONTAINING_RECORD(iface, struct collection, ITCollection2_iface);
}

static inline struct variant_enum *impl_from_IEnumVARIANT(IEnumVARIANT *iface)
{
    return CONTAINING_RECORD(iface, struct variant_enum, IEnumVARIANT_iface);
}

/* IEnumVARIANT */

static HRESULT WINAPI variant_enum_QueryInterface(IEnumVARIANT *iface, REFIID riid, void **out)
{
    struct variant_enum *enumerator = impl_from_IEnumVARIANT(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IEnumVARIANT))
    {
        *out = iface;
        IEnumVARIANT_AddRef(iface);
        return S_OK;
    }
    if (IsEqualIID(riid, &IID_IMarshal))
        return IUnknown_QueryInterface(enumerator->marshaler, riid, out);
    return E_NOINTERFACE;
}

static ULONG WINAPI variant_enum_AddRef(IEnumVARIANT *iface)
{
    return InterlockedIncrement(&impl_from_IEnumVARIANT(iface)->ref);
}

static ULONG WINAPI variant_enum_Release(IEnumVARIANT *iface)
{
    struct variant_enum *enumerator = impl_from_IEnumVARIANT(iface);
    ULONG ref = InterlockedDecrement(&enumerator->ref);

    if (!ref)
    {
        if (!InterlockedDecrement(enumerator->shared_ref))
        {
            for (ULONG i = 0; i < enumerator->count; i++)
                VariantClear(&enumerator->items[i]);
            HeapFree(GetProcessHeap(), 0, enumerator->items);
            HeapFree(GetProcessHeap(), 0, enumerator->shared_ref);
        }
        if (enumerator->marshaler)
            IUnknown_Release(enumerator->marshaler);
        HeapFree(GetProcessHeap(), 0, enumerator);
        tcc__object_destroyed();
    }
    return ref;
}

/* VBScript's For Each passes a NULL fetched count even for several elements, so
 * NULL is accepted whatever celt is. */
static HRESULT WINAPI variant_enum_Next(IEnumVARIANT *iface, ULONG celt, VARIANT *elements, ULONG *fetched)
{
    struct variant_enum *enumerator = impl_from_IEnumVARIANT(iface);
    ULONG copied = 0;
    HRESULT hr = S_OK;

    if (fetched)
        *fetched = 0;
    if (!elements && celt)
        return E_POINTER;
    AcquireSRWLockExclusive(&enumerator->lock);
    while (copied < celt && enumerator->position < enumerator->count)
    {
        VariantInit(&elements[copied]);
        if (FAILED(hr = VariantCopy(&elements[copied], &enumerator->items[enumerator->position])))
            break;
        copied++;
        enumerator->position++;
    }
    ReleaseSRWLockExclusive(&enumerator->lock);
    if (FAILED(hr))
    {
        while (copied)
            VariantClear(&elements[--copied]);
        return hr;
    }
    if (fetched)
        *fetched = copied;
    return copied == celt ? S_OK : S_FALSE;
}

static HRESULT WINAPI variant_enum_Skip(IEnumVARIANT *iface, ULONG celt)
{
    struct variant_enum *enumerator = impl_from_IEnumVARIANT(iface);
    HRESULT hr;

    AcquireSRWLockExclusive(&enumerator->lock);
    hr = celt <= enumerator->count - enumerator->position ? S_OK : S_FALSE;
    enumerator->position = hr == S_OK ? enumerator->position + celt : enumerator->count;
    ReleaseSRWLockExclusive(&enumerator->lock);
    return hr;
}

static HRESULT WINAPI variant_enum_Reset(IEnumVARIANT *iface)
{
    struct variant_enum *enumerator = impl_from_IEnumVARIANT(iface);

    AcquireSRWLockExclusive(&enumerator->lock);
    enumerator->position = 0;
    ReleaseSRWLockExclusive(&enumerator->lock);
    return S_OK;
}

static HRESULT create_variant_enum(VARIANT *items, LONG *shared_ref, ULONG count, ULONG position,
                                   IEnumVARIANT **out);

static HRESULT WINAPI variant_enum_Clone(IEnumVARIANT *iface, IEnumVARIANT **out)
{
    struct variant_enum *enumerator = impl_from_IEnumVARIANT(iface);
    ULONG position;

    if (!out)
        return E_POINTER;
    AcquireSRWLockShared(&enumerator->lock);
    position = enumerator->position;
    ReleaseSRWLockShared(&enumerator->lock);
    return create_variant_enum(enumerator->items, enumerator->shared_ref, enumerator->count, position, out);
}

static const IEnumVARIANTVtbl variant_enum_vtbl =
{
    variant_enum_QueryInterface,
    variant_enum_AddRef,
    variant_enum_Release,
    variant_enum_Next,
    variant_enum_Skip,
    variant_enum_Reset,
    variant_enum_Clone,
};

/* An enumerator over `items` (taken over when shared_ref is new, shared otherwise). */
static HRESULT create_variant_enum(VARIANT *items, LONG *shared_ref, ULONG count, ULONG position,
                                   IEnumVARIANT **out)
{
    struct variant_enum *enumerator;
    HRESULT hr;

    *out = NULL;
    if (!(enumerator = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*enumerator))))
        return E_OUTOFMEMORY;
    enumerator->IEnumVARIANT_iface.lpVtbl = &variant_enum_vtbl;
    enumerator->ref = 1;
    InitializeSRWLock(&enumerator->lock);
    enumerator->items = items;
    enumerator->shared_ref = shared_ref;
    enumerator->count = count;
    enumerator->position = position;
    InterlockedIncrement(shared_ref);
    tcc__object_created();
    hr = CoCreateFreeThreadedMarshaler((IUnknown *)&enumerator->IEnumVARIANT_iface, &enumerator->marshaler);
    if (FAILED(hr))
    {
        IEnumVARIANT_Release(&enumerator->IEnumVARIANT_iface);
        return hr;
    }
    *out = &enumerator->IEnumVARIANT_iface;
    return S_OK;
}

/* ITCollection2 */

static HRESULT WINAPI collection_QueryInterface(ITCollection2 *iface, REFIID riid, void **out)
{
    struct collection *collection = impl_from_ITCollection2(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) ||
        IsEqualIID(riid, &IID_ITCollection) || IsEqualIID(riid, &IID_ITCollection2))
        *out = &collection->ITCollection2_iface;
    else
        return tcc__base_query(&collection->base, riid, out);
    IUnknown_AddRef((IUnknown *)*out);
    return S_OK;
}

static ULONG WINAPI collection_AddRef(ITCollection2 *iface)
{
    return InterlockedIncrement(&impl_from_ITCollection2(iface)->ref);
}

static ULONG WINAPI collection_Release(ITCollection2 *iface)
{
    struct collection *collection = impl_from_ITCollection2(iface);
    ULONG ref = InterlockedDecrement(&collection->ref);

    if (!ref)
    {
        for (LONG i = 0; i < collection->count; i++)
            VariantClear(&collection->items[i]);
        HeapFree(GetProcessHeap(), 0, collection->items);
        tcc__base_cleanup(&collection->base);
        HeapFree(GetProcessHeap(), 0, collection);
        tcc__object_destroyed();
    }
    return ref;
}

TCC_DISPATCH_METHODS(collection, ITCollection2, struct collection, ITCollection2_iface)

static HRESULT WINAPI collection_get_Count(ITCollection2 *iface, LONG *count)
{
    struct collection *collection = impl_from_ITCollection2(iface);

    if (!count)
        return tcc__error(E_POINTER, &IID_ITCollection, L"ITCollection::get_Count: the output pointer is NULL.");
    AcquireSRWLockShared(&collection->lock);
    *count = collection->count;
    ReleaseSRWLockShared(&collection->lock);
    return S_OK;
}

/* Items are numbered from 1, as in every Automation collection. */
static HRESULT WINAPI collection_get_Item(ITCollection2 *iface, LONG index, VARIANT *item)
{
    struct collection *collection = impl_from_ITCollection2(iface);
    HRESULT hr = S_OK;
    LONG count;

    if (!item)
        return tcc__error(E_POINTER, &IID_ITCollection, L"ITCollection::get_Item: the VARIANT pointer is NULL.");
    VariantInit(item);
    AcquireSRWLockShared(&collection->lock);
    count = collection->count;
    if (index >= 1 && index <= count)
        hr = VariantCopy(item, &collection->items[index - 1]);
    ReleaseSRWLockShared(&collection->lock);
    if (index < 1 || index > count)
        return tcc__error(DISP_E_BADINDEX, &IID_ITCollection,
                          L"ITCollection::Item(%ld): there is no such item; items are numbered from 1 to %ld.",
                          (long)index, (long)count);
    return hr;
}

static HRESULT WINAPI collection_get__NewEnum(ITCollection2 *iface, IUnknown **out)
{
    struct collection *collection = impl_from_ITCollection2(iface);
    VARIANT *snapshot = NULL;
    LONG *shared_ref, count, i;
    HRESULT hr = S_OK;

    if (!out)
        return tcc__error(E_POINTER, &IID_ITCollection, L"ITCollection::get__NewEnum: the output pointer is NULL.");
    *out = NULL;
    if (!(shared_ref = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*shared_ref))))
        return E_OUTOFMEMORY;

    AcquireSRWLockShared(&collection->lock);
    count = collection->count;
    if (count && !(snapshot = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, count * sizeof(*snapshot))))
        hr = E_OUTOFMEMORY;
    for (i = 0; SUCCEEDED(hr) && i < count; i++)
        hr = VariantCopy(&snapshot[i], &collection->items[i]);
    ReleaseSRWLockShared(&collection->lock);

    if (SUCCEEDED(hr))
        hr = create_variant_enum(snapshot, shared_ref, (ULONG)count, 0, (IEnumVARIANT **)out);
    if (FAILED(hr))
    {
        for (LONG j = 0; snapshot && j < count; j++)
            VariantClear(&snapshot[j]);
        HeapFree(GetProcessHeap(), 0, snapshot);
        HeapFree(GetProcessHeap(), 0, shared_ref);
        return tcc__error(hr, &IID_ITCollection, L"ITCollection::get__NewEnum: out of memory.");
    }
    return S_OK;
}

/* Inserts before item `index` (1 .. Count + 1), as documented. */
static HRESULT WINAPI collection_Add(ITCollection2 *iface, LONG index, VARIANT *item)
{
    struct collection *collection = impl_from_ITCollection2(iface);
    VARIANT copy;
    HRESULT hr;

    if (!item)
        return tcc__error(E_POINTER, &IID_ITCollection2, L"ITCollection2::Add: the VARIANT pointer is NULL.");
    VariantInit(&copy);
    if (FAILED(hr = VariantCopy(&copy, item)))
        return tcc__error(hr, &IID_ITCollection2, L"ITCollection2::Add: the item cannot be copied.");

    AcquireSRWLockExclusive(&collection->lock);
    if (index < 1 || index > collection->count + 1)
        hr = E_INVALIDARG;
    else if (collection->count == collection->capacity)
    {
        LONG capacity = collection->capacity ? collection->capacity * 2 : 8;
        VARIANT *grown = collection->items
            ? HeapReAlloc(GetProcessHeap(), 0, collection->items, capacity * sizeof(VARIANT))
            : HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(VARIANT));

        if (!grown)
            hr = E_OUTOFMEMORY;
        else
        {
            collection->items = grown;
            collection->capacity = capacity;
        }
    }
    if (SUCCEEDED(hr))
    {
        memmove(&collection->items[index], &collection->items[index - 1],
                (collection->count - index + 1) * sizeof(VARIANT));
        collection->items[index - 1] = copy;
        collection->count++;
    }
    ReleaseSRWLockExclusive(&collection->lock);

    if (FAILED(hr))
    {
        VariantClear(&copy);
        if (hr == E_INVALIDARG)
            return tcc__error(hr, &IID_ITCollection2,
                              L"ITCollection2::Add(%ld): the index must be from 1 to Count + 1.", (long)index);
        return tcc__error(hr, &IID_ITCollection2, L"ITCollection2::Add: out of memory.");
    }
    return S_OK;
}

static HRESULT WINAPI collection_Remove(ITCollection2 *iface, LONG index)
{
    struct collection *collection = impl_from_ITCollection2(iface);
    VARIANT removed;
    BOOL valid;

    VariantInit(&removed);
    AcquireSRWLockExclusive(&collection->lock);
    valid = index >= 1 && index <= collection->count;
    if (valid)
    {
        removed = collection->items[index - 1];
        memmove(&collection->items[index - 1], &collection->items[index],
                (collection->count - index) * sizeof(VARIANT));
        collection->count--;
    }
    ReleaseSRWLockExclusive(&collection->lock);
    /* Released outside the lock: the item may be an object of ours. */
    VariantClear(&removed);
    if (!valid)
        return tcc__error(E_INVALIDARG, &IID_ITCollection2,
                          L"ITCollection2::Remove(%ld): there is no such item; items are numbered from 1.",
                          (long)index);
    return S_OK;
}

static const ITCollection2Vtbl collection_vtbl =
{
    collection_QueryInterface,
    collection_AddRef,
    collection_Release,
    collection_GetTypeInfoCount,
    collection_GetTypeInfo,
    collection_GetIDsOfNames,
    collection_Invoke,
    collection_get_Count,
    collection_get_Item,
    collection_get__NewEnum,
    collection_Add,
    collection_Remove,
};

HRESULT tcc__collection_create(const VARIANT *items, LONG count, ITCollection2 **out)
{
    struct collection *collection;
    HRESULT hr = S_OK;

    *out = NULL;
    if (!(collection = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*collection))))
        return E_OUTOFMEMORY;
    collection->ITCollection2_iface.lpVtbl = &collection_vtbl;
    collection->ref = 1;
    InitializeSRWLock(&collection->lock);
    tcc__object_created();
    tcc__base_init(&collection->base, (IUnknown *)&collection->ITCollection2_iface, TCC_TID_ITCollection2, 0);

    if (count && !(collection->items = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, count * sizeof(VARIANT))))
        hr = E_OUTOFMEMORY;
    for (LONG i = 0; SUCCEEDED(hr) && i < count; i++)
    {
        hr = VariantCopy(&collection->items[i], (VARIANT *)&items[i]);
        collection->count = collection->capacity = i + 1;
    }
    if (FAILED(hr))
    {
        ITCollection2_Release(&collection->ITCollection2_iface);
        return hr;
    }
    *out = &collection->ITCollection2_iface;
    return S_OK;
}

/* Every element of the object model is a dual interface, so its pointer is an
 * IDispatch: the collection holds them as VT_DISPATCH, with the references the
 * lister took (no copy, no AddRef per element). */
HRESULT tcc__collection_of(IUnknown **elements, ULONG count, VARIANT *out)
{
    struct collection *collection;
    ITCollection2 *made;
    HRESULT hr;

    VariantInit(out);
    if (FAILED(hr = tcc__collection_create(NULL, 0, &made)))
    {
        tcc__free_items(elements, count);
        return hr;
    }
    collection = impl_from_ITCollection2(made);
    if (count && !(collection->items = HeapAlloc(GetProcessHeap(), 0, count * sizeof(VARIANT))))
    {
        tcc__free_items(elements, count);
        ITCollection2_Release(made);
        return E_OUTOFMEMORY;
    }
    for (ULONG i = 0; i < count; i++)
    {
        V_VT(&collection->items[i]) = VT_DISPATCH;
        V_DISPATCH(&collection->items[i]) = (IDispatch *)elements[i];
    }
    collection->count = collection->capacity = (LONG)count;
    HeapFree(GetProcessHeap(), 0, elements);
    V_VT(out) = VT_DISPATCH;
    V_DISPATCH(out) = (IDispatch *)made;
    return S_OK;
}
