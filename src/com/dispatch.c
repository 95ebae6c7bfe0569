/*
 * IDispatch for our objects, driven by the embedded type library: GetIDsOfNames and
 * Invoke go through ITypeInfo, which calls the object's own vtable, so the late-bound
 * path can never disagree with the early-bound one.
 */
#include "objects.h"

HRESULT tcc__dispatch_get_type_info(const struct tcc_dispatch_route *routes, UINT index,
                                    LCID lcid, ITypeInfo **typeinfo)
{
    if (!typeinfo)
        return E_POINTER;
    *typeinfo = NULL;
    if (index != 0)
        return DISP_E_BADINDEX;
    /* The first route is the object's default interface. */
    return tcc__get_typeinfo(routes[0].iid, typeinfo);
}

HRESULT tcc__dispatch_get_ids(const struct tcc_dispatch_route *routes, size_t count, REFIID riid,
                              LPOLESTR *names, UINT name_count, LCID lcid, DISPID *ids)
{
    HRESULT hr = DISP_E_UNKNOWNNAME;
    size_t i;

    if (!names || !ids)
        return E_POINTER;
    if (!riid || !IsEqualIID(riid, &IID_NULL))
        return DISP_E_UNKNOWNINTERFACE;
    if (!name_count)
        return E_INVALIDARG;

    /* The first interface that knows the member name answers, for the name and for
     * any named arguments with it. */
    for (i = 0; i < count; i++)
    {
        ITypeInfo *typeinfo;

        if (FAILED(hr = tcc__get_typeinfo(routes[i].iid, &typeinfo)))
            return hr;
        hr = ITypeInfo_GetIDsOfNames(typeinfo, names, name_count, ids);
        ITypeInfo_Release(typeinfo);
        if (hr != DISP_E_UNKNOWNNAME || ids[0] != DISPID_UNKNOWN)
            return hr;
    }
    return hr;
}

static const struct tcc_dispatch_route *find_route(const struct tcc_dispatch_route *routes,
                                                   size_t count, DISPID dispid)
{
    size_t i;

    if (count == 1)
        return &routes[0];
    for (i = 0; i < count; i++)
        if ((dispid & INTERFACEMASK) == routes[i].range)
            return &routes[i];
    return NULL;
}

HRESULT tcc__dispatch_invoke(const struct tcc_dispatch_route *routes, size_t count, DISPID dispid,
                             REFIID riid, LCID lcid, WORD flags, DISPPARAMS *params,
                             VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_error)
{
    const struct tcc_dispatch_route *route;
    ITypeInfo *typeinfo;
    HRESULT hr;

    if (!riid || !IsEqualIID(riid, &IID_NULL))
        return DISP_E_UNKNOWNINTERFACE;
    if (!params)
        return E_INVALIDARG;
    if (!(route = find_route(routes, count, dispid)))
        return DISP_E_MEMBERNOTFOUND;
    if (FAILED(hr = tcc__get_typeinfo(route->iid, &typeinfo)))
        return hr;
    /* A failing method has set IErrorInfo; ITypeInfo::Invoke turns it into
     * DISP_E_EXCEPTION with the EXCEPINFO a script shows as Err.Description. */
    hr = ITypeInfo_Invoke(typeinfo, route->iface, dispid, flags, params, result, excepinfo, arg_error);
    /* JScript calls everything as a method, `coll.Item(1)` and `new Enumerator(coll)`
     * (_NewEnum) among them: a property get answers a method call too, as
     * Automation objects do. */
    if (hr == DISP_E_MEMBERNOTFOUND && flags == DISPATCH_METHOD && result)
        hr = ITypeInfo_Invoke(typeinfo, route->iface, dispid, DISPATCH_PROPERTYGET, params, result, excepinfo,
                              arg_error);
    ITypeInfo_Release(typeinfo);
    return hr;
}
