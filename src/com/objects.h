/*
 * Internal interface between the DLL shell (src/dll) and the COM objects (src/com).
 */
#ifndef TAPI3CC_OBJECTS_H
#define TAPI3CC_OBJECTS_H

#define COBJMACROS
#include <windows.h>
#include <ole2.h>
#include <objsafe.h>
#include <olectl.h>

#include <tapi3err.h>

#include "tcc_tapi3.h"
#include "tapi3cc/provider.h"

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
    const struct tcc_dispatch_table *table;     /* found at the first call (dispatch.c); NULL before */
};

HRESULT tcc__dispatch_get_type_info(const struct tcc_dispatch_route *routes, UINT index,
                                    LCID lcid, ITypeInfo **typeinfo);
HRESULT tcc__dispatch_get_ids(struct tcc_dispatch_route *routes, size_t count, REFIID riid,
                              LPOLESTR *names, UINT name_count, LCID lcid, DISPID *ids);
HRESULT tcc__dispatch_invoke(struct tcc_dispatch_route *routes, size_t count, DISPID dispid,
                             REFIID riid, LCID lcid, WORD flags, DISPPARAMS *params,
                             VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_error);
void tcc__release_dispatch_tables(void);

/*
 * Sets the thread's IErrorInfo (source `source`, interface `iid`, a description
 * formatted from `format`) and returns `hr`, so that a failing method reads
 *     return tcc__error(E_POINTER, &IID_ITTAPI, L"...", ...);
 * Scripts show the description as Err.Description.
 */
HRESULT tcc__error(HRESULT hr, const IID *iid, const WCHAR *format, ...);

/* The message for a member tapi3cc does not implement (call control, phones ...). */
HRESULT tcc__not_supported(const IID *iid, const WCHAR *member);

/*
 * What every call-center object shares beside its own interfaces: the aggregated
 * free-threaded marshaler, ISupportErrorInfo for its dual interfaces, and the
 * dispatch routes for its IDispatch.  `primary` is the object's IUnknown, which
 * ISupportErrorInfo forwards to.
 */
struct tcc_object_base
{
    ISupportErrorInfo ISupportErrorInfo_iface;
    IUnknown *primary;
    IUnknown *marshaler;
    struct tcc_dispatch_route routes[2];
    size_t route_count;
};

/* Sets up the base with one route (`iid` over DISPID range `range`, served by
 * `primary`); tcc__base_cleanup releases what it holds. */
HRESULT tcc__base_init(struct tcc_object_base *base, IUnknown *primary, const IID *iid, DISPID range);
void tcc__base_add_route(struct tcc_object_base *base, const IID *iid, DISPID range, IUnknown *iface);
/* The tail of QueryInterface: ISupportErrorInfo and IMarshal; E_NOINTERFACE else. */
HRESULT tcc__base_query(struct tcc_object_base *base, REFIID riid, void **out);
void tcc__base_cleanup(struct tcc_object_base *base);

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

/* A provider's LINEERR_ code as an HRESULT (spec §10.3: the five agent codes as
 * TAPI_E_CALLCENTER_*, LINEERR_NOMEM as E_OUTOFMEMORY, the rest unchanged), with an
 * IErrorInfo naming `member` and the code. */
HRESULT tcc__lineerr(int32_t code, const IID *iid, const WCHAR *member);

/* Out-pointer checks that set the documented E_POINTER with a message. */
HRESULT tcc__null_pointer(const IID *iid, const WCHAR *member);

/*
 * Enumerators (spec §3.8, IEnumAddress): one implementation for every IEnumXxx,
 * whose vtables all have the same shape.  The enumerator holds its own reference
 * on each of the `count` elements (interface pointers of type `iid`'s elements).
 */
HRESULT tcc__enum_create(const IID *iid, IUnknown **elements, ULONG count, void **out);

/* A collection (VT_DISPATCH VARIANT holding an ITCollection) of interface pointers. */
HRESULT tcc__collection_of(IUnknown **elements, ULONG count, VARIANT *out);

/* An agent handler: one open provider instance (src/com/handler.c). */
struct tcc_handler;

struct tcc_events;
HRESULT tcc__handler_open(ITTAPI2 *tapi, const struct tcc_provider *provider, const char *config,
                          struct tcc_events *events, struct tcc_handler **out, WCHAR *error, size_t error_size);
