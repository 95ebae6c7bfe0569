/*
 * The agent handler's state, shared by the files of its family: handler.c (the
 * object, provider calls, status messages), handler_map.c (the identity map) and
 * handler_lists.c (the provider's lists as objects).
 */
#ifndef TAPI3CC_HANDLER_PRIVATE_H
#define TAPI3CC_HANDLER_PRIVATE_H

#include "objects.h"

#define SESSION_LINE_NOTE 100   /* map entries that hold a session's line, no object */

struct map_entry
{
    struct tcc_identity id;
    IUnknown *object;           /* NULL for a note or a removed entry */
    LONG *ref;
    DWORD value;
    BOOL used;                  /* the slot was ever taken (probing goes on past it) */
};

struct tcc_handler
{
    ITAgentHandler ITAgentHandler_iface;
    struct tcc_object_base base;
    LONG ref;

    const struct tcc_provider *provider;
    SRWLOCK provider_lock;      /* shared: a provider call; exclusive: close */
    void *context;              /* NULL once closed */
    ITTAPI2 *tapi;              /* weak: the TAPI object clears it when it closes us */

    WCHAR *name;
    GUID proxy_guid;

    struct tcc_events *events;  /* weak: where status messages go; NULL once closed */
    LONG changes;               /* status messages and changes seen: snapshots older are stale */
    LONG group_list_size, address_list_size;    /* size hints for the provider's lists */
    GUID *known_groups;         /* for LINE_GROUPSTATUS, which names no group */
    ULONG known_group_count;

    SRWLOCK map_lock;
    struct map_entry *entries;
    size_t capacity, used;
};

/* Releases each item and frees the array. */
void tcc__free_items(IUnknown **items, ULONG count);
/* Remembers the groups the ACD has at open, for LINE_GROUPSTATUS. */
HRESULT tcc__handler_learn_groups(struct tcc_handler *handler);

#endif
