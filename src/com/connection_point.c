/*
 * Connection points (IConnectionPoint, IConnectionPointContainer) for the TAPI
 * object's two event interfaces: ITTAPIEventNotification (C/C++ sinks) and the
 * ITTAPIDispatchEventNotification dispinterface (VB WithEvents, WSH ConnectObject).
 * The connection points live inside their container and share its lifetime;
 * IEnumConnections and IEnumConnectionPoints are snapshots.  Each sink gets its
 * events through its own queue (event_sink.c).
 */
#include "events.h"

/* IEnumConnections / IEnumConnectionPoints over a snapshot. */
struct snapshot_enum
{
    union
    {
        IEnumConnections IEnumConnections_iface;
        IEnumConnectionPoints IEnumConnectionPoints_iface;
    } u;
    LONG ref;
    BOOL of_points;
    ULONG count, position;
    CONNECTDATA *connections;       /* of_points FALSE: sinks with a reference each */
    IConnectionPoint **points;      /* of_points TRUE: with a reference each */
};

static const IEnumConnectionsVtbl connections_vtbl;
static const IEnumConnectionPointsVtbl points_vtbl;

static HRESULT snapshot_create(BOOL of_points, const void *items, ULONG count, ULONG position, void **out);

static struct snapshot_enum *impl_from_enum(void *iface)
{
    return CONTAINING_RECORD(iface, struct snapshot_enum, u);
}

static HRESULT snapshot_query(void *iface, REFIID riid, void **out)
{
    struct snapshot_enum *snapshot = impl_from_enum(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) ||
        IsEqualIID(riid, snapshot->of_points ? &IID_IEnumConnectionPoints : &IID_IEnumConnections))
    {
        *out = iface;
        InterlockedIncrement(&snapshot->ref);
        return S_OK;
    }
    return E_NOINTERFACE;
}

static ULONG snapshot_addref(void *iface)
{
    return InterlockedIncrement(&impl_from_enum(iface)->ref);
}

static ULONG snapshot_release(void *iface)
{
    struct snapshot_enum *snapshot = impl_from_enum(iface);
    ULONG ref = InterlockedDecrement(&snapshot->ref);

    if (!ref)
    {
        for (ULONG i = 0; i < snapshot->count; i++)
        {
            if (snapshot->of_points)
                IConnectionPoint_Release(snapshot->points[i]);
            else
                IUnknown_Release(snapshot->connections[i].pUnk);
        }
        HeapFree(GetProcessHeap(), 0, snapshot->connections);
        HeapFree(GetProcessHeap(), 0, snapshot->points);
        HeapFree(GetProcessHeap(), 0, snapshot);
        tcc__object_destroyed();
    }
    return ref;
}

static HRESULT snapshot_next(void *iface, ULONG celt, void *elements, ULONG *fetched)
{
    struct snapshot_enum *snapshot = impl_from_enum(iface);
    ULONG taken = 0;

    if (fetched)
        *fetched = 0;
    if (!elements || (!fetched && celt != 1))
        return E_POINTER;
    while (taken < celt && snapshot->position < snapshot->count)
    {
        if (snapshot->of_points)
        {
            IConnectionPoint **out = elements;
            out[taken] = snapshot->points[snapshot->position];
            IConnectionPoint_AddRef(out[taken]);
        }
        else
        {
            CONNECTDATA *out = elements;
            out[taken] = snapshot->connections[snapshot->position];
            IUnknown_AddRef(out[taken].pUnk);
        }
        taken++;
        snapshot->position++;
    }
    if (fetched)
        *fetched = taken;
    return taken == celt ? S_OK : S_FALSE;
}

static HRESULT snapshot_skip(void *iface, ULONG celt)
{
    struct snapshot_enum *snapshot = impl_from_enum(iface);
    ULONG left = snapshot->count - snapshot->position;

    snapshot->position += min(celt, left);
    return celt <= left ? S_OK : S_FALSE;
}

static HRESULT snapshot_reset(void *iface)
{
    impl_from_enum(iface)->position = 0;
    return S_OK;
}

