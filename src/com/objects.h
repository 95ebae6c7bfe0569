/*
 * Internal interface between the DLL shell (src/dll) and the COM objects (src/com).
 */
#ifndef TAPI3CC_OBJECTS_H
#define TAPI3CC_OBJECTS_H

#define COBJMACROS
#include <windows.h>
#include <ole2.h>
#include <objsafe.h>

#include <tapi3err.h>

#include "tcc_tapi3.h"

/* The live-object count behind DllCanUnloadNow (src/dll/module.c). */
void tcc__object_created(void);
void tcc__object_destroyed(void);
LONG tcc__live_objects(void);
void tcc__lock_server(BOOL lock);
HMODULE tcc__module(void);

/* Constructors: each returns a new object with one reference on `riid`. */
HRESULT tcc__tapi_create(const CLSID *clsid, IUnknown *outer, REFIID riid, void **out);
HRESULT tcc__dispatch_mapper_create(IUnknown *outer, REFIID riid, void **out);
/* A collection holding copies of `items` (count may be 0). */
HRESULT tcc__collection_create(const VARIANT *items, LONG count, ITCollection2 **out);

/* Type information from the type library embedded in this DLL as TYPELIB 1, loaded
 * once with REGKIND_NONE so that IDispatch works without (or before) registration. */
HRESULT tcc__get_typeinfo(REFGUID guid, ITypeInfo **typeinfo);
void tcc__release_typelib(void);

/*
 * IDispatch over the type library for an object with one or more dual interfaces.
 * Interfaces that share an object get disjoint DISPID ranges (spec §4.3): a route
 * answers for the DISPIDs whose (dispid & INTERFACEMASK) equals `range`.
 */
struct tcc_dispatch_route
{
    const IID *iid;     /* the dual interface whose type info describes it */
    DISPID range;       /* dispid & INTERFACEMASK */
    IUnknown *iface;    /* that interface on the object (ITypeInfo::Invoke calls its vtable) */
};

HRESULT tcc__dispatch_get_type_info(const struct tcc_dispatch_route *routes, UINT index,
                                    LCID lcid, ITypeInfo **typeinfo);
HRESULT tcc__dispatch_get_ids(const struct tcc_dispatch_route *routes, size_t count, REFIID riid,
                              LPOLESTR *names, UINT name_count, LCID lcid, DISPID *ids);
HRESULT tcc__dispatch_invoke(const struct tcc_dispatch_route *routes, size_t count, DISPID dispid,
                             REFIID riid, LCID lcid, WORD flags, DISPPARAMS *params,
                             VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_error);

/*
 * Sets the thread's IErrorInfo (source `source`, interface `iid`, a description
 * formatted from `format`) and returns `hr`, so that a failing method reads
 *     return tcc__error(E_POINTER, &IID_ITTAPI, L"...", ...);
 * Scripts show the description as Err.Description.
 */
HRESULT tcc__error(HRESULT hr, const IID *iid, const WCHAR *format, ...);

/* The message for a member tapi3cc does not implement (call control, phones ...). */
HRESULT tcc__not_supported(const IID *iid, const WCHAR *member);

#endif
