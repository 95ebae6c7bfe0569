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
#include "objects.h"

enum tapi_state { TAPI_NEW, TAPI_INITIALIZED, TAPI_SHUT_DOWN };

struct tapi
{
    ITTAPI2 ITTAPI2_iface;
    ITTAPICallCenter ITTAPICallCenter_iface;
    IConnectionPointContainer IConnectionPointContainer_iface;
    IProvideClassInfo2 IProvideClassInfo2_iface;
    ISupportErrorInfo ISupportErrorInfo_iface;
    IObjectSafety IObjectSafety_iface;
    LONG ref;

    IUnknown *marshaler;        /* aggregated free-threaded marshaler */
    const CLSID *clsid;         /* the coclass it was created as */
    struct tcc_dispatch_route routes[2];
    struct tcc_connection_point points[2];  /* ITTAPIEventNotification, the dispinterface */
    struct tcc_events *events;

    SRWLOCK lock;               /* guards the fields below */
    DWORD safety_options;
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

static inline struct tapi *impl_from_IProvideClassInfo2(IProvideClassInfo2 *iface)
{
    return CONTAINING_RECORD(iface, struct tapi, IProvideClassInfo2_iface);
}

static inline struct tapi *impl_from_ISupportErrorInfo(ISupportErrorInfo *iface)
{
    return CONTAINING_RECORD(iface, struct tapi, ISupportErrorInfo_iface);
}

static inline struct tapi *impl_from_IObjectSafety(IObjectSafety *iface)
{
    return CONTAINING_RECORD(iface, struct tapi, IObjectSafety_iface);
}

/* The dual interfaces of the object, which IObjectSafety and ISupportErrorInfo speak for. */
static BOOL is_tapi_interface(REFIID riid)
{
    return IsEqualIID(riid, &IID_ITTAPI) || IsEqualIID(riid, &IID_ITTAPI2) ||
           IsEqualIID(riid, &IID_ITTAPICallCenter) || IsEqualIID(riid, &IID_IDispatch);
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
    else if (IsEqualIID(riid, &IID_IProvideClassInfo) || IsEqualIID(riid, &IID_IProvideClassInfo2))
        *out = &tapi->IProvideClassInfo2_iface;
    else if (IsEqualIID(riid, &IID_ISupportErrorInfo))
        *out = &tapi->ISupportErrorInfo_iface;
    else if (IsEqualIID(riid, &IID_IObjectSafety))
        *out = &tapi->IObjectSafety_iface;
    else if (IsEqualIID(riid, &IID_IMarshal))
        return IUnknown_QueryInterface(tapi->marshaler, riid, out);
    else
        return E_NOINTERFACE;

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
    for (ULONG i = 0; i < count; i++)
    {
        tcc__handler_close(handlers[i]);
        tcc__handler_release(handlers[i]);
    }
    HeapFree(GetProcessHeap(), 0, handlers);
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
        if (tapi->marshaler)
            IUnknown_Release(tapi->marshaler);
        HeapFree(GetProcessHeap(), 0, tapi);
        tcc__object_destroyed();
    }
    return ref;
}

static HRESULT WINAPI tapi_GetTypeInfoCount(ITTAPI2 *iface, UINT *count)
{
    if (!count)
        return E_POINTER;
    *count = 1;
    return S_OK;
}

static HRESULT WINAPI tapi_GetTypeInfo(ITTAPI2 *iface, UINT index, LCID lcid, ITypeInfo **typeinfo)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);
    return tcc__dispatch_get_type_info(tapi->routes, index, lcid, typeinfo);
}

static HRESULT WINAPI tapi_GetIDsOfNames(ITTAPI2 *iface, REFIID riid, LPOLESTR *names,
                                         UINT count, LCID lcid, DISPID *ids)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);
    return tcc__dispatch_get_ids(tapi->routes, ARRAYSIZE(tapi->routes), riid, names, count, lcid, ids);
}

static HRESULT WINAPI tapi_Invoke(ITTAPI2 *iface, DISPID dispid, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo,
                                  UINT *arg_error)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);
    return tcc__dispatch_invoke(tapi->routes, ARRAYSIZE(tapi->routes), dispid, riid, lcid, flags,
                                params, result, excepinfo, arg_error);
}