static HRESULT snapshot_clone(void *iface, void **out)
{
    struct snapshot_enum *snapshot = impl_from_enum(iface);

    if (!out)
        return E_POINTER;
    return snapshot_create(snapshot->of_points,
                           snapshot->of_points ? (const void *)snapshot->points : (const void *)snapshot->connections,
                           snapshot->count, snapshot->position, out);
}

static HRESULT WINAPI connections_QueryInterface(IEnumConnections *iface, REFIID riid, void **out)
{
    return snapshot_query(iface, riid, out);
}

static ULONG WINAPI connections_AddRef(IEnumConnections *iface)
{
    return snapshot_addref(iface);
}

static ULONG WINAPI connections_Release(IEnumConnections *iface)
{
    return snapshot_release(iface);
}

static HRESULT WINAPI connections_Next(IEnumConnections *iface, ULONG celt, CONNECTDATA *data, ULONG *fetched)
{
    return snapshot_next(iface, celt, data, fetched);
}

static HRESULT WINAPI connections_Skip(IEnumConnections *iface, ULONG celt)
{
    return snapshot_skip(iface, celt);
}

static HRESULT WINAPI connections_Reset(IEnumConnections *iface)
{
    return snapshot_reset(iface);
}

static HRESULT WINAPI connections_Clone(IEnumConnections *iface, IEnumConnections **out)
{
    return snapshot_clone(iface, (void **)out);
}

static const IEnumConnectionsVtbl connections_vtbl =
{
    connections_QueryInterface,
    connections_AddRef,
    connections_Release,
    connections_Next,
    connections_Skip,
    connections_Reset,
    connections_Clone,
};

static HRESULT WINAPI points_QueryInterface(IEnumConnectionPoints *iface, REFIID riid, void **out)
{
    return snapshot_query(iface, riid, out);
}

static ULONG WINAPI points_AddRef(IEnumConnectionPoints *iface)
{
    return snapshot_addref(iface);
}

static ULONG WINAPI points_Release(IEnumConnectionPoints *iface)
{
    return snapshot_release(iface);
}

static HRESULT WINAPI points_Next(IEnumConnectionPoints *iface, ULONG celt, IConnectionPoint **points,
                                  ULONG *fetched)
{
    return snapshot_next(iface, celt, points, fetched);
}

static HRESULT WINAPI points_Skip(IEnumConnectionPoints *iface, ULONG celt)
{
    return snapshot_skip(iface, celt);
}

static HRESULT WINAPI points_Reset(IEnumConnectionPoints *iface)
{
    return snapshot_reset(iface);
}

static HRESULT WINAPI points_Clone(IEnumConnectionPoints *iface, IEnumConnectionPoints **out)
{
    return snapshot_clone(iface, (void **)out);
}

static const IEnumConnectionPointsVtbl points_vtbl =
{
    points_QueryInterface,
    points_AddRef,
    points_Release,
    points_Next,
    points_Skip,
    points_Reset,
    points_Clone,
};

static HRESULT snapshot_create(BOOL of_points, const void *items, ULONG count, ULONG position, void **out)
{
    struct snapshot_enum *snapshot;
    size_t item_size = of_points ? sizeof(IConnectionPoint *) : sizeof(CONNECTDATA);
    void *copy;

    *out = NULL;
    if (!(snapshot = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*snapshot))))
        return E_OUTOFMEMORY;
    if (!(copy = HeapAlloc(GetProcessHeap(), 0, max(count, 1) * item_size)))
    {
        HeapFree(GetProcessHeap(), 0, snapshot);
        return E_OUTOFMEMORY;
    }
    memcpy(copy, items, count * item_size);
    if (of_points)
    {
        snapshot->u.IEnumConnectionPoints_iface.lpVtbl = &points_vtbl;
        snapshot->points = copy;
        for (ULONG i = 0; i < count; i++)
            IConnectionPoint_AddRef(snapshot->points[i]);
    }
    else
    {
        snapshot->u.IEnumConnections_iface.lpVtbl = &connections_vtbl;
        snapshot->connections = copy;
        for (ULONG i = 0; i < count; i++)
            IUnknown_AddRef(snapshot->connections[i].pUnk);
    }
    snapshot->ref = 1;
    snapshot->of_points = of_points;
    snapshot->count = count;
    snapshot->position = position;
    tcc__object_created();
    *out = &snapshot->u;
    return S_OK;
}

