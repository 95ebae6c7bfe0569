/*
 * ITAgentHandler: one open provider instance, i.e. one ACD system (spec §6).
 *
 * The handler owns the provider context.  Every object of the ACD (agents,
 * sessions, groups, queues, addresses) holds a reference on its handler and calls
 * the provider through tcc__provider_enter/leave, which hold the provider lock
 * shared, so that Shutdown (exclusive) never closes a context under a call.  The
 * provider's status messages come in here too, on their way to the TAPI object's
 * events.
 *
 * Beside this file: handler_map.c (the identity map) and handler_lists.c (the
 * provider's lists as objects).
 */
#include "handler_private.h"
#include "trace.h"

static inline struct tcc_handler *impl_from_ITAgentHandler(ITAgentHandler *iface)
{
    return CONTAINING_RECORD(iface, struct tcc_handler, ITAgentHandler_iface);
}

/*
 * Status messages from the provider.  A method that makes an object (CreateAgent,
 * CreateSession) begins a creation; while any is in flight the handler holds back
 * every status message, whichever thread the provider delivers it on (the emulator
 * lets the thread already delivering deliver everyone's; a provider over a network
 * delivers on its reader thread), and releases them in order when the last creation
 * ends and its object is in the identity map.  So the events about a new session
 * find its object.  Messages go to the event dispatcher under the hold lock, so
 * that they keep their order across threads.
 */

/* Under the provider lock (shared), as the provider's own callback is. */
static void post_message(struct tcc_handler *handler, uint32_t message, uint32_t param1, uint32_t param2,
                         uint32_t param3)
{
    if (handler->events)
        tcc__events_post(handler->events, handler, message, param1, param2, param3);
}

void tcc__handler_creation_begin(struct tcc_handler *handler)
{
    EnterCriticalSection(&handler->hold_lock);
    handler->creations++;
    LeaveCriticalSection(&handler->hold_lock);
}

void tcc__handler_creation_end(struct tcc_handler *handler)
{
    AcquireSRWLockShared(&handler->provider_lock);
    EnterCriticalSection(&handler->hold_lock);
    if (!--handler->creations)
    {
        for (size_t i = 0; i < handler->held_count; i++)
        {
            const struct held_message *held = &handler->held[i];

            post_message(handler, held->message, held->param1, held->param2, held->param3);
        }
        handler->held_count = 0;
    }
    LeaveCriticalSection(&handler->hold_lock);
    ReleaseSRWLockShared(&handler->provider_lock);
}

/* Under the hold lock: keeps a message back; dropped if memory runs out (the
 * statistics stay right: the change count moved). */
static void hold_message(struct tcc_handler *handler, uint32_t message, uint32_t param1, uint32_t param2,
                         uint32_t param3)
{
    if (!tcc__array_reserve((void **)&handler->held, &handler->held_capacity, handler->held_count + 1,
                            sizeof(*handler->held), 8))
        return;
    handler->held[handler->held_count++] = (struct held_message){ message, param1, param2, param3 };
}

/* Snapshots keep this address and read it on every statistics getter: an aligned
 * LONG is read atomically, and a plain read sees this thread's own changes and
 * other threads' as soon as a locked read would, without the bus lock. */
const volatile LONG *tcc__handler_change_count(struct tcc_handler *handler)
{
    return &handler->changes;
}

void tcc__handler_changed(struct tcc_handler *handler)
{
    InterlockedIncrement(&handler->changes);
}

/* The link's state is kept here as it is told, before any event about it is
 * queued: a client that gets AE_STATE reads the new ITAddress::State. */
static void note_link_state(struct tcc_handler *handler, uint32_t bits)
{
    if (bits & TCC_LINEDEVSTATE_OUTOFSERVICE)
        InterlockedExchange(&handler->out_of_service, TRUE);
    else if (bits & TCC_LINEDEVSTATE_INSERVICE)
        InterlockedExchange(&handler->out_of_service, FALSE);
}

