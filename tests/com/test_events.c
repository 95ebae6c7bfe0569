/*
 * Events: each call-center event type from the emulator's status messages, the
 * address events of an outage (AE_STATE, ITAddress::State out of service and back), the
 * event filter, order, the identity of the objects in events, a dispinterface
 * sink, delivery to a single-threaded apartment through its message loop, a
 * re-entrant sink, Unadvise inside Event, failing and blocking sinks, and
 * Shutdown with events in flight.  The emulator runs on a manual clock; the
 * dispatcher's polling carries time moves into events.
 */
#include "object_fixture.h"

#define WAIT_MS 10000

struct record
{
    TAPI_EVENT type;
    LONG value;
    IUnknown *object;
    DWORD thread;
};

struct sink
{
    ITTAPIEventNotification ITTAPIEventNotification_iface;
    IDispatch IDispatch_iface;          /* the same sink as a dispinterface sink */
    LONG ref;
    CRITICAL_SECTION lock;
    CONDITION_VARIABLE changed;
    struct record records[256];
    LONG count;
    /* behaviours */
    HRESULT result;
    HANDLE block;                       /* when set, Event waits for it */
    IConnectionPoint *unadvise_point;   /* when set, the first Event unadvises */
    DWORD cookie;
    BOOL reenter;                       /* when set, Event calls back into the objects */
    LONG reentered;
    IDispatch *address_event;           /* the first TE_ADDRESS event, kept */
};

static inline struct sink *impl_from_notification(ITTAPIEventNotification *iface)
{
    return CONTAINING_RECORD(iface, struct sink, ITTAPIEventNotification_iface);
}

static inline struct sink *impl_from_dispatch(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct sink, IDispatch_iface);
}

static HRESULT WINAPI sink_QueryInterface(ITTAPIEventNotification *iface, REFIID riid, void **out)
{
    struct sink *sink = impl_from_notification(iface);

    *out = NULL;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_ITTAPIEventNotification))
        *out = &sink->ITTAPIEventNotification_iface;
    else if (IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &DIID_ITTAPIDispatchEventNotification))
        *out = &sink->IDispatch_iface;
    else
        return E_NOINTERFACE;
    InterlockedIncrement(&sink->ref);
    return S_OK;
}

static ULONG WINAPI sink_AddRef(ITTAPIEventNotification *iface)
{
    return InterlockedIncrement(&impl_from_notification(iface)->ref);
}

static ULONG WINAPI sink_Release(ITTAPIEventNotification *iface)
{
    return InterlockedDecrement(&impl_from_notification(iface)->ref);
}

/* The object and value of any call-center event: the six share one shape. */
static void read_event(IDispatch *event, TAPI_EVENT type, IUnknown **object, LONG *value)
{
    static const struct { TAPI_EVENT type; const IID *iid; } kinds[] =
    {
        { TE_AGENT, &IID_ITAgentEvent }, { TE_AGENTSESSION, &IID_ITAgentSessionEvent },
        { TE_ACDGROUP, &IID_ITACDGroupEvent }, { TE_QUEUE, &IID_ITQueueEvent },
        { TE_AGENTHANDLER, &IID_ITAgentHandlerEvent }, { TE_ADDRESS, &IID_ITAddressEvent },
    };
    ITAgentEvent *typed = NULL;

    *object = NULL;
    *value = -1;
    for (size_t i = 0; i < ARRAYSIZE(kinds); i++)
        if (kinds[i].type == type)
            IDispatch_QueryInterface(event, kinds[i].iid, (void **)&typed);
    if (!typed)
        return;
    ITAgentEvent_get_Agent(typed, (ITAgent **)object);
    ITAgentEvent_get_Event(typed, (AGENT_EVENT *)value);
    ITAgentEvent_Release(typed);
}