/* Closes the provider: every object of this handler then fails with
 * TAPI_E_NOT_INITIALIZED.  The caller still owns its reference. */
void tcc__handler_close(struct tcc_handler *handler);
ITAgentHandler *tcc__handler_iface(struct tcc_handler *handler);
void tcc__handler_addref(struct tcc_handler *handler);
void tcc__handler_release(struct tcc_handler *handler);
const struct tcc_provider *tcc__handler_provider(struct tcc_handler *handler);

/* A call into the provider: between enter and leave, `context` stays open. */
struct tcc_provider_call
{
    struct tcc_handler *handler;
    const struct tcc_provider *provider;
    void *context;
};
HRESULT tcc__provider_enter(struct tcc_handler *handler, const IID *iid, const WCHAR *member,
                            struct tcc_provider_call *call);
void tcc__provider_leave(struct tcc_provider_call *call);
/* enter, run `result = (expression)` (a provider member), leave; map a failure. */
#define TCC_PROVIDER_CALL(handler, iid, member, call, expression, hr) \
    do \
    { \
        if (SUCCEEDED((hr) = tcc__provider_enter((handler), (iid), (member), &(call)))) \
        { \
            int32_t result_ = (expression); \
            tcc__provider_leave(&(call)); \
            if (result_) \
                (hr) = tcc__lineerr(result_, (iid), (member)); \
        } \
    } while (0)

/* One COM object per backend object while it lives (DESIGN.md): the handler keeps a
 * weak map from identity to object.  Objects register themselves when made and
 * leave the map in their final Release. */
enum tcc_kind { TCC_KIND_AGENT = 1, TCC_KIND_SESSION, TCC_KIND_GROUP, TCC_KIND_QUEUE, TCC_KIND_ADDRESS };
struct tcc_identity
{
    DWORD kind;
    DWORD a, b;         /* handle, queue id, line and address IDs */
    GUID guid;          /* group */
};
void tcc__map_lock(struct tcc_handler *handler);
void tcc__map_unlock(struct tcc_handler *handler);
/* Under the map lock: the live object for `id` with a new reference, or NULL. */
IUnknown *tcc__map_find(struct tcc_handler *handler, const struct tcc_identity *id);
/* The live object for `id` with a new reference, or a new one from `make`, which
 * returns the object (with one reference, or half made on failure: it is then
 * released) and its reference count.  `make` runs under the map lock. */
typedef HRESULT (*tcc_make_fn)(struct tcc_handler *handler, const void *args, IUnknown **object, LONG **ref);
HRESULT tcc__map_get(struct tcc_handler *handler, const struct tcc_identity *id, tcc_make_fn make, const void *args,
                     IUnknown **out);
/* From an object's final Release (takes the lock itself). */
void tcc__map_remove(struct tcc_handler *handler, const struct tcc_identity *id, IUnknown *object);

/* The line an agent session was created on (the provider's session entries give
 * only the working address ID, which several lines may share). */
void tcc__handler_note_session_line(struct tcc_handler *handler, tcc_hagentsession session, DWORD line_id);
BOOL tcc__handler_session_line(struct tcc_handler *handler, tcc_hagentsession session, DWORD *line_id);

/* The objects, each found in the map or made (one new reference each). */
HRESULT tcc__agent_get(struct tcc_handler *handler, tcc_hagent handle, const WCHAR *id, const WCHAR *user,
                       ITAgent **out);
HRESULT tcc__session_get(struct tcc_handler *handler, tcc_hagentsession handle, ITAgent *agent,
                         const GUID *group, DWORD line_id, DWORD address_id, ITAgentSession **out);
HRESULT tcc__group_get(struct tcc_handler *handler, const GUID *guid, const WCHAR *name, ITACDGroup **out);
HRESULT tcc__queue_get(struct tcc_handler *handler, DWORD queue_id, const WCHAR *name, ITQueue **out);
HRESULT tcc__address_get(struct tcc_handler *handler, DWORD line_id, DWORD address_id, const WCHAR *name,
                         const WCHAR *dialable, ITAddress **out);

