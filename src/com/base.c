/*
 * What the call-center objects share: the free-threaded marshaler (ThreadingModel
 * Both: an object handed to another apartment is used directly, as every object
 * guards its own state) and ISupportErrorInfo for the object's dual interfaces.
 */
#include "objects.h"

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
    struct tcc_object_base *base = impl_from_ISupportErrorInfo(iface);

    if (!riid)
        return E_POINTER;
    if (IsEqualIID(riid, &IID_IDispatch))
        return S_OK;
    for (size_t i = 0; i < base->route_count; i++)
        if (IsEqualIID(riid, base->routes[i].iid))
            return S_OK;
    return S_FALSE;
}

static const ISupportErrorInfoVtbl base_error_vtbl =
{
    base_error_QueryInterface,
    base_error_AddRef,
    base_error_Release,
    base_error_InterfaceSupportsErrorInfo,
};

HRESULT tcc__base_init(struct tcc_object_base *base, IUnknown *primary, const IID *iid, DISPID range)
{
    base->ISupportErrorInfo_iface.lpVtbl = &base_error_vtbl;
    base->primary = primary;
    base->route_count = 0;
    tcc__base_add_route(base, iid, range, primary);
    return CoCreateFreeThreadedMarshaler(primary, &base->marshaler);
}

void tcc__base_add_route(struct tcc_object_base *base, const IID *iid, DISPID range, IUnknown *iface)
{
    base->routes[base->route_count].iid = iid;
    base->routes[base->route_count].range = range;
    base->routes[base->route_count].iface = iface;
    base->routes[base->route_count].table = NULL;
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
    if (IsEqualIID(riid, &IID_IMarshal) && base->marshaler)
        return IUnknown_QueryInterface(base->marshaler, riid, out);
    return E_NOINTERFACE;
}

void tcc__base_cleanup(struct tcc_object_base *base)
{
    if (base->marshaler)
        IUnknown_Release(base->marshaler);
    base->marshaler = NULL;
}
