/*
 * Events (spec §4.2, §9.6): the TAPI object's connection points (connection_point.c),
 * each connected sink and its delivery (event_sink.c), the event objects
 * (event_objects.c), and the dispatcher that turns provider status messages into
 * events (events.c; status_map.h says which).
 */
#ifndef TAPI3CC_COM_EVENTS_H
#define TAPI3CC_COM_EVENTS_H

#include <stdint.h>

#include "identity.h"

/* A connection point embedded in its container (whose lifetime it shares). */
struct tcc_sink;
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

/* One connected sink and its delivery. */
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

/* The call-center event objects: `object` is what the event is about (agent,
 * session, group, queue or handler), `value` the enum value. */
HRESULT tcc__event_create(TAPI_EVENT type, IUnknown *object, LONG value, IDispatch **out);

/* Event delivery for one TAPI object. */
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

/* A method that makes an object (CreateAgent, CreateSession) tells the handler a
 * creation is in flight: until the last one ends, the handler holds back every
 * status message, whichever thread the provider delivers it on, so that the events
 * about the new object find it in the identity map (handler.c). */
void tcc__handler_creation_begin(struct tcc_handler *handler);
void tcc__handler_creation_end(struct tcc_handler *handler);
void tcc__handler_poll(struct tcc_handler *handler);

#endif
