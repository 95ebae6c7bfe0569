/*
 * The event objects handed to sinks (spec §3.5, §12a): ITAgentEvent,
 * ITAgentSessionEvent, ITACDGroupEvent, ITQueueEvent, ITAgentHandlerEvent and
 * ITAddressEvent.  Their vtables have one shape — the object the event is about
 * (slot 7) and the event value (slot 8) — so one implementation serves the six,
 * each with its own IID and type information; ITAddressEvent adds the terminal
 * (slot 9), which no address event of tapi3cc's has.  The object is the one the
 * client holds (found through the identity map).
 */
#include "events.h"

struct event_object
{
    union
    {
        ITAgentEvent ITAgentEvent_iface;        /* the shape of all six */
        ITAddressEvent ITAddressEvent_iface;    /* the same, and get_Terminal */
    };
    struct tcc_object_base base;
    LONG ref;
    const IID *iid;
    IUnknown *object;                   /* ITAgent, ITAgentSession, ITACDGroup, ITQueue or ITAgentHandler */
    LONG value;
};

static inline struct event_object *impl_from_ITAgentEvent(ITAgentEvent *iface)
{
    return CONTAINING_RECORD(iface, struct event_object, ITAgentEvent_iface);
}

static HRESULT WINAPI event_QueryInterface(ITAgentEvent *iface, REFIID riid, void **out)
{
    struct event_object *event = impl_from_ITAgentEvent(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, event->iid))
    {
        *out = iface;
        ITAgentEvent_AddRef(iface);
        return S_OK;
    }
    return tcc__base_query(&event->base, riid, out);
}

static ULONG WINAPI event_AddRef(ITAgentEvent *iface)
{
    return InterlockedIncrement(&impl_from_ITAgentEvent(iface)->ref);
}

static ULONG WINAPI event_Release(ITAgentEvent *iface)
{
    struct event_object *event = impl_from_ITAgentEvent(iface);
    ULONG ref = InterlockedDecrement(&event->ref);

    if (!ref)
    {
        tcc__base_cleanup(&event->base);
        if (event->object)
            IUnknown_Release(event->object);
        HeapFree(GetProcessHeap(), 0, event);
        tcc__object_destroyed();
    }
    return ref;
}

TCC_DISPATCH_METHODS(event, ITAgentEvent, struct event_object, ITAgentEvent_iface)

static HRESULT WINAPI event_get_Object(ITAgentEvent *iface, ITAgent **object)
{
    struct event_object *event = impl_from_ITAgentEvent(iface);

    if (!object)
        return tcc__error(E_POINTER, event->iid, L"the output pointer of the event's object is NULL.");
    *object = (ITAgent *)event->object;
    IUnknown_AddRef(event->object);
    return S_OK;
}

static HRESULT WINAPI event_get_Event(ITAgentEvent *iface, AGENT_EVENT *value)
{
    struct event_object *event = impl_from_ITAgentEvent(iface);

    if (!value)
        return tcc__error(E_POINTER, event->iid, L"get_Event: the output pointer is NULL.");
    *value = (AGENT_EVENT)event->value;
    return S_OK;
}

static inline struct event_object *impl_from_ITAddressEvent(ITAddressEvent *iface)
{
    return CONTAINING_RECORD(iface, struct event_object, ITAddressEvent_iface);
}

/* An address event's slots 0-8 are the common ones, reached through the same object. */
static HRESULT WINAPI address_event_QueryInterface(ITAddressEvent *iface, REFIID riid, void **out)
{
    return event_QueryInterface(&impl_from_ITAddressEvent(iface)->ITAgentEvent_iface, riid, out);
}

static ULONG WINAPI address_event_AddRef(ITAddressEvent *iface)
{
    return event_AddRef(&impl_from_ITAddressEvent(iface)->ITAgentEvent_iface);
}

static ULONG WINAPI address_event_Release(ITAddressEvent *iface)
{
    return event_Release(&impl_from_ITAddressEvent(iface)->ITAgentEvent_iface);
}

