/*
 * Type information and IDispatch for our objects (typelib.c, dispatch.c).
 *
 * Every type the objects describe themselves with has an index (enum tcc_tid), as
 * in Wine's scrrun: the type infos of the embedded type library and the dispatch
 * tables built from them are arrays indexed by it, so no call searches by GUID.
 */
#ifndef TAPI3CC_COM_DISPATCH_H
#define TAPI3CC_COM_DISPATCH_H

#include "module.h"

enum tcc_tid
{
    TCC_TID_ITTAPI,
    TCC_TID_ITTAPI2,
    TCC_TID_ITTAPICallCenter,
    TCC_TID_ITAgentHandler,
    TCC_TID_ITAgent,
    TCC_TID_ITAgentSession,
    TCC_TID_ITACDGroup,
    TCC_TID_ITQueue,
    TCC_TID_ITAddress,
    TCC_TID_ITAddressCapabilities,
    TCC_TID_ITCollection,
    TCC_TID_ITCollection2,
    TCC_TID_ITDispatchMapper,
    TCC_TID_ITAgentEvent,
    TCC_TID_ITAgentSessionEvent,
    TCC_TID_ITACDGroupEvent,
    TCC_TID_ITQueueEvent,
    TCC_TID_ITAgentHandlerEvent,
    TCC_TID_ITAddressEvent,
    TCC_TID_Tapi3cc,            /* coclasses, for IProvideClassInfo */
    TCC_TID_TAPI,
    TCC_TID_COUNT,
    TCC_TID_NONE = TCC_TID_COUNT
};

/* The GUID of a type, and the type it derives from (TCC_TID_NONE: IDispatch). */
const GUID *tcc__tid_guid(enum tcc_tid tid);
enum tcc_tid tcc__tid_parent(enum tcc_tid tid);

/* Type information from the type library embedded in this DLL as TYPELIB 1, loaded
 * once with REGKIND_NONE so that IDispatch works without (or before) registration. */
HRESULT tcc__get_typeinfo(enum tcc_tid tid, ITypeInfo **typeinfo);
void tcc__release_typelib(void);

/*
 * IDispatch over the type library for an object with one or more dual interfaces.
 * Interfaces that share an object get disjoint DISPID ranges (spec §4.3): a route
 * answers for the DISPIDs whose (dispid & INTERFACEMASK) equals `range`.
 */
struct tcc_dispatch_route
{
    enum tcc_tid tid;   /* the dual interface whose type info describes it */
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
void tcc__release_dispatch_tables(void);

/* The four IDispatch members of a dual interface `type` embedded as `field` in
 * `object` (which has a `struct tcc_object_base base`), through the type library. */
#define TCC_DISPATCH_METHODS(prefix, type, object, field) \
    static HRESULT WINAPI prefix##_GetTypeInfoCount(type *iface, UINT *count) \
    { \
        if (!count) \
            return E_POINTER; \
        *count = 1; \
        return S_OK; \
    } \
    static HRESULT WINAPI prefix##_GetTypeInfo(type *iface, UINT index, LCID lcid, ITypeInfo **info) \
    { \
        return tcc__dispatch_get_type_info(CONTAINING_RECORD(iface, object, field)->base.routes, index, lcid, \
                                           info); \
    } \
    static HRESULT WINAPI prefix##_GetIDsOfNames(type *iface, REFIID riid, LPOLESTR *names, UINT count, \
                                                 LCID lcid, DISPID *ids) \
    { \
        struct tcc_object_base *base = &CONTAINING_RECORD(iface, object, field)->base; \
        return tcc__dispatch_get_ids(base->routes, base->route_count, riid, names, count, lcid, ids); \
    } \
    static HRESULT WINAPI prefix##_Invoke(type *iface, DISPID dispid, REFIID riid, LCID lcid, WORD flags, \
                                          DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, \
                                          UINT *arg_error) \
    { \
        struct tcc_object_base *base = &CONTAINING_RECORD(iface, object, field)->base; \
        return tcc__dispatch_invoke(base->routes, base->route_count, dispid, riid, lcid, flags, params, \
                                    result, excepinfo, arg_error); \
    }

#endif
