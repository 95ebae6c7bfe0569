/*
 * ITAgent (spec §3.1, §7.1): an agent of one ACD, made by ITAgentHandler::CreateAgent
 * or CreateAgentWithID.  State and statistics come from lineGetAgentInfo, state
 * changes go to lineSetAgentStateEx (LINEAGENTSTATEEX_x == 1 << AS_x, spec §9.6).
 */
#include "provider_calls.h"
#include "events.h"

#include <stddef.h>

struct agent
{
    ITAgent ITAgent_iface;
    struct tcc_object_base base;
    LONG ref;
    struct tcc_handler *handler;
    tcc_hagent handle;
    WCHAR *id;                  /* NULL: made by CreateAgent, without an ID */
    WCHAR *user;
    struct tcc_snapshot snapshot;   /* LINEAGENTINFO */
    LONG session_list_size;         /* size hint for LINEAGENTSESSIONLIST */
};

static const ITAgentVtbl agent_vtbl;

static inline struct agent *impl_from_ITAgent(ITAgent *iface)
{
    return CONTAINING_RECORD(iface, struct agent, ITAgent_iface);
}

static struct tcc_identity agent_identity(tcc_hagent handle)
{
    struct tcc_identity id = { .kind = TCC_KIND_AGENT, .a = handle };
    return id;
}

tcc_hagent tcc__agent_handle(ITAgent *iface)
{
    return iface && iface->lpVtbl == &agent_vtbl ? impl_from_ITAgent(iface)->handle : 0;
}

static HRESULT WINAPI agent_QueryInterface(ITAgent *iface, REFIID riid, void **out)
{
    struct agent *agent = impl_from_ITAgent(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &IID_ITAgent))
    {
        *out = iface;
        ITAgent_AddRef(iface);
        return S_OK;
    }
    return tcc__base_query(&agent->base, riid, out);
}

static ULONG WINAPI agent_AddRef(ITAgent *iface)
{
    return InterlockedIncrement(&impl_from_ITAgent(iface)->ref);
}

static ULONG WINAPI agent_Release(ITAgent *iface)
{
    struct agent *agent = impl_from_ITAgent(iface);
    ULONG ref = InterlockedDecrement(&agent->ref);

    if (!ref)
    {
        struct tcc_identity id = agent_identity(agent->handle);

        tcc__map_remove(agent->handler, &id, (IUnknown *)iface);
        tcc__base_cleanup(&agent->base);
        tcc__handler_release(agent->handler);
        HeapFree(GetProcessHeap(), 0, agent->id);
        HeapFree(GetProcessHeap(), 0, agent->user);
        HeapFree(GetProcessHeap(), 0, agent);
        tcc__object_destroyed();
    }
    return ref;
}

TCC_DISPATCH_METHODS(agent, ITAgent, struct agent, ITAgent_iface)

/* The whole structure is read into a snapshot. */
TCC_SNAPSHOT_FITS(TCC_LINEAGENTINFO);

static HRESULT fetch_info(void *object, const WCHAR *member, void *structure)
{
    struct agent *agent = object;
    TCC_LINEAGENTINFO *info = structure;
    struct tcc_provider_call call;
    HRESULT hr;

    memset(info, 0, sizeof(*info));
    info->dwTotalSize = sizeof(*info);
    TCC_PROVIDER_CALL(agent->handler, &IID_ITAgent, member, call,
                      call.provider->get_agent_info(call.context, agent->handle, info), hr);
    return hr;
}

/* One field of the agent's LINEAGENTINFO (snapshot.c says how fresh). */
static HRESULT read_field(ITAgent *iface, const WCHAR *member, size_t offset, void *out, size_t size)
{
    struct agent *agent = impl_from_ITAgent(iface);

    if (!out)
        return tcc__null_pointer(&IID_ITAgent, member);
    return tcc__snapshot_read(&agent->snapshot, fetch_info, agent, member, offset, out, size);
}

static int32_t get_sessions(const struct tcc_provider *provider, void *context, void *user, void *buffer)
{
    return provider->get_agent_session_list(context, tcc__agent_handle(user), buffer);
}