BOOL tcc__handler_out_of_service(struct tcc_handler *handler)
{
    return InterlockedCompareExchange(&handler->out_of_service, 0, 0) != 0;
}

static void provider_event(void *user, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3)
{
    struct tcc_handler *handler = user;

    if (message == TCC_LINE_LINEDEVSTATE)
        note_link_state(handler, param2);
    tcc__handler_changed(handler);
    EnterCriticalSection(&handler->hold_lock);
    if (handler->creations)
        hold_message(handler, message, param1, param2, param3);
    else
        post_message(handler, message, param1, param2, param3);
    LeaveCriticalSection(&handler->hold_lock);
}

void tcc__handler_poll(struct tcc_handler *handler)
{
    AcquireSRWLockShared(&handler->provider_lock);
    if (handler->context && handler->provider->version >= TCC_PROVIDER_VERSION_2 && handler->provider->poll)
        handler->provider->poll(handler->context);
    ReleaseSRWLockShared(&handler->provider_lock);
}

/* Provider calls */

HRESULT tcc__provider_enter(struct tcc_handler *handler, const IID *iid, const WCHAR *member,
                            struct tcc_provider_call *call)
{
    call->handler = handler;
    call->context = NULL;
    AcquireSRWLockShared(&handler->provider_lock);
    call->provider = handler->provider;     /* under the lock: close replaces a traced table */
    if (!handler->context)
    {
        ReleaseSRWLockShared(&handler->provider_lock);
        return tcc__error(TAPI_E_NOT_INITIALIZED, iid,
                          L"%ls: the TAPI object that made this object has been shut down.", member);
    }
    call->context = handler->context;
    return S_OK;
}

HRESULT tcc__provider_failure(struct tcc_provider_call *call, int32_t result, const IID *iid, const WCHAR *member)
{
    char reason[512];

    if (call->provider->version >= TCC_PROVIDER_VERSION_4 && call->provider->error_text &&
        call->provider->error_text(call->context, reason, sizeof(reason)))
    {
        reason[sizeof(reason) - 1] = 0;
        return tcc__lineerr_because(result, iid, member, reason);
    }
    return tcc__lineerr(result, iid, member);
}

void tcc__provider_leave(struct tcc_provider_call *call)
{
    ReleaseSRWLockShared(&call->handler->provider_lock);
}

/* A buffer of `size` bytes whose fixed part is zeroed (the rest is the provider's
 * to write, and only what it reports is read): the one tcc__provider_list_done
 * kept, if it is large enough.  Under Wine a block over about 96 KiB is mapped
 * afresh on every allocation and page-faulted in: a list of 10,000 sessions cost
 * more in page faults than in everything else (BENCHMARKS.md). */
static DWORD *list_buffer(struct tcc_handler *handler, DWORD size, DWORD fixed_size)
{
    DWORD *buffer = InterlockedExchangePointer(&handler->spare_list, NULL);

    if (buffer && HeapSize(GetProcessHeap(), 0, buffer) >= size)
    {
        memset(buffer, 0, fixed_size);
        return buffer;
    }
    HeapFree(GetProcessHeap(), 0, buffer);
    return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
}

void tcc__provider_list_done(struct tcc_handler *handler, void *buffer)
{
    if (InterlockedCompareExchangePointer(&handler->spare_list, buffer, NULL))
        HeapFree(GetProcessHeap(), 0, buffer);
}

/* `reuse`: the buffer may be the handler's spare, and goes back through
 * tcc__provider_list_done. */
