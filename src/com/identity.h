/*
 * The objects of an ACD and their identity: the agent handler (one open provider
 * instance), the identity map that keeps one COM object per backend object while
 * it lives (DESIGN.md), the object constructors it calls, and the hand-out of
 * object lists as enumerators and collections.
 */
#ifndef TAPI3CC_COM_IDENTITY_H
#define TAPI3CC_COM_IDENTITY_H

#include "object_base.h"

#include "tapi3cc/provider.h"

/* An agent handler: one open provider instance (handler.c). */
struct tcc_handler;
struct tcc_events;

/* `module` (may be NULL): the plug-in DLL of the provider, which the handler frees
 * when it is destroyed, also when the open fails. */
HRESULT tcc__handler_open(ITTAPI2 *tapi, const struct tcc_provider *provider, HMODULE module, const char *config,
                          struct tcc_events *events, struct tcc_handler **out, WCHAR *error, size_t error_size);
/* Closes the provider: every object of this handler then fails with
 * TAPI_E_NOT_INITIALIZED.  The caller still owns its reference. */
void tcc__handler_close(struct tcc_handler *handler);
/* Closes and releases each handler of an array, and frees the array. */
void tcc__handlers_close_all(struct tcc_handler **handlers, ULONG count);
ITAgentHandler *tcc__handler_iface(struct tcc_handler *handler);
void tcc__handler_addref(struct tcc_handler *handler);
void tcc__handler_release(struct tcc_handler *handler);
const struct tcc_provider *tcc__handler_provider(struct tcc_handler *handler);
/* The TAPI object of a handler with a new reference, or NULL once shut down. */
ITTAPI2 *tcc__handler_tapi(struct tcc_handler *handler);
/* The provider's link to its ACD is down (provider contract version 4). */
BOOL tcc__handler_out_of_service(struct tcc_handler *handler);
/* Our handler behind an interface pointer, or NULL for a foreign object. */
struct tcc_handler *tcc__handler_from_iface(ITAgentHandler *iface);
/* Calls tapi->AddRef unless the TAPI object is already being destroyed. */
BOOL tcc__tapi_try_addref(ITTAPI2 *tapi);

/* Opens the configured providers (providers.c): one handler each, reporting to `events`. */
HRESULT tcc__open_providers(ITTAPI2 *tapi, struct tcc_events *events, struct tcc_handler ***handlers, ULONG *count);

/* The identity map (handler_map.c): weak entries from identity to object.  Objects
 * register themselves when made and leave the map in their final Release. */
enum tcc_kind { TCC_KIND_AGENT = 1, TCC_KIND_SESSION, TCC_KIND_GROUP, TCC_KIND_QUEUE, TCC_KIND_ADDRESS };
struct tcc_identity
{
    DWORD kind;
    DWORD a, b;         /* handle, queue id, line and address IDs */
    GUID guid;          /* group */
};
static inline struct tcc_identity tcc__session_identity(DWORD handle)
{
    struct tcc_identity id = { .kind = TCC_KIND_SESSION, .a = handle };
    return id;
}
/* The live object for `id` with a new reference, or NULL (none, or dying). */
IUnknown *tcc__map_find(struct tcc_handler *handler, const struct tcc_identity *id);
/* The live object for `id` with a new reference, or a new one from `make`, which
 * returns the object (with one reference, or half made on failure: it is then
 * released) and its reference count.  `make` runs under the map lock. */
typedef HRESULT (*tcc_make_fn)(struct tcc_handler *handler, const void *args, IUnknown **object, LONG **ref);
HRESULT tcc__map_get(struct tcc_handler *handler, const struct tcc_identity *id, tcc_make_fn make, const void *args,
                     IUnknown **out);
/* Many lookups under one shared lock: found[i] is the live object for the i-th
 * identity (`identity` fills it in, from a zeroed one) with a new reference, or NULL.
 * Returns how many were not found. */
typedef void (*tcc_identity_fn)(void *user, ULONG index, struct tcc_identity *id);
ULONG tcc__map_find_each(struct tcc_handler *handler, ULONG count, tcc_identity_fn identity, void *user,
                         IUnknown **found);
/* Under one exclusive lock, for every i whose found[i] is NULL: the live object for
 * the i-th identity (another thread may have made it meanwhile), or a new one from
 * `make`, which runs under the lock (it must not take it) and is given the entry's
 * index.  Stops at the first failure and returns it; found[] keeps what was had. */
typedef HRESULT (*tcc_make_each_fn)(struct tcc_handler *handler, void *user, ULONG index, IUnknown **object,
                                    LONG **ref);
HRESULT tcc__map_make_each(struct tcc_handler *handler, ULONG count, tcc_identity_fn identity, tcc_make_each_fn make,
                           void *user, IUnknown **found);
/* Every live object of one kind, each with a new reference (the caller releases
 * them and frees the array). */
HRESULT tcc__map_collect(struct tcc_handler *handler, DWORD kind, IUnknown ***objects, ULONG *count);
/* From an object's final Release. */
void tcc__map_remove(struct tcc_handler *handler, const struct tcc_identity *id, IUnknown *object);

/* The line an agent session was created on (the provider's session entries give
 * only the working address ID, which several lines may share); forgotten when the
 * provider reports the session gone. */
void tcc__handler_note_session_line(struct tcc_handler *handler, tcc_hagentsession session, DWORD line_id);
/* Under the map's lock (a tcc_make_each_fn runs there). */
BOOL tcc__handler_session_line_locked(struct tcc_handler *handler, tcc_hagentsession session, DWORD *line_id);
void tcc__handler_forget_session_line(struct tcc_handler *handler, tcc_hagentsession session);

