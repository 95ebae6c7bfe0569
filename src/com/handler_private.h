/*
 * The agent handler's state, shared by the files of its family: handler.c (the
 * object, provider calls, status messages), handler_map.c (the identity map) and
 * handler_lists.c (the provider's lists as objects).
 */
#ifndef TAPI3CC_HANDLER_PRIVATE_H
#define TAPI3CC_HANDLER_PRIVATE_H

#include "provider_calls.h"
#include "events.h"

enum entry_state { ENTRY_EMPTY, ENTRY_LIVE, ENTRY_TOMBSTONE };

struct map_entry
{
    struct tcc_identity id;
    IUnknown *object;           /* NULL: no object lives, the entry is kept for its note */
    LONG *ref;
    DWORD line_id;              /* a session's note: the line it was made on, */
    BOOL noted;                 /* when this is set */
    enum entry_state state;     /* probing goes on past a tombstone, stops at an empty slot */
};

struct tcc_handler
{
    ITAgentHandler ITAgentHandler_iface;
    ITapi3ccProviderControl ITapi3ccProviderControl_iface;     /* handler_control.c */
    struct tcc_object_base base;
    LONG ref;

    const struct tcc_provider *provider;   /* called: the traced table while the trace is on */
    const struct tcc_provider *opened;     /* the provider's own table, valid after close too */
    HMODULE module;             /* a plug-in's DLL, or NULL for a built-in provider */
    SRWLOCK provider_lock;      /* shared: a provider call; exclusive: close */
    void *context;              /* NULL once closed */
    ITTAPI2 *tapi;              /* weak: the TAPI object clears it when it closes us */

    WCHAR *name;
    GUID proxy_guid;

    struct tcc_events *events;  /* weak: where status messages go; NULL once closed */
    LONG changes;               /* status messages and changes seen: snapshots older are stale */
    LONG out_of_service;        /* atomic: the provider's link is down (LINE_LINEDEVSTATE) */
    LONG group_list_size, address_list_size;    /* size hints for the provider's lists */
    void *spare_list;                           /* a list buffer to use again (handler.c) */
    /* For LINE_GROUPSTATUS, which names no group: read and written by Initialize, then
     * by the event dispatcher's thread alone. */
    GUID *known_groups;
    ULONG known_group_count;

    SRWLOCK map_lock;
    struct map_entry *entries;
    size_t capacity, live, tombstones;

    /* Creations in flight (tcc__handler_creation_begin) and the status messages held
     * back meanwhile, in order. */
    CRITICAL_SECTION hold_lock;
    LONG creations;
    struct held_message *held;
    size_t held_count, held_capacity;
};

struct held_message
{
    uint32_t message, param1, param2, param3;
};

extern const ITapi3ccProviderControlVtbl tcc__handler_control_vtbl;

/* Remembers the groups the ACD has at open, for LINE_GROUPSTATUS. */
HRESULT tcc__handler_learn_groups(struct tcc_handler *handler);

#endif