/* IConnectionPoint */

static inline struct tcc_connection_point *impl_from_IConnectionPoint(IConnectionPoint *iface)
{
    return CONTAINING_RECORD(iface, struct tcc_connection_point, IConnectionPoint_iface);
}

static HRESULT WINAPI point_QueryInterface(IConnectionPoint *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IConnectionPoint))
    {
        *out = iface;
        IConnectionPoint_AddRef(iface);
        return S_OK;
    }
    return E_NOINTERFACE;
}

static ULONG WINAPI point_AddRef(IConnectionPoint *iface)
{
    return IConnectionPointContainer_AddRef(impl_from_IConnectionPoint(iface)->container);
}

static ULONG WINAPI point_Release(IConnectionPoint *iface)
{
    return IConnectionPointContainer_Release(impl_from_IConnectionPoint(iface)->container);
}

static HRESULT WINAPI point_GetConnectionInterface(IConnectionPoint *iface, IID *iid)
{
    if (!iid)
        return E_POINTER;
    *iid = *impl_from_IConnectionPoint(iface)->iid;
    return S_OK;
}

static HRESULT WINAPI point_GetConnectionPointContainer(IConnectionPoint *iface, IConnectionPointContainer **out)
{
    struct tcc_connection_point *point = impl_from_IConnectionPoint(iface);

    if (!out)
        return E_POINTER;
    *out = point->container;
    IConnectionPointContainer_AddRef(*out);
    return S_OK;
}

/* The sink is kept as the interface of the point (QueryInterface on what the
 * client passed), as the connection point protocol asks; a dispinterface point
 * also takes a plain IDispatch, as script hosts' sinks answer to that. */
static HRESULT WINAPI point_Advise(IConnectionPoint *iface, IUnknown *object, DWORD *cookie)
{
    struct tcc_connection_point *point = impl_from_IConnectionPoint(iface);
    BOOL dispinterface = IsEqualIID(point->iid, &DIID_ITTAPIDispatchEventNotification);
    struct tcc_sink *sink = NULL;
    IUnknown *typed;
    HRESULT hr = S_OK;

    if (!cookie)
        return E_POINTER;
    *cookie = 0;
    if (!object)
        return E_POINTER;
    if (FAILED(IUnknown_QueryInterface(object, point->iid, (void **)&typed)) &&
        (!dispinterface || FAILED(IUnknown_QueryInterface(object, &IID_IDispatch, (void **)&typed))))
        return CONNECT_E_CANNOTCONNECT;
    AcquireSRWLockExclusive(&point->lock);
    if (point->count == point->capacity)
    {
        ULONG capacity = point->capacity ? point->capacity * 2 : 4;
        struct tcc_sink **grown = point->sinks
            ? HeapReAlloc(GetProcessHeap(), 0, point->sinks, capacity * sizeof(*grown))
            : HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*grown));

        if (grown)
        {
            point->sinks = grown;
            point->capacity = capacity;
        }
        else
            hr = E_OUTOFMEMORY;
    }
    if (SUCCEEDED(hr) && SUCCEEDED(hr = tcc__sink_create(typed, dispinterface, point->next_cookie + 1, &sink)))
    {
        point->sinks[point->count++] = sink;
        *cookie = ++point->next_cookie;
    }
    ReleaseSRWLockExclusive(&point->lock);
    IUnknown_Release(typed);
    return hr;
}

static HRESULT WINAPI point_Unadvise(IConnectionPoint *iface, DWORD cookie)
{
    struct tcc_connection_point *point = impl_from_IConnectionPoint(iface);
    struct tcc_sink *sink = NULL;

    AcquireSRWLockExclusive(&point->lock);
    for (ULONG i = 0; i < point->count; i++)
    {
        if (tcc__sink_cookie(point->sinks[i]) != cookie)
            continue;
        sink = point->sinks[i];
        memmove(&point->sinks[i], &point->sinks[i + 1], (point->count - i - 1) * sizeof(*point->sinks));
        point->count--;
        break;
    }
    ReleaseSRWLockExclusive(&point->lock);
    /* Closed outside the lock: it may wait for a delivery, and a sink's release may
     * call back. */
    if (!sink)
        return CONNECT_E_NOCONNECTION;
    tcc__sink_close(sink);
    return S_OK;
}