static HRESULT receive(struct sink *sink, TAPI_EVENT type, IDispatch *event)
{
    struct record record = { type, -1, NULL, GetCurrentThreadId() };

    read_event(event, type, &record.object, &record.value);
    if (sink->reenter && record.object)
    {
        /* Back into the objects from inside Event: nothing is locked. */
        ITAgentSession *session;
        AGENT_SESSION_STATE state;

        if (SUCCEEDED(IUnknown_QueryInterface(record.object, &IID_ITAgentSession, (void **)&session)))
        {
            if (SUCCEEDED(ITAgentSession_get_State(session, &state)))
                InterlockedIncrement(&sink->reentered);
            ITAgentSession_Release(session);
        }
    }
    EnterCriticalSection(&sink->lock);
    if (type == TE_ADDRESS && !sink->address_event)
    {
        sink->address_event = event;
        IDispatch_AddRef(event);
    }
    if (sink->count < (LONG)ARRAYSIZE(sink->records))
        sink->records[sink->count++] = record;
    else if (record.object)
        IUnknown_Release(record.object);
    WakeAllConditionVariable(&sink->changed);
    LeaveCriticalSection(&sink->lock);
    if (sink->unadvise_point)
    {
        IConnectionPoint *point = sink->unadvise_point;

        sink->unadvise_point = NULL;
        IConnectionPoint_Unadvise(point, sink->cookie);
    }
    if (sink->block)
        WaitForSingleObject(sink->block, INFINITE);
    return sink->result;
}

static HRESULT WINAPI sink_Event(ITTAPIEventNotification *iface, TAPI_EVENT type, IDispatch *event)
{
    return receive(impl_from_notification(iface), type, event);
}

static const ITTAPIEventNotificationVtbl sink_vtbl = { sink_QueryInterface, sink_AddRef, sink_Release, sink_Event };

static HRESULT WINAPI dispatch_QueryInterface(IDispatch *iface, REFIID riid, void **out)
{
    return sink_QueryInterface(&impl_from_dispatch(iface)->ITTAPIEventNotification_iface, riid, out);
}

static ULONG WINAPI dispatch_AddRef(IDispatch *iface)
{
    return InterlockedIncrement(&impl_from_dispatch(iface)->ref);
}

static ULONG WINAPI dispatch_Release(IDispatch *iface)
{
    return InterlockedDecrement(&impl_from_dispatch(iface)->ref);
}

static HRESULT WINAPI dispatch_GetTypeInfoCount(IDispatch *iface, UINT *count)
{
    *count = 0;
    return S_OK;
}

static HRESULT WINAPI dispatch_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **info)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI dispatch_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                             DISPID *ids)
{
    return E_NOTIMPL;
}

/* ITTAPIDispatchEventNotification::Event(TapiEvent, pEvent), DISPID 1. */
static HRESULT WINAPI dispatch_Invoke(IDispatch *iface, DISPID dispid, REFIID riid, LCID lcid, WORD flags,
                                      DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_error)
{
    if (dispid != 1 || params->cArgs != 2 || V_VT(&params->rgvarg[0]) != VT_DISPATCH ||
        V_VT(&params->rgvarg[1]) != VT_I4)
        return DISP_E_BADPARAMCOUNT;
    return receive(impl_from_dispatch(iface), V_I4(&params->rgvarg[1]), V_DISPATCH(&params->rgvarg[0]));
}

static const IDispatchVtbl dispatch_vtbl =
{
    dispatch_QueryInterface, dispatch_AddRef, dispatch_Release, dispatch_GetTypeInfoCount, dispatch_GetTypeInfo,
    dispatch_GetIDsOfNames, dispatch_Invoke,
};

static void sink_init(struct sink *sink)
{
    memset(sink, 0, sizeof(*sink));
    sink->ITTAPIEventNotification_iface.lpVtbl = &sink_vtbl;
    sink->IDispatch_iface.lpVtbl = &dispatch_vtbl;
    sink->ref = 1;
    InitializeCriticalSection(&sink->lock);
    InitializeConditionVariable(&sink->changed);
}