static HRESULT fetch(struct tcc_handler *handler, const IID *iid, const WCHAR *member,
                     int32_t (*get)(const struct tcc_provider *, void *context, void *user, void *buffer),
                     void *user, DWORD fixed_size, LONG *size_hint, BOOL reuse, void **out)
{
    DWORD size = max(fixed_size, 1024);

    if (size_hint)
        size = max(size, (DWORD)InterlockedCompareExchange(size_hint, 0, 0));
    struct tcc_provider_call call;
    HRESULT hr;

    *out = NULL;
    /* The list may grow between two calls; a few rounds always settle it. */
    for (int round = 0; round < 8; round++)
    {
        DWORD *buffer = reuse ? list_buffer(handler, size, fixed_size)
                              : HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);

        if (!buffer)
            return tcc__error(E_OUTOFMEMORY, iid, L"%ls: out of memory.", member);
        buffer[0] = size;
        TCC_PROVIDER_CALL(handler, iid, member, call, get(call.provider, call.context, user, buffer), hr);
        if (FAILED(hr))
        {
            HeapFree(GetProcessHeap(), 0, buffer);
            return hr;
        }
        if (buffer[1] <= size)
        {
            if (size_hint)
                InterlockedExchange(size_hint, (LONG)buffer[1]);
            *out = buffer;
            return S_OK;
        }
        size = buffer[1];
        HeapFree(GetProcessHeap(), 0, buffer);
    }
    return tcc__error(E_UNEXPECTED, iid, L"%ls: the ACD's list kept changing size.", member);
}

HRESULT tcc__provider_fetch(struct tcc_handler *handler, const IID *iid, const WCHAR *member,
                           int32_t (*get)(const struct tcc_provider *, void *context, void *user, void *buffer),
                           void *user, DWORD fixed_size, LONG *size_hint, void **out)
{
    return fetch(handler, iid, member, get, user, fixed_size, size_hint, FALSE, out);
}

HRESULT tcc__provider_fetch_list(struct tcc_handler *handler, const IID *iid, const WCHAR *member,
                                 int32_t (*get)(const struct tcc_provider *, void *context, void *user, void *buffer),
                                 void *user, DWORD fixed_size, LONG *size_hint, void **out)
{
    return fetch(handler, iid, member, get, user, fixed_size, size_hint, TRUE, out);
}

const WCHAR *tcc__struct_string(const void *structure, DWORD size, DWORD offset)
{
    if (size < sizeof(WCHAR) || !offset)
        return L"";
    return (const WCHAR *)((const BYTE *)structure + offset);
}

/* ITAgentHandler */

static HRESULT WINAPI handler_QueryInterface(ITAgentHandler *iface, REFIID riid, void **out)
{
    struct tcc_handler *handler = impl_from_ITAgentHandler(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) ||
        IsEqualIID(riid, &IID_ITAgentHandler))
    {
        *out = iface;
        ITAgentHandler_AddRef(iface);
        return S_OK;
    }
    if (IsEqualIID(riid, &IID_ITapi3ccProviderControl))
    {
        *out = &handler->ITapi3ccProviderControl_iface;
        ITAgentHandler_AddRef(iface);
        return S_OK;
    }
    return tcc__base_query(&handler->base, riid, out);
}

static ULONG WINAPI handler_AddRef(ITAgentHandler *iface)
{
    return InterlockedIncrement(&impl_from_ITAgentHandler(iface)->ref);
}

static ULONG WINAPI handler_Release(ITAgentHandler *iface)
{
    struct tcc_handler *handler = impl_from_ITAgentHandler(iface);
    ULONG ref = InterlockedDecrement(&handler->ref);

    if (!ref)
    {
        /* Every object of the ACD holds a reference on us: none is left. */
        tcc__handler_close(handler);
        tcc__base_cleanup(&handler->base);
        HeapFree(GetProcessHeap(), 0, handler->entries);
        HeapFree(GetProcessHeap(), 0, handler->spare_list);
        HeapFree(GetProcessHeap(), 0, handler->held);
        DeleteCriticalSection(&handler->hold_lock);
        HeapFree(GetProcessHeap(), 0, handler->known_groups);
        HeapFree(GetProcessHeap(), 0, handler->name);
        if (handler->module)
            FreeLibrary(handler->module);
        HeapFree(GetProcessHeap(), 0, handler);
        tcc__object_destroyed();
    }
    return ref;
}

TCC_DISPATCH_METHODS(handler, ITAgentHandler, struct tcc_handler, ITAgentHandler_iface)

