/*
 * ITAddress and ITAddressCapabilities (spec §5.4): an address agents can log in on
 * ("usable addresses").  tapi3cc knows of an address what its ACD knows: its line
 * device ID, address ID, name and dialable address.  Everything about calls,
 * forwarding, message waiting and do-not-disturb is call control, which tapi3cc
 * does not implement (TAPI_E_NOTSUPPORTED, README).
 *
 * One IDispatch serves both dual interfaces, by DISPID range (IDISPADDRESS
 * 0x10000, IDISPADDRESSCAPABILITIES 0x20000).
 */
#include "identity.h"

struct address
{
    ITAddress ITAddress_iface;
    ITAddressCapabilities ITAddressCapabilities_iface;
    struct tcc_object_base base;
    LONG ref;
    struct tcc_handler *handler;
    DWORD line_id, address_id;
    BSTR name, dialable;
};

static const ITAddressVtbl address_vtbl;

static inline struct address *impl_from_ITAddress(ITAddress *iface)
{
    return CONTAINING_RECORD(iface, struct address, ITAddress_iface);
}

static inline struct address *impl_from_ITAddressCapabilities(ITAddressCapabilities *iface)
{
    return CONTAINING_RECORD(iface, struct address, ITAddressCapabilities_iface);
}

static struct tcc_identity address_identity(DWORD line_id, DWORD address_id)
{
    struct tcc_identity id = { .kind = TCC_KIND_ADDRESS, .a = line_id, .b = address_id };
    return id;
}

BOOL tcc__address_identity(ITAddress *iface, struct tcc_handler **handler, DWORD *line_id, DWORD *address_id)
{
    struct address *address;

    if (!iface || iface->lpVtbl != &address_vtbl)
        return FALSE;
    address = impl_from_ITAddress(iface);
    *handler = address->handler;
    *line_id = address->line_id;
    *address_id = address->address_id;
    return TRUE;
}

static HRESULT WINAPI address_QueryInterface(ITAddress *iface, REFIID riid, void **out)
{
    struct address *address = impl_from_ITAddress(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &IID_ITAddress))
        *out = &address->ITAddress_iface;
    else if (IsEqualIID(riid, &IID_ITAddressCapabilities))
        *out = &address->ITAddressCapabilities_iface;
    else
        return tcc__base_query(&address->base, riid, out);
    ITAddress_AddRef(iface);
    return S_OK;
}

static ULONG WINAPI address_AddRef(ITAddress *iface)
{
    return InterlockedIncrement(&impl_from_ITAddress(iface)->ref);
}

static ULONG WINAPI address_Release(ITAddress *iface)
{
    struct address *address = impl_from_ITAddress(iface);
    ULONG ref = InterlockedDecrement(&address->ref);

    if (!ref)
    {
        struct tcc_identity id = address_identity(address->line_id, address->address_id);

        tcc__map_remove(address->handler, &id, (IUnknown *)iface);
        tcc__base_cleanup(&address->base);
        tcc__handler_release(address->handler);
        SysFreeString(address->name);
        SysFreeString(address->dialable);
        HeapFree(GetProcessHeap(), 0, address);
        tcc__object_destroyed();
    }
    return ref;
}

TCC_DISPATCH_METHODS(address, ITAddress, struct address, ITAddress_iface)

static HRESULT copy_string(const WCHAR *text, BSTR *out, const WCHAR *member)
{
    if (!out)
        return tcc__null_pointer(&IID_ITAddress, member);
    if (!(*out = SysAllocString(text)))
        return tcc__error(E_OUTOFMEMORY, &IID_ITAddress, L"%ls: out of memory.", member);
    return S_OK;
}

/* In service while the TAPI object that found it is initialized and its provider
 * reaches its ACD. */