static HRESULT WINAPI point_EnumConnections(IConnectionPoint *iface, IEnumConnections **out)
{
    struct tcc_connection_point *point = impl_from_IConnectionPoint(iface);
    CONNECTDATA *data;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    AcquireSRWLockShared(&point->lock);
    if (!(data = HeapAlloc(GetProcessHeap(), 0, max(point->count, 1) * sizeof(*data))))
        hr = E_OUTOFMEMORY;
    else
    {
        for (ULONG i = 0; i < point->count; i++)
        {
            data[i].pUnk = tcc__sink_iface(point->sinks[i]);
            data[i].dwCookie = tcc__sink_cookie(point->sinks[i]);
        }
        hr = snapshot_create(FALSE, data, point->count, 0, (void **)out);
        HeapFree(GetProcessHeap(), 0, data);
    }
    ReleaseSRWLockShared(&point->lock);
    return hr;
}

static const IConnectionPointVtbl point_vtbl =
{
    point_QueryInterface,
    point_AddRef,
    point_Release,
    point_GetConnectionInterface,
    point_GetConnectionPointContainer,
    point_Advise,
    point_Unadvise,
    point_EnumConnections,
};

void tcc__connection_point_init(struct tcc_connection_point *point, IConnectionPointContainer *container,
                                const IID *iid)
{
    point->IConnectionPoint_iface.lpVtbl = &point_vtbl;
    point->container = container;
    point->iid = iid;
    InitializeSRWLock(&point->lock);
}

void tcc__connection_point_cleanup(struct tcc_connection_point *point)
{
    for (ULONG i = 0; i < point->count; i++)
        tcc__sink_close(point->sinks[i]);
    HeapFree(GetProcessHeap(), 0, point->sinks);
    point->sinks = NULL;
    point->count = point->capacity = 0;
}

/* The sinks with a reference each, so that delivery and Unadvise never wait on
 * each other's lock. */
static struct tcc_sink **snapshot_sinks(struct tcc_connection_point *point, ULONG *count)
{
    struct tcc_sink **sinks;

    AcquireSRWLockShared(&point->lock);
    if ((sinks = HeapAlloc(GetProcessHeap(), 0, max(point->count, 1) * sizeof(*sinks))))
    {
        *count = point->count;
        for (ULONG i = 0; i < point->count; i++)
        {
            sinks[i] = point->sinks[i];
            tcc__sink_addref(sinks[i]);
        }
    }
    ReleaseSRWLockShared(&point->lock);
    return sinks;
}

void tcc__connection_point_deliver(struct tcc_connection_point *point, TAPI_EVENT type, IDispatch *event)
{
    struct tcc_sink **sinks;
    ULONG count = 0;

    if (!(sinks = snapshot_sinks(point, &count)))
        return;
    for (ULONG i = 0; i < count; i++)
    {
        tcc__sink_post(sinks[i], type, event);
        tcc__sink_release(sinks[i]);
    }
    HeapFree(GetProcessHeap(), 0, sinks);
}

void tcc__connection_point_flush(struct tcc_connection_point *point)
{
    struct tcc_sink **sinks;
    ULONG count = 0;

    if (!(sinks = snapshot_sinks(point, &count)))
        return;
    for (ULONG i = 0; i < count; i++)
    {
        tcc__sink_flush(sinks[i]);
        tcc__sink_release(sinks[i]);
    }
    HeapFree(GetProcessHeap(), 0, sinks);
}

HRESULT tcc__connection_points_enum(struct tcc_connection_point *points, ULONG count, IEnumConnectionPoints **out)
{
    IConnectionPoint *items[4];

    for (ULONG i = 0; i < count; i++)
        items[i] = &points[i].IConnectionPoint_iface;
    return snapshot_create(TRUE, items, count, 0, (void **)out);
}