static void session_entry_identity(const void *entry, struct tcc_identity *id)
{
    /* Field by field into the zeroed identity: a struct copy here stalled the hash. */
    id->kind = TCC_KIND_SESSION;
    id->a = ((const TCC_LINEAGENTSESSIONENTRY *)entry)->hAgentSession;
}

/* A session the client does not hold, for tcc__map_make_each (under the map's
 * lock); made elsewhere (no note of its line), it is found by address ID alone. */
static HRESULT make_session_locked(struct tcc_handler *handler, void *user, const void *entry, IUnknown **object,
                                   LONG **ref)
{
    const TCC_LINEAGENTSESSIONENTRY *session = entry;
    struct tcc_session_args args = { session->hAgentSession, user, NULL, TCC_ANY_LINE, session->dwWorkingAddressID };
    GUID group;

    memcpy(&group, &session->GroupID, sizeof(group));
    args.group = &group;
    tcc__handler_session_line_locked(handler, session->hAgentSession, &args.line_id);
    return tcc__session_make(handler, &args, object, ref);
}

static const struct tcc_list_kind session_list =
{
    get_sessions, sizeof(TCC_LINEAGENTSESSIONLIST), sizeof(TCC_LINEAGENTSESSIONENTRY), NULL,
    session_entry_identity, make_session_locked
};

static int32_t get_session_info(const struct tcc_provider *provider, void *context, void *user, void *buffer)
{
    return provider->get_agent_session_info(context, *(const tcc_hagentsession *)user, buffer);
}

BOOL tcc__session_live(struct tcc_handler *handler, tcc_hagentsession handle)
{
    TCC_LINEAGENTSESSIONINFO *info;
    BOOL live = FALSE;

    if (SUCCEEDED(tcc__provider_fetch(handler, &IID_ITAgentSession, L"events", get_session_info, &handle,
                                      sizeof(*info), NULL, (void **)&info)))
    {
        live = info->dwAgentSessionState != TCC_LINEAGENTSESSIONSTATE_ENDED;
        HeapFree(GetProcessHeap(), 0, info);
    }
    return live;
}

IUnknown *tcc__agent_new_session(ITAgent *iface, tcc_hagentsession handle)
{
    struct agent *agent = impl_from_ITAgent(iface);
    TCC_LINEAGENTSESSIONLIST *list;
    IUnknown *object = NULL;

    if (FAILED(tcc__provider_fetch(agent->handler, &IID_ITAgent, L"events", get_sessions, iface,
                                   sizeof(*list), &agent->session_list_size, (void **)&list)))
        return NULL;
    for (DWORD i = 0; i < list->dwNumEntries && !object; i++)
    {
        const TCC_LINEAGENTSESSIONENTRY *entry =
            (const TCC_LINEAGENTSESSIONENTRY *)((const BYTE *)list + list->dwListOffset) + i;

        if (entry->hAgentSession == handle)
            object = tcc__provider_entry_object(agent->handler, &session_list, iface, list, entry);
    }
    HeapFree(GetProcessHeap(), 0, list);
    return object;
}

static HRESULT list_sessions(void *object, const WCHAR *member, IUnknown ***items, ULONG *count)
{
    struct agent *agent = object;
    return tcc__provider_objects(agent->handler, &session_list, &agent->ITAgent_iface, &agent->session_list_size,
                                 &IID_ITAgent, member, items, count);
}

static HRESULT WINAPI agent_EnumerateAgentSessions(ITAgent *iface, IEnumAgentSession **sessions)
{
    return tcc__list_hand_out(impl_from_ITAgent(iface), list_sessions, &IID_IEnumAgentSession, sessions,
                              &IID_ITAgent, L"ITAgent::EnumerateAgentSessions");
}

static HRESULT WINAPI agent_get_AgentSessions(ITAgent *iface, VARIANT *sessions)
{
    return tcc__list_hand_out(impl_from_ITAgent(iface), list_sessions, NULL, sessions, &IID_ITAgent,
                              L"ITAgent::get_AgentSessions");
}

