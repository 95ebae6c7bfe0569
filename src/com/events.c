/*
 * Event delivery for one TAPI object (spec §4.2, §9.6).
 *
 * Providers report status messages from whatever thread called them.  Those are
 * only queued here; a thread of the DLL's own — the dispatcher — takes them in
 * order, turns each into TAPI 3 events (status_map.h), finds the objects they are
 * about through the identity map (the objects the client holds; an event about an
 * agent or session no client holds is dropped), keeps those the event filter
 * selected when they happened, and queues them for every connected sink
 * (event_sink.c).  No lock is held
 * while a provider or a sink runs.
 *
 * While idle the dispatcher polls the providers every POLL_MS, so that the
 * emulator's simulated traffic raises its events without a query.
 */
#include "events.h"
#include "status_map.h"

#include "tapi3cc/tapi2.h"

#define POLL_MS 200

struct raw_event
{
    struct tcc_handler *handler;    /* with a reference */
    uint32_t message, param1, param2, param3;
    LONG filter;                    /* the filter when it happened */
};

struct tcc_events
{
    struct tcc_connection_point *points;
    ULONG point_count;
    LONG filter;                    /* atomic */

    CRITICAL_SECTION lock;          /* guards the fields below */
    CONDITION_VARIABLE wake;
    struct raw_event *queue;
    size_t count, capacity;
    struct tcc_handler **handlers;  /* polled; with a reference each */
    ULONG handler_count;
    HANDLE thread;
    BOOL running;                   /* between start and stop: posts are taken */
    BOOL stopping;
};

HRESULT tcc__events_create(struct tcc_connection_point *points, ULONG point_count, struct tcc_events **out)
{
    struct tcc_events *events;

    if (!(*out = events = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*events))))
        return E_OUTOFMEMORY;
    events->points = points;
    events->point_count = point_count;
    InitializeCriticalSection(&events->lock);
    InitializeConditionVariable(&events->wake);
    return S_OK;
}

void tcc__events_destroy(struct tcc_events *events)
{
    if (!events)
        return;
    tcc__events_stop(events);
    DeleteCriticalSection(&events->lock);
    HeapFree(GetProcessHeap(), 0, events);
}

void tcc__events_set_filter(struct tcc_events *events, LONG filter)
{
    InterlockedExchange(&events->filter, filter);
}

LONG tcc__events_filter(struct tcc_events *events)
{
    return InterlockedCompareExchange(&events->filter, 0, 0);
}

void tcc__events_post(struct tcc_events *events, struct tcc_handler *handler, uint32_t message, uint32_t param1,
                      uint32_t param2, uint32_t param3)
{
    EnterCriticalSection(&events->lock);
    /* Stopped, or out of memory: the message is dropped; statistics stay right. */
    if (events->running && tcc__array_reserve((void **)&events->queue, &events->capacity, events->count + 1,
                                              sizeof(*events->queue), 64))
    {
        tcc__handler_addref(handler);
        events->queue[events->count++] = (struct raw_event){ handler, message, param1, param2, param3,
                                                             InterlockedCompareExchange(&events->filter, 0, 0) };
        /* The dispatcher sleeps only on an empty queue: one wake-up per batch. */
        if (events->count == 1)
            WakeConditionVariable(&events->wake);
    }
    LeaveCriticalSection(&events->lock);
}

/*
 * A new session nobody holds yet (made by another desktop, a phone's login code, the
 * ACD's own tools): found among the sessions of the agents this client holds, so
 * that a supervisor's NEW_SESSION event comes with the session.  A session of an
 * agent nobody holds has no object to carry, and one that has ended meanwhile is no
 * news: no event.
 */
static IUnknown *find_new_session(struct tcc_handler *handler, const struct tcc_identity *id)
{
    IUnknown **agents, *found = NULL;
    ULONG count;

    /* Most often the client made it and has let it go again: asked once, here. */
    if (!tcc__session_live(handler, id->a) || FAILED(tcc__map_collect(handler, TCC_KIND_AGENT, &agents, &count)))
        return NULL;
    for (ULONG i = 0; i < count && !found; i++)
        found = tcc__agent_new_session((ITAgent *)agents[i], id->a);
    tcc__free_items(agents, count);
    return found;
}

