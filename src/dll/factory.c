/*
 * Class factories and DllGetClassObject.
 *
 * One static factory per creatable coclass: Tapi3cc (our CLSID), TAPI (CLSID_TAPI,
 * for the drop-in registration) and DispatchMapper.  The factories are not counted
 * as live objects; IClassFactory::LockServer is.
 */
#include "dll.h"

struct class_factory
{
    IClassFactory IClassFactory_iface;
    const CLSID *clsid;
    HRESULT (*create)(const CLSID *clsid, IUnknown *outer, REFIID riid, void **out);
};

static inline struct class_factory *impl_from_IClassFactory(IClassFactory *iface)
{
    return CONTAINING_RECORD(iface, struct class_factory, IClassFactory_iface);
}

static HRESULT WINAPI class_factory_QueryInterface(IClassFactory *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IClassFactory))
    {
        *out = iface;
        IClassFactory_AddRef(iface);
        return S_OK;
    }
    return E_NOINTERFACE;
}

static ULONG WINAPI class_factory_AddRef(IClassFactory *iface)
{
    return 2;
}

static ULONG WINAPI class_factory_Release(IClassFactory *iface)
{
    return 1;
}

static HRESULT WINAPI class_factory_CreateInstance(IClassFactory *iface, IUnknown *outer,
                                                   REFIID riid, void **out)
{
    struct class_factory *factory = impl_from_IClassFactory(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    /* None of our objects can be aggregated. */
    if (outer)
        return CLASS_E_NOAGGREGATION;
    return factory->create(factory->clsid, outer, riid, out);
}

static HRESULT WINAPI class_factory_LockServer(IClassFactory *iface, BOOL lock)
{
    tcc__lock_server(lock);
    return S_OK;
}

static const IClassFactoryVtbl class_factory_vtbl =
{
    class_factory_QueryInterface,
    class_factory_AddRef,
    class_factory_Release,
    class_factory_CreateInstance,
    class_factory_LockServer,
};

static HRESULT create_dispatch_mapper(const CLSID *clsid, IUnknown *outer, REFIID riid, void **out)
{
    return tcc__dispatch_mapper_create(outer, riid, out);
}

static struct class_factory factories[] =
{
    { { &class_factory_vtbl }, &CLSID_Tapi3cc, tcc__tapi_create },
    { { &class_factory_vtbl }, &CLSID_TAPI, tcc__tapi_create },
    { { &class_factory_vtbl }, &CLSID_DispatchMapper, create_dispatch_mapper },
};

HRESULT WINAPI DllGetClassObject(REFCLSID clsid, REFIID riid, void **out)
{
    size_t i;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!clsid || !riid)
        return E_INVALIDARG;
    tcc__register_builtin_providers();

    for (i = 0; i < ARRAYSIZE(factories); i++)
        if (IsEqualCLSID(clsid, factories[i].clsid))
            return IClassFactory_QueryInterface(&factories[i].IClassFactory_iface, riid, out);
    return CLASS_E_CLASSNOTAVAILABLE;
}