/* The line and address an ITAddress stands for: ours directly, a foreign one
 * through ITAddressCapabilities AC_LINEID / AC_ADDRESSID (spec §5.4). */
static BOOL address_ids(struct agent *agent, ITAddress *address, DWORD *line_id, DWORD *address_id)
{
    ITAddressCapabilities *caps;
    struct tcc_handler *owner;
    LONG line, id;
    BOOL found = FALSE;

    if (tcc__address_identity(address, &owner, line_id, address_id))
        return owner == agent->handler;
    if (SUCCEEDED(ITAddress_QueryInterface(address, &IID_ITAddressCapabilities, (void **)&caps)))
    {
        found = SUCCEEDED(ITAddressCapabilities_get_AddressCapability(caps, AC_LINEID, &line)) &&
                SUCCEEDED(ITAddressCapabilities_get_AddressCapability(caps, AC_ADDRESSID, &id));
        ITAddressCapabilities_Release(caps);
        *line_id = (DWORD)line;
        *address_id = (DWORD)id;
    }
    return found;
}

static HRESULT create_session(struct agent *agent, const WCHAR *member, ITACDGroup *group, ITAddress *address,
                              BSTR pin, ITAgentSession **session)
{
    struct tcc_provider_call call;
    struct tcc_handler *owner;
    tcc_hagentsession handle = 0;
    DWORD line_id, address_id;
    GUID guid;
    HRESULT hr;

    if (!group || !tcc__group_identity(group, &owner, &guid) || owner != agent->handler)
        return tcc__error(E_INVALIDARG, &IID_ITAgent,
                          L"%ls: pACDGroup is not an ACD group of this agent's agent handler.", member);
    if (!address || !address_ids(agent, address, &line_id, &address_id))
        return tcc__error(E_INVALIDARG, &IID_ITAgent,
                          L"%ls: pAddress is not one of this agent handler's usable addresses.", member);
    /* The new session's events wait until its object exists. */
    tcc__handler_creation_begin(agent->handler);
    TCC_PROVIDER_CALL(agent->handler, &IID_ITAgent, member, call,
                      call.provider->create_agent_session(call.context, agent->handle, pin, line_id, address_id,
                                                          (const TCC_GUID *)&guid, &handle), hr);
    tcc__handler_changed(agent->handler);
    if (SUCCEEDED(hr))
    {
        tcc__handler_note_session_line(agent->handler, handle, line_id);
        if (FAILED(hr = tcc__session_get(agent->handler, handle, &agent->ITAgent_iface, &guid, line_id, address_id,
                                         session)))
            hr = tcc__error(hr, &IID_ITAgent, L"%ls: out of memory.", member);
    }
    /* A line or address the ACD does not know is a bad argument (documented). */
    else if (hr == (HRESULT)TCC_LINEERR_BADDEVICEID || hr == (HRESULT)TCC_LINEERR_INVALADDRESSID)
        hr = tcc__error(E_INVALIDARG, &IID_ITAgent, L"%ls: the ACD has no such address for agents.", member);
    tcc__handler_creation_end(agent->handler);
    return hr;
}

static HRESULT WINAPI agent_CreateSession(ITAgent *iface, ITACDGroup *group, ITAddress *address,
                                          ITAgentSession **session)
{
    static const WCHAR member[] = L"ITAgent::CreateSession";

    if (!session)
        return tcc__null_pointer(&IID_ITAgent, member);
    *session = NULL;
    return create_session(impl_from_ITAgent(iface), member, group, address, NULL, session);
}

static HRESULT WINAPI agent_CreateSessionWithPIN(ITAgent *iface, ITACDGroup *group, ITAddress *address, BSTR pin,
                                                 ITAgentSession **session)
{
    static const WCHAR member[] = L"ITAgent::CreateSessionWithPIN";
    struct agent *agent = impl_from_ITAgent(iface);

    if (!session)
        return tcc__null_pointer(&IID_ITAgent, member);
    *session = NULL;
    if (!agent->id)
        return tcc__error(TAPI_E_CALLCENTER_NO_AGENT_ID, &IID_ITAgent,
                          L"%ls: this agent was made by CreateAgent and has no agent ID; use CreateSession, "
                          L"or make the agent with CreateAgentWithID.", member);
    if (!pin)
        return tcc__error(E_INVALIDARG, &IID_ITAgent, L"%ls: pPIN is NULL.", member);
    return create_session(agent, member, group, address, pin, session);
}