static HRESULT WINAPI address_get_State(ITAddress *iface, ADDRESS_STATE *state)
{
    struct address *address = impl_from_ITAddress(iface);
    ITTAPI2 *tapi;

    if (!state)
        return tcc__null_pointer(&IID_ITAddress, L"ITAddress::get_State");
    tapi = tcc__handler_tapi(address->handler);
    *state = tapi && !tcc__handler_out_of_service(address->handler) ? AS_INSERVICE : AS_OUTOFSERVICE;
    if (tapi)
        ITTAPI2_Release(tapi);
    return S_OK;
}

static HRESULT WINAPI address_get_AddressName(ITAddress *iface, BSTR *name)
{
    return copy_string(impl_from_ITAddress(iface)->name, name, L"ITAddress::get_AddressName");
}

/* The provider plays the part of TAPI's service provider. */
static HRESULT WINAPI address_get_ServiceProviderName(ITAddress *iface, BSTR *name)
{
    const struct tcc_provider *provider = tcc__handler_provider(impl_from_ITAddress(iface)->handler);
    WCHAR text[64];

    MultiByteToWideChar(CP_UTF8, 0, provider->name, -1, text, ARRAYSIZE(text));
    text[ARRAYSIZE(text) - 1] = 0;
    return copy_string(text, name, L"ITAddress::get_ServiceProviderName");
}

static HRESULT WINAPI address_get_TAPIObject(ITAddress *iface, ITTAPI **tapi)
{
    ITTAPI2 *object;

    if (!tapi)
        return tcc__null_pointer(&IID_ITAddress, L"ITAddress::get_TAPIObject");
    if (!(object = tcc__handler_tapi(impl_from_ITAddress(iface)->handler)))
    {
        *tapi = NULL;
        return tcc__error(TAPI_E_NOT_INITIALIZED, &IID_ITAddress,
                          L"ITAddress::get_TAPIObject: the TAPI object that found this address has been shut down.");
    }
    *tapi = (ITTAPI *)object;
    return S_OK;
}

static HRESULT WINAPI address_CreateCall(ITAddress *iface, BSTR destination, LONG address_type, LONG media_types,
                                         ITBasicCallControl **call)
{
    if (call)
        *call = NULL;
    return tcc__not_supported(&IID_ITAddress, L"ITAddress::CreateCall");
}

static HRESULT WINAPI address_get_Calls(ITAddress *iface, VARIANT *calls)
{
    if (calls)
        VariantInit(calls);
    return tcc__not_supported(&IID_ITAddress, L"ITAddress::get_Calls");
}

static HRESULT WINAPI address_EnumerateCalls(ITAddress *iface, IEnumCall **calls)
{
    if (calls)
        *calls = NULL;
    return tcc__not_supported(&IID_ITAddress, L"ITAddress::EnumerateCalls");
}

static HRESULT WINAPI address_get_DialableAddress(ITAddress *iface, BSTR *dialable)
{
    return copy_string(impl_from_ITAddress(iface)->dialable, dialable, L"ITAddress::get_DialableAddress");
}

static HRESULT WINAPI address_CreateForwardInfoObject(ITAddress *iface, ITForwardInformation **info)
{
    if (info)
        *info = NULL;
    return tcc__not_supported(&IID_ITAddress, L"ITAddress::CreateForwardInfoObject");
}

static HRESULT WINAPI address_Forward(ITAddress *iface, ITForwardInformation *info, ITBasicCallControl *call)
{
    return tcc__not_supported(&IID_ITAddress, L"ITAddress::Forward");
}

static HRESULT WINAPI address_get_CurrentForwardInfo(ITAddress *iface, ITForwardInformation **info)
{
    if (info)
        *info = NULL;
    return tcc__not_supported(&IID_ITAddress, L"ITAddress::get_CurrentForwardInfo");
}

static HRESULT WINAPI address_put_MessageWaiting(ITAddress *iface, VARIANT_BOOL waiting)
{
    return tcc__not_supported(&IID_ITAddress, L"ITAddress::put_MessageWaiting");
}

static HRESULT WINAPI address_get_MessageWaiting(ITAddress *iface, VARIANT_BOOL *waiting)
{
    if (waiting)
        *waiting = VARIANT_FALSE;
    return tcc__not_supported(&IID_ITAddress, L"ITAddress::get_MessageWaiting");
}

