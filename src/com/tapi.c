/*
 * The TAPI object: Tapi3cc.TAPI (our CLSID) and, registered drop-in, TAPI.TAPI.
 *
 * ITTAPI/ITTAPI2 and ITTAPICallCenter share one IDispatch, routed by DISPID range
 * (IDISPTAPI 0x10000, IDISPTAPICALLCENTER 0x20000), so that a script finds both
 * `Addresses` and `AgentHandlers` on the object CreateObject returned.
 *
 * Initialize opens the configured providers (providers.c), one agent handler
 * each; Shutdown (and the final Release) closes them.  Members that belong to call
 * control answer TAPI_E_NOTSUPPORTED (README, compatibility table).
 */
#include "events.h"

enum tapi_state { TAPI_NEW, TAPI_INITIALIZED, TAPI_SHUT_DOWN };

struct tapi
{
    ITTAPI2 ITTAPI2_iface;
    ITTAPICallCenter ITTAPICallCenter_iface;
    IConnectionPointContainer IConnectionPointContainer_iface;
    struct tcc_object_base base;    /* ISupportErrorInfo, the marshaler, IDispatch's two routes */
    struct tcc_class_info class_info;
    struct tcc_safety safety;
    LONG ref;

    struct tcc_connection_point points[2];  /* ITTAPIEventNotification, the dispinterface */
    struct tcc_events *events;

    /* Initialize and Shutdown run one at a time, whole: the state, the handlers and
     * the event thread change together, never half. */
    CRITICAL_SECTION lifecycle;
    SRWLOCK lock;               /* guards the fields below */
    enum tapi_state state;
    struct tcc_handler **handlers;
    ULONG handler_count;
};

static inline struct tapi *impl_from_ITTAPI2(ITTAPI2 *iface)
{
    return CONTAINING_RECORD(iface, struct tapi, ITTAPI2_iface);
}

static inline struct tapi *impl_from_ITTAPICallCenter(ITTAPICallCenter *iface)
{
    return CONTAINING_RECORD(iface, struct tapi, ITTAPICallCenter_iface);
}

static inline struct tapi *impl_from_IConnectionPointContainer(IConnectionPointContainer *iface)
{
    return CONTAINING_RECORD(iface, struct tapi, IConnectionPointContainer_iface);
}

static HRESULT WINAPI tapi_QueryInterface(ITTAPI2 *iface, REFIID riid, void **out)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;

    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) ||
        IsEqualIID(riid, &IID_ITTAPI) || IsEqualIID(riid, &IID_ITTAPI2))
        *out = &tapi->ITTAPI2_iface;
    else if (IsEqualIID(riid, &IID_ITTAPICallCenter))
        *out = &tapi->ITTAPICallCenter_iface;
    else if (IsEqualIID(riid, &IID_IConnectionPointContainer))
        *out = &tapi->IConnectionPointContainer_iface;
    else
    {
        HRESULT hr = tcc__base_query(&tapi->base, riid, out);

        if (hr == E_NOINTERFACE)
            hr = tcc__class_info_query(&tapi->class_info, riid, out);
        if (hr == E_NOINTERFACE)
            hr = tcc__safety_query(&tapi->safety, riid, out);
        return hr;
    }

    IUnknown_AddRef((IUnknown *)*out);
    return S_OK;
}

static ULONG WINAPI tapi_AddRef(ITTAPI2 *iface)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);
    return InterlockedIncrement(&tapi->ref);
}

/* Takes the handlers out under the lock and closes them outside it: closing waits
 * for provider calls in flight, which may need the lock. */
static void close_handlers(struct tapi *tapi)
{
    struct tcc_handler **handlers;
    ULONG count;

    AcquireSRWLockExclusive(&tapi->lock);
    handlers = tapi->handlers;
    count = tapi->handler_count;
    tapi->handlers = NULL;
    tapi->handler_count = 0;
    if (tapi->state == TAPI_INITIALIZED)
        tapi->state = TAPI_SHUT_DOWN;
    ReleaseSRWLockExclusive(&tapi->lock);
    /* Delivery stops first (its thread joined, pending events dropped), then the
     * providers close. */
    if (tapi->events)
        tcc__events_stop(tapi->events);
    tcc__handlers_close_all(handlers, count);
}