/* The object an event is about, with a reference, or NULL. */
static IUnknown *resolve(const struct raw_event *raw, uint32_t tapi_event)
{
    struct tcc_identity id = { 0 };
    IUnknown *object;

    switch (tapi_event)
    {
    case TCC_TE_AGENT:
        id.kind = TCC_KIND_AGENT;
        break;
    case TCC_TE_AGENTSESSION:
        id.kind = TCC_KIND_SESSION;
        break;
    case TCC_TE_QUEUE:
        return (IUnknown *)tcc__handler_find_queue(raw->handler, raw->param1);
    case TCC_TE_AGENTHANDLER:
        object = (IUnknown *)tcc__handler_iface(raw->handler);
        IUnknown_AddRef(object);
        return object;
    default:
        return NULL;
    }
    id.a = raw->param1;
    if ((object = tcc__map_find(raw->handler, &id)))
        return object;
    if (id.kind == TCC_KIND_SESSION && raw->message == TCC_LINE_AGENTSESSIONSTATUS &&
        raw->param2 & TCC_LINEAGENTSESSIONSTATUS_NEWSESSION)
        return find_new_session(raw->handler, &id);
    return NULL;
}

static void deliver(struct tcc_events *events, uint32_t tapi_event, IUnknown *object, uint32_t value)
{
    IDispatch *event;

    if (FAILED(tcc__event_create((TAPI_EVENT)tapi_event, object, (LONG)value, &event)))
        return;
    for (ULONG i = 0; i < events->point_count; i++)
        tcc__connection_point_deliver(&events->points[i], (TAPI_EVENT)tapi_event, event);
    IDispatch_Release(event);
}

static void process(struct tcc_events *events, const struct raw_event *raw)
{
    struct tcc_status_event mapped[2];
    LONG filter = raw->filter;
    int count = tcc_status_to_events(raw->message, raw->param2, raw->param3, mapped);

    /* An ended session is listed no more: the note of its line can go. */
    if (raw->message == TCC_LINE_AGENTSESSIONSTATUS && raw->param2 & TCC_LINEAGENTSESSIONSTATUS_STATE &&
        raw->param3 & (TCC_LINEAGENTSESSIONSTATE_ENDED | TCC_LINEAGENTSESSIONSTATE_RELEASED))
        tcc__handler_forget_session_line(raw->handler, raw->param1);

    for (int i = 0; i < count; i++)
    {
        IUnknown **groups;
        ULONG group_count;

        if (!(filter & mapped[i].tapi_event))
            continue;
        if (mapped[i].tapi_event == TCC_TE_ADDRESS)
        {
            /* The link is every address of the handler: each one's AE_STATE. */
            IUnknown **addresses;
            ULONG address_count;

            if (SUCCEEDED(tcc__handler_list_addresses(raw->handler, L"ITAddressEvent", &addresses, &address_count)))
            {
                for (ULONG a = 0; a < address_count; a++)
                    deliver(events, mapped[i].tapi_event, addresses[a], mapped[i].value);
                tcc__free_items(addresses, address_count);
            }
            continue;
        }
        if (mapped[i].tapi_event == TCC_TE_ACDGROUP)
        {
            /* LINE_GROUPSTATUS names no group: the handler compares its lists. */
            if (SUCCEEDED(tcc__handler_group_changes(raw->handler, mapped[i].value == 0, &groups, &group_count)))
            {
                for (ULONG g = 0; g < group_count; g++)
                    deliver(events, mapped[i].tapi_event, groups[g], mapped[i].value);
                tcc__free_items(groups, group_count);
            }
            continue;
        }
        {
            IUnknown *object = resolve(raw, mapped[i].tapi_event);

            if (object)
            {
                deliver(events, mapped[i].tapi_event, object, mapped[i].value);
                IUnknown_Release(object);
            }
        }
    }
}

