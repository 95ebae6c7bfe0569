/*
 * What the objects share: the free-threaded marshaler (ThreadingModel Both: an
 * object handed to another apartment is used directly, as every object guards its
 * own state), ISupportErrorInfo for the object's dual interfaces, and, for the
 * objects that have them, IProvideClassInfo2 and IObjectSafety.  Every interface
 * here forwards IUnknown to the object's primary one.
 */
#include "object_base.h"

/* ISupportErrorInfo */

static inline struct tcc_object_base *impl_from_ISupportErrorInfo(ISupportErrorInfo *iface)
{
    return CONTAINING_RECORD(iface, struct tcc_object_base, ISupportErrorInfo_iface);
}

static HRESULT WINAPI base_error_QueryInterface(ISupportErrorInfo *iface, REFIID riid, void **out)
{
    return IUnknown_QueryInterface(impl_from_ISupportErrorInfo(iface)->primary, riid, out);
}

static ULONG WINAPI base_error_AddRef(ISupportErrorInfo *iface)
{
    return IUnknown_AddRef(impl_from_ISupportErrorInfo(iface)->primary);
}

static ULONG WINAPI base_error_Release(ISupportErrorInfo *iface)
{
    return IUnknown_Release(impl_from_ISupportErrorInfo(iface)->primary);
}

static HRESULT WINAPI base_error_InterfaceSupportsErrorInfo(ISupportErrorInfo *iface, REFIID riid)
{
    if (!riid)
        return E_POINTER;
    return tcc__base_is_dual(impl_from_ISupportErrorInfo(iface), riid) ? S_OK : S_FALSE;
}

static const ISupportErrorInfoVtbl base_error_vtbl =
{
    base_error_QueryInterface,
    base_error_AddRef,
    base_error_Release,
    base_error_InterfaceSupportsErrorInfo,
};

BOOL tcc__base_is_dual(const struct tcc_object_base *base, REFIID riid)
{
    if (IsEqualIID(riid, &IID_IDispatch))
        return TRUE;
    for (size_t i = 0; i < base->route_count; i++)
        for (enum tcc_tid tid = base->routes[i].tid; tid != TCC_TID_NONE; tid = tcc__tid_parent(tid))
            if (IsEqualIID(riid, tcc__tid_guid(tid)))
                return TRUE;
    return FALSE;
}

void tcc__base_init(struct tcc_object_base *base, IUnknown *primary, enum tcc_tid tid, DISPID range)
{
    base->ISupportErrorInfo_iface.lpVtbl = &base_error_vtbl;
    base->primary = primary;
    base->route_count = 0;
    tcc__base_add_route(base, tid, range, primary);
    base->marshaler = NULL;     /* made when first asked for (tcc__base_query) */
}

void tcc__base_add_route(struct tcc_object_base *base, enum tcc_tid tid, DISPID range, IUnknown *iface)
{
    base->routes[base->route_count].tid = tid;
    base->routes[base->route_count].range = range;
    base->routes[base->route_count].iface = iface;
    base->route_count++;
}

HRESULT tcc__base_query(struct tcc_object_base *base, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_ISupportErrorInfo))
    {
        *out = &base->ISupportErrorInfo_iface;
        IUnknown_AddRef(base->primary);
        return S_OK;
    }
    if (IsEqualIID(riid, &IID_IMarshal))
    {
        /* The free-threaded marshaler is made on the first IMarshal query, not with
         * every object: most objects never cross an apartment, and making one per
         * object was an allocation and a COM call per session an enumeration made. */
        if (!base->marshaler)
        {
            IUnknown *marshaler;
            HRESULT hr = CoCreateFreeThreadedMarshaler(base->primary, &marshaler);

            if (FAILED(hr))
                return hr;
            if (InterlockedCompareExchangePointer((void **)&base->marshaler, marshaler, NULL))
                IUnknown_Release(marshaler);    /* another thread made it first */
        }
        return IUnknown_QueryInterface(base->marshaler, riid, out);
    }
    return E_NOINTERFACE;
}

void tcc__base_cleanup(struct tcc_object_base *base)
{
    if (base->marshaler)
        IUnknown_Release(base->marshaler);
    base->marshaler = NULL;
}

/* IProvideClassInfo2 */

static inline struct tcc_class_info *impl_from_IProvideClassInfo2(IProvideClassInfo2 *iface)
{
    return CONTAINING_RECORD(iface, struct tcc_class_info, IProvideClassInfo2_iface);
}

static HRESULT WINAPI class_info_QueryInterface(IProvideClassInfo2 *iface, REFIID riid, void **out)
{
    return IUnknown_QueryInterface(impl_from_IProvideClassInfo2(iface)->base->primary, riid, out);
}