BOOL tcc__tapi_try_addref(ITTAPI2 *iface)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);
    LONG ref;

    do
    {
        if (!(ref = tapi->ref))
            return FALSE;
    }
    while (InterlockedCompareExchange(&tapi->ref, ref + 1, ref) != ref);
    return TRUE;
}

static ULONG WINAPI tapi_Release(ITTAPI2 *iface)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);
    ULONG ref = InterlockedDecrement(&tapi->ref);

    if (!ref)
    {
        /* A client that never called Shutdown: close the providers now. */
        close_handlers(tapi);
        tcc__events_destroy(tapi->events);
        for (size_t i = 0; i < ARRAYSIZE(tapi->points); i++)
            tcc__connection_point_cleanup(&tapi->points[i]);
        tcc__base_cleanup(&tapi->base);
        DeleteCriticalSection(&tapi->lifecycle);
        HeapFree(GetProcessHeap(), 0, tapi);
        tcc__object_destroyed();
    }
    return ref;
}

TCC_DISPATCH_METHODS(tapi, ITTAPI2, struct tapi, ITTAPI2_iface)

static HRESULT WINAPI tapi_Initialize(ITTAPI2 *iface)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);
    struct tcc_handler **handlers;
    ULONG count;
    HRESULT hr = S_FALSE;   /* documented: already initialized */

    EnterCriticalSection(&tapi->lifecycle);
    if (tapi->state != TAPI_INITIALIZED && SUCCEEDED(hr = tcc__open_providers(iface, tapi->events, &handlers, &count)))
    {
        /* The event thread runs before the state says "initialized": a Shutdown that
         * then sees the handlers also finds the thread to stop. */
        if (FAILED(hr = tcc__events_start(tapi->events, handlers, count)))
        {
            tcc__handlers_close_all(handlers, count);
            hr = tcc__error(hr, &IID_ITTAPI, L"ITTAPI::Initialize: the event thread did not start.");
        }
        else
        {
            AcquireSRWLockExclusive(&tapi->lock);
            tapi->handlers = handlers;
            tapi->handler_count = count;
            tapi->state = TAPI_INITIALIZED;
            ReleaseSRWLockExclusive(&tapi->lock);
        }
    }
    LeaveCriticalSection(&tapi->lifecycle);
    return hr;
}

/* Every object the client still holds then fails with TAPI_E_NOT_INITIALIZED. */
static HRESULT WINAPI tapi_Shutdown(ITTAPI2 *iface)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);

    EnterCriticalSection(&tapi->lifecycle);
    close_handlers(tapi);
    LeaveCriticalSection(&tapi->lifecycle);
    return S_OK;
}

/* The handlers with a reference each, or E_INVALIDARG before Initialize
 * (documented for EnumerateAddresses and EnumerateAgentHandlers). */
static HRESULT snapshot_handlers(struct tapi *tapi, const IID *iid, const WCHAR *member,
                                 struct tcc_handler ***handlers, ULONG *count)
{
    HRESULT hr = S_OK;

    *handlers = NULL;
    *count = 0;
    AcquireSRWLockShared(&tapi->lock);
    if (tapi->state != TAPI_INITIALIZED)
        hr = tcc__error(E_INVALIDARG, iid, L"%ls: the TAPI object has not been initialized; call Initialize "
                        L"first.", member);
    else if (!(*handlers = HeapAlloc(GetProcessHeap(), 0, max(tapi->handler_count, 1) * sizeof(**handlers))))
        hr = tcc__error(E_OUTOFMEMORY, iid, L"%ls: out of memory.", member);
    else
    {
        *count = tapi->handler_count;
        for (ULONG i = 0; i < *count; i++)
        {
            (*handlers)[i] = tapi->handlers[i];
            tcc__handler_addref((*handlers)[i]);
        }
    }
    ReleaseSRWLockShared(&tapi->lock);
    return hr;
}