/* Whether the provider knows the session and it has not ended. */
BOOL tcc__session_live(struct tcc_handler *handler, tcc_hagentsession handle);
/* A session of the agent that nobody holds (made elsewhere), made from the
 * provider's list, with a reference; NULL when the agent has no such session. */
IUnknown *tcc__agent_new_session(ITAgent *agent, tcc_hagentsession handle);

/* The objects, each found in the map or made (one new reference each). */
HRESULT tcc__agent_get(struct tcc_handler *handler, tcc_hagent handle, const WCHAR *id, const WCHAR *user,
                       ITAgent **out);
HRESULT tcc__session_get(struct tcc_handler *handler, tcc_hagentsession handle, ITAgent *agent,
                         const GUID *group, DWORD line_id, DWORD address_id, ITAgentSession **out);
/* A new session object for the identity map (a tcc_make_fn; runs under its lock). */
struct tcc_session_args
{
    tcc_hagentsession handle;
    ITAgent *agent;
    const GUID *group;
    DWORD line_id, address_id;
};
HRESULT tcc__session_make(struct tcc_handler *handler, const void *args, IUnknown **object, LONG **ref);
/* Gives the memory kept for sessions back (DLL unload). */
void tcc__session_pool_empty(void);
HRESULT tcc__group_get(struct tcc_handler *handler, const GUID *guid, const WCHAR *name, ITACDGroup **out);
HRESULT tcc__queue_get(struct tcc_handler *handler, DWORD queue_id, const WCHAR *name, ITQueue **out);
HRESULT tcc__address_get(struct tcc_handler *handler, DWORD line_id, DWORD address_id, const WCHAR *name,
                         const WCHAR *dialable, ITAddress **out);

/* Object -> backend identity, for our own objects only (NULL/FALSE for foreign ones). */
BOOL tcc__group_identity(ITACDGroup *group, struct tcc_handler **handler, GUID *guid);
BOOL tcc__address_identity(ITAddress *address, struct tcc_handler **handler, DWORD *line_id, DWORD *address_id);
tcc_hagent tcc__agent_handle(ITAgent *agent);

/* Lists from the provider, as new objects (or live ones) in an array the caller
 * frees with tcc__free_items (handler_lists.c). */
HRESULT tcc__handler_list_groups(struct tcc_handler *handler, const WCHAR *member, IUnknown ***items, ULONG *count);
HRESULT tcc__handler_list_addresses(struct tcc_handler *handler, const WCHAR *member, IUnknown ***items,
                                    ULONG *count);
HRESULT tcc__group_list_queues(struct tcc_handler *handler, const GUID *guid, const WCHAR *member,
                               IUnknown ***items, ULONG *count);
HRESULT tcc__handler_find_group(struct tcc_handler *handler, const GUID *guid, const WCHAR *member,
                                ITACDGroup **out);
/* line_id TCC_ANY_LINE: the first address with that address ID (a session this
 * process did not make, whose line is not known). */
#define TCC_ANY_LINE ((DWORD)-1)
HRESULT tcc__handler_find_address(struct tcc_handler *handler, DWORD line_id, DWORD address_id,
                                  const WCHAR *member, ITAddress **out);
/* The queue with this ID as an object (the one a client holds, or a new one made
 * from the provider's lists without making any other object); NULL if the ACD has
 * no such queue. */
ITQueue *tcc__handler_find_queue(struct tcc_handler *handler, DWORD queue_id);
/* The groups added since the last look (or removed, while a client holds them). */
HRESULT tcc__handler_group_changes(struct tcc_handler *handler, BOOL added, IUnknown ***groups, ULONG *count);
void tcc__release_all(IUnknown **items, ULONG count);
/* Releases each item and frees the array. */
void tcc__free_items(IUnknown **items, ULONG count);

/* Enumerators (spec §3.8): one implementation for every IEnumXxx, whose vtables all
 * have the same shape (enumerator.c).  It takes over `elements` (a heap array) and
 * the reference held on each: one AddRef per element in all, the lister's. */
HRESULT tcc__enum_create(const IID *iid, IUnknown **elements, ULONG count, void **out);
/* A collection holding copies of `items` (count may be 0), and one (a VT_DISPATCH
 * VARIANT holding an ITCollection) of interface pointers, which takes over
 * `elements` and their references as tcc__enum_create does (collection.c). */
HRESULT tcc__collection_create(const VARIANT *items, LONG count, ITCollection2 **out);
HRESULT tcc__collection_of(IUnknown **elements, ULONG count, VARIANT *out);

/* Hands `items` to the client, which takes them over, references and array: as an
 * enumerator of `enum_iid` in *enum_out, or (enum_iid NULL) as a collection in
 * *collection_out.  On failure they are released and freed. */
HRESULT tcc__hand_out(IUnknown **items, ULONG count, const IID *enum_iid, void **enum_out, VARIANT *collection_out,
                      const IID *iid, const WCHAR *member);

/* The sequence every Enumerate* and collection getter runs: check the out pointer,
 * list the objects with `list(owner, member, ...)`, hand them out (enum_iid NULL:
 * as a collection in the VARIANT `out`). */
typedef HRESULT (*tcc_list_fn)(void *owner, const WCHAR *member, IUnknown ***items, ULONG *count);
HRESULT tcc__list_hand_out(void *owner, tcc_list_fn list, const IID *enum_iid, void *out, const IID *iid,
                           const WCHAR *member);

#endif