static void sink_clear(struct sink *sink)
{
    EnterCriticalSection(&sink->lock);
    for (LONG i = 0; i < sink->count; i++)
        if (sink->records[i].object)
            IUnknown_Release(sink->records[i].object);
    sink->count = 0;
    LeaveCriticalSection(&sink->lock);
}

static void sink_done(struct sink *sink)
{
    sink_clear(sink);
    if (sink->address_event)
        IDispatch_Release(sink->address_event);
    DeleteCriticalSection(&sink->lock);
    assert_int_equal(1, sink->ref);     /* every reference the DLL took is back */
}

/* Index of the first record at or after `from` of (type, value), waiting for it. */
static LONG wait_for(struct sink *sink, LONG from, TAPI_EVENT type, LONG value)
{
    DWORD start = GetTickCount();

    EnterCriticalSection(&sink->lock);
    for (;;)
    {
        for (LONG i = from; i < sink->count; i++)
            if (sink->records[i].type == type && sink->records[i].value == value)
            {
                LeaveCriticalSection(&sink->lock);
                return i;
            }
        if (GetTickCount() - start > WAIT_MS)
            break;
        SleepConditionVariableCS(&sink->changed, &sink->lock, 100);
    }
    LeaveCriticalSection(&sink->lock);
    fail_msg("event 0x%x value %ld did not arrive (%ld received)", (unsigned)type, value, sink->count);
    return -1;
}

static LONG count_of(struct sink *sink, TAPI_EVENT type)
{
    LONG n = 0;

    EnterCriticalSection(&sink->lock);
    for (LONG i = 0; i < sink->count; i++)
        n += sink->records[i].type == type;
    LeaveCriticalSection(&sink->lock);
    return n;
}

static IConnectionPoint *find_point(ITTAPI2 *tapi, const IID *iid)
{
    IConnectionPointContainer *container;
    IConnectionPoint *point;

    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_IConnectionPointContainer, (void **)&container));
    assert_hr(S_OK, IConnectionPointContainer_FindConnectionPoint(container, iid, &point));
    IConnectionPointContainer_Release(container);
    return point;
}

static const LONG all_call_center = TE_AGENT | TE_AGENTSESSION | TE_ACDGROUP | TE_QUEUE | TE_AGENTHANDLER;

/* A TAPI object with a sink advised and the filter set before Initialize. */
static void open_with_sink(struct fixture *f, struct sink *sink, const IID *point_iid, LONG filter,
                           IConnectionPoint **point)
{
    ITTAPI2 *tapi;

    tcc_test_use_manual_emulator();
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_hr(S_OK, ITTAPI2_put_EventFilter(tapi, filter));
    *point = find_point(tapi, point_iid);
    assert_hr(S_OK, IConnectionPoint_Advise(*point, (IUnknown *)&sink->ITTAPIEventNotification_iface,
                                            &sink->cookie));
    fixture_initialize(f, tapi);
}

static void close_with_sink(struct fixture *f, struct sink *sink, IConnectionPoint *point)
{
    assert_hr(S_OK, IConnectionPoint_Unadvise(point, sink->cookie));
    IConnectionPoint_Release(point);
    fixture_close(f);
}