static DWORD WINAPI dispatcher(void *arg)
{
    struct tcc_events *events = arg;
    HMODULE module = NULL;

    /* Keeps the DLL loaded until this thread has left its code. */
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (const WCHAR *)dispatcher, &module);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    EnterCriticalSection(&events->lock);
    while (!events->stopping)
    {
        struct raw_event *batch;
        size_t count;

        if (!events->count)
            SleepConditionVariableCS(&events->wake, &events->lock, POLL_MS);
        if (events->stopping)
            break;
        batch = events->queue;
        count = events->count;
        events->queue = NULL;
        events->count = events->capacity = 0;
        if (!count)
        {
            /* Idle: let every provider catch up; what they raise comes back as
             * posts.  The handlers are fixed from start to stop, and stop joins this
             * thread before it releases them: no reference is needed here. */
            LeaveCriticalSection(&events->lock);
            for (ULONG i = 0; i < events->handler_count; i++)
                tcc__handler_poll(events->handlers[i]);
        }
        else
        {
            LeaveCriticalSection(&events->lock);
            for (size_t i = 0; i < count; i++)
            {
                process(events, &batch[i]);
                tcc__handler_release(batch[i].handler);
            }
        }
        HeapFree(GetProcessHeap(), 0, batch);
        EnterCriticalSection(&events->lock);
    }
    LeaveCriticalSection(&events->lock);
    CoUninitialize();
    FreeLibraryAndExitThread(module, 0);
}

HRESULT tcc__events_start(struct tcc_events *events, struct tcc_handler **handlers, ULONG count)
{
    HRESULT hr = S_OK;

    EnterCriticalSection(&events->lock);
    if (!(events->handlers = HeapAlloc(GetProcessHeap(), 0, max(count, 1) * sizeof(*handlers))))
        hr = E_OUTOFMEMORY;
    else
    {
        events->handler_count = count;
        for (ULONG i = 0; i < count; i++)
        {
            events->handlers[i] = handlers[i];
            tcc__handler_addref(handlers[i]);
        }
        events->running = TRUE;
        events->stopping = FALSE;
        if (!(events->thread = CreateThread(NULL, 0, dispatcher, events, 0, NULL)))
        {
            hr = HRESULT_FROM_WIN32(GetLastError());
            events->running = FALSE;
        }
    }
    LeaveCriticalSection(&events->lock);
    if (FAILED(hr))
        tcc__events_stop(events);
    else
    {
        /* Each handler is new to the client: AHE_NEW_AGENTHANDLER (LINE_PROXYSTATUS OPEN). */
        for (ULONG i = 0; i < count; i++)
            tcc__events_post(events, handlers[i], TCC_LINE_PROXYSTATUS, 0, TCC_LINEPROXYSTATUS_OPEN, 0);
    }
    return hr;
}

void tcc__events_stop(struct tcc_events *events)
{
    struct raw_event *dropped;
    struct tcc_handler **handlers;
    ULONG handler_count;
    size_t count;
    HANDLE thread;

    EnterCriticalSection(&events->lock);
    events->running = FALSE;
    events->stopping = TRUE;
    thread = events->thread;
    events->thread = NULL;
    dropped = events->queue;
    count = events->count;
    events->queue = NULL;
    events->count = events->capacity = 0;
    handlers = events->handlers;
    handler_count = events->handler_count;
    events->handlers = NULL;
    events->handler_count = 0;
    WakeConditionVariable(&events->wake);
    LeaveCriticalSection(&events->lock);

    if (thread)
    {
        WaitForSingleObject(thread, INFINITE);
        CloseHandle(thread);
    }
    for (size_t i = 0; i < count; i++)
        tcc__handler_release(dropped[i].handler);
    HeapFree(GetProcessHeap(), 0, dropped);
    for (ULONG i = 0; i < handler_count; i++)
        tcc__handler_release(handlers[i]);
    HeapFree(GetProcessHeap(), 0, handlers);
    for (ULONG i = 0; i < events->point_count; i++)
        tcc__connection_point_flush(&events->points[i]);
}
