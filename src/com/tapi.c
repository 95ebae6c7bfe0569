/*
 * The TAPI object: Tapi3cc.TAPI (our CLSID) and, registered drop-in, TAPI.TAPI.
 *
 * What exists so far: object lifetime, the event filter
 * mask, empty collections, IDispatch over the type library, IProvideClassInfo2,
 * ISupportErrorInfo, IObjectSafety and the free-threaded marshaler.  Members that belong to call
 * control answer TAPI_E_NOTSUPPORTED for good; the call-center members that need
 * the provider layer (addresses, collections) say plainly that this build does not
 * have them yet, and the README's compatibility table lists them.
 */
#include "objects.h"

struct tapi
{
    ITTAPI2 ITTAPI2_iface;
    IProvideClassInfo2 IProvideClassInfo2_iface;
    ISupportErrorInfo ISupportErrorInfo_iface;
    IObjectSafety IObjectSafety_iface;
    LONG ref;

    IUnknown *marshaler;        /* aggregated free-threaded marshaler */
    const CLSID *clsid;         /* the coclass it was created as */
    struct tcc_dispatch_route routes[1];

    SRWLOCK lock;               /* guards the fields below */
    LONG event_filter;
    DWORD safety_options;
};

static inline struct tapi *impl_from_ITTAPI2(ITTAPI2 *iface)
{
    return CONTAINING_RECORD(iface, struct tapi, ITTAPI2_iface);
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
           IsEqualIID(riid, &IID_IDispatch);
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

static ULONG WINAPI tapi_Release(ITTAPI2 *iface)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);
    ULONG ref = InterlockedDecrement(&tapi->ref);

    if (!ref)
    {
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

/* Accepted so that clients written as the documentation walks through run; no
 * provider is opened yet, so there is nothing to start or stop (README). */
static HRESULT WINAPI tapi_Initialize(ITTAPI2 *iface)
{
    return S_OK;
}

static HRESULT WINAPI tapi_Shutdown(ITTAPI2 *iface)
{
    return S_OK;
}

/* The call-center members that need the provider layer, which this build lacks. */
static HRESULT not_yet(const WCHAR *member)
{
    return tcc__error(E_NOTIMPL, &IID_ITTAPI,
                      L"ITTAPI::%ls is not implemented in this build of tapi3cc yet "
                      L"(see the compatibility table in README.md).", member);
}

static HRESULT WINAPI tapi_get_Addresses(ITTAPI2 *iface, VARIANT *addresses)
{
    if (!addresses)
        return tcc__error(E_POINTER, &IID_ITTAPI, L"ITTAPI::get_Addresses: the VARIANT pointer is NULL.");
    VariantInit(addresses);
    return not_yet(L"get_Addresses");
}

static HRESULT WINAPI tapi_EnumerateAddresses(ITTAPI2 *iface, IEnumAddress **addresses)
{
    if (!addresses)
        return tcc__error(E_POINTER, &IID_ITTAPI, L"ITTAPI::EnumerateAddresses: the output pointer is NULL.");
    *addresses = NULL;
    return not_yet(L"EnumerateAddresses");
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
 * filter is a mask the client owns.  Nothing arrives without it (events issue). */
static HRESULT WINAPI tapi_put_EventFilter(ITTAPI2 *iface, LONG mask)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);

    AcquireSRWLockExclusive(&tapi->lock);
    tapi->event_filter = mask;
    ReleaseSRWLockExclusive(&tapi->lock);
    return S_OK;
}

static HRESULT WINAPI tapi_get_EventFilter(ITTAPI2 *iface, LONG *mask)
{
    struct tapi *tapi = impl_from_ITTAPI2(iface);

    if (!mask)
        return tcc__error(E_POINTER, &IID_ITTAPI, L"ITTAPI::get_EventFilter: the output pointer is NULL.");
    AcquireSRWLockShared(&tapi->lock);
    *mask = tapi->event_filter;
    ReleaseSRWLockShared(&tapi->lock);
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
    tapi->IProvideClassInfo2_iface.lpVtbl = &class_info_vtbl;
    tapi->ISupportErrorInfo_iface.lpVtbl = &error_info_vtbl;
    tapi->IObjectSafety_iface.lpVtbl = &safety_vtbl;
    tapi->ref = 1;
    tapi->clsid = clsid;
    InitializeSRWLock(&tapi->lock);
    tapi->routes[0].iid = &IID_ITTAPI2;
    tapi->routes[0].range = IDISPTAPI;
    tapi->routes[0].iface = (IUnknown *)&tapi->ITTAPI2_iface;
    tcc__object_created();

    hr = CoCreateFreeThreadedMarshaler((IUnknown *)&tapi->ITTAPI2_iface, &tapi->marshaler);
    if (SUCCEEDED(hr))
        hr = ITTAPI2_QueryInterface(&tapi->ITTAPI2_iface, riid, out);
    ITTAPI2_Release(&tapi->ITTAPI2_iface);
    return hr;
}