/* Every event type the emulator raises, in order, about the objects the client holds. */
static void test_events_in_order(void **state)
{
    struct fixture f;
    struct sink sink;
    IConnectionPoint *point;
    ITAgent *agent;
    ITAgentSession *session;
    LONG i, new_session, ready, busy, wrapup, again;

    sink_init(&sink);
    open_with_sink(&f, &sink, &IID_ITTAPIEventNotification, all_call_center, &point);
    i = wait_for(&sink, 0, TE_AGENTHANDLER, AHE_NEW_AGENTHANDLER);
    assert_ptr_equal(f.handler, sink.records[i].object);

    agent = fixture_agent(&f, L"1001", L"1234");
    session = fixture_session(&f, agent, f.sales, f.line1, L"1234");
    new_session = wait_for(&sink, 0, TE_AGENTSESSION, ASE_NEW_SESSION);
    assert_ptr_equal(session, sink.records[new_session].object);
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    ready = wait_for(&sink, new_session, TE_AGENTSESSION, ASE_READY);
    i = wait_for(&sink, new_session, TE_AGENT, AE_READY);
    assert_ptr_equal(agent, sink.records[i].object);

    /* A call: busy at once, wrap-up after 100 s of talk, ready 30 s later. */
    assert_hr(S_OK, tcc_test_inject_call(f.handler, 1, 100, 30, 0));
    busy = wait_for(&sink, ready, TE_AGENTSESSION, ASE_BUSY);
    wait_for(&sink, ready, TE_AGENT, AE_BUSY_ACD);
    assert_hr(S_OK, tcc_test_set_time(f.handler, TCC_TEST_T0 + 110));     /* polling delivers it */
    wrapup = wait_for(&sink, busy, TE_AGENTSESSION, ASE_WRAPUP);
    assert_hr(S_OK, tcc_test_set_time(f.handler, TCC_TEST_T0 + 140));
    again = wait_for(&sink, wrapup, TE_AGENTSESSION, ASE_READY);
    assert_true(new_session < ready && ready < busy && busy < wrapup && wrapup < again);
    for (i = new_session; i <= again; i++)
        if (sink.records[i].type == TE_AGENTSESSION)
            assert_ptr_equal(session, sink.records[i].object);

    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_SESSION_ENDED));
    wait_for(&sink, again, TE_AGENTSESSION, ASE_END);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    close_with_sink(&f, &sink, point);
    sink_done(&sink);
}

/* Only what the filter selects arrives; nothing without a filter. */
static void test_filter(void **state)
{
    struct fixture f;
    struct sink sink;
    IConnectionPoint *point;
    ITAgent *agent;
    ITAgentSession *session;
    LONG i;

    sink_init(&sink);
    open_with_sink(&f, &sink, &IID_ITTAPIEventNotification, 0, &point);
    agent = fixture_agent(&f, L"1001", L"1234");
    session = fixture_session(&f, agent, f.sales, f.line1, L"1234");
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    /* Events are delivered in order: once a later one is in, the earlier would be. */
    assert_hr(S_OK, ITTAPI2_put_EventFilter(f.tapi, TE_AGENT));
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_NOT_READY));
    i = wait_for(&sink, 0, TE_AGENT, AE_NOT_READY);
    assert_int_equal(0, i);                     /* nothing before the filter was set */
    assert_int_equal(0, count_of(&sink, TE_AGENTSESSION));
    assert_int_equal(0, count_of(&sink, TE_AGENTHANDLER));
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    close_with_sink(&f, &sink, point);
    sink_done(&sink);
}

static ADDRESS_STATE address_state(IUnknown *object)
{
    ITAddress *address;
    ADDRESS_STATE state = -1;

    assert_hr(S_OK, IUnknown_QueryInterface(object, &IID_ITAddress, (void **)&address));
    assert_hr(S_OK, ITAddress_get_State(address, &state));
    ITAddress_Release(address);
    return state;
}

/* The AE_STATE events from `from` on: one for each of the handler's addresses (the
 * emulator's demo has three), each reading `expected`; returns the index after the
 * last. */
static LONG wait_address_events(struct fixture *f, struct sink *sink, LONG from, ADDRESS_STATE expected)
{
    BOOL line1 = FALSE, line2 = FALSE;
    LONG at = from;

    for (int n = 0; n < 3; n++)
    {
        IUnknown *object;

        at = wait_for(sink, at, TE_ADDRESS, AE_STATE);
        object = sink->records[at++].object;
        line1 |= object == (IUnknown *)f->line1;
        line2 |= object == (IUnknown *)f->line2;
        assert_int_equal(expected, address_state(object));
    }
    assert_true(line1 && line2);
    return at;
}

/* An ITAddressEvent through its vtable and through IDispatch: the address it is
 * about, AE_STATE, and no terminal (NULL, as documented for an event that refers
 * to none). */
