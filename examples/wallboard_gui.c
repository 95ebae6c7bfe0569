/*
 * A graphical wallboard, as a supervisor looks at one: a plain Win32 window (GDI, no
 * framework) with a tile for every agent session, coloured by its state, showing the
 * agent, the group, the calls taken and the time in the state; under the tiles each
 * queue's waiting callers and longest wait as bars; and a red band "ACD link down"
 * while the handler's addresses are out of service.  It is redrawn from TAPI 3 events
 * (an ITTAPIEventNotification sink in the window's apartment, whose Event posts to
 * the window): the ACD is never polled.  Resizable; the tiles flow to the width.
 *
 * usage: wallboard_gui [options]
 *   --agents ID:PIN,...   the agents to show (default: the demo's 1001:1234,
 *                         1002:2345, 1003:)
 *   --login               log the demo agents into their groups first, as the other
 *                         examples do (otherwise it shows the sessions that exist)
 *   --seconds N           close after N seconds (default: when the window is closed)
 *   --demo-states LIST    with the emulator on a manual clock
 *                         (TAPI3CC_PROVIDERS=acd:clock=manual;start=...;simulate=no):
 *                         bring the logged-in sessions, in order, into the states of
 *                         LIST (ready, notready, busy, wrapup, ended), for screenshots
 *                         and tests; "linkdown" as an item takes the emulator out of
 *                         service
 *   --layout              print each tile's place on the screen and state on every
 *                         redraw (for tests that check a screenshot)
 * The provider string is the same as for the other examples (TAPI3CC_PROVIDERS).
 */
#define COBJMACROS
#include <windows.h>
#include <tapi3.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#include "tcc_control.h"
#include "tapi3cc/acd_control.h"

#define WM_TAPI_EVENT (WM_APP + 1)
#define MAX_SESSIONS 64
#define MAX_QUEUES 16
#define MAX_AGENTS 16
#define TILE_WIDTH 190
#define TILE_HEIGHT 86
#define MARGIN 10
#define BAND_HEIGHT 34

/* The colour of each AGENT_SESSION_STATE, and of the link-down band. */
static const COLORREF state_colours[] =
{
    RGB(0x75, 0x75, 0x75),  /* ASST_NOT_READY: grey */
    RGB(0x2e, 0x7d, 0x32),  /* ASST_READY: green */
    RGB(0x15, 0x65, 0xc0),  /* ASST_BUSY_ON_CALL: blue */
    RGB(0xf9, 0xa8, 0x25),  /* ASST_BUSY_WRAPUP: amber */
    RGB(0x30, 0x30, 0x30),  /* ASST_SESSION_ENDED: near black */
};
static const WCHAR *const state_names[] = { L"not ready", L"ready", L"on call", L"wrap-up", L"ended" };
#define LINK_DOWN_COLOUR RGB(0xc6, 0x28, 0x28)

struct tile
{
    ITAgentSession *session;
    WCHAR agent[32], group[64];
    AGENT_SESSION_STATE state;
    ULONGLONG since;        /* when the state was seen to change (GetTickCount64) */
};

static struct
{
    HWND window;
    ITTAPI *tapi;
    ITAgentHandler *handler;
    ITAgent *agents[MAX_AGENTS];
    int agent_count;
    struct tile tiles[MAX_SESSIONS];
    int tile_count;
    ITQueue *queues[MAX_QUEUES];
    int queue_count;
    BOOL link_down, layout;
    LONG redraw_pending;
    WCHAR handler_name[128];
} board;

/* The sink: every event is news for the window, which re-reads what it shows. */
struct sink
{
    ITTAPIEventNotification ITTAPIEventNotification_iface;
    LONG ref;
};