static HRESULT WINAPI address_put_DoNotDisturb(ITAddress *iface, VARIANT_BOOL dnd)
{
    return tcc__not_supported(&IID_ITAddress, L"ITAddress::put_DoNotDisturb");
}

static HRESULT WINAPI address_get_DoNotDisturb(ITAddress *iface, VARIANT_BOOL *dnd)
{
    if (dnd)
        *dnd = VARIANT_FALSE;
    return tcc__not_supported(&IID_ITAddress, L"ITAddress::get_DoNotDisturb");
}

static const ITAddressVtbl address_vtbl =
{
    address_QueryInterface,
    address_AddRef,
    address_Release,
    address_GetTypeInfoCount,
    address_GetTypeInfo,
    address_GetIDsOfNames,
    address_Invoke,
    address_get_State,
    address_get_AddressName,
    address_get_ServiceProviderName,
    address_get_TAPIObject,
    address_CreateCall,
    address_get_Calls,
    address_EnumerateCalls,
    address_get_DialableAddress,
    address_CreateForwardInfoObject,
    address_Forward,
    address_get_CurrentForwardInfo,
    address_put_MessageWaiting,
    address_get_MessageWaiting,
    address_put_DoNotDisturb,
    address_get_DoNotDisturb,
};

/* ITAddressCapabilities: IUnknown and IDispatch go to the ITAddress side. */

static HRESULT WINAPI caps_QueryInterface(ITAddressCapabilities *iface, REFIID riid, void **out)
{
    return address_QueryInterface(&impl_from_ITAddressCapabilities(iface)->ITAddress_iface, riid, out);
}

static ULONG WINAPI caps_AddRef(ITAddressCapabilities *iface)
{
    return address_AddRef(&impl_from_ITAddressCapabilities(iface)->ITAddress_iface);
}

static ULONG WINAPI caps_Release(ITAddressCapabilities *iface)
{
    return address_Release(&impl_from_ITAddressCapabilities(iface)->ITAddress_iface);
}

TCC_DISPATCH_METHODS(caps, ITAddressCapabilities, struct address, ITAddressCapabilities_iface)

static HRESULT WINAPI caps_get_AddressCapability(ITAddressCapabilities *iface, ADDRESS_CAPABILITY capability,
                                                 LONG *value)
{
    static const WCHAR member[] = L"ITAddressCapabilities::get_AddressCapability";
    struct address *address = impl_from_ITAddressCapabilities(iface);

    if (!value)
        return tcc__null_pointer(&IID_ITAddressCapabilities, member);
    *value = 0;
    switch (capability)
    {
    case AC_LINEID:
        *value = (LONG)address->line_id;
        return S_OK;
    case AC_ADDRESSID:
        *value = (LONG)address->address_id;
        return S_OK;
    default:
        if ((int)capability < AC_ADDRESSTYPES || capability > AC_GENERATEDIGITDEFAULTDURATION)
            return tcc__error(E_INVALIDARG, &IID_ITAddressCapabilities, L"%ls: %d is not an ADDRESS_CAPABILITY.",
                              member, (int)capability);
        return tcc__error(TAPI_E_NOTSUPPORTED, &IID_ITAddressCapabilities,
                          L"%ls: capability %d is about call control; tapi3cc knows only AC_LINEID and "
                          L"AC_ADDRESSID of an ACD address.", member, (int)capability);
    }
}

static HRESULT WINAPI caps_get_AddressCapabilityString(ITAddressCapabilities *iface,
                                                       ADDRESS_CAPABILITY_STRING capability, BSTR *value)
{
    if (value)
        *value = NULL;
    return tcc__not_supported(&IID_ITAddressCapabilities, L"ITAddressCapabilities::get_AddressCapabilityString");
}