static void check_address_event(IDispatch *dispatch, IUnknown *expected_address)
{
    ITAddressEvent *event;
    ITAddress *address;
    ITTerminal *terminal = (ITTerminal *)dispatch;
    ADDRESS_EVENT value = -1;
    DISPPARAMS none = { NULL, NULL, 0, 0 };
    VARIANT result;
    LPOLESTR name = (LPOLESTR)L"Terminal";
    DISPID id;

    assert_non_null(dispatch);
    assert_hr(S_OK, IDispatch_QueryInterface(dispatch, &IID_ITAddressEvent, (void **)&event));
    assert_hr(S_OK, ITAddressEvent_get_Address(event, &address));
    assert_ptr_equal(expected_address, address);
    ITAddress_Release(address);
    assert_hr(S_OK, ITAddressEvent_get_Event(event, &value));
    assert_int_equal(AE_STATE, value);
    assert_hr(S_OK, ITAddressEvent_get_Terminal(event, &terminal));
    assert_null(terminal);
    assert_hr(E_POINTER, ITAddressEvent_get_Terminal(event, NULL));
    assert_hr(E_POINTER, ITAddressEvent_get_Address(event, NULL));

    assert_hr(S_OK, IDispatch_GetIDsOfNames(dispatch, &IID_NULL, &name, 1, 0, &id));
    assert_int_equal(3, id);
    assert_hr(S_OK, IDispatch_Invoke(dispatch, id, &IID_NULL, 0, DISPATCH_METHOD | DISPATCH_PROPERTYGET, &none,
                                     &result, NULL, NULL));
    assert_int_equal(VT_DISPATCH, V_VT(&result));
    assert_null(V_DISPATCH(&result));
    assert_hr(S_OK, IDispatch_Invoke(dispatch, 2, &IID_NULL, 0, DISPATCH_PROPERTYGET, &none, &result, NULL, NULL));
    assert_int_equal(VT_I4, V_VT(&result));
    assert_int_equal(AE_STATE, V_I4(&result));
    assert_hr(S_OK, IDispatch_Invoke(dispatch, 1, &IID_NULL, 0, DISPATCH_PROPERTYGET, &none, &result, NULL, NULL));
    assert_int_equal(VT_DISPATCH, V_VT(&result));
    assert_ptr_equal(expected_address, V_DISPATCH(&result));
    VariantClear(&result);
    ITAddressEvent_Release(event);
}

/* The provider's link goes down and comes back (the emulator plays it): every
 * address reads AS_OUTOFSERVICE and raises AE_STATE, requests fail at once with the
 * provider's error while reads go on, and it all turns back; without TE_ADDRESS in
 * the filter, no address event. */
static void test_address_outage(void **state)
{
    struct fixture f;
    struct sink sink;
    IConnectionPoint *point;
    ITAgent *agent;
    ITAgentSession *session;
    ADDRESS_STATE line_state;
    AGENT_SESSION_STATE session_state;
    IErrorInfo *error;
    BSTR text;
    LONG next;

    sink_init(&sink);
    open_with_sink(&f, &sink, &IID_ITTAPIEventNotification, all_call_center | TE_ADDRESS, &point);
    agent = fixture_agent(&f, L"1001", L"1234");
    session = fixture_session(&f, agent, f.sales, f.line1, L"1234");
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    assert_hr(S_OK, ITAddress_get_State(f.line1, &line_state));
    assert_int_equal(AS_INSERVICE, line_state);

    assert_hr(S_OK, tcc_test_set_link(f.handler, TCC_LINK_DOWN));
    next = wait_address_events(&f, &sink, 0, AS_OUTOFSERVICE);
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));      /* the last figures */
    assert_int_equal(ASST_READY, session_state);
    assert_hr(TCC_LINEERR_OPERATIONFAILED, ITAgentSession_put_State(session, ASST_NOT_READY));
    assert_hr(S_OK, GetErrorInfo(0, &error));
    assert_hr(S_OK, IErrorInfo_GetDescription(error, &text));
    assert_non_null(wcsstr(text, L"OPERATIONFAILED"));
    SysFreeString(text);
    IErrorInfo_Release(error);
    assert_hr(S_OK, tcc_test_set_link(f.handler, TCC_LINK_DOWN));              /* no change, no event */

    check_address_event(sink.address_event, sink.records[wait_for(&sink, 0, TE_ADDRESS, AE_STATE)].object);

    assert_hr(S_OK, tcc_test_set_link(f.handler, TCC_LINK_UP));
    next = wait_address_events(&f, &sink, next, AS_INSERVICE);
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_NOT_READY));

    /* Not in the filter: nothing (events come in order, so the agent's is proof). */
    assert_hr(S_OK, ITTAPI2_put_EventFilter(f.tapi, TE_AGENT));
    assert_hr(S_OK, tcc_test_set_link(f.handler, TCC_LINK_DOWN));
    assert_hr(S_OK, tcc_test_set_link(f.handler, TCC_LINK_UP));
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    wait_for(&sink, next, TE_AGENT, AE_READY);
    assert_int_equal(6, count_of(&sink, TE_ADDRESS));
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    close_with_sink(&f, &sink, point);
    sink_done(&sink);
}