static HRESULT WINAPI sink_QueryInterface(ITTAPIEventNotification *iface, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_ITTAPIEventNotification))
    {
        *out = iface;
        ITTAPIEventNotification_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI sink_AddRef(ITTAPIEventNotification *iface)
{
    return InterlockedIncrement(&CONTAINING_RECORD(iface, struct sink, ITTAPIEventNotification_iface)->ref);
}

static ULONG WINAPI sink_Release(ITTAPIEventNotification *iface)
{
    return InterlockedDecrement(&CONTAINING_RECORD(iface, struct sink, ITTAPIEventNotification_iface)->ref);
}

static HRESULT WINAPI sink_Event(ITTAPIEventNotification *iface, TAPI_EVENT type, IDispatch *event)
{
    if (type == TE_ADDRESS)
    {
        ITAddressEvent *address_event;
        ITAddress *address;
        ADDRESS_STATE state;

        if (SUCCEEDED(IDispatch_QueryInterface(event, &IID_ITAddressEvent, (void **)&address_event)))
        {
            if (SUCCEEDED(ITAddressEvent_get_Address(address_event, &address)))
            {
                if (SUCCEEDED(ITAddress_get_State(address, &state)))
                    board.link_down = state == AS_OUTOFSERVICE;
                ITAddress_Release(address);
            }
            ITAddressEvent_Release(address_event);
        }
    }
    /* One redraw pending at most: a busy ACD raises events faster than a screen needs
     * them, and a queue full of posted messages would starve WM_PAINT and WM_TIMER. */
    if (!InterlockedExchange(&board.redraw_pending, TRUE))
        PostMessageW(board.window, WM_TAPI_EVENT, (WPARAM)type, 0);
    return S_OK;
}

static const ITTAPIEventNotificationVtbl sink_vtbl = { sink_QueryInterface, sink_AddRef, sink_Release, sink_Event };
static struct sink sink = { { &sink_vtbl }, 1 };

static int failed(const char *what, HRESULT hr)
{
    if (SUCCEEDED(hr))
        return 0;
    fprintf(stderr, "wallboard_gui: %s failed: 0x%08lx\n", what, (unsigned long)hr);
    return 1;
}

/* Re-reads the sessions of the agents and the queues (on an event). */
static void refresh(void)
{
    ULONGLONG now = GetTickCount64();
    struct tile previous[MAX_SESSIONS];
    int previous_count = board.tile_count;

    memcpy(previous, board.tiles, sizeof(previous));
    board.tile_count = 0;
    for (int a = 0; a < board.agent_count; a++)
    {
        IEnumAgentSession *sessions;
        ITAgentSession *session;
        BSTR id = NULL;

        ITAgent_get_ID(board.agents[a], &id);
        if (FAILED(ITAgent_EnumerateAgentSessions(board.agents[a], &sessions)))
        {
            SysFreeString(id);
            continue;
        }
        while (board.tile_count < MAX_SESSIONS && IEnumAgentSession_Next(sessions, 1, &session, NULL) == S_OK)
        {
            struct tile *tile = &board.tiles[board.tile_count++];
            ITACDGroup *group;
            BSTR name = NULL;

            memset(tile, 0, sizeof(*tile));
            tile->session = session;
            tile->state = ASST_SESSION_ENDED;
            ITAgentSession_get_State(session, &tile->state);
            swprintf(tile->agent, ARRAYSIZE(tile->agent), L"%ls", id ? id : L"?");
            if (SUCCEEDED(ITAgentSession_get_ACDGroup(session, &group)))
            {
                ITACDGroup_get_Name(group, &name);
                ITACDGroup_Release(group);
            }
            swprintf(tile->group, ARRAYSIZE(tile->group), L"%ls", name ? name : L"");
            SysFreeString(name);
            tile->since = now;
            for (int p = 0; p < previous_count; p++)
                if (previous[p].session == session && previous[p].state == tile->state)
                    tile->since = previous[p].since;
        }
        IEnumAgentSession_Release(sessions);
        SysFreeString(id);
    }
    for (int p = 0; p < previous_count; p++)
        ITAgentSession_Release(previous[p].session);
}

static void fill(HDC dc, const RECT *rect, COLORREF colour)
{
    HBRUSH brush = CreateSolidBrush(colour);

    FillRect(dc, rect, brush);
    DeleteObject(brush);
}

static void text_at(HDC dc, int x, int y, COLORREF colour, const WCHAR *format, ...)
{
    WCHAR text[160];
    va_list args;

    va_start(args, format);
    vswprintf(text, ARRAYSIZE(text), format, args);
    va_end(args);
    SetTextColor(dc, colour);
    TextOutW(dc, x, y, text, (int)wcslen(text));
}

static void paint(HWND window)
{
    PAINTSTRUCT ps;
    RECT client, rect;
    HDC dc = BeginPaint(window, &ps);
    ULONGLONG now = GetTickCount64();
    int columns, top = MARGIN, x, y;
    POINT origin = { 0, 0 };

    GetClientRect(window, &client);
    ClientToScreen(window, &origin);
    fill(dc, &client, RGB(0xfa, 0xfa, 0xfa));
    SetBkMode(dc, TRANSPARENT);
    if (board.link_down)
    {
        rect = (RECT){ 0, 0, client.right, BAND_HEIGHT };
        fill(dc, &rect, LINK_DOWN_COLOUR);
        text_at(dc, MARGIN, 9, RGB(255, 255, 255), L"ACD link down: the figures below are the last ones known");
        top += BAND_HEIGHT;
        if (board.layout)
            printf("band link-down %ld %ld %ld %ld\n", origin.x, origin.y, client.right, (long)BAND_HEIGHT);
    }
    text_at(dc, MARGIN, top, RGB(0x20, 0x20, 0x20), L"%ls: %d sessions", board.handler_name, board.tile_count);
    top += 24;

    columns = max(1, (int)(client.right - MARGIN) / (TILE_WIDTH + MARGIN));
    for (int i = 0; i < board.tile_count; i++)
    {
        const struct tile *tile = &board.tiles[i];
        LONG calls = 0;
        ULONGLONG seconds = (now - tile->since) / 1000;

        x = MARGIN + (i % columns) * (TILE_WIDTH + MARGIN);
        y = top + (i / columns) * (TILE_HEIGHT + MARGIN);
        rect = (RECT){ x, y, x + TILE_WIDTH, y + TILE_HEIGHT };
        fill(dc, &rect, state_colours[tile->state <= ASST_SESSION_ENDED ? tile->state : ASST_SESSION_ENDED]);
        ITAgentSession_get_NumberOfCalls(tile->session, &calls);
        text_at(dc, x + 8, y + 6, RGB(255, 255, 255), L"agent %ls", tile->agent);
        text_at(dc, x + 8, y + 24, RGB(255, 255, 255), L"%ls", tile->group);
        text_at(dc, x + 8, y + 42, RGB(255, 255, 255), L"%ls, %llu:%02llu", state_names[tile->state % 5],
                seconds / 60, seconds % 60);
        text_at(dc, x + 8, y + 60, RGB(255, 255, 255), L"%ld calls", calls);
        if (board.layout)
            printf("tile %d %ld %ld %d %d %ls\n", i, origin.x + x, origin.y + y, TILE_WIDTH, TILE_HEIGHT,
                   state_names[tile->state % 5]);
    }

    /* The queues: waiting callers and the longest wait, as bars. */
    y = top + ((board.tile_count + columns - 1) / columns) * (TILE_HEIGHT + MARGIN) + MARGIN;
    for (int q = 0; q < board.queue_count; q++, y += 26)
    {
        LONG waiting = 0, longest = 0;
        BSTR name = NULL;

        ITQueue_get_Name(board.queues[q], &name);
        ITQueue_get_CurrentCallsQueued(board.queues[q], &waiting);
        ITQueue_get_CurrentLongestWaitTime(board.queues[q], &longest);
        text_at(dc, MARGIN, y + 3, RGB(0x20, 0x20, 0x20), L"%-16ls %ld waiting, longest %ld s", name ? name : L"",
                waiting, longest);
        rect = (RECT){ 330, y + 4, 330 + min(waiting * 24, 240), y + 12 };
        fill(dc, &rect, RGB(0x6a, 0x1b, 0x9a));
        rect = (RECT){ 330, y + 13, 330 + min(longest * 2, 240), y + 21 };
        fill(dc, &rect, RGB(0xef, 0x6c, 0x00));
        SysFreeString(name);
    }
    if (board.layout)
        fflush(stdout);
    EndPaint(window, &ps);
}

static LRESULT CALLBACK window_proc(HWND window, UINT message, WPARAM wparam, LPARAM lparam)
{
    switch (message)
    {
    case WM_TAPI_EVENT:
        InterlockedExchange(&board.redraw_pending, FALSE);
        refresh();
        InvalidateRect(window, NULL, FALSE);
        return 0;
    case WM_TIMER:          /* the time-in-state clocks and the --seconds limit */
        if (wparam == 2)
            DestroyWindow(window);
        else
            InvalidateRect(window, NULL, FALSE);
        return 0;
    case WM_SIZE:
        InvalidateRect(window, NULL, FALSE);
        return 0;
    case WM_PAINT:
        paint(window);
        return 0;
    case WM_DESTROY:
        PostQuitMessage(0);
        return 0;
    }
    return DefWindowProcW(window, message, wparam, lparam);
}

/* The demo's logins: agent, PIN, group, address index. */
static const struct { const WCHAR *id, *pin, *group; int address; } demo_logins[] =
{
    { L"1001", L"1234", L"Sales", 0 },
    { L"1001", L"1234", L"Support", 0 },
    { L"1002", L"2345", L"Sales", 1 },
    { L"1003", L"", L"Support", 2 },
};

static ITACDGroup *group_named(const WCHAR *wanted)
{
    IEnumACDGroup *groups;
    ITACDGroup *group, *found = NULL;
    BSTR name;

    if (FAILED(ITAgentHandler_EnumerateACDGroups(board.handler, &groups)))
        return NULL;
    while (!found && IEnumACDGroup_Next(groups, 1, &group, NULL) == S_OK)
    {
        if (SUCCEEDED(ITACDGroup_get_Name(group, &name)) && !wcscmp(name, wanted))
            found = group;
        else
            ITACDGroup_Release(group);
        SysFreeString(name);
    }
    IEnumACDGroup_Release(groups);
    return found;
}

static ITAgent *agent_with_id(const WCHAR *id, const WCHAR *pin)
{
    BSTR id_text = SysAllocString(id), pin_text = SysAllocString(pin);
    ITAgent *agent = NULL;

    for (int a = 0; a < board.agent_count && !agent; a++)
    {
        BSTR its_id = NULL;

        if (SUCCEEDED(ITAgent_get_ID(board.agents[a], &its_id)) && !wcscmp(its_id, id))
            agent = board.agents[a];
        SysFreeString(its_id);
    }
    if (!agent && board.agent_count < MAX_AGENTS &&
        !failed("CreateAgentWithID", ITAgentHandler_CreateAgentWithID(board.handler, id_text, pin_text, &agent)))
        board.agents[board.agent_count++] = agent;
    SysFreeString(id_text);
    SysFreeString(pin_text);
    return agent;
}

static void log_in_demo_agents(void)
{
    IEnumAddress *enumerator;
    ITAddress *addresses[8];
    ULONG address_count = 0;

    if (FAILED(ITAgentHandler_EnumerateUsableAddresses(board.handler, &enumerator)))
        return;
    IEnumAddress_Next(enumerator, 8, addresses, &address_count);
    IEnumAddress_Release(enumerator);
    for (size_t i = 0; i < ARRAYSIZE(demo_logins); i++)
    {
        ITAgent *agent = agent_with_id(demo_logins[i].id, demo_logins[i].pin);
        ITACDGroup *group = group_named(demo_logins[i].group);
        BSTR pin = SysAllocString(demo_logins[i].pin);
        ITAgentSession *session;

        if (agent && group && (ULONG)demo_logins[i].address < address_count &&
            !failed("CreateSessionWithPIN", ITAgent_CreateSessionWithPIN(agent, group, addresses[demo_logins[i].address],
                                                                         pin, &session)))
            ITAgentSession_Release(session);
        if (group)
            ITACDGroup_Release(group);
        SysFreeString(pin);
    }
    for (ULONG a = 0; a < address_count; a++)
        ITAddress_Release(addresses[a]);
}

static HRESULT control(DWORD operation, void *argument, DWORD size)
{
    ITapi3ccProviderControl *provider_control;
    HRESULT hr;

    if (FAILED(hr = ITAgentHandler_QueryInterface(board.handler, &IID_ITapi3ccProviderControl,
                                                  (void **)&provider_control)))
        return hr;
    hr = ITapi3ccProviderControl_Control(provider_control, operation, argument, size);
    ITapi3ccProviderControl_Release(provider_control);
    return hr;
}

/* The emulator's manual clock, moved forward by `seconds` (starting from the first
 * session's start). */
static LONGLONG demo_clock;

static void advance_clock(LONGLONG seconds)
{
    struct tcc_acd_set_time clock;

    if (!demo_clock && board.tile_count)
    {
        DATE start = 0;

        ITAgentSession_get_SessionStartTime(board.tiles[0].session, &start);
        demo_clock = (LONGLONG)((start - 25569.0) * 86400.0 + 0.5);
    }
    demo_clock += seconds;
    clock.unix_time = demo_clock;
    control(TCC_ACD_CONTROL_SET_TIME, &clock, sizeof(clock));
}

/* A call answered by this session alone: the others are made not ready, and the call
 * is offered to each queue in turn (ITQueue has no ID to ask for); where it does not
 * reach the session, its caller hangs up a second later, before anyone else is ready. */
static void demo_call(ITAgentSession *session, DWORD talk, DWORD wrapup)
{
    AGENT_SESSION_STATE state = ASST_READY;

    for (int other = 0; other < board.tile_count; other++)
    {
        AGENT_SESSION_STATE other_state = ASST_NOT_READY;

        /* Sessions on a call or in wrap-up stay there: they take no call either. */
        ITAgentSession_get_State(board.tiles[other].session, &other_state);
        if (board.tiles[other].session != session && other_state == ASST_READY)
            ITAgentSession_put_State(board.tiles[other].session, ASST_NOT_READY);
    }
    ITAgentSession_put_State(session, ASST_READY);
    for (DWORD queue = 1; queue <= 16 && state != ASST_BUSY_ON_CALL; queue++)
    {
        struct tcc_acd_inject_call call = { queue, talk, wrapup, 1 };

        if (FAILED(control(TCC_ACD_CONTROL_INJECT_CALL, &call, sizeof(call))))
            break;      /* no such queue: none after it either */
        advance_clock(2);
        ITAgentSession_get_State(session, &state);
    }
}

/* --demo-states: the logged-in sessions, in order, into the states listed, on the
 * emulator's manual clock.  Wrap-ups first (a call, then the clock past its talk),
 * then calls in progress, then the states a client sets, then the outage. */
static void demo_states(const char *list)
{
    char copy[256], *words[MAX_SESSIONS];
    int count = 0;
    BOOL link_down = FALSE;

    refresh();
    snprintf(copy, sizeof(copy), "%s", list);
    for (char *word = strtok(copy, ","); word && count < MAX_SESSIONS; word = strtok(NULL, ","))
    {
        if (!strcmp(word, "linkdown"))
            link_down = TRUE;
        else
            words[count++] = word;
    }
    if (count > board.tile_count)
        count = board.tile_count;
    for (int i = 0; i < count; i++)
        if (!strcmp(words[i], "wrapup"))
        {
            demo_call(board.tiles[i].session, 60, 3600);
            advance_clock(60);
        }
    for (int i = 0; i < count; i++)
        if (!strcmp(words[i], "busy"))
            demo_call(board.tiles[i].session, 3600, 3600);
    for (int i = 0; i < count; i++)
    {
        ITAgentSession *session = board.tiles[i].session;

        if (!strcmp(words[i], "ready"))
            ITAgentSession_put_State(session, ASST_READY);
        else if (!strcmp(words[i], "notready"))
            ITAgentSession_put_State(session, ASST_NOT_READY);
        else if (!strcmp(words[i], "ended"))
            ITAgentSession_put_State(session, ASST_SESSION_ENDED);
    }
    /* Last: while the link is down the ACD takes no request. */
    if (link_down)
    {
        struct tcc_acd_set_link link = { TCC_LINK_DOWN };

        failed("the emulator's outage", control(TCC_ACD_CONTROL_SET_LINK, &link, sizeof(link)));
    }
}

int main(int argc, char **argv)
{
    const char *agents = "1001:1234,1002:2345,1003:", *states = NULL;
    int seconds = 0;
    BOOL login = FALSE;
    ITTAPICallCenter *center;
    IEnumAgentHandler *handlers;
    IConnectionPointContainer *container;
    IConnectionPoint *point;
    DWORD cookie = 0;
    CLSID clsid;
    WNDCLASSW window_class = { 0 };
    MSG message;
    BSTR name = NULL;

    for (int i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "--agents") && i + 1 < argc)
            agents = argv[++i];
        else if (!strcmp(argv[i], "--login"))
            login = TRUE;
        else if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
            seconds = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--demo-states") && i + 1 < argc)
            states = argv[++i];
        else if (!strcmp(argv[i], "--layout"))
            board.layout = TRUE;
        else
        {
            fprintf(stderr, "usage: wallboard_gui [--agents ID:PIN,...] [--login] [--seconds N] "
                            "[--demo-states LIST] [--layout]\n");
            return 2;
        }
    }

    /* The window's apartment: events come through its message loop. */
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    if (failed("CLSIDFromProgID(Tapi3cc.TAPI)", CLSIDFromProgID(L"Tapi3cc.TAPI", &clsid)) ||
        failed("CoCreateInstance", CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_ITTAPI,
                                                    (void **)&board.tapi)))
        return 1;
    ITTAPI_put_EventFilter(board.tapi, TE_AGENT | TE_AGENTSESSION | TE_QUEUE | TE_ADDRESS);
    if (FAILED(ITTAPI_QueryInterface(board.tapi, &IID_IConnectionPointContainer, (void **)&container)) ||
        FAILED(IConnectionPointContainer_FindConnectionPoint(container, &IID_ITTAPIEventNotification, &point)))
        return 1;
    IConnectionPointContainer_Release(container);
    if (failed("Advise", IConnectionPoint_Advise(point, (IUnknown *)&sink.ITTAPIEventNotification_iface, &cookie)) ||
        failed("Initialize", ITTAPI_Initialize(board.tapi)))
        return 1;
    ITTAPI_QueryInterface(board.tapi, &IID_ITTAPICallCenter, (void **)&center);
    ITTAPICallCenter_EnumerateAgentHandlers(center, &handlers);
    if (IEnumAgentHandler_Next(handlers, 1, &board.handler, NULL) != S_OK)
        return fprintf(stderr, "wallboard_gui: no agent handler\n"), 1;
    IEnumAgentHandler_Release(handlers);
    ITTAPICallCenter_Release(center);
    ITAgentHandler_get_Name(board.handler, &name);
    swprintf(board.handler_name, ARRAYSIZE(board.handler_name), L"%ls", name ? name : L"");
    SysFreeString(name);

    /* The agents shown, then (when asked) their logins. */
    {
        char copy[512];

        snprintf(copy, sizeof(copy), "%s", agents);
        for (char *item = strtok(copy, ","); item; item = strtok(NULL, ","))
        {
            WCHAR id[32] = L"", pin[32] = L"";
            char *colon = strchr(item, ':');

            if (colon)
                *colon = 0;
            MultiByteToWideChar(CP_UTF8, 0, item, -1, id, ARRAYSIZE(id));
            if (colon)
                MultiByteToWideChar(CP_UTF8, 0, colon + 1, -1, pin, ARRAYSIZE(pin));
            agent_with_id(id, pin);
        }
    }
    if (login)
        log_in_demo_agents();
    {
        IEnumACDGroup *groups;
        ITACDGroup *group;

        if (SUCCEEDED(ITAgentHandler_EnumerateACDGroups(board.handler, &groups)))
        {
            while (IEnumACDGroup_Next(groups, 1, &group, NULL) == S_OK)
            {
                IEnumQueue *queues;
                ITQueue *queue;

                if (SUCCEEDED(ITACDGroup_EnumerateQueues(group, &queues)))
                {
                    while (board.queue_count < MAX_QUEUES && IEnumQueue_Next(queues, 1, &queue, NULL) == S_OK)
                        board.queues[board.queue_count++] = queue;
                    IEnumQueue_Release(queues);
                }
                ITACDGroup_Release(group);
            }
            IEnumACDGroup_Release(groups);
        }
    }

    window_class.lpfnWndProc = window_proc;
    window_class.hInstance = GetModuleHandleW(NULL);
    window_class.hCursor = LoadCursorW(NULL, (const WCHAR *)IDC_ARROW);
    window_class.lpszClassName = L"tapi3cc_wallboard";
    RegisterClassW(&window_class);
    board.window = CreateWindowW(L"tapi3cc_wallboard", L"tapi3cc wallboard", WS_OVERLAPPEDWINDOW, 20, 20, 860, 560,
                                 NULL, NULL, window_class.hInstance, NULL);
    if (states)
        demo_states(states);
    refresh();
    ShowWindow(board.window, SW_SHOW);
    UpdateWindow(board.window);
    SetTimer(board.window, 1, 1000, NULL);
    if (seconds > 0)
        SetTimer(board.window, 2, (UINT)seconds * 1000, NULL);
    while (GetMessageW(&message, NULL, 0, 0) > 0)
    {
        TranslateMessage(&message);
        DispatchMessageW(&message);
    }

    IConnectionPoint_Unadvise(point, cookie);
    IConnectionPoint_Release(point);
    for (int i = 0; i < board.tile_count; i++)
        ITAgentSession_Release(board.tiles[i].session);
    for (int q = 0; q < board.queue_count; q++)
        ITQueue_Release(board.queues[q]);
    for (int a = 0; a < board.agent_count; a++)
        ITAgent_Release(board.agents[a]);
    ITAgentHandler_Release(board.handler);
    ITTAPI_Shutdown(board.tapi);
    ITTAPI_Release(board.tapi);
    CoUninitialize();
    return 0;
}