static HRESULT WINAPI handler_get_Name(ITAgentHandler *iface, BSTR *name)
{
    struct tcc_handler *handler = impl_from_ITAgentHandler(iface);

    if (!name)
        return tcc__null_pointer(&IID_ITAgentHandler, L"ITAgentHandler::get_Name");
    if (!(*name = SysAllocString(handler->name)))
        return tcc__error(E_OUTOFMEMORY, &IID_ITAgentHandler, L"ITAgentHandler::get_Name: out of memory.");
    return S_OK;
}

/* The Windows user of the calling process: TAPI 3 agents "relate directly to a user
 * account" (spec §6), and ITAgent::get_User answers with it. */
static void current_user(WCHAR *user, DWORD size)
{
    if (!GetUserNameW(user, &size))
        lstrcpynW(user, L"", 1);
}

static HRESULT create_agent(struct tcc_handler *handler, const WCHAR *member, BSTR id, BSTR pin, ITAgent **agent)
{
    struct tcc_provider_call call;
    WCHAR user[257];
    tcc_hagent handle = 0;
    HRESULT hr;

    current_user(user, ARRAYSIZE(user));
    tcc__handler_creation_begin(handler);
    TCC_PROVIDER_CALL(handler, &IID_ITAgentHandler, member, call,
                      call.provider->create_agent(call.context, id, pin, user, &handle), hr);
    if (SUCCEEDED(hr) && FAILED(hr = tcc__agent_get(handler, handle, id, user, agent)))
        hr = tcc__error(hr, &IID_ITAgentHandler, L"%ls: out of memory.", member);
    tcc__handler_creation_end(handler);
    return hr;
}

static HRESULT WINAPI handler_CreateAgent(ITAgentHandler *iface, ITAgent **agent)
{
    if (!agent)
        return tcc__null_pointer(&IID_ITAgentHandler, L"ITAgentHandler::CreateAgent");
    *agent = NULL;
    return create_agent(impl_from_ITAgentHandler(iface), L"ITAgentHandler::CreateAgent", NULL, NULL, agent);
}

static HRESULT WINAPI handler_CreateAgentWithID(ITAgentHandler *iface, BSTR id, BSTR pin, ITAgent **agent)
{
    if (!agent)
        return tcc__null_pointer(&IID_ITAgentHandler, L"ITAgentHandler::CreateAgentWithID");
    *agent = NULL;
    if (!id || !*id)
        return tcc__error(E_INVALIDARG, &IID_ITAgentHandler,
                          L"ITAgentHandler::CreateAgentWithID: the agent ID is empty; use CreateAgent "
                          L"for an agent without one.");
    if (!pin)
        return tcc__error(E_INVALIDARG, &IID_ITAgentHandler,
                          L"ITAgentHandler::CreateAgentWithID: the PIN is NULL; pass \"\" for an agent "
                          L"without a PIN.");
    return create_agent(impl_from_ITAgentHandler(iface), L"ITAgentHandler::CreateAgentWithID", id, pin, agent);
}

static HRESULT list_groups(void *handler, const WCHAR *member, IUnknown ***items, ULONG *count)
{
    return tcc__handler_list_groups(handler, member, items, count);
}

static HRESULT list_addresses(void *handler, const WCHAR *member, IUnknown ***items, ULONG *count)
{
    return tcc__handler_list_addresses(handler, member, items, count);
}

static HRESULT WINAPI handler_EnumerateACDGroups(ITAgentHandler *iface, IEnumACDGroup **groups)
{
    return tcc__list_hand_out(impl_from_ITAgentHandler(iface), list_groups, &IID_IEnumACDGroup, groups,
                              &IID_ITAgentHandler, L"ITAgentHandler::EnumerateACDGroups");
}

static HRESULT WINAPI handler_EnumerateUsableAddresses(ITAgentHandler *iface, IEnumAddress **addresses)
{
    return tcc__list_hand_out(impl_from_ITAgentHandler(iface), list_addresses, &IID_IEnumAddress, addresses,
                              &IID_ITAgentHandler, L"ITAgentHandler::EnumerateUsableAddresses");
}