/* Object -> backend identity, for our own objects only (NULL/FALSE for foreign ones). */
BOOL tcc__group_identity(ITACDGroup *group, struct tcc_handler **handler, GUID *guid);
BOOL tcc__address_identity(ITAddress *address, struct tcc_handler **handler, DWORD *line_id, DWORD *address_id);
tcc_hagent tcc__agent_handle(ITAgent *agent);

/* Lists from the provider, as new objects (or live ones) in an array the caller
 * frees with tcc__release_all. */
HRESULT tcc__handler_list_groups(struct tcc_handler *handler, const WCHAR *member, IUnknown ***items, ULONG *count);
HRESULT tcc__handler_list_addresses(struct tcc_handler *handler, const WCHAR *member, IUnknown ***items,
                                    ULONG *count);
HRESULT tcc__handler_find_group(struct tcc_handler *handler, const GUID *guid, const WCHAR *member,
                                ITACDGroup **out);
/* line_id TCC_ANY_LINE: the first address with that address ID (a session this
 * process did not make, whose line is not known). */
#define TCC_ANY_LINE ((DWORD)-1)
HRESULT tcc__handler_find_address(struct tcc_handler *handler, DWORD line_id, DWORD address_id,
                                  const WCHAR *member, ITAddress **out);
HRESULT tcc__group_list_queues(struct tcc_handler *handler, const GUID *guid, const WCHAR *member,
                               IUnknown ***items, ULONG *count);
void tcc__release_all(IUnknown **items, ULONG count);

/* A connection point embedded in its container (whose lifetime it shares). */
struct tcc_connection_point
{
    IConnectionPoint IConnectionPoint_iface;
    IConnectionPointContainer *container;
    const IID *iid;
    SRWLOCK lock;               /* guards the sinks */
    struct tcc_sink **sinks;
    ULONG count, capacity;
    DWORD next_cookie;
};
void tcc__connection_point_init(struct tcc_connection_point *point, IConnectionPointContainer *container,
                                const IID *iid);
void tcc__connection_point_cleanup(struct tcc_connection_point *point);
HRESULT tcc__connection_points_enum(struct tcc_connection_point *points, ULONG count, IEnumConnectionPoints **out);
/* Queues the event for every sink of the point. */
void tcc__connection_point_deliver(struct tcc_connection_point *point, TAPI_EVENT type, IDispatch *event);
/* Drops the sinks' pending events and stops their delivery threads (Shutdown). */
void tcc__connection_point_flush(struct tcc_connection_point *point);

/* One connected sink and its delivery (event_sink.c). */
struct tcc_sink;
HRESULT tcc__sink_create(IUnknown *iface, BOOL dispinterface, DWORD cookie, struct tcc_sink **out);
void tcc__sink_addref(struct tcc_sink *sink);
void tcc__sink_release(struct tcc_sink *sink);
IUnknown *tcc__sink_iface(struct tcc_sink *sink);
DWORD tcc__sink_cookie(struct tcc_sink *sink);
void tcc__sink_post(struct tcc_sink *sink, TAPI_EVENT type, IDispatch *event);
void tcc__sink_flush(struct tcc_sink *sink);
/* Unadvise: no call after this returns (but one in progress); takes the caller's reference. */
void tcc__sink_close(struct tcc_sink *sink);
void tcc__sink_unregister_class(void);

/* The call-center event objects (event_objects.c): `object` is what the event is
 * about (agent, session, group, queue or handler), `value` the enum value. */
HRESULT tcc__event_create(TAPI_EVENT type, IUnknown *object, LONG value, IDispatch **out);

/* Opens the configured providers (providers.c): one handler each, reporting to `events`. */
HRESULT tcc__open_providers(ITTAPI2 *tapi, struct tcc_events *events, struct tcc_handler ***handlers, ULONG *count);

/* Event delivery for one TAPI object (events.c). */
HRESULT tcc__events_create(struct tcc_connection_point *points, ULONG point_count, struct tcc_events **out);
void tcc__events_destroy(struct tcc_events *events);
void tcc__events_set_filter(struct tcc_events *events, LONG filter);
LONG tcc__events_filter(struct tcc_events *events);
/* Initialize: poll these handlers, deliver AHE_NEW_AGENTHANDLER for each. */
HRESULT tcc__events_start(struct tcc_events *events, struct tcc_handler **handlers, ULONG count);
/* Shutdown: the dispatcher thread is joined, pending events dropped, sinks flushed. */
void tcc__events_stop(struct tcc_events *events);
void tcc__events_post(struct tcc_events *events, struct tcc_handler *handler, uint32_t message, uint32_t param1,
                      uint32_t param2, uint32_t param3);