/* Queue and group events, which the emulator's static topology never raises, from
 * status messages injected as if from the provider. */
static void test_queue_and_group_events(void **state)
{
    struct fixture f;
    struct sink sink;
    IConnectionPoint *point;
    IEnumQueue *queues;
    ITQueue *overflow;
    LONG i;

    sink_init(&sink);
    open_with_sink(&f, &sink, &IID_ITTAPIEventNotification, all_call_center, &point);
    assert_hr(S_OK, ITACDGroup_EnumerateQueues(f.sales, &queues));
    assert_hr(S_OK, IEnumQueue_Next(queues, 1, &overflow, NULL));
    IEnumQueue_Release(queues);
    /* No group is new or gone: LINE_GROUPSTATUS brings nothing. */
    assert_hr(S_OK, tcc_test_raise_status(f.handler, TCC_LINE_GROUPSTATUS, 0, TCC_LINEGROUPSTATUS_NEWGROUP, 0));
    assert_hr(S_OK, tcc_test_raise_status(f.handler, TCC_LINE_GROUPSTATUS, 0, TCC_LINEGROUPSTATUS_GROUPREMOVED, 0));
    assert_hr(S_OK, tcc_test_raise_status(f.handler, TCC_LINE_QUEUESTATUS, 2, TCC_LINEQUEUESTATUS_NEWQUEUE, 0));
    assert_hr(S_OK, tcc_test_raise_status(f.handler, TCC_LINE_QUEUESTATUS, 2, TCC_LINEQUEUESTATUS_UPDATEINFO, 0));
    assert_hr(S_OK, tcc_test_raise_status(f.handler, TCC_LINE_QUEUESTATUS, 3, TCC_LINEQUEUESTATUS_QUEUEREMOVED, 0));
    i = wait_for(&sink, 0, TE_QUEUE, ACDQE_NEW_QUEUE);
    assert_ptr_equal(overflow, sink.records[i].object);
    i = wait_for(&sink, i, TE_QUEUE, ACDQE_QUEUE_REMOVED);    /* Support Line, found by its ID */
    {
        BSTR name;

        assert_hr(S_OK, ITQueue_get_Name((ITQueue *)sink.records[i].object, &name));
        assert_bstr(L"Support Line", name);
    }
    assert_int_equal(0, count_of(&sink, TE_ACDGROUP));
    assert_int_equal(2, count_of(&sink, TE_QUEUE));           /* UPDATEINFO is no event */
    assert_hr(S_OK, tcc_test_raise_status(f.handler, TCC_LINE_PROXYSTATUS, 0, TCC_LINEPROXYSTATUS_CLOSE, 0));
    wait_for(&sink, 0, TE_AGENTHANDLER, AHE_AGENTHANDLER_REMOVED);
    ITQueue_Release(overflow);
    close_with_sink(&f, &sink, point);
    sink_done(&sink);
}