static HRESULT copy_string(const WCHAR *text, BSTR *out, const WCHAR *member)
{
    if (!(*out = SysAllocString(text)))
        return tcc__error(E_OUTOFMEMORY, &IID_ITAgent, L"%ls: out of memory.", member);
    return S_OK;
}

static HRESULT WINAPI agent_get_ID(ITAgent *iface, BSTR *id)
{
    struct agent *agent = impl_from_ITAgent(iface);

    if (!id)
        return tcc__null_pointer(&IID_ITAgent, L"ITAgent::get_ID");
    *id = NULL;
    if (!agent->id)
        return tcc__error(TAPI_E_CALLCENTER_NO_AGENT_ID, &IID_ITAgent,
                          L"ITAgent::get_ID: this agent was made by CreateAgent and has no agent ID.");
    return copy_string(agent->id, id, L"ITAgent::get_ID");
}

static HRESULT WINAPI agent_get_User(ITAgent *iface, BSTR *user)
{
    if (!user)
        return tcc__null_pointer(&IID_ITAgent, L"ITAgent::get_User");
    return copy_string(impl_from_ITAgent(iface)->user, user, L"ITAgent::get_User");
}

static HRESULT WINAPI agent_put_State(ITAgent *iface, AGENT_STATE state)
{
    static const WCHAR member[] = L"ITAgent::put_State";
    struct agent *agent = impl_from_ITAgent(iface);
    struct tcc_provider_call call;
    HRESULT hr;

    if ((int)state < AS_NOT_READY || state > AS_BUSY_OUTGOING)
        return tcc__error(E_INVALIDARG, &IID_ITAgent,
                          L"%ls: %d is not an agent state a client can ask for (AS_NOT_READY 0 to "
                          L"AS_BUSY_OUTGOING 4).", member, (int)state);
    TCC_PROVIDER_CALL(agent->handler, &IID_ITAgent, member, call,
                      call.provider->set_agent_state_ex(call.context, agent->handle, 1u << state, 0), hr);
    tcc__handler_changed(agent->handler);
    /* Documented: a state the agent cannot take now is E_INVALIDARG. */
    if (hr == TAPI_E_CALLCENTER_INVALAGENTSTATE)
        return tcc__error(E_INVALIDARG, &IID_ITAgent,
                          L"%ls: the agent cannot change to state %d now (LINEERR_INVALAGENTSTATE).", member,
                          (int)state);
    return hr;
}

/* LINEAGENTSTATEEX_ bit -> AGENT_STATE; RELEASED and anything unknown -> AS_UNKNOWN. */
static AGENT_STATE agent_state_from_bits(DWORD bits)
{
    for (int state = AS_NOT_READY; state <= AS_UNKNOWN; state++)
        if (bits == 1u << state)
            return (AGENT_STATE)state;
    return AS_UNKNOWN;
}

static HRESULT WINAPI agent_get_State(ITAgent *iface, AGENT_STATE *state)
{
    DWORD bits;
    HRESULT hr;

    if (!state)
        return tcc__null_pointer(&IID_ITAgent, L"ITAgent::get_State");
    if (SUCCEEDED(hr = read_field(iface, L"ITAgent::get_State", offsetof(TCC_LINEAGENTINFO, dwAgentState), &bits,
                                  sizeof(bits))))
        *state = agent_state_from_bits(bits);
    return hr;
}

static HRESULT WINAPI agent_put_MeasurementPeriod(ITAgent *iface, LONG period)
{
    static const WCHAR member[] = L"ITAgent::put_MeasurementPeriod";
    struct agent *agent = impl_from_ITAgent(iface);
    struct tcc_provider_call call;
    HRESULT hr;

    if (!period)
        return tcc__error(E_INVALIDARG, &IID_ITAgent, L"%ls: the period is 0; give it in seconds.", member);
    /* Negative values are accepted, as documented ("unreliable statistics"). */
    TCC_PROVIDER_CALL(agent->handler, &IID_ITAgent, member, call,
                      call.provider->set_agent_measurement_period(call.context, agent->handle, (DWORD)period), hr);
    tcc__handler_changed(agent->handler);
    return hr;
}