static HRESULT WINAPI tapi_Initialize(ITTAPI2 *iface)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);
    struct tcc_handler **handlers;
    ULONG count;
    HRESULT hr;

    AcquireSRWLockExclusive(&tapi->lock);
    if (tapi->state == TAPI_INITIALIZED)
    {
        ReleaseSRWLockExclusive(&tapi->lock);
        return S_FALSE;     /* documented: already initialized */
    }
    ReleaseSRWLockExclusive(&tapi->lock);

    if (FAILED(hr = tcc__open_providers(iface, tapi->events, &handlers, &count)))
        return hr;
    AcquireSRWLockExclusive(&tapi->lock);
    if (tapi->state == TAPI_INITIALIZED)
    {
        /* Another thread initialized it meanwhile: ours are not needed. */
        ReleaseSRWLockExclusive(&tapi->lock);
        for (ULONG i = 0; i < count; i++)
        {
            tcc__handler_close(handlers[i]);
            tcc__handler_release(handlers[i]);
        }
        HeapFree(GetProcessHeap(), 0, handlers);
        return S_FALSE;
    }
    tapi->handlers = handlers;
    tapi->handler_count = count;
    tapi->state = TAPI_INITIALIZED;
    ReleaseSRWLockExclusive(&tapi->lock);
    if (FAILED(hr = tcc__events_start(tapi->events, handlers, count)))
    {
        close_handlers(tapi);
        return tcc__error(hr, &IID_ITTAPI, L"ITTAPI::Initialize: the event thread did not start.");
    }
    return S_OK;
}

/* Every object the client still holds then fails with TAPI_E_NOT_INITIALIZED. */
static HRESULT WINAPI tapi_Shutdown(ITTAPI2 *iface)
{
    close_handlers(impl_from_ITTAPI2(iface));
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
static HRESULT list_addresses(struct tapi *tapi, const WCHAR *member, IUnknown ***items, ULONG *count)
{
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
        tcc__release_all(*items, *count);
        HeapFree(GetProcessHeap(), 0, *items);
        *items = NULL;
        *count = 0;
    }
    return hr;
}

static HRESULT WINAPI tapi_get_Addresses(ITTAPI2 *iface, VARIANT *addresses)
{
    static const WCHAR member[] = L"ITTAPI::get_Addresses";
    IUnknown **items;
    ULONG count;
    HRESULT hr;

    if (!addresses)
        return tcc__null_pointer(&IID_ITTAPI, member);
    VariantInit(addresses);
    if (FAILED(hr = list_addresses(impl_from_ITTAPI2(iface), member, &items, &count)))
        return hr;
    return tcc__hand_out(items, count, NULL, NULL, addresses, &IID_ITTAPI, member);
}