/* The dispinterface point calls IDispatch::Invoke(1, TapiEvent, pEvent). */
static void test_dispatch_sink(void **state)
{
    struct fixture f;
    struct sink sink;
    IConnectionPoint *point;
    LONG i;

    sink_init(&sink);
    open_with_sink(&f, &sink, &DIID_ITTAPIDispatchEventNotification, all_call_center, &point);
    i = wait_for(&sink, 0, TE_AGENTHANDLER, AHE_NEW_AGENTHANDLER);
    assert_ptr_equal(f.handler, sink.records[i].object);
    close_with_sink(&f, &sink, point);
    sink_done(&sink);
}

/* A sink of a single-threaded apartment is called on its own thread, from its
 * message loop. */
struct sta_thread
{
    struct fixture *f;
    struct sink *sink;
    HANDLE advised, go, done;
};

static DWORD WINAPI sta_main(void *arg)
{
    struct sta_thread *sta = arg;
    IConnectionPoint *point;
    MSG message;
    DWORD start;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    point = find_point(sta->f->tapi, &IID_ITTAPIEventNotification);
    IConnectionPoint_Advise(point, (IUnknown *)&sta->sink->ITTAPIEventNotification_iface, &sta->sink->cookie);
    SetEvent(sta->advised);
    /* Pump until the agent event is in, or give up. */
    start = GetTickCount();
    while (GetTickCount() - start < WAIT_MS)
    {
        LONG got;

        MsgWaitForMultipleObjects(0, NULL, FALSE, 50, QS_ALLINPUT);
        while (PeekMessageW(&message, NULL, 0, 0, PM_REMOVE))
            DispatchMessageW(&message);
        EnterCriticalSection(&sta->sink->lock);
        got = sta->sink->count;
        LeaveCriticalSection(&sta->sink->lock);
        if (got && WaitForSingleObject(sta->go, 0) == WAIT_OBJECT_0)
            break;
    }
    IConnectionPoint_Unadvise(point, sta->sink->cookie);
    IConnectionPoint_Release(point);
    CoUninitialize();
    return 0;
}

static void test_sta_delivery(void **state)
{
    struct fixture f;
    struct sink sink;
    struct sta_thread sta = { &f, &sink };
    ITAgent *agent;
    HANDLE thread;
    DWORD sta_id;

    sink_init(&sink);
    fixture_open(&f);
    assert_hr(S_OK, ITTAPI2_put_EventFilter(f.tapi, TE_AGENT));
    sta.advised = CreateEventW(NULL, TRUE, FALSE, NULL);
    sta.go = CreateEventW(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, sta_main, &sta, 0, &sta_id);
    WaitForSingleObject(sta.advised, INFINITE);
    agent = fixture_agent(&f, L"1002", L"2345");
    assert_hr(S_OK, ITAgent_put_State(agent, AS_BUSY_OUTGOING));
    wait_for(&sink, 0, TE_AGENT, AE_BUSY_OUTGOING);
    assert_int_equal(sta_id, sink.records[0].thread);   /* on the STA's own thread */
    SetEvent(sta.go);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    CloseHandle(sta.advised);
    CloseHandle(sta.go);
    ITAgent_Release(agent);
    fixture_close(&f);
    sink_done(&sink);
}

/* A sink that calls back into the objects, one that unadvises itself inside Event,
 * one that fails and one that blocks: the others still get every event. */