static void release_handlers(struct tcc_handler **handlers, ULONG count)
{
    for (ULONG i = 0; i < count; i++)
        tcc__handler_release(handlers[i]);
    HeapFree(GetProcessHeap(), 0, handlers);
}

/* The usable addresses of every handler, in handler order. */
static HRESULT list_addresses(void *object, const WCHAR *member, IUnknown ***items, ULONG *count)
{
    struct tapi *tapi = object;
    struct tcc_handler **handlers;
    ULONG handler_count;
    HRESULT hr;

    *items = NULL;
    *count = 0;
    if (FAILED(hr = snapshot_handlers(tapi, &IID_ITTAPI, member, &handlers, &handler_count)))
        return hr;
    for (ULONG i = 0; SUCCEEDED(hr) && i < handler_count; i++)
    {
        IUnknown **more, **grown;
        ULONG more_count;

        if (FAILED(hr = tcc__handler_list_addresses(handlers[i], member, &more, &more_count)))
            break;
        grown = *items ? HeapReAlloc(GetProcessHeap(), 0, *items, (*count + more_count + 1) * sizeof(**items))
                       : HeapAlloc(GetProcessHeap(), 0, (more_count + 1) * sizeof(**items));
        if (!grown)
        {
            tcc__release_all(more, more_count);
            hr = tcc__error(E_OUTOFMEMORY, &IID_ITTAPI, L"%ls: out of memory.", member);
        }
        else
        {
            *items = grown;
            memcpy(*items + *count, more, more_count * sizeof(*more));
            *count += more_count;
        }
        HeapFree(GetProcessHeap(), 0, more);
    }
    release_handlers(handlers, handler_count);
    if (FAILED(hr))
    {
        tcc__free_items(*items, *count);
        *items = NULL;
        *count = 0;
    }
    return hr;
}

static HRESULT WINAPI tapi_get_Addresses(ITTAPI2 *iface, VARIANT *addresses)
{
    return tcc__list_hand_out(impl_from_ITTAPI2(iface), list_addresses, NULL, addresses, &IID_ITTAPI,
                              L"ITTAPI::get_Addresses");
}

static HRESULT WINAPI tapi_EnumerateAddresses(ITTAPI2 *iface, IEnumAddress **addresses)
{
    return tcc__list_hand_out(impl_from_ITTAPI2(iface), list_addresses, &IID_IEnumAddress, addresses, &IID_ITTAPI,
                              L"ITTAPI::EnumerateAddresses");
}

static HRESULT WINAPI tapi_RegisterCallNotifications(ITTAPI2 *iface, ITAddress *address,
                                                     VARIANT_BOOL monitor, VARIANT_BOOL owner,
                                                     LONG media_types, LONG callback_instance,
                                                     LONG *registration)
{
    if (registration)
        *registration = 0;
    return tcc__not_supported(&IID_ITTAPI, L"ITTAPI::RegisterCallNotifications");
}

static HRESULT WINAPI tapi_UnregisterNotifications(ITTAPI2 *iface, LONG registration)
{
    return tcc__not_supported(&IID_ITTAPI, L"ITTAPI::UnregisterNotifications");
}

static HRESULT WINAPI tapi_get_CallHubs(ITTAPI2 *iface, VARIANT *call_hubs)
{
    if (call_hubs)
        VariantInit(call_hubs);
    return tcc__not_supported(&IID_ITTAPI, L"ITTAPI::get_CallHubs");
}

static HRESULT WINAPI tapi_EnumerateCallHubs(ITTAPI2 *iface, IEnumCallHub **call_hubs)
{
    if (call_hubs)
        *call_hubs = NULL;
    return tcc__not_supported(&IID_ITTAPI, L"ITTAPI::EnumerateCallHubs");
}

static HRESULT WINAPI tapi_SetCallHubTracking(ITTAPI2 *iface, VARIANT addresses, VARIANT_BOOL tracking)
{
    return tcc__not_supported(&IID_ITTAPI, L"ITTAPI::SetCallHubTracking");
}

static HRESULT WINAPI tapi_EnumeratePrivateTAPIObjects(ITTAPI2 *iface, IEnumUnknown **objects)
{
    if (objects)
        *objects = NULL;
    return tcc__not_supported(&IID_ITTAPI, L"ITTAPI::EnumeratePrivateTAPIObjects");
}

