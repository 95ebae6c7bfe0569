/*
 * A call-center wallboard, as a TAPI 3 client writes one: compiled against MinGW's
 * own <tapi3.h>, it creates the TAPI object by ProgID, logs the demo agents into
 * their ACD groups (ITAgentHandler::CreateAgentWithID, ITAgent::CreateSessionWithPIN,
 * ITAgentSession::put_State), lets the ACD's calls come in, and prints a table of
 * agents, sessions and queues a number of times, some seconds apart.
 *
 * Against the embedded emulator with TAPI3CC_PROVIDERS=acd:speed=600, each real
 * second is ten simulated minutes, so the numbers move between two tables.
 *
 * usage: wallboard [ProgID] [tables] [seconds between tables]
 *        (defaults: Tapi3cc.TAPI 2 3)
 */
#define COBJMACROS
#include <windows.h>
#include <tapi3.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

struct login
{
    const WCHAR *id, *pin, *group;
    int address;        /* index among the usable addresses */
};

/* The demo topology's agents (see README, "The embedded ACD emulator"). */
static const struct login logins[] =
{
    { L"1001", L"1234", L"Sales", 0 },
    { L"1001", L"1234", L"Support", 0 },
    { L"1002", L"2345", L"Sales", 1 },
    { L"1003", L"", L"Support", 2 },
};

#define MAX_ITEMS 16

static int failed(const char *what, HRESULT hr)
{
    IErrorInfo *error;
    BSTR description = NULL;

    if (SUCCEEDED(hr))
        return 0;
    fprintf(stderr, "wallboard: %s failed: 0x%08lx", what, (unsigned long)hr);
    if (GetErrorInfo(0, &error) == S_OK)
    {
        IErrorInfo_GetDescription(error, &description);
        fprintf(stderr, ": %ls", description ? description : L"");
        SysFreeString(description);
        IErrorInfo_Release(error);
    }
    fputc('\n', stderr);
    return 1;
}

static const char *session_state_name(AGENT_SESSION_STATE state)
{
    static const char *names[] = { "not ready", "ready", "on call", "wrap-up", "ended" };
    return state >= 0 && state <= ASST_SESSION_ENDED ? names[state] : "?";
}

static const char *agent_state_name(AGENT_STATE state)
{
    static const char *names[] = { "not ready", "ready", "busy ACD", "busy in", "busy out", "unknown" };
    return state >= 0 && state <= AS_UNKNOWN ? names[state] : "?";
}

/* A statistic, or -1 when the getter fails. */
typedef HRESULT (STDMETHODCALLTYPE *session_getter)(ITAgentSession *, LONG *);
typedef HRESULT (STDMETHODCALLTYPE *queue_getter)(ITQueue *, LONG *);

static long session_value(ITAgentSession *session, session_getter get)
{
    LONG value;
    return SUCCEEDED(get(session, &value)) ? value : -1;
}

static long queue_value(ITQueue *queue, queue_getter get)
{
    LONG value;
    return SUCCEEDED(get(queue, &value)) ? value : -1;
}