static void test_difficult_sinks(void **state)
{
    struct fixture f;
    struct sink good, failing, blocking, leaving;
    IConnectionPoint *point;
    ITAgent *agent;
    ITAgentSession *session;

    sink_init(&good);
    sink_init(&failing);
    sink_init(&blocking);
    sink_init(&leaving);
    good.reenter = TRUE;
    failing.result = E_FAIL;
    blocking.block = CreateEventW(NULL, TRUE, FALSE, NULL);
    open_with_sink(&f, &good, &IID_ITTAPIEventNotification, TE_AGENTSESSION, &point);
    assert_hr(S_OK, IConnectionPoint_Advise(point, (IUnknown *)&failing.ITTAPIEventNotification_iface,
                                            &failing.cookie));
    assert_hr(S_OK, IConnectionPoint_Advise(point, (IUnknown *)&blocking.ITTAPIEventNotification_iface,
                                            &blocking.cookie));
    assert_hr(S_OK, IConnectionPoint_Advise(point, (IUnknown *)&leaving.ITTAPIEventNotification_iface,
                                            &leaving.cookie));
    leaving.unadvise_point = point;
    IConnectionPoint_AddRef(point);

    agent = fixture_agent(&f, L"1001", L"1234");
    session = fixture_session(&f, agent, f.sales, f.line1, L"1234");
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_NOT_READY));
    wait_for(&good, wait_for(&good, 0, TE_AGENTSESSION, ASE_READY), TE_AGENTSESSION, ASE_NOT_READY);
    wait_for(&failing, wait_for(&failing, 0, TE_AGENTSESSION, ASE_READY), TE_AGENTSESSION, ASE_NOT_READY);
    assert_true(good.reentered >= 3);
    wait_for(&blocking, 0, TE_AGENTSESSION, ASE_NEW_SESSION);
    wait_for(&leaving, 0, TE_AGENTSESSION, ASE_NEW_SESSION);
    assert_int_equal(1, blocking.count);        /* still inside its first Event */
    assert_int_equal(1, leaving.count);         /* unadvised itself inside the first */
    IConnectionPoint_Release(point);            /* the reference `leaving` would have used */

    /* Unadvise of the blocked sink does not hang; its thread ends when it returns. */
    assert_hr(S_OK, IConnectionPoint_Unadvise(point, blocking.cookie));
    SetEvent(blocking.block);
    assert_hr(S_OK, IConnectionPoint_Unadvise(point, failing.cookie));
    assert_hr(CONNECT_E_NOCONNECTION, IConnectionPoint_Unadvise(point, leaving.cookie));
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    close_with_sink(&f, &good, point);
    /* The blocked sink's thread lets go of it once it returns. */
    for (int i = 0; i < 200 && blocking.ref != 1; i++)
        Sleep(10);
    CloseHandle(blocking.block);
    sink_done(&good);
    sink_done(&failing);
    sink_done(&blocking);
    sink_done(&leaving);
}

/* Shutdown with events queued and a sink busy: it returns, delivery stops, and
 * nothing is left alive (the group teardown checks DllCanUnloadNow). */
static void test_shutdown_in_flight(void **state)
{
    struct fixture f;
    struct sink sink;
    IConnectionPoint *point;
    ITAgent *agent;
    ITAgentSession *session;
    LONG seen;

    sink_init(&sink);
    open_with_sink(&f, &sink, &IID_ITTAPIEventNotification, all_call_center, &point);
    agent = fixture_agent(&f, L"1001", L"1234");
    session = fixture_session(&f, agent, f.sales, f.line1, L"1234");
    for (int i = 0; i < 50; i++)
        ITAgentSession_put_State(session, i & 1 ? ASST_NOT_READY : ASST_READY);
    assert_hr(S_OK, ITTAPI2_Shutdown(f.tapi));
    EnterCriticalSection(&sink.lock);
    seen = sink.count;
    LeaveCriticalSection(&sink.lock);
    Sleep(300);
    assert_int_equal(seen, sink.count);         /* nothing after Shutdown returned */
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    close_with_sink(&f, &sink, point);
    sink_done(&sink);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_events_in_order),
        cmocka_unit_test(test_filter),
        cmocka_unit_test(test_address_outage),
        cmocka_unit_test(test_queue_and_group_events),
        cmocka_unit_test(test_dispatch_sink),
        cmocka_unit_test(test_sta_delivery),
        cmocka_unit_test(test_difficult_sinks),
        cmocka_unit_test(test_shutdown_in_flight),
    };

    return cmocka_run_group_tests_name("events", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