static HRESULT WINAPI tapi_get_PrivateTAPIObjects(ITTAPI2 *iface, VARIANT *objects)
{
    if (objects)
        VariantInit(objects);
    return tcc__not_supported(&IID_ITTAPI, L"ITTAPI::get_PrivateTAPIObjects");
}

static HRESULT WINAPI tapi_RegisterRequestRecipient(ITTAPI2 *iface, LONG registration_instance,
                                                    LONG request_mode, VARIANT_BOOL enable)
{
    return tcc__not_supported(&IID_ITTAPI, L"ITTAPI::RegisterRequestRecipient");
}

static HRESULT WINAPI tapi_SetAssistedTelephonyPriority(ITTAPI2 *iface, BSTR app_filename,
                                                        VARIANT_BOOL priority)
{
    return tcc__not_supported(&IID_ITTAPI, L"ITTAPI::SetAssistedTelephonyPriority");
}

static HRESULT WINAPI tapi_SetApplicationPriority(ITTAPI2 *iface, BSTR app_filename,
                                                  LONG media_type, VARIANT_BOOL priority)
{
    return tcc__not_supported(&IID_ITTAPI, L"ITTAPI::SetApplicationPriority");
}

/* Documented with S_OK and E_OUTOFMEMORY only, and usable before Initialize: the
 * filter is a mask the client owns, kept where events are made.  Nothing arrives
 * without it. */
static HRESULT WINAPI tapi_put_EventFilter(ITTAPI2 *iface, LONG mask)
{
    tcc__events_set_filter(impl_from_ITTAPI2(iface)->events, mask);
    return S_OK;
}

static HRESULT WINAPI tapi_get_EventFilter(ITTAPI2 *iface, LONG *mask)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);

    if (!mask)
        return tcc__error(E_POINTER, &IID_ITTAPI, L"ITTAPI::get_EventFilter: the output pointer is NULL.");
    *mask = tcc__events_filter(tapi->events);
    return S_OK;
}

static HRESULT WINAPI tapi_get_Phones(ITTAPI2 *iface, VARIANT *phones)
{
    if (phones)
        VariantInit(phones);
    return tcc__not_supported(&IID_ITTAPI2, L"ITTAPI2::get_Phones");
}

static HRESULT WINAPI tapi_EnumeratePhones(ITTAPI2 *iface, IEnumPhone **phones)
{
    if (phones)
        *phones = NULL;
    return tcc__not_supported(&IID_ITTAPI2, L"ITTAPI2::EnumeratePhones");
}

static HRESULT WINAPI tapi_CreateEmptyCollectionObject(ITTAPI2 *iface, ITCollection2 **collection)
{
    HRESULT hr;

    if (!collection)
        return tcc__error(E_POINTER, &IID_ITTAPI2,
                          L"ITTAPI2::CreateEmptyCollectionObject: the output pointer is NULL.");
    if (FAILED(hr = tcc__collection_create(NULL, 0, collection)))
        return tcc__error(hr, &IID_ITTAPI2, L"ITTAPI2::CreateEmptyCollectionObject: out of memory.");
    return S_OK;
}

static const ITTAPI2Vtbl tapi_vtbl =
{
    tapi_QueryInterface,
    tapi_AddRef,
    tapi_Release,
    tapi_GetTypeInfoCount,
    tapi_GetTypeInfo,
    tapi_GetIDsOfNames,
    tapi_Invoke,
    tapi_Initialize,
    tapi_Shutdown,
    tapi_get_Addresses,
    tapi_EnumerateAddresses,
    tapi_RegisterCallNotifications,
    tapi_UnregisterNotifications,
    tapi_get_CallHubs,
    tapi_EnumerateCallHubs,
    tapi_SetCallHubTracking,
    tapi_EnumeratePrivateTAPIObjects,
    tapi_get_PrivateTAPIObjects,
    tapi_RegisterRequestRecipient,
    tapi_SetAssistedTelephonyPriority,
    tapi_SetApplicationPriority,
    tapi_put_EventFilter,
    tapi_get_EventFilter,
    tapi_get_Phones,
    tapi_EnumeratePhones,
    tapi_CreateEmptyCollectionObject,
};

