/*
 * What the objects share beside their own interfaces (base.c): the aggregated
 * free-threaded marshaler, ISupportErrorInfo for the object's dual interfaces, the
 * dispatch routes behind its IDispatch, and — for the objects that have them —
 * IProvideClassInfo2 and IObjectSafety.
 */
#ifndef TAPI3CC_COM_OBJECT_BASE_H
#define TAPI3CC_COM_OBJECT_BASE_H

#include "dispatch.h"
#include "errors.h"

/* `primary` is the object's IUnknown, which the base's interfaces forward to. */
struct tcc_object_base
{
    ISupportErrorInfo ISupportErrorInfo_iface;
    IUnknown *primary;
    IUnknown *marshaler;
    struct tcc_dispatch_route routes[2];
    size_t route_count;
};

/* Sets up the base with one route (`tid` over DISPID range `range`, served by
 * `primary`); tcc__base_cleanup releases what it holds. */
void tcc__base_init(struct tcc_object_base *base, IUnknown *primary, enum tcc_tid tid, DISPID range);
void tcc__base_add_route(struct tcc_object_base *base, enum tcc_tid tid, DISPID range, IUnknown *iface);
/* The tail of QueryInterface: ISupportErrorInfo and IMarshal; E_NOINTERFACE else. */
HRESULT tcc__base_query(struct tcc_object_base *base, REFIID riid, void **out);
void tcc__base_cleanup(struct tcc_object_base *base);
/* IDispatch, one of the routes' interfaces, or an interface they derive from. */
BOOL tcc__base_is_dual(const struct tcc_object_base *base, REFIID riid);

/* IProvideClassInfo2 of a creatable object: its coclass and default source. */
struct tcc_class_info
{
    IProvideClassInfo2 IProvideClassInfo2_iface;
    struct tcc_object_base *base;
    enum tcc_tid coclass;
    const IID *default_source;
};
void tcc__class_info_init(struct tcc_class_info *info, struct tcc_object_base *base, enum tcc_tid coclass,
                          const IID *default_source);
/* IProvideClassInfo(2); E_NOINTERFACE else. */
HRESULT tcc__class_info_query(struct tcc_class_info *info, REFIID riid, void **out);

/* IObjectSafety of an object that touches nothing outside itself and its provider:
 * safe for untrusted callers and data, for each of its dual interfaces. */
struct tcc_safety
{
    IObjectSafety IObjectSafety_iface;
    struct tcc_object_base *base;
    LONG options;               /* the enabled options; atomic */
};
void tcc__safety_init(struct tcc_safety *safety, struct tcc_object_base *base);
/* IObjectSafety; E_NOINTERFACE else. */
HRESULT tcc__safety_query(struct tcc_safety *safety, REFIID riid, void **out);

#endif