static HRESULT WINAPI tapi_EnumerateAddresses(ITTAPI2 *iface, IEnumAddress **addresses)
{
    static const WCHAR member[] = L"ITTAPI::EnumerateAddresses";
    IUnknown **items;
    ULONG count;
    HRESULT hr;

    if (!addresses)
        return tcc__null_pointer(&IID_ITTAPI, member);
    *addresses = NULL;
    if (FAILED(hr = list_addresses(impl_from_ITTAPI2(iface), member, &items, &count)))
        return hr;
    return tcc__hand_out(items, count, &IID_IEnumAddress, (void **)addresses, NULL, &IID_ITTAPI, member);
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

static HRESULT handler_items(struct tapi *tapi, const WCHAR *member, IUnknown ***items, ULONG *count)
{
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
    static const WCHAR member[] = L"ITTAPICallCenter::EnumerateAgentHandlers";
    IUnknown **items;
    ULONG count;
    HRESULT hr;

    if (!handlers)
        return tcc__null_pointer(&IID_ITTAPICallCenter, member);
    *handlers = NULL;
    if (FAILED(hr = handler_items(impl_from_ITTAPICallCenter(iface), member, &items, &count)))
        return hr;
    return tcc__hand_out(items, count, &IID_IEnumAgentHandler, (void **)handlers, NULL, &IID_ITTAPICallCenter, member);
}

static HRESULT WINAPI call_center_get_AgentHandlers(ITTAPICallCenter *iface, VARIANT *handlers)
{
    static const WCHAR member[] = L"ITTAPICallCenter::get_AgentHandlers";
    IUnknown **items;
    ULONG count;
    HRESULT hr;

    if (!handlers)
        return tcc__null_pointer(&IID_ITTAPICallCenter, member);
    VariantInit(handlers);
    if (FAILED(hr = handler_items(impl_from_ITTAPICallCenter(iface), member, &items, &count)))
        return hr;
    return tcc__hand_out(items, count, NULL, NULL, handlers, &IID_ITTAPICallCenter, member);
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

static HRESULT WINAPI class_info_QueryInterface(IProvideClassInfo2 *iface, REFIID riid, void **out)
{
    struct tapi *tapi = impl_from_IProvideClassInfo2(iface);
    return ITTAPI2_QueryInterface(&tapi->ITTAPI2_iface, riid, out);
}

static ULONG WINAPI class_info_AddRef(IProvideClassInfo2 *iface)
{
    struct tapi *tapi = impl_from_IProvideClassInfo2(iface);
    return ITTAPI2_AddRef(&tapi->ITTAPI2_iface);
}

static ULONG WINAPI class_info_Release(IProvideClassInfo2 *iface)
{
    struct tapi *tapi = impl_from_IProvideClassInfo2(iface);
    return ITTAPI2_Release(&tapi->ITTAPI2_iface);
}

static HRESULT WINAPI class_info_GetClassInfo(IProvideClassInfo2 *iface, ITypeInfo **typeinfo)
{
    struct tapi *tapi = impl_from_IProvideClassInfo2(iface);

    if (!typeinfo)
        return E_POINTER;
    return tcc__get_typeinfo(tapi->clsid, typeinfo);
}

static HRESULT WINAPI class_info_GetGUID(IProvideClassInfo2 *iface, DWORD kind, GUID *guid)
{
    if (!guid)
        return E_POINTER;
    if (kind != GUIDKIND_DEFAULT_SOURCE_DISP_IID)
    {
        memset(guid, 0, sizeof(*guid));
        return E_INVALIDARG;
    }
    *guid = DIID_ITTAPIDispatchEventNotification;
    return S_OK;
}

static const IProvideClassInfo2Vtbl class_info_vtbl =
{
    class_info_QueryInterface,
    class_info_AddRef,
    class_info_Release,
    class_info_GetClassInfo,
    class_info_GetGUID,
};

static HRESULT WINAPI error_info_QueryInterface(ISupportErrorInfo *iface, REFIID riid, void **out)
{
    struct tapi *tapi = impl_from_ISupportErrorInfo(iface);
    return ITTAPI2_QueryInterface(&tapi->ITTAPI2_iface, riid, out);
}

static ULONG WINAPI error_info_AddRef(ISupportErrorInfo *iface)
{
    struct tapi *tapi = impl_from_ISupportErrorInfo(iface);
    return ITTAPI2_AddRef(&tapi->ITTAPI2_iface);
}

static ULONG WINAPI error_info_Release(ISupportErrorInfo *iface)
{
    struct tapi *tapi = impl_from_ISupportErrorInfo(iface);
    return ITTAPI2_Release(&tapi->ITTAPI2_iface);
}

static HRESULT WINAPI error_info_InterfaceSupportsErrorInfo(ISupportErrorInfo *iface, REFIID riid)
{
    if (!riid)
        return E_POINTER;
    return is_tapi_interface(riid) ? S_OK : S_FALSE;
}

static const ISupportErrorInfoVtbl error_info_vtbl =
{
    error_info_QueryInterface,
    error_info_AddRef,
    error_info_Release,
    error_info_InterfaceSupportsErrorInfo,
};

/*
 * IObjectSafety: the object touches nothing outside itself and its provider, so it
 * is safe for untrusted callers and data.  DispatchMapper checks this interface
 * before it hands a script another interface of the object (spec §5.5).
 */
#define SUPPORTED_SAFETY (INTERFACESAFE_FOR_UNTRUSTED_CALLER | INTERFACESAFE_FOR_UNTRUSTED_DATA)

static HRESULT WINAPI safety_QueryInterface(IObjectSafety *iface, REFIID riid, void **out)
{
    struct tapi *tapi = impl_from_IObjectSafety(iface);
    return ITTAPI2_QueryInterface(&tapi->ITTAPI2_iface, riid, out);
}

static ULONG WINAPI safety_AddRef(IObjectSafety *iface)
{
    struct tapi *tapi = impl_from_IObjectSafety(iface);
    return ITTAPI2_AddRef(&tapi->ITTAPI2_iface);
}

static ULONG WINAPI safety_Release(IObjectSafety *iface)
{
    struct tapi *tapi = impl_from_IObjectSafety(iface);
    return ITTAPI2_Release(&tapi->ITTAPI2_iface);
}

static HRESULT WINAPI safety_GetInterfaceSafetyOptions(IObjectSafety *iface, REFIID riid,
                                                       DWORD *supported, DWORD *enabled)
{
    struct tapi *tapi = impl_from_IObjectSafety(iface);

    if (!supported || !enabled)
        return E_POINTER;
    *supported = *enabled = 0;
    if (!riid || !is_tapi_interface(riid))
        return E_NOINTERFACE;
    *supported = SUPPORTED_SAFETY;
    AcquireSRWLockShared(&tapi->lock);
    *enabled = tapi->safety_options;
    ReleaseSRWLockShared(&tapi->lock);
    return S_OK;
}

static HRESULT WINAPI safety_SetInterfaceSafetyOptions(IObjectSafety *iface, REFIID riid,
                                                       DWORD mask, DWORD enabled)
{
    struct tapi *tapi = impl_from_IObjectSafety(iface);

    if (!riid || !is_tapi_interface(riid))
        return E_NOINTERFACE;
    if (mask & ~SUPPORTED_SAFETY)
        return E_FAIL;
    AcquireSRWLockExclusive(&tapi->lock);
    tapi->safety_options = (tapi->safety_options & ~mask) | (enabled & mask);
    ReleaseSRWLockExclusive(&tapi->lock);
    return S_OK;
}

static const IObjectSafetyVtbl safety_vtbl =
{
    safety_QueryInterface,
    safety_AddRef,
    safety_Release,
    safety_GetInterfaceSafetyOptions,
    safety_SetInterfaceSafetyOptions,
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
    tapi->IProvideClassInfo2_iface.lpVtbl = &class_info_vtbl;
    tapi->ISupportErrorInfo_iface.lpVtbl = &error_info_vtbl;
    tapi->IObjectSafety_iface.lpVtbl = &safety_vtbl;
    tapi->ref = 1;
    tapi->clsid = clsid;
    InitializeSRWLock(&tapi->lock);
    tapi->routes[0].iid = &IID_ITTAPI2;
    tapi->routes[0].range = IDISPTAPI;
    tapi->routes[0].iface = (IUnknown *)&tapi->ITTAPI2_iface;
    tapi->routes[1].iid = &IID_ITTAPICallCenter;
    tapi->routes[1].range = IDISPTAPICALLCENTER;
    tapi->routes[1].iface = (IUnknown *)&tapi->ITTAPICallCenter_iface;
    tcc__connection_point_init(&tapi->points[0], &tapi->IConnectionPointContainer_iface,
                               &IID_ITTAPIEventNotification);
    tcc__connection_point_init(&tapi->points[1], &tapi->IConnectionPointContainer_iface,
                               &DIID_ITTAPIDispatchEventNotification);
    if (FAILED(hr = tcc__events_create(tapi->points, ARRAYSIZE(tapi->points), &tapi->events)))
    {
        ITTAPI2_Release(&tapi->ITTAPI2_iface);
        return hr;
    }
    tcc__object_created();

    hr = CoCreateFreeThreadedMarshaler((IUnknown *)&tapi->ITTAPI2_iface, &tapi->marshaler);
    if (SUCCEEDED(hr))
        hr = ITTAPI2_QueryInterface(&tapi->ITTAPI2_iface, riid, out);
    ITTAPI2_Release(&tapi->ITTAPI2_iface);
    return hr;
}