/* ITTAPICallCenter: IUnknown and IDispatch are the object's own. */

static HRESULT WINAPI call_center_QueryInterface(ITTAPICallCenter *iface, REFIID riid, void **out)
{
    return ITTAPI2_QueryInterface(&impl_from_ITTAPICallCenter(iface)->ITTAPI2_iface, riid, out);
}

static ULONG WINAPI call_center_AddRef(ITTAPICallCenter *iface)
{
    return ITTAPI2_AddRef(&impl_from_ITTAPICallCenter(iface)->ITTAPI2_iface);
}

static ULONG WINAPI call_center_Release(ITTAPICallCenter *iface)
{
    return ITTAPI2_Release(&impl_from_ITTAPICallCenter(iface)->ITTAPI2_iface);
}

static HRESULT WINAPI call_center_GetTypeInfoCount(ITTAPICallCenter *iface, UINT *count)
{
    return tapi_GetTypeInfoCount(&impl_from_ITTAPICallCenter(iface)->ITTAPI2_iface, count);
}

static HRESULT WINAPI call_center_GetTypeInfo(ITTAPICallCenter *iface, UINT index, LCID lcid, ITypeInfo **info)
{
    return tapi_GetTypeInfo(&impl_from_ITTAPICallCenter(iface)->ITTAPI2_iface, index, lcid, info);
}

static HRESULT WINAPI call_center_GetIDsOfNames(ITTAPICallCenter *iface, REFIID riid, LPOLESTR *names,
                                                UINT count, LCID lcid, DISPID *ids)
{
    return tapi_GetIDsOfNames(&impl_from_ITTAPICallCenter(iface)->ITTAPI2_iface, riid, names, count, lcid, ids);
}

static HRESULT WINAPI call_center_Invoke(ITTAPICallCenter *iface, DISPID dispid, REFIID riid, LCID lcid,
                                         WORD flags, DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo,
                                         UINT *arg_error)
{
    return tapi_Invoke(&impl_from_ITTAPICallCenter(iface)->ITTAPI2_iface, dispid, riid, lcid, flags, params,
                       result, excepinfo, arg_error);
}

static HRESULT handler_items(void *object, const WCHAR *member, IUnknown ***items, ULONG *count)
{
    struct tapi *tapi = object;
    struct tcc_handler **handlers;
    HRESULT hr;

    *items = NULL;
    if (FAILED(hr = snapshot_handlers(tapi, &IID_ITTAPICallCenter, member, &handlers, count)))
        return hr;
    /* The references the snapshot took become the items'. */
    *items = (IUnknown **)handlers;
    for (ULONG i = 0; i < *count; i++)
        (*items)[i] = (IUnknown *)tcc__handler_iface(handlers[i]);
    return S_OK;
}

static HRESULT WINAPI call_center_EnumerateAgentHandlers(ITTAPICallCenter *iface, IEnumAgentHandler **handlers)
{
    return tcc__list_hand_out(impl_from_ITTAPICallCenter(iface), handler_items, &IID_IEnumAgentHandler, handlers,
                              &IID_ITTAPICallCenter, L"ITTAPICallCenter::EnumerateAgentHandlers");
}

static HRESULT WINAPI call_center_get_AgentHandlers(ITTAPICallCenter *iface, VARIANT *handlers)
{
    return tcc__list_hand_out(impl_from_ITTAPICallCenter(iface), handler_items, NULL, handlers,
                              &IID_ITTAPICallCenter, L"ITTAPICallCenter::get_AgentHandlers");
}

static const ITTAPICallCenterVtbl call_center_vtbl =
{
    call_center_QueryInterface,
    call_center_AddRef,
    call_center_Release,
    call_center_GetTypeInfoCount,
    call_center_GetTypeInfo,
    call_center_GetIDsOfNames,
    call_center_Invoke,
    call_center_EnumerateAgentHandlers,
    call_center_get_AgentHandlers,
};

/* IConnectionPointContainer */