TCC_DISPATCH_METHODS(address_event, ITAddressEvent, struct event_object, ITAddressEvent_iface)

static HRESULT WINAPI address_event_get_Address(ITAddressEvent *iface, ITAddress **address)
{
    return event_get_Object(&impl_from_ITAddressEvent(iface)->ITAgentEvent_iface, (ITAgent **)address);
}

static HRESULT WINAPI address_event_get_Event(ITAddressEvent *iface, ADDRESS_EVENT *value)
{
    return event_get_Event(&impl_from_ITAddressEvent(iface)->ITAgentEvent_iface, (AGENT_EVENT *)value);
}

/* "NULL if the event does not refer to a terminal" (Microsoft's page): none does. */
static HRESULT WINAPI address_event_get_Terminal(ITAddressEvent *iface, ITTerminal **terminal)
{
    if (!terminal)
        return tcc__error(E_POINTER, &IID_ITAddressEvent, L"get_Terminal: the output pointer is NULL.");
    *terminal = NULL;
    return S_OK;
}

static const ITAddressEventVtbl address_event_vtbl =
{
    address_event_QueryInterface,
    address_event_AddRef,
    address_event_Release,
    address_event_GetTypeInfoCount,
    address_event_GetTypeInfo,
    address_event_GetIDsOfNames,
    address_event_Invoke,
    address_event_get_Address,
    address_event_get_Event,
    address_event_get_Terminal,
};

static const ITAgentEventVtbl event_vtbl =
{
    event_QueryInterface,
    event_AddRef,
    event_Release,
    event_GetTypeInfoCount,
    event_GetTypeInfo,
    event_GetIDsOfNames,
    event_Invoke,
    event_get_Object,
    event_get_Event,
};

/* The event interface for each TAPI_EVENT of the call center, and the interface
 * its object must be given as. */
static const struct
{
    TAPI_EVENT type;
    enum tcc_tid tid;
    const IID *object_iid;
}
kinds[] =
{
    { TE_AGENT, TCC_TID_ITAgentEvent, &IID_ITAgent },
    { TE_AGENTSESSION, TCC_TID_ITAgentSessionEvent, &IID_ITAgentSession },
    { TE_ACDGROUP, TCC_TID_ITACDGroupEvent, &IID_ITACDGroup },
    { TE_QUEUE, TCC_TID_ITQueueEvent, &IID_ITQueue },
    { TE_AGENTHANDLER, TCC_TID_ITAgentHandlerEvent, &IID_ITAgentHandler },
    { TE_ADDRESS, TCC_TID_ITAddressEvent, &IID_ITAddress },
};

HRESULT tcc__event_create(TAPI_EVENT type, IUnknown *object, LONG value, IDispatch **out)
{
    struct event_object *event;
    size_t kind = 0;
    HRESULT hr;

    *out = NULL;
    while (kind < ARRAYSIZE(kinds) && kinds[kind].type != type)
        kind++;
    if (kind == ARRAYSIZE(kinds))
        return E_INVALIDARG;
    if (!(event = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*event))))
        return E_OUTOFMEMORY;
    if (type == TE_ADDRESS)
        event->ITAddressEvent_iface.lpVtbl = &address_event_vtbl;
    else
        event->ITAgentEvent_iface.lpVtbl = &event_vtbl;
    event->ref = 1;
    event->iid = tcc__tid_guid(kinds[kind].tid);
    event->value = value;
    tcc__object_created();
    tcc__base_init(&event->base, (IUnknown *)&event->ITAgentEvent_iface, kinds[kind].tid, 0);
    if (FAILED(hr = IUnknown_QueryInterface(object, kinds[kind].object_iid, (void **)&event->object)))
    {
        event_Release(&event->ITAgentEvent_iface);
        return hr;
    }
    *out = (IDispatch *)&event->ITAgentEvent_iface;
    return S_OK;
}