static ULONG WINAPI class_info_AddRef(IProvideClassInfo2 *iface)
{
    return IUnknown_AddRef(impl_from_IProvideClassInfo2(iface)->base->primary);
}

static ULONG WINAPI class_info_Release(IProvideClassInfo2 *iface)
{
    return IUnknown_Release(impl_from_IProvideClassInfo2(iface)->base->primary);
}

static HRESULT WINAPI class_info_GetClassInfo(IProvideClassInfo2 *iface, ITypeInfo **typeinfo)
{
    if (!typeinfo)
        return E_POINTER;
    return tcc__get_typeinfo(impl_from_IProvideClassInfo2(iface)->coclass, typeinfo);
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
    *guid = *impl_from_IProvideClassInfo2(iface)->default_source;
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

void tcc__class_info_init(struct tcc_class_info *info, struct tcc_object_base *base, enum tcc_tid coclass,
                          const IID *default_source)
{
    info->IProvideClassInfo2_iface.lpVtbl = &class_info_vtbl;
    info->base = base;
    info->coclass = coclass;
    info->default_source = default_source;
}

HRESULT tcc__class_info_query(struct tcc_class_info *info, REFIID riid, void **out)
{
    if (!IsEqualIID(riid, &IID_IProvideClassInfo) && !IsEqualIID(riid, &IID_IProvideClassInfo2))
        return E_NOINTERFACE;
    *out = &info->IProvideClassInfo2_iface;
    IUnknown_AddRef(info->base->primary);
    return S_OK;
}

/*
 * IObjectSafety: the object touches nothing outside itself and its provider, so it
 * is safe for untrusted callers and data.  DispatchMapper checks this interface
 * before it hands a script another interface of the object (spec §5.5).
 */
#define SUPPORTED_SAFETY (INTERFACESAFE_FOR_UNTRUSTED_CALLER | INTERFACESAFE_FOR_UNTRUSTED_DATA)

static inline struct tcc_safety *impl_from_IObjectSafety(IObjectSafety *iface)
{
    return CONTAINING_RECORD(iface, struct tcc_safety, IObjectSafety_iface);
}

static HRESULT WINAPI safety_QueryInterface(IObjectSafety *iface, REFIID riid, void **out)
{
    return IUnknown_QueryInterface(impl_from_IObjectSafety(iface)->base->primary, riid, out);
}

static ULONG WINAPI safety_AddRef(IObjectSafety *iface)
{
    return IUnknown_AddRef(impl_from_IObjectSafety(iface)->base->primary);
}

static ULONG WINAPI safety_Release(IObjectSafety *iface)
{
    return IUnknown_Release(impl_from_IObjectSafety(iface)->base->primary);
}

static HRESULT WINAPI safety_GetInterfaceSafetyOptions(IObjectSafety *iface, REFIID riid, DWORD *supported,
                                                       DWORD *enabled)
{
    struct tcc_safety *safety = impl_from_IObjectSafety(iface);

    if (!supported || !enabled)
        return E_POINTER;
    *supported = *enabled = 0;
    if (!riid || !tcc__base_is_dual(safety->base, riid))
        return E_NOINTERFACE;
    *supported = SUPPORTED_SAFETY;
    *enabled = (DWORD)InterlockedCompareExchange(&safety->options, 0, 0);
    return S_OK;
}

static HRESULT WINAPI safety_SetInterfaceSafetyOptions(IObjectSafety *iface, REFIID riid, DWORD mask,
                                                       DWORD enabled)
{
    struct tcc_safety *safety = impl_from_IObjectSafety(iface);
    LONG old;

    if (!riid || !tcc__base_is_dual(safety->base, riid))
        return E_NOINTERFACE;
    if (mask & ~SUPPORTED_SAFETY)
        return E_FAIL;
    do
        old = safety->options;
    while (InterlockedCompareExchange(&safety->options, (LONG)((old & ~mask) | (enabled & mask)), old) != old);
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

void tcc__safety_init(struct tcc_safety *safety, struct tcc_object_base *base)
{
    safety->IObjectSafety_iface.lpVtbl = &safety_vtbl;
    safety->base = base;
    safety->options = 0;
}

HRESULT tcc__safety_query(struct tcc_safety *safety, REFIID riid, void **out)
{
    if (!IsEqualIID(riid, &IID_IObjectSafety))
        return E_NOINTERFACE;
    *out = &safety->IObjectSafety_iface;
    IUnknown_AddRef(safety->base->primary);
    return S_OK;
}