static void print_table(int number, ITAgentSession **sessions, size_t session_count, ITQueue **queues,
                        size_t queue_count)
{
    printf("\n== wallboard %d ==\n", number);
    printf("%-6s %-8s %-10s %-10s %5s %6s %7s %7s %7s\n", "agent", "group", "agent", "session", "calls",
           "talk", "wrap-up", "avg ans", "longest");
    for (size_t i = 0; i < session_count; i++)
    {
        ITACDGroup *group;
        BSTR id = NULL, group_name = NULL;
        AGENT_STATE agent_state = AS_UNKNOWN;
        AGENT_SESSION_STATE state = ASST_SESSION_ENDED;
        const ITAgentSessionVtbl *vtbl = sessions[i]->lpVtbl;
        ITAgent *agent;

        ITAgentSession_get_Agent(sessions[i], &agent);
        ITAgent_get_ID(agent, &id);
        ITAgent_get_State(agent, &agent_state);
        ITAgent_Release(agent);
        if (SUCCEEDED(ITAgentSession_get_ACDGroup(sessions[i], &group)))
        {
            ITACDGroup_get_Name(group, &group_name);
            ITACDGroup_Release(group);
        }
        ITAgentSession_get_State(sessions[i], &state);
        printf("%-6ls %-8ls %-10s %-10s %5ld %6ld %7ld %7ld %7ld\n", id ? id : L"?", group_name ? group_name : L"?",
               agent_state_name(agent_state), session_state_name(state),
               session_value(sessions[i], vtbl->get_NumberOfCalls),
               session_value(sessions[i], vtbl->get_TotalTalkTime),
               session_value(sessions[i], vtbl->get_TotalWrapUpTime),
               session_value(sessions[i], vtbl->get_AverageTimeToAnswer),
               session_value(sessions[i], vtbl->get_LongestTimeToAnswer));
        SysFreeString(id);
        SysFreeString(group_name);
    }
    printf("%-16s %7s %7s %9s %8s %9s %8s\n", "queue", "waiting", "queued", "abandoned", "flowed", "avg wait",
           "longest");
    for (size_t i = 0; i < queue_count; i++)
    {
        const ITQueueVtbl *vtbl = queues[i]->lpVtbl;
        BSTR name = NULL;

        ITQueue_get_Name(queues[i], &name);
        printf("%-16ls %7ld %7ld %9ld %8ld %9ld %8ld\n", name ? name : L"?",
               queue_value(queues[i], vtbl->get_CurrentCallsQueued),
               queue_value(queues[i], vtbl->get_TotalCallsQueued),
               queue_value(queues[i], vtbl->get_TotalCallsAbandoned),
               queue_value(queues[i], vtbl->get_TotalCallsFlowedOut),
               queue_value(queues[i], vtbl->get_AverageWaitTime),
               queue_value(queues[i], vtbl->get_LongestEverWaitTime));
        SysFreeString(name);
    }
    fflush(stdout);
}

