/*
 * DispatchMapper: lets a script, which only ever holds an object's default
 * IDispatch, reach the IDispatch of another interface of the same object
 * (e.g. ITTAPICallCenter on the TAPI object).  As documented, the target must
 * implement IObjectSafety and declare the interface safe for untrusted callers.
 */
#include "object_base.h"

struct dispatch_mapper
{
    ITDispatchMapper ITDispatchMapper_iface;
    struct tcc_object_base base;
    LONG ref;
};

static inline struct dispatch_mapper *impl_from_ITDispatchMapper(ITDispatchMapper *iface)
{
    return CONTAINING_RECORD(iface, struct dispatch_mapper, ITDispatchMapper_iface);
}

static HRESULT WINAPI dispatch_mapper_QueryInterface(ITDispatchMapper *iface, REFIID riid, void **out)
{
    struct dispatch_mapper *mapper = impl_from_ITDispatchMapper(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;

    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) ||
        IsEqualIID(riid, &IID_ITDispatchMapper))
        *out = &mapper->ITDispatchMapper_iface;
    else
        return tcc__base_query(&mapper->base, riid, out);

    IUnknown_AddRef((IUnknown *)*out);
    return S_OK;
}

static ULONG WINAPI dispatch_mapper_AddRef(ITDispatchMapper *iface)
{
    struct dispatch_mapper *mapper = impl_from_ITDispatchMapper(iface);
    return InterlockedIncrement(&mapper->ref);
}

static ULONG WINAPI dispatch_mapper_Release(ITDispatchMapper *iface)
{
    struct dispatch_mapper *mapper = impl_from_ITDispatchMapper(iface);
    ULONG ref = InterlockedDecrement(&mapper->ref);

    if (!ref)
    {
        tcc__base_cleanup(&mapper->base);
        HeapFree(GetProcessHeap(), 0, mapper);
        tcc__object_destroyed();
    }
    return ref;
}

TCC_DISPATCH_METHODS(dispatch_mapper, ITDispatchMapper, struct dispatch_mapper, ITDispatchMapper_iface)

static HRESULT WINAPI dispatch_mapper_QueryDispatchInterface(ITDispatchMapper *iface, BSTR iid_text,
                                                             IDispatch *target, IDispatch **out)
{
    IObjectSafety *safety;
    DWORD supported = 0, enabled = 0;
    IID iid;
    HRESULT hr;

    if (!out)
        return tcc__error(E_POINTER, &IID_ITDispatchMapper,
                          L"DispatchMapper.QueryDispatchInterface: the output pointer is NULL.");
    *out = NULL;
    if (!iid_text || FAILED(IIDFromString(iid_text, &iid)))
        return tcc__error(E_INVALIDARG, &IID_ITDispatchMapper,
                          L"DispatchMapper.QueryDispatchInterface: '%ls' is not an interface ID; "
                          L"pass a GUID string such as \"{5AFC3154-4BCC-11D1-BF80-00805FC147D3}\".",
                          iid_text ? iid_text : L"");
    if (!target)
        return tcc__error(E_POINTER, &IID_ITDispatchMapper,
                          L"DispatchMapper.QueryDispatchInterface: the object to map is Nothing.");

    if (FAILED(IDispatch_QueryInterface(target, &IID_IObjectSafety, (void **)&safety)))
        return tcc__error(E_NOINTERFACE, &IID_ITDispatchMapper,
                          L"DispatchMapper.QueryDispatchInterface: the object does not implement "
                          L"IObjectSafety, so none of its interfaces can be handed to a script.");
    hr = IObjectSafety_GetInterfaceSafetyOptions(safety, &iid, &supported, &enabled);
    IObjectSafety_Release(safety);
    if (FAILED(hr) || !(supported & INTERFACESAFE_FOR_UNTRUSTED_CALLER))
        return tcc__error(E_NOINTERFACE, &IID_ITDispatchMapper,
                          L"DispatchMapper.QueryDispatchInterface: the object does not declare "
                          L"interface %ls safe for scripting.", iid_text);

    /* Every interface a TAPI object declares safe is dual, so its pointer is an IDispatch. */
    if (FAILED(IDispatch_QueryInterface(target, &iid, (void **)out)))
    {
        *out = NULL;
        return tcc__error(E_NOINTERFACE, &IID_ITDispatchMapper,
                          L"DispatchMapper.QueryDispatchInterface: the object does not expose "
                          L"interface %ls.", iid_text);
    }
    return S_OK;
}

static const ITDispatchMapperVtbl dispatch_mapper_vtbl =
{
    dispatch_mapper_QueryInterface,
    dispatch_mapper_AddRef,
    dispatch_mapper_Release,
    dispatch_mapper_GetTypeInfoCount,
    dispatch_mapper_GetTypeInfo,
    dispatch_mapper_GetIDsOfNames,
    dispatch_mapper_Invoke,
    dispatch_mapper_QueryDispatchInterface,
};

HRESULT tcc__dispatch_mapper_create(IUnknown *outer, REFIID riid, void **out)
{
    struct dispatch_mapper *mapper;
    HRESULT hr;

    *out = NULL;
    if (outer)
        return CLASS_E_NOAGGREGATION;
    if (!(mapper = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*mapper))))
        return E_OUTOFMEMORY;

    mapper->ITDispatchMapper_iface.lpVtbl = &dispatch_mapper_vtbl;
    mapper->ref = 1;
    tcc__object_created();

    tcc__base_init(&mapper->base, (IUnknown *)&mapper->ITDispatchMapper_iface, TCC_TID_ITDispatchMapper, 0);
    hr = ITDispatchMapper_QueryInterface(&mapper->ITDispatchMapper_iface, riid, out);
    ITDispatchMapper_Release(&mapper->ITDispatchMapper_iface);
    return hr;
}
