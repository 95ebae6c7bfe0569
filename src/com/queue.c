/*
 * ITQueue (spec §3.4): where an ACD group's calls wait.  Statistics are the
 * fields of LINEQUEUEINFO (lineGetQueueInfo), over the queue's measurement period.
 */
#include "provider_calls.h"

#include <stddef.h>

struct queue
{
    ITQueue ITQueue_iface;
    struct tcc_object_base base;
    LONG ref;
    struct tcc_handler *handler;
    DWORD id;
    BSTR name;
    struct tcc_snapshot snapshot;   /* LINEQUEUEINFO */
};

static inline struct queue *impl_from_ITQueue(ITQueue *iface)
{
    return CONTAINING_RECORD(iface, struct queue, ITQueue_iface);
}

static struct tcc_identity queue_identity(DWORD queue_id)
{
    struct tcc_identity id = { .kind = TCC_KIND_QUEUE, .a = queue_id };
    return id;
}

static HRESULT WINAPI queue_QueryInterface(ITQueue *iface, REFIID riid, void **out)
{
    struct queue *queue = impl_from_ITQueue(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &IID_ITQueue))
    {
        *out = iface;
        ITQueue_AddRef(iface);
        return S_OK;
    }
    return tcc__base_query(&queue->base, riid, out);
}

static ULONG WINAPI queue_AddRef(ITQueue *iface)
{
    return InterlockedIncrement(&impl_from_ITQueue(iface)->ref);
}

static ULONG WINAPI queue_Release(ITQueue *iface)
{
    struct queue *queue = impl_from_ITQueue(iface);
    ULONG ref = InterlockedDecrement(&queue->ref);

    if (!ref)
    {
        struct tcc_identity id = queue_identity(queue->id);

        tcc__map_remove(queue->handler, &id, (IUnknown *)iface);
        tcc__base_cleanup(&queue->base);
        tcc__handler_release(queue->handler);
        SysFreeString(queue->name);
        HeapFree(GetProcessHeap(), 0, queue);
        tcc__object_destroyed();
    }
    return ref;
}

TCC_DISPATCH_METHODS(queue, ITQueue, struct queue, ITQueue_iface)

static HRESULT WINAPI queue_put_MeasurementPeriod(ITQueue *iface, LONG period)
{
    static const WCHAR member[] = L"ITQueue::put_MeasurementPeriod";
    struct queue *queue = impl_from_ITQueue(iface);
    struct tcc_provider_call call;
    HRESULT hr;

    if (!period)
        return tcc__error(E_INVALIDARG, &IID_ITQueue, L"%ls: the period is 0; give it in seconds.", member);
    TCC_PROVIDER_CALL(queue->handler, &IID_ITQueue, member, call,
                      call.provider->set_queue_measurement_period(call.context, queue->id, (DWORD)period), hr);
    tcc__handler_changed(queue->handler);
    return hr;
}

/* The whole structure is read into a snapshot. */
TCC_SNAPSHOT_FITS(TCC_LINEQUEUEINFO);

static HRESULT fetch_info(void *object, const WCHAR *member, void *structure)
{
    struct queue *queue = object;
    TCC_LINEQUEUEINFO *info = structure;
    struct tcc_provider_call call;
    HRESULT hr;

    memset(info, 0, sizeof(*info));
    info->dwTotalSize = sizeof(*info);
    TCC_PROVIDER_CALL(queue->handler, &IID_ITQueue, member, call,
                      call.provider->get_queue_info(call.context, queue->id, info), hr);
    return hr;
}

/* One field of the queue's LINEQUEUEINFO (snapshot.c says how fresh). */
static HRESULT read_long(ITQueue *iface, const WCHAR *member, size_t offset, LONG *value)
{
    struct queue *queue = impl_from_ITQueue(iface);

    if (!value)
        return tcc__null_pointer(&IID_ITQueue, member);
    return tcc__snapshot_read(&queue->snapshot, fetch_info, queue, member, offset, value,
                              sizeof(*value));
}

#define QUEUE_LONG(name, field) \
    static HRESULT WINAPI queue_get_##name(ITQueue *iface, LONG *value) \
    { \
        return read_long(iface, L"ITQueue::get_" #name, offsetof(TCC_LINEQUEUEINFO, field), value); \
    }

QUEUE_LONG(MeasurementPeriod, dwMeasurementPeriod)
QUEUE_LONG(TotalCallsQueued, dwTotalCallsQueued)
QUEUE_LONG(CurrentCallsQueued, dwCurrentCallsQueued)
QUEUE_LONG(TotalCallsAbandoned, dwTotalCallsAbandoned)
QUEUE_LONG(TotalCallsFlowedIn, dwTotalCallsFlowedIn)
QUEUE_LONG(TotalCallsFlowedOut, dwTotalCallsFlowedOut)
QUEUE_LONG(LongestEverWaitTime, dwLongestEverWaitTime)
QUEUE_LONG(CurrentLongestWaitTime, dwCurrentLongestWaitTime)
QUEUE_LONG(AverageWaitTime, dwAverageWaitTime)
QUEUE_LONG(FinalDisposition, dwFinalDisposition)

static HRESULT WINAPI queue_get_Name(ITQueue *iface, BSTR *name)
{
    if (!name)
        return tcc__null_pointer(&IID_ITQueue, L"ITQueue::get_Name");
    if (!(*name = SysAllocString(impl_from_ITQueue(iface)->name)))
        return tcc__error(E_OUTOFMEMORY, &IID_ITQueue, L"ITQueue::get_Name: out of memory.");
    return S_OK;
}

static const ITQueueVtbl queue_vtbl =
{
    queue_QueryInterface,
    queue_AddRef,
    queue_Release,
    queue_GetTypeInfoCount,
    queue_GetTypeInfo,
    queue_GetIDsOfNames,
    queue_Invoke,
    queue_put_MeasurementPeriod,
    queue_get_MeasurementPeriod,
    queue_get_TotalCallsQueued,
    queue_get_CurrentCallsQueued,
    queue_get_TotalCallsAbandoned,
    queue_get_TotalCallsFlowedIn,
    queue_get_TotalCallsFlowedOut,
    queue_get_LongestEverWaitTime,
    queue_get_CurrentLongestWaitTime,
    queue_get_AverageWaitTime,
    queue_get_FinalDisposition,
    queue_get_Name,
};

struct queue_args
{
    DWORD id;
    const WCHAR *name;
};

static HRESULT make_queue(struct tcc_handler *handler, const void *args, IUnknown **object, LONG **ref)
{
    const struct queue_args *made = args;
    struct queue *queue;

    if (!(queue = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*queue))))
        return E_OUTOFMEMORY;
    queue->ITQueue_iface.lpVtbl = &queue_vtbl;
    queue->ref = 1;
    queue->handler = handler;
    queue->id = made->id;
    tcc__snapshot_init(&queue->snapshot, handler);
    tcc__handler_addref(handler);
    tcc__object_created();
    *object = (IUnknown *)&queue->ITQueue_iface;
    *ref = &queue->ref;
    tcc__base_init(&queue->base, *object, TCC_TID_ITQueue, 0);
    return (queue->name = SysAllocString(made->name)) ? S_OK : E_OUTOFMEMORY;
}

HRESULT tcc__queue_get(struct tcc_handler *handler, DWORD queue_id, const WCHAR *name, ITQueue **out)
{
    struct tcc_identity identity = queue_identity(queue_id);
    struct queue_args args = { queue_id, name };

    return tcc__map_get(handler, &identity, make_queue, &args, (IUnknown **)out);
}
