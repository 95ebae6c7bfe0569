/*
 * Calls into a handler's provider (handler.c): the provider stays open for the length
 * of a call, lists are grown until they fit, and statistics come from per-object
 * snapshots (snapshot.c).
 */
#ifndef TAPI3CC_COM_PROVIDER_CALLS_H
#define TAPI3CC_COM_PROVIDER_CALLS_H

#include "identity.h"

#include "tapi3cc/tapi2.h"

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
/* A request's failure as an HRESULT with its error message, and the provider's own
 * sentence about it when it has one (error_text); before tcc__provider_leave. */
HRESULT tcc__provider_failure(struct tcc_provider_call *call, int32_t result, const IID *iid, const WCHAR *member);
/* enter, run `result = (expression)` (a provider member), map a failure, leave. */
#define TCC_PROVIDER_CALL(handler, iid, member, call, expression, hr) \
    do \
    { \
        if (SUCCEEDED((hr) = tcc__provider_enter((handler), (iid), (member), &(call)))) \
        { \
            int32_t result_ = (expression); \
            if (result_) \
                (hr) = tcc__provider_failure(&(call), result_, (iid), (member)); \
            tcc__provider_leave(&(call)); \
        } \
    } while (0)

/* A variable-size provider structure, grown until it fits (dwNeededSize).
 * `size_hint` (may be NULL) remembers the size the last one needed, so that a long
 * list is asked for once, not twice. */
HRESULT tcc__provider_fetch(struct tcc_handler *handler, const IID *iid, const WCHAR *member,
                           int32_t (*get)(const struct tcc_provider *, void *context, void *user, void *buffer),
                           void *user, DWORD fixed_size, LONG *size_hint, void **buffer);

/* The same for a list the caller gives back with tcc__provider_list_done (freed, or
 * kept for the next list: only the fixed part of a kept buffer is zeroed). */
HRESULT tcc__provider_fetch_list(struct tcc_handler *handler, const IID *iid, const WCHAR *member,
                                 int32_t (*get)(const struct tcc_provider *, void *context, void *user, void *buffer),
                                 void *user, DWORD fixed_size, LONG *size_hint, void **buffer);
void tcc__provider_list_done(struct tcc_handler *handler, void *buffer);

/* A provider list (TAPI's list header, then entries of `entry_size`) turned into
 * objects, one per entry: either by `make`, an entry at a time, or — for the long
 * lists — by `identity` and `make_locked`: the entries' objects that live already
 * are found in one pass of the identity map under one shared lock, and the others
 * are all made under one exclusive lock (make_locked is a tcc_make_fn for one entry,
 * run under that lock). */
struct tcc_list_kind
{
    int32_t (*get)(const struct tcc_provider *, void *context, void *user, void *buffer);
    DWORD fixed_size, entry_size;
    HRESULT (*make)(struct tcc_handler *handler, void *user, const void *list, const void *entry, IUnknown **object);
    void (*identity)(const void *entry, struct tcc_identity *id);
    HRESULT (*make_locked)(struct tcc_handler *handler, void *user, const void *entry, IUnknown **object, LONG **ref);
};
HRESULT tcc__provider_objects(struct tcc_handler *handler, const struct tcc_list_kind *kind, void *user,
                              LONG *size_hint, const IID *iid, const WCHAR *member, IUnknown ***items, ULONG *count);
/* The object of one entry of such a list, with a reference, or NULL. */
IUnknown *tcc__provider_entry_object(struct tcc_handler *handler, const struct tcc_list_kind *kind, void *user,
                                     const void *list, const void *entry);

/* A UTF-16 string inside a provider structure ("" when absent). */
const WCHAR *tcc__struct_string(const void *structure, DWORD size, DWORD offset);

/* The handler's change count: status messages, and changes made through it. */
const volatile LONG *tcc__handler_change_count(struct tcc_handler *handler);
void tcc__handler_changed(struct tcc_handler *handler);

/* Statistics snapshots (snapshot.c): a property comes from the object's last
 * provider structure while no change was reported and it is younger than this. */
#define TCC_SNAPSHOT_MS 50
#define TCC_SNAPSHOT_MAX 128
/* Each structure kept in a snapshot is checked to fit where it is fetched. */
#define TCC_SNAPSHOT_FITS(type) \
    _Static_assert(sizeof(type) <= TCC_SNAPSHOT_MAX, #type " does not fit TCC_SNAPSHOT_MAX")
/* A sequence lock: readers take no lock and write nothing, and a reader that
 * overlapped a writer sees the sequence move and takes the slow path. */
struct tcc_snapshot
{
    volatile LONG sequence;             /* even: stable; odd: being written; 0: never read */
    LONG changes;                       /* *handler_changes when read */
    const volatile LONG *handler_changes;
    ULONGLONG taken;                    /* GetTickCount64() when read */
    BYTE data[TCC_SNAPSHOT_MAX];
};
/* Fills a whole structure (TCC_SNAPSHOT_MAX bytes of room) from the provider. */
typedef HRESULT (*tcc_fetch_fn)(void *object, const WCHAR *member, void *structure);

void tcc__snapshot_init(struct tcc_snapshot *snapshot, struct tcc_handler *handler);
/* The slow path: fetch, keep, copy the field. */
HRESULT tcc__snapshot_refresh(struct tcc_snapshot *snapshot, tcc_fetch_fn fetch, void *object,
                              const WCHAR *member, size_t offset, void *out, size_t size);

/* A field (at most 8 bytes) from a fresh snapshot, else from the provider.  Inline:
 * a wallboard's getter costs about as much as the call that reaches it. */
static inline HRESULT tcc__snapshot_read(struct tcc_snapshot *snapshot, tcc_fetch_fn fetch, void *object,
                                         const WCHAR *member, size_t offset, void *out, size_t size)
{
    LONG sequence = __atomic_load_n(&snapshot->sequence, __ATOMIC_ACQUIRE);

    if (size <= 8 && sequence && !(sequence & 1) && snapshot->changes == *snapshot->handler_changes &&
        GetTickCount64() - snapshot->taken < TCC_SNAPSHOT_MS)
    {
        BYTE value[8];

        memcpy(value, snapshot->data + offset, size);
        /* The copy is kept only if no writer started meanwhile. */
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        if (__atomic_load_n(&snapshot->sequence, __ATOMIC_RELAXED) == sequence)
        {
            memcpy(out, value, size);
            return S_OK;
        }
    }
    return tcc__snapshot_refresh(snapshot, fetch, object, member, offset, out, size);
}

#endif