int main(int argc, char **argv)
{
    const char *progid = argc > 1 ? argv[1] : "Tapi3cc.TAPI";
    int tables = argc > 2 ? atoi(argv[2]) : 2, pause = argc > 3 ? atoi(argv[3]) : 3;
    ITACDGroup *groups[MAX_ITEMS] = { NULL };
    ITAddress *addresses[MAX_ITEMS] = { NULL };
    ITQueue *queues[MAX_ITEMS] = { NULL };
    ITAgent *agents[ARRAYSIZE(logins)] = { NULL };
    ITAgentSession *sessions[ARRAYSIZE(logins)] = { NULL };
    ULONG group_count = 0, address_count = 0, queue_count = 0, session_count = 0;
    IEnumAgentHandler *handlers;
    IEnumACDGroup *group_enum;
    IEnumAddress *address_enum;
    ITTAPICallCenter *center;
    ITAgentHandler *handler;
    WCHAR wide_progid[128];
    ITTAPI *tapi;
    CLSID clsid;
    int status = 1;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    MultiByteToWideChar(CP_ACP, 0, progid, -1, wide_progid, ARRAYSIZE(wide_progid));
    if (failed("CLSIDFromProgID", CLSIDFromProgID(wide_progid, &clsid)) ||
        failed("CoCreateInstance", CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_ITTAPI, (void **)&tapi)))
        return 1;
    if (failed("ITTAPI::Initialize", ITTAPI_Initialize(tapi)) ||
        failed("QueryInterface(ITTAPICallCenter)", ITTAPI_QueryInterface(tapi, &IID_ITTAPICallCenter, (void **)&center)))
        goto done;
    if (failed("EnumerateAgentHandlers", ITTAPICallCenter_EnumerateAgentHandlers(center, &handlers)) ||
        IEnumAgentHandler_Next(handlers, 1, &handler, NULL) != S_OK)
        goto done_center;
    IEnumAgentHandler_Release(handlers);
    {
        BSTR name = NULL;

        ITAgentHandler_get_Name(handler, &name);
        printf("agent handler: %ls\n", name ? name : L"?");
        SysFreeString(name);
    }

    /* The ACD's groups, their queues, and the addresses agents log in on. */
    if (failed("EnumerateACDGroups", ITAgentHandler_EnumerateACDGroups(handler, &group_enum)))
        goto done_handler;
    IEnumACDGroup_Next(group_enum, MAX_ITEMS, groups, &group_count);
    IEnumACDGroup_Release(group_enum);
    for (ULONG i = 0; i < group_count; i++)
    {
        IEnumQueue *queue_enum;
        ULONG fetched = 0;

        if (SUCCEEDED(ITACDGroup_EnumerateQueues(groups[i], &queue_enum)))
        {
            IEnumQueue_Next(queue_enum, MAX_ITEMS - queue_count, queues + queue_count, &fetched);
            queue_count += fetched;
            IEnumQueue_Release(queue_enum);
        }
    }
    if (failed("EnumerateUsableAddresses", ITAgentHandler_EnumerateUsableAddresses(handler, &address_enum)))
        goto done_handler;
    IEnumAddress_Next(address_enum, MAX_ITEMS, addresses, &address_count);
    IEnumAddress_Release(address_enum);

    /* Log the agents in: one ITAgent per ID, one session per group. */
    for (size_t i = 0; i < ARRAYSIZE(logins); i++)
    {
        ITACDGroup *group = NULL;
        BSTR id = SysAllocString(logins[i].id), pin = SysAllocString(logins[i].pin);
        size_t a = 0;

        while (a < i && wcscmp(logins[a].id, logins[i].id))
            a++;
        if (a == i && failed("CreateAgentWithID", ITAgentHandler_CreateAgentWithID(handler, id, pin, &agents[i])))
            goto done_logins;
        for (ULONG g = 0; g < group_count && !group; g++)
        {
            BSTR name = NULL;

            ITACDGroup_get_Name(groups[g], &name);
            if (name && !wcscmp(name, logins[i].group))
                group = groups[g];
            SysFreeString(name);
        }
        if (group && (ULONG)logins[i].address < address_count &&
            !failed("CreateSessionWithPIN", ITAgent_CreateSessionWithPIN(agents[a], group,
                                                                         addresses[logins[i].address], pin,
                                                                         &sessions[session_count])))
        {
            failed("ITAgentSession::put_State", ITAgentSession_put_State(sessions[session_count], ASST_READY));
            session_count++;
        }
        SysFreeString(id);
        SysFreeString(pin);
    }
    printf("logged in: %lu sessions on %lu addresses; %lu queues\n", session_count, address_count, queue_count);

    for (int t = 1; t <= tables; t++)
    {
        if (t > 1)
            Sleep(pause * 1000);
        print_table(t, sessions, session_count, queues, queue_count);
    }
    status = 0;

done_logins:
    for (ULONG i = 0; i < session_count; i++)
    {
        ITAgentSession_put_State(sessions[i], ASST_SESSION_ENDED);
        ITAgentSession_Release(sessions[i]);
    }
    for (size_t i = 0; i < ARRAYSIZE(agents); i++)
        if (agents[i])
            ITAgent_Release(agents[i]);
done_handler:
    for (ULONG i = 0; i < queue_count; i++)
        ITQueue_Release(queues[i]);
    for (ULONG i = 0; i < group_count; i++)
        ITACDGroup_Release(groups[i]);
    for (ULONG i = 0; i < address_count; i++)
        ITAddress_Release(addresses[i]);
    ITAgentHandler_Release(handler);
done_center:
    ITTAPICallCenter_Release(center);
done:
    ITTAPI_Shutdown(tapi);
    ITTAPI_Release(tapi);
    CoUninitialize();
    return status;
}
