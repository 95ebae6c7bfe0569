/*
 * ITAgentSession (spec §3.2, §7.2): an agent logged into one ACD group on one
 * address.  Every statistic is a field of LINEAGENTSESSIONINFO, read from the
 * provider on each call (a fixed-size structure on the stack: no allocation);
 * state changes go to lineSetAgentSessionState (LINEAGENTSESSIONSTATE_x == 1 << ASST_x).
 *
 * The session holds its agent (get_Agent returns the object the client made the
 * session with); its group and address are found through the identity map, so
 * they are the objects the client holds if it holds them.
 */
#include "object_pool.h"
#include "provider_calls.h"

#include <stddef.h>

struct session
{
    ITAgentSession ITAgentSession_iface;
    LONG ref;                   /* beside the vtable: AddRef and Release touch one cache line */
    struct tcc_object_base base;
    struct tcc_handler *handler;
    tcc_hagentsession handle;
    ITAgent *agent;
    GUID group;
    DWORD line_id;              /* TCC_ANY_LINE: not known, the address is found by its ID */
    DWORD address_id;
    struct tcc_snapshot snapshot;   /* LINEAGENTSESSIONINFO */
};

/* Sessions come and go by the thousand when a client enumerates without holding. */
TCC_POOL(session_pool, struct session);

void tcc__session_pool_empty(void)
{
    tcc__pool_empty(&session_pool);
}

static inline struct session *impl_from_ITAgentSession(ITAgentSession *iface)
{
    return CONTAINING_RECORD(iface, struct session, ITAgentSession_iface);
}

static HRESULT WINAPI session_QueryInterface(ITAgentSession *iface, REFIID riid, void **out)
{
    struct session *session = impl_from_ITAgentSession(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) ||
        IsEqualIID(riid, &IID_ITAgentSession))
    {
        *out = iface;
        ITAgentSession_AddRef(iface);
        return S_OK;
    }
    return tcc__base_query(&session->base, riid, out);
}

static ULONG WINAPI session_AddRef(ITAgentSession *iface)
{
    return InterlockedIncrement(&impl_from_ITAgentSession(iface)->ref);
}

static ULONG WINAPI session_Release(ITAgentSession *iface)
{
    struct session *session = impl_from_ITAgentSession(iface);
    ULONG ref = InterlockedDecrement(&session->ref);

    if (!ref)
    {
        struct tcc_identity id = tcc__session_identity(session->handle);

        tcc__map_remove(session->handler, &id, (IUnknown *)iface);
        tcc__base_cleanup(&session->base);
        if (session->agent)
            ITAgent_Release(session->agent);
        tcc__handler_release(session->handler);
        tcc__pool_free(&session_pool, session);
        tcc__object_destroyed();
    }
    return ref;
}

TCC_DISPATCH_METHODS(session, ITAgentSession, struct session, ITAgentSession_iface)

/* The whole structure is read into a snapshot. */
TCC_SNAPSHOT_FITS(TCC_LINEAGENTSESSIONINFO);

static HRESULT fetch_info(void *object, const WCHAR *member, void *structure)
{
    struct session *session = object;
    TCC_LINEAGENTSESSIONINFO *info = structure;
    struct tcc_provider_call call;
    HRESULT hr;

    memset(info, 0, sizeof(*info));
    info->dwTotalSize = sizeof(*info);
    TCC_PROVIDER_CALL(session->handler, &IID_ITAgentSession, member, call,
                      call.provider->get_agent_session_info(call.context, session->handle, info), hr);
    return hr;
}

/* One field of the session's LINEAGENTSESSIONINFO (snapshot.c says how fresh). */
static HRESULT read_field(ITAgentSession *iface, const WCHAR *member, size_t offset, void *out, size_t size)
{
    struct session *session = impl_from_ITAgentSession(iface);

    if (!out)
        return tcc__null_pointer(&IID_ITAgentSession, member);
    return tcc__snapshot_read(&session->snapshot, fetch_info, session, member, offset, out, size);
}

static HRESULT WINAPI session_get_Agent(ITAgentSession *iface, ITAgent **agent)
{
    struct session *session = impl_from_ITAgentSession(iface);

    if (!agent)
        return tcc__null_pointer(&IID_ITAgentSession, L"ITAgentSession::get_Agent");
    *agent = session->agent;
    ITAgent_AddRef(*agent);
    return S_OK;
}

static HRESULT WINAPI session_get_Address(ITAgentSession *iface, ITAddress **address)
{
    struct session *session = impl_from_ITAgentSession(iface);

    if (!address)
        return tcc__null_pointer(&IID_ITAgentSession, L"ITAgentSession::get_Address");
    *address = NULL;
    return tcc__handler_find_address(session->handler, session->line_id, session->address_id,
                                     L"ITAgentSession::get_Address", address);
}

static HRESULT WINAPI session_get_ACDGroup(ITAgentSession *iface, ITACDGroup **group)
{
    struct session *session = impl_from_ITAgentSession(iface);

    if (!group)
        return tcc__null_pointer(&IID_ITAgentSession, L"ITAgentSession::get_ACDGroup");
    *group = NULL;
    return tcc__handler_find_group(session->handler, &session->group, L"ITAgentSession::get_ACDGroup", group);
}