static HRESULT WINAPI handler_get_ACDGroups(ITAgentHandler *iface, VARIANT *groups)
{
    return tcc__list_hand_out(impl_from_ITAgentHandler(iface), list_groups, NULL, groups, &IID_ITAgentHandler,
                              L"ITAgentHandler::get_ACDGroups");
}

static HRESULT WINAPI handler_get_UsableAddresses(ITAgentHandler *iface, VARIANT *addresses)
{
    return tcc__list_hand_out(impl_from_ITAgentHandler(iface), list_addresses, NULL, addresses,
                              &IID_ITAgentHandler, L"ITAgentHandler::get_UsableAddresses");
}

static const ITAgentHandlerVtbl handler_vtbl =
{
    handler_QueryInterface,
    handler_AddRef,
    handler_Release,
    handler_GetTypeInfoCount,
    handler_GetTypeInfo,
    handler_GetIDsOfNames,
    handler_Invoke,
    handler_get_Name,
    handler_CreateAgent,
    handler_CreateAgentWithID,
    handler_EnumerateACDGroups,
    handler_EnumerateUsableAddresses,
    handler_get_ACDGroups,
    handler_get_UsableAddresses,
};

static int32_t get_caps(const struct tcc_provider *provider, void *context, void *user, void *buffer)
{
    return provider->get_agent_caps(context, *(DWORD *)user, buffer);
}

/* The handler's name and GUID: lineGetAgentCaps on its first address (spec §7.3),
 * grown to the size the provider says it needs. */
static HRESULT read_caps(struct tcc_handler *handler)
{
    TCC_LINEAGENTCAPS *caps;
    IUnknown **addresses;
    ULONG count;
    DWORD address_id = 0, line_id;
    struct tcc_handler *owner;
    const WCHAR *name;
    HRESULT hr;

    if (FAILED(hr = tcc__handler_list_addresses(handler, L"ITTAPI::Initialize", &addresses, &count)))
        return hr;
    if (count)
        tcc__address_identity((ITAddress *)addresses[0], &owner, &line_id, &address_id);
    tcc__free_items(addresses, count);

    if (FAILED(hr = tcc__provider_fetch(handler, &IID_ITAgentHandler, L"ITTAPI::Initialize", get_caps, &address_id,
                                       sizeof(*caps), NULL, (void **)&caps)))
        return hr;
    name = tcc__struct_string(caps, caps->dwAgentHandlerInfoSize, caps->dwAgentHandlerInfoOffset);
    memcpy(&handler->proxy_guid, &caps->ProxyGUID, sizeof(GUID));
    if (!(handler->name = HeapAlloc(GetProcessHeap(), 0, (lstrlenW(name) + 1) * sizeof(WCHAR))))
        hr = E_OUTOFMEMORY;
    else
        lstrcpyW(handler->name, name);
    HeapFree(GetProcessHeap(), 0, caps);
    return hr;
}

HRESULT tcc__handler_open(ITTAPI2 *tapi, const struct tcc_provider *provider, HMODULE module, const char *config,
                          struct tcc_events *events, struct tcc_handler **out, WCHAR *error, size_t error_size)
{
    struct tcc_handler *handler;
    char message[256] = "";
    int32_t result;
    HRESULT hr;