/* Holds this thread's status messages back until the matching unhold. */
void tcc__events_hold(void);
void tcc__events_unhold(void);
void tcc__handler_poll(struct tcc_handler *handler);
/* A status message as if from the provider (test hook). */
void tcc__handler_inject_status(struct tcc_handler *handler, uint32_t message, uint32_t param1, uint32_t param2,
                                uint32_t param3);
ITQueue *tcc__handler_find_queue(struct tcc_handler *handler, DWORD queue_id);
/* The groups added since the last look (or removed, while a client holds them). */
HRESULT tcc__handler_group_changes(struct tcc_handler *handler, BOOL added, IUnknown ***groups, ULONG *count);

/* Statistics snapshots (snapshot.c): a property comes from the object's last
 * provider structure while no change was reported and it is younger than this. */
#define TCC_SNAPSHOT_MS 50
#define TCC_SNAPSHOT_MAX 128    /* the largest structure kept: LINEAGENTSESSIONINFO is 76 bytes */
struct tcc_snapshot
{
    SRWLOCK lock;
    BOOL valid;
    LONG changes;               /* the handler's change count when read */
    ULONGLONG taken;            /* GetTickCount64() when read */
    BYTE data[TCC_SNAPSHOT_MAX];
};
/* Fills a whole structure (TCC_SNAPSHOT_MAX bytes of room) from the provider. */
typedef HRESULT (*tcc_fetch_fn)(void *object, const WCHAR *member, void *structure);
HRESULT tcc__snapshot_read(struct tcc_snapshot *snapshot, struct tcc_handler *handler, tcc_fetch_fn fetch,
                           void *object, const WCHAR *member, size_t offset, void *out, size_t size);
/* The handler's change count: status messages, and changes made through it. */
LONG tcc__handler_changes(struct tcc_handler *handler);
void tcc__handler_changed(struct tcc_handler *handler);

/* Calls tapi->AddRef unless the TAPI object is already being destroyed. */
BOOL tcc__tapi_try_addref(ITTAPI2 *tapi);

/* A variable-size provider structure, grown until it fits (dwNeededSize). */
/* `size_hint` (may be NULL) remembers the size the last list needed, so that a
 * long list is asked for once, not twice. */
HRESULT tcc__provider_list(struct tcc_handler *handler, const IID *iid, const WCHAR *member,
                           int32_t (*get)(const struct tcc_provider *, void *context, void *user, void *buffer),
                           void *user, DWORD fixed_size, LONG *size_hint, void **buffer);

/* A provider list (TAPI's list header, then entries of `entry_size`) turned into
 * objects by `make`, one per entry. */
struct tcc_list_kind
{
    int32_t (*get)(const struct tcc_provider *, void *context, void *user, void *buffer);
    DWORD fixed_size, entry_size;
    HRESULT (*make)(struct tcc_handler *handler, void *user, const void *list, const void *entry, IUnknown **object);
};
HRESULT tcc__provider_objects(struct tcc_handler *handler, const struct tcc_list_kind *kind, void *user,
                              LONG *size_hint, const IID *iid, const WCHAR *member, IUnknown ***items, ULONG *count);

/* Hands `items` to the client, releasing and freeing them: as an enumerator of
 * `enum_iid` in *enum_out, or (enum_iid NULL) as a collection in *collection_out. */
HRESULT tcc__hand_out(IUnknown **items, ULONG count, const IID *enum_iid, void **enum_out, VARIANT *collection_out,
                      const IID *iid, const WCHAR *member);

/* A UTF-16 string inside a provider structure ("" when absent). */
const WCHAR *tcc__struct_string(const void *structure, DWORD size, DWORD offset);

/* The TAPI object of a handler with a new reference, or NULL once shut down. */
ITTAPI2 *tcc__handler_tapi(struct tcc_handler *handler);
/* Our handler behind an interface pointer, or NULL for a foreign object. */
struct tcc_handler *tcc__handler_from_iface(ITAgentHandler *iface);


#endif