static HRESULT WINAPI session_put_State(ITAgentSession *iface, AGENT_SESSION_STATE state)
{
    static const WCHAR member[] = L"ITAgentSession::put_State";
    struct session *session = impl_from_ITAgentSession(iface);
    struct tcc_provider_call call;
    HRESULT hr;

    if ((int)state < ASST_NOT_READY || state > ASST_SESSION_ENDED)
        return tcc__error(E_INVALIDARG, &IID_ITAgentSession,
                          L"%ls: %d is not a valid session state (ASST_NOT_READY 0 to ASST_SESSION_ENDED 4).",
                          member, (int)state);
    TCC_PROVIDER_CALL(session->handler, &IID_ITAgentSession, member, call,
                      call.provider->set_agent_session_state(call.context, session->handle, 1u << state, 0), hr);
    tcc__handler_changed(session->handler);
    return hr;
}

/* LINEAGENTSESSIONSTATE_ bit -> AGENT_SESSION_STATE; RELEASED counts as ended (spec §9.6). */
static AGENT_SESSION_STATE session_state_from_bits(DWORD bits)
{
    for (int state = ASST_NOT_READY; state <= ASST_SESSION_ENDED; state++)
        if (bits == 1u << state)
            return (AGENT_SESSION_STATE)state;
    return ASST_SESSION_ENDED;
}

static HRESULT WINAPI session_get_State(ITAgentSession *iface, AGENT_SESSION_STATE *state)
{
    DWORD bits;
    HRESULT hr;

    if (!state)
        return tcc__null_pointer(&IID_ITAgentSession, L"ITAgentSession::get_State");
    if (SUCCEEDED(hr = read_field(iface, L"ITAgentSession::get_State",
                                  offsetof(TCC_LINEAGENTSESSIONINFO, dwAgentSessionState), &bits, sizeof(bits))))
        *state = session_state_from_bits(bits);
    return hr;
}

static HRESULT WINAPI session_get_SessionStartTime(ITAgentSession *iface, DATE *start)
{
    return read_field(iface, L"ITAgentSession::get_SessionStartTime",
                      offsetof(TCC_LINEAGENTSESSIONINFO, dateSessionStartTime), start, sizeof(*start));
}

static HRESULT WINAPI session_get_ACDCallRate(ITAgentSession *iface, CY *rate)
{
    return read_field(iface, L"ITAgentSession::get_ACDCallRate", offsetof(TCC_LINEAGENTSESSIONINFO, cyACDCallRate),
                      rate, sizeof(*rate));
}

#define SESSION_LONG(name, field) \
    static HRESULT WINAPI session_get_##name(ITAgentSession *iface, LONG *value) \
    { \
        return read_field(iface, L"ITAgentSession::get_" #name, offsetof(TCC_LINEAGENTSESSIONINFO, field), value, \
                          sizeof(*value)); \
    }

SESSION_LONG(SessionDuration, dwSessionDuration)
SESSION_LONG(NumberOfCalls, dwNumberOfCalls)
SESSION_LONG(TotalTalkTime, dwTotalTalkTime)
SESSION_LONG(AverageTalkTime, dwAverageTalkTime)
SESSION_LONG(TotalCallTime, dwTotalCallTime)
SESSION_LONG(AverageCallTime, dwAverageCallTime)
SESSION_LONG(TotalWrapUpTime, dwTotalWrapUpTime)
SESSION_LONG(AverageWrapUpTime, dwAverageWrapUpTime)
SESSION_LONG(LongestTimeToAnswer, dwLongestTimeToAnswer)
SESSION_LONG(AverageTimeToAnswer, dwAverageTimeToAnswer)

static const ITAgentSessionVtbl session_vtbl =
{
    session_QueryInterface,
    session_AddRef,
    session_Release,
    session_GetTypeInfoCount,
    session_GetTypeInfo,
    session_GetIDsOfNames,
    session_Invoke,
    session_get_Agent,
    session_get_Address,
    session_get_ACDGroup,
    session_put_State,
    session_get_State,
    session_get_SessionStartTime,
    session_get_SessionDuration,
    session_get_NumberOfCalls,
    session_get_TotalTalkTime,
    session_get_AverageTalkTime,
    session_get_TotalCallTime,
    session_get_AverageCallTime,
    session_get_TotalWrapUpTime,
    session_get_AverageWrapUpTime,
    session_get_ACDCallRate,
    session_get_LongestTimeToAnswer,
    session_get_AverageTimeToAnswer,
};

HRESULT tcc__session_make(struct tcc_handler *handler, const void *args, IUnknown **object, LONG **ref)
{
    const struct tcc_session_args *made = args;
    struct session *session;

    if (!(session = tcc__pool_alloc(&session_pool)))
        return E_OUTOFMEMORY;
    session->ITAgentSession_iface.lpVtbl = &session_vtbl;
    session->ref = 1;
    session->handler = handler;
    session->handle = made->handle;
    session->agent = made->agent;
    session->group = *made->group;
    session->line_id = made->line_id;
    session->address_id = made->address_id;
    tcc__snapshot_init(&session->snapshot, handler);
    ITAgent_AddRef(made->agent);
    tcc__handler_addref(handler);
    tcc__object_created();
    *object = (IUnknown *)&session->ITAgentSession_iface;
    *ref = &session->ref;
    tcc__base_init(&session->base, *object, TCC_TID_ITAgentSession, 0);
    return S_OK;
}

HRESULT tcc__session_get(struct tcc_handler *handler, tcc_hagentsession handle, ITAgent *agent,
                         const GUID *group, DWORD line_id, DWORD address_id, ITAgentSession **out)
{
    struct tcc_identity identity = tcc__session_identity(handle);
    struct tcc_session_args args = { handle, agent, group, line_id, address_id };

    return tcc__map_get(handler, &identity, tcc__session_make, &args, (IUnknown **)out);
}