static HRESULT WINAPI container_QueryInterface(IConnectionPointContainer *iface, REFIID riid, void **out)
{
    return ITTAPI2_QueryInterface(&impl_from_IConnectionPointContainer(iface)->ITTAPI2_iface, riid, out);
}

static ULONG WINAPI container_AddRef(IConnectionPointContainer *iface)
{
    return ITTAPI2_AddRef(&impl_from_IConnectionPointContainer(iface)->ITTAPI2_iface);
}

static ULONG WINAPI container_Release(IConnectionPointContainer *iface)
{
    return ITTAPI2_Release(&impl_from_IConnectionPointContainer(iface)->ITTAPI2_iface);
}

static HRESULT WINAPI container_EnumConnectionPoints(IConnectionPointContainer *iface, IEnumConnectionPoints **out)
{
    struct tapi *tapi = impl_from_IConnectionPointContainer(iface);

    if (!out)
        return E_POINTER;
    return tcc__connection_points_enum(tapi->points, ARRAYSIZE(tapi->points), out);
}

static HRESULT WINAPI container_FindConnectionPoint(IConnectionPointContainer *iface, REFIID riid,
                                                    IConnectionPoint **out)
{
    struct tapi *tapi = impl_from_IConnectionPointContainer(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_POINTER;
    for (size_t i = 0; i < ARRAYSIZE(tapi->points); i++)
    {
        if (IsEqualIID(riid, tapi->points[i].iid))
        {
            *out = &tapi->points[i].IConnectionPoint_iface;
            IConnectionPoint_AddRef(*out);
            return S_OK;
        }
    }
    return CONNECT_E_NOCONNECTION;
}

static const IConnectionPointContainerVtbl container_vtbl =
{
    container_QueryInterface,
    container_AddRef,
    container_Release,
    container_EnumConnectionPoints,
    container_FindConnectionPoint,
};

HRESULT tcc__tapi_create(const CLSID *clsid, IUnknown *outer, REFIID riid, void **out)
{
    struct tapi *tapi;
    HRESULT hr;

    *out = NULL;
    if (outer)
        return CLASS_E_NOAGGREGATION;
    if (!(tapi = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*tapi))))
        return E_OUTOFMEMORY;

    tapi->ITTAPI2_iface.lpVtbl = &tapi_vtbl;
    tapi->ITTAPICallCenter_iface.lpVtbl = &call_center_vtbl;
    tapi->IConnectionPointContainer_iface.lpVtbl = &container_vtbl;
    tapi->ref = 1;
    tcc__object_created();
    InitializeCriticalSection(&tapi->lifecycle);
    InitializeSRWLock(&tapi->lock);
    tcc__class_info_init(&tapi->class_info, &tapi->base,
                         IsEqualCLSID(clsid, &CLSID_TAPI) ? TCC_TID_TAPI : TCC_TID_Tapi3cc,
                         &DIID_ITTAPIDispatchEventNotification);
    tcc__safety_init(&tapi->safety, &tapi->base);
    tcc__connection_point_init(&tapi->points[0], &tapi->IConnectionPointContainer_iface,
                               &IID_ITTAPIEventNotification);
    tcc__connection_point_init(&tapi->points[1], &tapi->IConnectionPointContainer_iface,
                               &DIID_ITTAPIDispatchEventNotification);
    if (FAILED(hr = tcc__events_create(tapi->points, ARRAYSIZE(tapi->points), &tapi->events)))
    {
        ITTAPI2_Release(&tapi->ITTAPI2_iface);
        return hr;
    }
    tcc__base_init(&tapi->base, (IUnknown *)&tapi->ITTAPI2_iface, TCC_TID_ITTAPI2, IDISPTAPI);
    tcc__base_add_route(&tapi->base, TCC_TID_ITTAPICallCenter, IDISPTAPICALLCENTER,
                        (IUnknown *)&tapi->ITTAPICallCenter_iface);
    hr = ITTAPI2_QueryInterface(&tapi->ITTAPI2_iface, riid, out);
    ITTAPI2_Release(&tapi->ITTAPI2_iface);
    return hr;
}