    *out = NULL;
    if (!(handler = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*handler))))
    {
        if (module)
            FreeLibrary(module);
        return E_OUTOFMEMORY;
    }
    handler->ITAgentHandler_iface.lpVtbl = &handler_vtbl;
    handler->ITapi3ccProviderControl_iface.lpVtbl = &tcc__handler_control_vtbl;
    handler->ref = 1;
    handler->provider = handler->opened = provider;
    handler->module = module;
    handler->tapi = tapi;
    InitializeSRWLock(&handler->provider_lock);
    InitializeSRWLock(&handler->map_lock);
    InitializeCriticalSection(&handler->hold_lock);
    tcc__object_created();
    tcc__base_init(&handler->base, (IUnknown *)&handler->ITAgentHandler_iface, TCC_TID_ITAgentHandler, 0);
    if ((result = tcc__provider_open(provider, config, &handler->context, message, sizeof(message))))
    {
        handler->context = NULL;
        MultiByteToWideChar(CP_UTF8, 0, message, -1, error, (int)error_size);
        handler_Release(&handler->ITAgentHandler_iface);
        return tcc__lineerr(result, &IID_ITTAPI, L"ITTAPI::Initialize");
    }
    tcc__provider_trace_wrap(&handler->provider, &handler->context);
    if (FAILED(hr = read_caps(handler)))
    {
        lstrcpynW(error, L"the provider could not describe its ACD (lineGetAgentCaps)", (int)error_size);
        handler_Release(&handler->ITAgentHandler_iface);
        return hr;
    }
    if (FAILED(hr = tcc__handler_learn_groups(handler)))
    {
        handler_Release(&handler->ITAgentHandler_iface);
        return hr;
    }
    handler->events = events;
    handler->provider->set_event_callback(handler->context, provider_event, handler);
    /* A link lost between open and now raised its message to no one. */
    if (handler->provider->version >= TCC_PROVIDER_VERSION_4 && handler->provider->link_state)
        InterlockedExchange(&handler->out_of_service,
                            handler->provider->link_state(handler->context) == TCC_LINK_DOWN);
    *out = handler;
    return S_OK;
}

void tcc__handler_close(struct tcc_handler *handler)
{
    /* Requests in flight hold the lock shared: on a dead path they would keep close
     * waiting for their timeouts.  The provider makes them give up first. */
    AcquireSRWLockShared(&handler->provider_lock);
    if (handler->context && handler->provider->version >= TCC_PROVIDER_VERSION_4 && handler->provider->interrupt)
        handler->provider->interrupt(handler->context);
    ReleaseSRWLockShared(&handler->provider_lock);
    AcquireSRWLockExclusive(&handler->provider_lock);
    if (handler->context)
    {
        handler->provider->set_event_callback(handler->context, NULL, NULL);
        handler->provider->close(handler->context);
    }
    handler->provider = handler->opened;    /* a traced table is gone with its context */
    handler->context = NULL;
    handler->tapi = NULL;
    handler->events = NULL;
    tcc__handler_changed(handler);
    ReleaseSRWLockExclusive(&handler->provider_lock);
}

void tcc__handlers_close_all(struct tcc_handler **handlers, ULONG count)
{
    for (ULONG i = 0; i < count; i++)
    {
        tcc__handler_close(handlers[i]);
        tcc__handler_release(handlers[i]);
    }
    HeapFree(GetProcessHeap(), 0, handlers);
}

ITAgentHandler *tcc__handler_iface(struct tcc_handler *handler)
{
    return &handler->ITAgentHandler_iface;
}

void tcc__handler_addref(struct tcc_handler *handler)
{
    ITAgentHandler_AddRef(&handler->ITAgentHandler_iface);
}

void tcc__handler_release(struct tcc_handler *handler)
{
    ITAgentHandler_Release(&handler->ITAgentHandler_iface);
}

const struct tcc_provider *tcc__handler_provider(struct tcc_handler *handler)
{
    return handler->provider;
}

/* The TAPI object of the handler, with a reference, or NULL once shut down. */
ITTAPI2 *tcc__handler_tapi(struct tcc_handler *handler)
{
    ITTAPI2 *tapi;

    AcquireSRWLockShared(&handler->provider_lock);
    tapi = handler->tapi && tcc__tapi_try_addref(handler->tapi) ? handler->tapi : NULL;
    ReleaseSRWLockShared(&handler->provider_lock);
    return tapi;
}

struct tcc_handler *tcc__handler_from_iface(ITAgentHandler *iface)
{
    return iface && iface->lpVtbl == &handler_vtbl ? impl_from_ITAgentHandler(iface) : NULL;
}