static HRESULT WINAPI caps_get_CallTreatments(ITAddressCapabilities *iface, VARIANT *value)
{
    if (value)
        VariantInit(value);
    return tcc__not_supported(&IID_ITAddressCapabilities, L"ITAddressCapabilities::get_CallTreatments");
}

static HRESULT WINAPI caps_EnumerateCallTreatments(ITAddressCapabilities *iface, IEnumBstr **value)
{
    if (value)
        *value = NULL;
    return tcc__not_supported(&IID_ITAddressCapabilities, L"ITAddressCapabilities::EnumerateCallTreatments");
}

static HRESULT WINAPI caps_get_CompletionMessages(ITAddressCapabilities *iface, VARIANT *value)
{
    if (value)
        VariantInit(value);
    return tcc__not_supported(&IID_ITAddressCapabilities, L"ITAddressCapabilities::get_CompletionMessages");
}

static HRESULT WINAPI caps_EnumerateCompletionMessages(ITAddressCapabilities *iface, IEnumBstr **value)
{
    if (value)
        *value = NULL;
    return tcc__not_supported(&IID_ITAddressCapabilities, L"ITAddressCapabilities::EnumerateCompletionMessages");
}

static HRESULT WINAPI caps_get_DeviceClasses(ITAddressCapabilities *iface, VARIANT *value)
{
    if (value)
        VariantInit(value);
    return tcc__not_supported(&IID_ITAddressCapabilities, L"ITAddressCapabilities::get_DeviceClasses");
}

static HRESULT WINAPI caps_EnumerateDeviceClasses(ITAddressCapabilities *iface, IEnumBstr **value)
{
    if (value)
        *value = NULL;
    return tcc__not_supported(&IID_ITAddressCapabilities, L"ITAddressCapabilities::EnumerateDeviceClasses");
}

static const ITAddressCapabilitiesVtbl caps_vtbl =
{
    caps_QueryInterface,
    caps_AddRef,
    caps_Release,
    caps_GetTypeInfoCount,
    caps_GetTypeInfo,
    caps_GetIDsOfNames,
    caps_Invoke,
    caps_get_AddressCapability,
    caps_get_AddressCapabilityString,
    caps_get_CallTreatments,
    caps_EnumerateCallTreatments,
    caps_get_CompletionMessages,
    caps_EnumerateCompletionMessages,
    caps_get_DeviceClasses,
    caps_EnumerateDeviceClasses,
};

struct address_args
{
    DWORD line_id, address_id;
    const WCHAR *name, *dialable;
};

static HRESULT make_address(struct tcc_handler *handler, const void *args, IUnknown **object, LONG **ref)
{
    const struct address_args *made = args;
    struct address *address;

    if (!(address = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*address))))
        return E_OUTOFMEMORY;
    address->ITAddress_iface.lpVtbl = &address_vtbl;
    address->ITAddressCapabilities_iface.lpVtbl = &caps_vtbl;
    address->ref = 1;
    address->handler = handler;
    address->line_id = made->line_id;
    address->address_id = made->address_id;
    tcc__handler_addref(handler);
    tcc__object_created();
    *object = (IUnknown *)&address->ITAddress_iface;
    *ref = &address->ref;
    tcc__base_init(&address->base, *object, TCC_TID_ITAddress, IDISPADDRESS);
    tcc__base_add_route(&address->base, TCC_TID_ITAddressCapabilities, IDISPADDRESSCAPABILITIES,
                        (IUnknown *)&address->ITAddressCapabilities_iface);
    if (!(address->name = SysAllocString(made->name)) || !(address->dialable = SysAllocString(made->dialable)))
        return E_OUTOFMEMORY;
    return S_OK;
}

HRESULT tcc__address_get(struct tcc_handler *handler, DWORD line_id, DWORD address_id, const WCHAR *name,
                         const WCHAR *dialable, ITAddress **out)
{
    struct tcc_identity identity = address_identity(line_id, address_id);
    struct address_args args = { line_id, address_id, name, dialable };

    return tcc__map_get(handler, &identity, make_address, &args, (IUnknown **)out);
}