#define AGENT_LONG(name, field) \
    static HRESULT WINAPI agent_get_##name(ITAgent *iface, LONG *value) \
    { \
        return read_field(iface, L"ITAgent::get_" #name, offsetof(TCC_LINEAGENTINFO, field), value, sizeof(*value)); \
    }

AGENT_LONG(MeasurementPeriod, dwMeasurementPeriod)
AGENT_LONG(NumberOfACDCalls, dwNumberOfACDCalls)
AGENT_LONG(NumberOfIncomingCalls, dwNumberOfIncomingCalls)
AGENT_LONG(NumberOfOutgoingCalls, dwNumberOfOutgoingCalls)
AGENT_LONG(TotalACDTalkTime, dwTotalACDTalkTime)
AGENT_LONG(TotalACDCallTime, dwTotalACDCallTime)
AGENT_LONG(TotalWrapUpTime, dwTotalACDWrapUpTime)

static HRESULT WINAPI agent_get_OverallCallRate(ITAgent *iface, CY *rate)
{
    return read_field(iface, L"ITAgent::get_OverallCallRate", offsetof(TCC_LINEAGENTINFO, cyOverallCallRate), rate,
                      sizeof(*rate));
}

static const ITAgentVtbl agent_vtbl =
{
    agent_QueryInterface,
    agent_AddRef,
    agent_Release,
    agent_GetTypeInfoCount,
    agent_GetTypeInfo,
    agent_GetIDsOfNames,
    agent_Invoke,
    agent_EnumerateAgentSessions,
    agent_CreateSession,
    agent_CreateSessionWithPIN,
    agent_get_ID,
    agent_get_User,
    agent_put_State,
    agent_get_State,
    agent_put_MeasurementPeriod,
    agent_get_MeasurementPeriod,
    agent_get_OverallCallRate,
    agent_get_NumberOfACDCalls,
    agent_get_NumberOfIncomingCalls,
    agent_get_NumberOfOutgoingCalls,
    agent_get_TotalACDTalkTime,
    agent_get_TotalACDCallTime,
    agent_get_TotalWrapUpTime,
    agent_get_AgentSessions,
};

static WCHAR *duplicate(const WCHAR *text)
{
    WCHAR *copy = HeapAlloc(GetProcessHeap(), 0, (lstrlenW(text) + 1) * sizeof(WCHAR));

    if (copy)
        lstrcpyW(copy, text);
    return copy;
}

struct agent_args
{
    tcc_hagent handle;
    const WCHAR *id, *user;
};

static HRESULT make_agent(struct tcc_handler *handler, const void *args, IUnknown **object, LONG **ref)
{
    const struct agent_args *made = args;
    struct agent *agent;

    if (!(agent = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*agent))))
        return E_OUTOFMEMORY;
    agent->ITAgent_iface.lpVtbl = &agent_vtbl;
    agent->ref = 1;
    agent->handler = handler;
    agent->handle = made->handle;
    tcc__snapshot_init(&agent->snapshot, handler);
    tcc__handler_addref(handler);
    tcc__object_created();
    *object = (IUnknown *)&agent->ITAgent_iface;
    *ref = &agent->ref;
    tcc__base_init(&agent->base, *object, TCC_TID_ITAgent, 0);
    if ((made->id && !(agent->id = duplicate(made->id))) || !(agent->user = duplicate(made->user ? made->user : L"")))
        return E_OUTOFMEMORY;
    return S_OK;
}

HRESULT tcc__agent_get(struct tcc_handler *handler, tcc_hagent handle, const WCHAR *id, const WCHAR *user,
                       ITAgent **out)
{
    struct tcc_identity identity = agent_identity(handle);
    struct agent_args args = { handle, id, user };

    return tcc__map_get(handler, &identity, make_agent, &args, (IUnknown **)out);
}
