/*
 * The asterisk provider through COM, under Wine, against the real Asterisk that
 * with_asterisk started (tests/asterisk): tapi3cc_asterisk.dll loaded by the name
 * "asterisk", an agent from AstDB with its PBKDF2 PIN (BCrypt), a session's login,
 * ready (seen by a second process too), a queue call with its events (busy,
 * wrap-up, ready), statistics equal to QueueStatus, a membership made by another
 * client, zero AMI actions for a wallboard's reads (the provider's counters through
 * ITapi3ccProviderControl), logout; Asterisk killed and restarted under the client;
 * a path that dies silently (through with_asterisk's fault relay): a pause seen after
 * one reconnect, the addresses out of service and back with AE_STATE events,
 * requests failing at once and Shutdown within a second while the path is cut;
 * and a wrong secret refused at Initialize with a message that names the host and
 * not the secret, and no server on the port.  A
 * driver connection (the provider's own portable AMI client, user "driver") puts
 * the AstDB records and originates the caller.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>

#include "ami_client.h"
#include "ami_crypto.h"
#include "asterisk_provider.h"

static char secret[64], secret_file[MAX_PATH];
static int port;
static LONG events[64], event_count;
/* Address events: how many, and the state each address read when its came. */
static LONG address_events, address_states[64];

static void keep_address_event(IDispatch *event)
{
    ITAddressEvent *address_event;
    ITAddress *address;
    ADDRESS_STATE state = -1;

    if (FAILED(IDispatch_QueryInterface(event, &IID_ITAddressEvent, (void **)&address_event)))
        return;
    if (SUCCEEDED(ITAddressEvent_get_Address(address_event, &address)))
    {
        LONG at = InterlockedIncrement(&address_events) - 1;

        ITAddress_get_State(address, &state);
        if (at < 64)
            address_states[at] = state;
        ITAddress_Release(address);
    }
    ITAddressEvent_Release(address_event);
}

static void keep_event(TAPI_EVENT type, IDispatch *event)
{
    ITAgentSessionEvent *session_event;
    AGENT_SESSION_EVENT value;

    if (type == TE_ADDRESS)
        keep_address_event(event);
    if (type != TE_AGENTSESSION || FAILED(IDispatch_QueryInterface(event, &IID_ITAgentSessionEvent,
                                                                    (void **)&session_event)))
        return;
    if (SUCCEEDED(ITAgentSessionEvent_get_Event(session_event, &value)))
    {
        LONG at = InterlockedIncrement(&event_count) - 1;

        if (at < 64)
            events[at] = value;
    }
    ITAgentSessionEvent_Release(session_event);
}

static LONG wait_for_event(LONG from, AGENT_SESSION_EVENT value)
{
    for (int waited = 0; waited < 15000; waited += 20)
    {
        for (LONG i = from; i < event_count && i < 64; i++)
            if (events[i] == (LONG)value)
                return i + 1;
        Sleep(20);
    }
    fail_msg("session event %d did not arrive", value);
    return 0;
}

struct queue_params
{
    char queue[32];
    uint64_t completed, abandoned, calls, holdtime;
};

static void keep_queue_params(void *context, const struct ami_message *message)
{
    struct queue_params *params = context;
    const char *event = ami_kind(message, "Event"), *queue = ami_get(message, "Queue");

    if (event && !strcmp(event, "QueueParams") && queue && !strcmp(queue, params->queue))
    {
        params->completed = ami_get_u64(message, "Completed", 999);
        params->abandoned = ami_get_u64(message, "Abandoned", 999);
        params->calls = ami_get_u64(message, "Calls", 999);
        params->holdtime = ami_get_u64(message, "Holdtime", 999);
    }
}

/* The queue's figures through COM equal Asterisk's own (QueueStatus), once the
 * provider's connection has caught up (up to 5 s). */
static void assert_queue_matches(struct ami_client *driver, ITACDGroup *group, const char *name)
{
    struct queue_params params = { 0 };
    IEnumQueue *queues;
    ITQueue *queue;
    LONG queued = -1, abandoned = -1, waiting = -1, average = -1;
    char fields[64];

    snprintf(params.queue, sizeof(params.queue), "%s", name);
    snprintf(fields, sizeof(fields), "Queue: %s\r\n", name);
    assert_int_equal(AMI_OK, ami_client_request(driver, "QueueStatus", fields, keep_queue_params, &params, NULL, 0,
                                                5000));
    assert_hr(S_OK, ITACDGroup_EnumerateQueues(group, &queues));
    assert_hr(S_OK, IEnumQueue_Next(queues, 1, &queue, NULL));
    IEnumQueue_Release(queues);
    for (int waited = 0; waited < 5000; waited += 50)
    {
        assert_hr(S_OK, ITQueue_get_TotalCallsQueued(queue, &queued));
        assert_hr(S_OK, ITQueue_get_TotalCallsAbandoned(queue, &abandoned));
        if (queued == (LONG)(params.completed + params.abandoned + params.calls) && abandoned == (LONG)params.abandoned)
            break;
        Sleep(50);
    }
    assert_hr(S_OK, ITQueue_get_CurrentCallsQueued(queue, &waiting));
    assert_hr(S_OK, ITQueue_get_AverageWaitTime(queue, &average));
    assert_int_equal(params.completed + params.abandoned + params.calls, queued);
    assert_int_equal(params.abandoned, abandoned);
    assert_int_equal(params.calls, waiting);
    assert_int_equal(params.holdtime, average);
    ITQueue_Release(queue);
}

static struct ami_client *driver_open_at(int at_port, const char *with_secret)
{
    struct ami_client_settings settings = { "127.0.0.1", (uint16_t)at_port, "driver", with_secret, "call", NULL, 0,
                                            10000 };
    struct ami_client_callbacks callbacks = { 0 };
    struct ami_client *driver;
    char error[256];

    if (ami_client_start(&settings, &callbacks, &driver, error, sizeof(error)))
        fail_msg("driver: %s", error);
    return driver;
}

static struct ami_client *driver_open(void)
{
    return driver_open_at(port, secret);
}

static void driver_request(struct ami_client *driver, const char *action, const char *fields)
{
    char message[256];
    enum ami_result result = ami_client_request(driver, action, fields, NULL, NULL, message, sizeof(message), 5000);

    if (result != AMI_OK)
        fail_msg("%s: %d (%s)", action, result, message);
}

/* Agent `id`'s record with PIN 1234, as the admin tool writes it. */
static void put_agent(struct ami_client *driver, const char *id)
{
    static const uint8_t salt[4] = { 1, 2, 3, 4 };
    char fields[256];
    uint8_t hash[32];
    int length;

    assert_int_equal(0, ami_pbkdf2_sha256("1234", 4, salt, sizeof(salt), 1000, hash, sizeof(hash)));
    length = snprintf(fields, sizeof(fields),
                      "Family: tapi3cc/agents\r\nKey: %s\r\nVal: pbkdf2-sha256$1000$01020304$", id);
    for (size_t i = 0; i < sizeof(hash); i++)
        length += snprintf(fields + length, sizeof(fields) - length, "%02x", hash[i]);
    snprintf(fields + length, sizeof(fields) - length, "\r\n");
    driver_request(driver, "DBPut", fields);
}

static void put_records(struct ami_client *driver)
{
    put_agent(driver, "1001");
    driver_request(driver, "DBPut", "Family: tapi3cc/addresses\r\nKey: 2001\r\nVal: Local/2001@agents\r\n");
}

/* Through the fault relay (its port), or straight to Asterisk (0); more keys for
 * the provider string (the FreePBX profile); the group client_open picks. */
static int relay_port;
static const char *more_settings = "";
static const WCHAR *first_group = L"sales";

static void set_providers(const char *file)
{
    char value[MAX_PATH + 256];

    if (relay_port)
        snprintf(value, sizeof(value), "asterisk:host=127.0.0.1;port=%d;user=tapi3cc;secretfile=%s;wrapup.sales=2;"
                 "keepalive=1;timeout=1000%s", relay_port, file, more_settings);
    else
        snprintf(value, sizeof(value), "asterisk:host=127.0.0.1;port=%d;user=tapi3cc;secretfile=%s;wrapup.sales=2%s",
                 port, file, more_settings);
    SetEnvironmentVariableA("TAPI3CC_PROVIDERS", value);
}

/* The relay's faults (tests/asterisk/fault_relay.c), written through drive Z:. */
static void relay_mode(const char *words)
{
    char path[MAX_PATH + 8];
    FILE *file;

    snprintf(path, sizeof(path), "Z:%s", getenv("TCC_RELAY_CONTROL"));
    assert_non_null(file = fopen(path, "w"));
    fprintf(file, "%s\n", words);
    fclose(file);
    Sleep(100);
}

static LONG wait_for_address_events(LONG count)
{
    for (int waited = 0; waited < 15000 && address_events < count; waited += 20)
        Sleep(20);
    if (address_events < count)
        fail_msg("%ld address events came, not %ld", address_events, count);
    return address_events;
}

static ITACDGroup *group_named(ITAgentHandler *handler, const WCHAR *name)
{
    IEnumACDGroup *groups;
    ITACDGroup *group, *found = NULL;
    BSTR text;

    assert_hr(S_OK, ITAgentHandler_EnumerateACDGroups(handler, &groups));
    while (!found && IEnumACDGroup_Next(groups, 1, &group, NULL) == S_OK)
    {
        assert_hr(S_OK, ITACDGroup_get_Name(group, &text));
        if (!wcscmp(text, name))
            found = group;
        else
            ITACDGroup_Release(group);
        SysFreeString(text);
    }
    IEnumACDGroup_Release(groups);
    assert_non_null(found);
    return found;
}

/* A client's TAPI object on the asterisk provider, listening to session events, with
 * its handler, the group "sales" and the first address (2001). */
struct client
{
    ITTAPI2 *tapi;
    struct tcc_test_sink sink;
    IConnectionPoint *point;
    DWORD cookie;
    ITAgentHandler *handler;
    ITACDGroup *sales;
    ITAddress *address;
};

/* The client on the provider string TAPI3CC_PROVIDERS holds now. */
static void client_open_as_set(struct client *c)
{
    IEnumAddress *addresses;

    tcc_test_sink_init(&c->sink, keep_event);
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&c->tapi));
    assert_hr(S_OK, ITTAPI2_put_EventFilter(c->tapi, TE_AGENTSESSION | TE_ADDRESS));
    c->point = tcc_test_advise(c->tapi, &c->sink, &c->cookie);
    assert_hr(S_OK, ITTAPI2_Initialize(c->tapi));
    c->handler = tcc_test_first_handler(c->tapi);
    c->sales = group_named(c->handler, first_group);
    assert_hr(S_OK, ITAgentHandler_EnumerateUsableAddresses(c->handler, &addresses));
    assert_hr(S_OK, IEnumAddress_Next(addresses, 1, &c->address, NULL));
    IEnumAddress_Release(addresses);
}

static void client_open(struct client *c)
{
    set_providers(secret_file);
    client_open_as_set(c);
}

/* Everything the client holds but its TAPI object. */
static void client_let_go(struct client *c)
{
    tcc_test_unadvise(c->point, c->cookie);
    ITAddress_Release(c->address);
    ITACDGroup_Release(c->sales);
    ITAgentHandler_Release(c->handler);
}

static void client_close(struct client *c)
{
    client_let_go(c);
    assert_hr(S_OK, ITTAPI2_Shutdown(c->tapi));
    ITTAPI2_Release(c->tapi);
}

/* Agent 1001 (PIN 1234) logged into the client's group and address. */
static void agent_with_session(struct client *c, ITAgent **agent, ITAgentSession **session)
{
    BSTR id = SysAllocString(L"1001"), pin = SysAllocString(L"1234");

    assert_hr(S_OK, ITAgentHandler_CreateAgentWithID(c->handler, id, pin, agent));
    assert_hr(S_OK, ITAgent_CreateSessionWithPIN(*agent, c->sales, c->address, pin, session));
    SysFreeString(id);
    SysFreeString(pin);
}

/* A caller for sales answered by the session, its first call: busy, wrap-up and
 * ready in order; returns the event index after them. */
static LONG first_call(struct ami_client *driver, ITAgentSession *session, LONG next)
{
    LONG calls = -1;

    driver_request(driver, "Originate", "Channel: Local/s@caller\r\nApplication: Wait\r\nData: 30\r\n"
                   "Variable: QUEUE=sales\r\nAsync: true\r\n");
    next = wait_for_event(next, ASE_BUSY);
    next = wait_for_event(next, ASE_WRAPUP);
    next = wait_for_event(next, ASE_READY);
    assert_hr(S_OK, ITAgentSession_get_NumberOfCalls(session, &calls));
    assert_int_equal(1, calls);
    return next;
}

static struct tcc_asterisk_counters counters_of(ITAgentHandler *handler)
{
    struct tcc_asterisk_counters counters = { 0 };

    assert_hr(S_OK, tcc_test_control(handler, TCC_ASTERISK_CONTROL_COUNTERS, &counters, sizeof(counters)));
    return counters;
}

/* The second process of test_asterisk_through_com: its own TAPI object and AMI
 * connection must show agent 1001's READY session on sales.  Exit status 0: seen.
 * It traces, so that its AMI traffic can be looked for in the trace. */
static char trace_file[MAX_PATH + 32];

static int second_process(void)
{
    ITTAPI2 *tapi;
    ITAgentHandler *handler;
    ITAgent *agent;
    IEnumAgentSession *sessions;
    ITAgentSession *session;
    AGENT_SESSION_STATE state;
    ITACDGroup *group;
    BSTR id, pin, name;
    int seen = 0;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    SetEnvironmentVariableA("TAPI3CC_TRACE", trace_file);      /* before the DLL asks */
    set_providers(secret_file);
    if (FAILED(tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi)))
        return 10;
    if (FAILED(ITTAPI2_Initialize(tapi)))
        return 11;
    {
        ITTAPICallCenter *center;
        IEnumAgentHandler *handlers;

        ITTAPI2_QueryInterface(tapi, &IID_ITTAPICallCenter, (void **)&center);
        ITTAPICallCenter_EnumerateAgentHandlers(center, &handlers);
        IEnumAgentHandler_Next(handlers, 1, &handler, NULL);
        IEnumAgentHandler_Release(handlers);
        ITTAPICallCenter_Release(center);
    }
    id = SysAllocString(L"1001");
    pin = SysAllocString(L"1234");
    if (FAILED(ITAgentHandler_CreateAgentWithID(handler, id, pin, &agent)))
        return 12;
    ITAgent_EnumerateAgentSessions(agent, &sessions);
    while (IEnumAgentSession_Next(sessions, 1, &session, NULL) == S_OK)
    {
        if (SUCCEEDED(ITAgentSession_get_State(session, &state)) && state == ASST_READY &&
            SUCCEEDED(ITAgentSession_get_ACDGroup(session, &group)))
        {
            if (SUCCEEDED(ITACDGroup_get_Name(group, &name)))
            {
                seen |= !wcscmp(name, L"sales");
                SysFreeString(name);
            }
            ITACDGroup_Release(group);
        }
        ITAgentSession_Release(session);
    }
    IEnumAgentSession_Release(sessions);
    SysFreeString(id);
    SysFreeString(pin);
    ITAgent_Release(agent);
    ITAgentHandler_Release(handler);
    ITTAPI2_Shutdown(tapi);
    ITTAPI2_Release(tapi);
    CoUninitialize();
    return seen ? 0 : 13;
}

/* Runs this program once more as the second process; its exit status. */
static DWORD run_second_process(void)
{
    WCHAR command[MAX_PATH + 16], path[MAX_PATH];
    STARTUPINFOW startup = { sizeof(startup) };
    PROCESS_INFORMATION process;
    DWORD code = 0xffffffff;

    GetModuleFileNameW(NULL, path, ARRAYSIZE(path));
    swprintf(command, ARRAYSIZE(command), L"\"%ls\" --second", path);
    if (!CreateProcessW(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process))
        return code;
    WaitForSingleObject(process.hProcess, 60000);
    GetExitCodeProcess(process.hProcess, &code);
    CloseHandle(process.hProcess);
    CloseHandle(process.hThread);
    return code;
}

static void test_asterisk_through_com(void **state)
{
    struct client c;
    struct ami_client *driver = driver_open();
    struct tcc_asterisk_counters before, after;
    ITAgent *agent, *refused = NULL;
    ITAgentSession *session;
    AGENT_SESSION_STATE session_state;
    LONG value, next = 0;
    BSTR text, id, pin;

    put_records(driver);
    client_open(&c);
    assert_hr(S_OK, ITAgentHandler_get_Name(c.handler, &text));
    assert_non_null(wcsstr(text, L"Asterisk 127.0.0.1:"));
    SysFreeString(text);
    assert_hr(S_OK, ITAddress_get_DialableAddress(c.address, &text));
    assert_int_equal(0, wcscmp(text, L"2001"));
    SysFreeString(text);

    id = SysAllocString(L"1001");
    pin = SysAllocString(L"9999");
    assert_hr(TAPI_E_CALLCENTER_INVALPASSWORD, ITAgentHandler_CreateAgentWithID(c.handler, id, pin, &refused));
    SysFreeString(pin);
    pin = SysAllocString(L"1234");
    assert_hr(S_OK, ITAgentHandler_CreateAgentWithID(c.handler, id, pin, &agent));
    assert_hr(S_OK, ITAgent_CreateSessionWithPIN(agent, c.sales, c.address, pin, &session));
    SysFreeString(id);
    SysFreeString(pin);
    next = wait_for_event(next, ASE_NEW_SESSION);
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_READY, session_state);
    next = wait_for_event(next, ASE_READY);
    /* Another process, its own connection: the same session, READY.  Its trace holds
     * its AMI traffic, and no secret. */
    assert_int_equal(0, run_second_process());
    {
        char *text = calloc(1, 1 << 20);
        size_t length;
        FILE *file = fopen(trace_file, "rb");

        assert_non_null(file);
        length = fread(text, 1, (1 << 20) - 1, file);
        fclose(file);
        text[length] = 0;
        assert_non_null(strstr(text, "provider asterisk: AMI > Action: Login"));
        assert_non_null(strstr(text, "provider asterisk: AMI < Event: QueueParams"));
        assert_non_null(strstr(text, "provider asterisk: AMI > Action: DBGet"));
        assert_null(strstr(text, secret));
        free(text);
    }

    next = first_call(driver, session, next);
    assert_hr(S_OK, ITAgentSession_get_TotalTalkTime(session, &value));
    assert_true(value >= 2);
    assert_queue_matches(driver, c.sales, "sales");

    /* A membership made by another AMI client is the agent's session too. */
    driver_request(driver, "QueueAdd", "Queue: support\r\nInterface: Local/2009@agents\r\nMemberName: 1001\r\n"
                   "Paused: false\r\n");
    next = wait_for_event(next, ASE_NEW_SESSION);
    {
        IEnumAgentSession *sessions;
        ITAgentSession *listed, *foreign = NULL;
        ULONG count = 0;

        assert_hr(S_OK, ITAgent_EnumerateAgentSessions(agent, &sessions));
        while (IEnumAgentSession_Next(sessions, 1, &listed, NULL) == S_OK)
        {
            count++;
            if (listed != session && !foreign)
                foreign = listed;       /* held: its end is an event too */
            else
                ITAgentSession_Release(listed);
        }
        IEnumAgentSession_Release(sessions);
        assert_int_equal(2, count);
        assert_non_null(foreign);
        assert_hr(S_OK, ITAgentSession_get_State(foreign, &session_state));
        assert_int_equal(ASST_READY, session_state);
        driver_request(driver, "QueueRemove", "Queue: support\r\nInterface: Local/2009@agents\r\n");
        next = wait_for_event(next, ASE_END);
        assert_hr(S_OK, ITAgentSession_get_State(foreign, &session_state));
        assert_int_equal(ASST_SESSION_ENDED, session_state);
        ITAgentSession_Release(foreign);
    }

    /* A wallboard's reads send nothing to Asterisk. */
    before = counters_of(c.handler);
    for (int i = 0; i < 300; i++)
    {
        assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
        assert_hr(S_OK, ITAgentSession_get_TotalTalkTime(session, &value));
        assert_hr(S_OK, ITAgentSession_get_NumberOfCalls(session, &value));
    }
    after = counters_of(c.handler);
    assert_int_equal(before.actions_sent, after.actions_sent);
    assert_int_equal(1, after.connected);

    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_SESSION_ENDED));
    next = wait_for_event(next, ASE_END);
    printf("asterisk com: tapi3cc_asterisk.dll by name, a call with its events, %llu AMI actions, none for 900 "
           "reads\n", (unsigned long long)after.actions_sent);

    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    client_close(&c);
    ami_client_stop(driver);
}

/* No server on the port: Initialize fails with a message naming host and port. */
static void test_no_server_is_refused(void **state)
{
    char value[MAX_PATH + 128];
    ITTAPI2 *tapi;
    BSTR text;

    snprintf(value, sizeof(value), "asterisk:host=127.0.0.1;port=%d;user=tapi3cc;secretfile=%s", port + 1,
             secret_file);
    SetEnvironmentVariableA("TAPI3CC_PROVIDERS", value);
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_true(FAILED(ITTAPI2_Initialize(tapi)));
    text = tcc_test_error_description();
    assert_non_null(text);
    if (!wcsstr(text, L"cannot connect to 127.0.0.1:") || !wcsstr(text, L"provider 'asterisk' did not open"))
        fail_msg("unexpected message: %ls", text);
    SysFreeString(text);
    ITTAPI2_Release(tapi);
}

/* Asterisk killed and started again (with_asterisk does it when the file "restart"
 * appears in its run folder): the provider reconnects over Winsock, the session
 * Asterisk forgot ends with its event, the objects held stay valid, the queue's
 * counts are Asterisk's again, and a new login works. */
static void test_reconnect_under_wine(void **state)
{
    struct client c;
    struct tcc_asterisk_counters counters;
    struct ami_client *driver;
    ITAgent *agent;
    ITAgentSession *session, *again;
    AGENT_SESSION_STATE session_state;
    char flag[MAX_PATH + 16];
    LONG next;
    BSTR pin = SysAllocString(L"1234");
    FILE *file;

    client_open(&c);
    next = event_count;
    agent_with_session(&c, &agent, &session);
    next = wait_for_event(next, ASE_NEW_SESSION);

    snprintf(flag, sizeof(flag), "Z:%s/restart", getenv("TCC_AMI_DIR"));
    assert_non_null(file = fopen(flag, "w"));
    fclose(file);
    next = wait_for_event(next, ASE_END);            /* Asterisk forgot the membership */
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_SESSION_ENDED, session_state);
    counters = counters_of(c.handler);
    assert_int_equal(2, counters.logins);
    driver = driver_open();
    assert_queue_matches(driver, c.sales, "sales");
    ami_client_stop(driver);
    assert_hr(S_OK, ITAgent_CreateSessionWithPIN(agent, c.sales, c.address, pin, &again));
    next = wait_for_event(next, ASE_NEW_SESSION);
    assert_hr(S_OK, ITAgentSession_put_State(again, ASST_SESSION_ENDED));
    printf("asterisk com: Asterisk restarted under the client: reconnected over Winsock (%llu logins), the "
           "forgotten session ended, a new login made\n", (unsigned long long)counters.logins);
    SysFreeString(pin);
    ITAgentSession_Release(again);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    client_close(&c);
}

/* Through the fault relay: the flow goes silent while a supervisor pauses the agent;
 * then the cable is cut, and the client shuts down. */
static void test_silent_path_under_wine(void **state)
{
    struct client c;
    struct ami_client *driver;
    ITAgent *agent;
    ITAgentSession *session;
    ADDRESS_STATE address_state;
    AGENT_SESSION_STATE session_state;
    LONG next, seen;
    ULONGLONG started, paused_at, took;

    relay_port = atoi(getenv("TCC_RELAY_PORT"));
    address_events = 0;
    client_open(&c);
    next = event_count;
    agent_with_session(&c, &agent, &session);
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    next = wait_for_event(next, ASE_READY);

    /* Silent: the pause is seen after keepalive (1 s) + timeout (1 s) + one reconnect. */
    relay_mode("silent");
    driver = driver_open();
    paused_at = GetTickCount64();
    driver_request(driver, "QueuePause", "Queue: sales\r\nInterface: Local/2001@agents\r\nPaused: true\r\n");
    next = wait_for_event(next, ASE_NOT_READY);
    took = GetTickCount64() - paused_at;
    seen = wait_for_address_events(2);
    assert_int_equal(AS_OUTOFSERVICE, address_states[0]);
    assert_int_equal(AS_INSERVICE, address_states[seen - 1]);
    printf("asterisk com: silent path: the pause seen after %.2f s, %ld address events (out of service, back)\n",
           took / 1000.0, seen);
    assert_true(took <= 1000 + 1000 + 2500);

    /* Cut: out of service; reads give the last figures, requests fail at once. */
    relay_mode("cut");
    wait_for_address_events(seen + 1);
    assert_hr(S_OK, ITAddress_get_State(c.address, &address_state));
    assert_int_equal(AS_OUTOFSERVICE, address_state);
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_NOT_READY, session_state);
    started = GetTickCount64();
    assert_hr(TCC_LINEERR_OPERATIONFAILED, ITAgentSession_put_State(session, ASST_READY));
    assert_true(GetTickCount64() - started < 250);

    /* Shutdown on a cut path: within a second. */
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    client_let_go(&c);
    started = GetTickCount64();
    assert_hr(S_OK, ITTAPI2_Shutdown(c.tapi));
    took = GetTickCount64() - started;
    printf("asterisk com: Shutdown on a cut path returned in %.3f s\n", took / 1000.0);
    assert_true(took < 1000);
    ITTAPI2_Release(c.tapi);
    relay_mode("pass");
    relay_port = 0;
    driver_request(driver, "QueueRemove", "Queue: sales\r\nInterface: Local/2001@agents\r\n");
    ami_client_stop(driver);
}

/* Through the fault relay: an RST, then a path where every byte is 200 ms late and
 * every write is split into 1-byte writes. */
static void test_reset_and_crawling_paths_under_wine(void **state)
{
    struct client c;
    struct ami_client *driver;
    ITAgent *agent;
    ITAgentSession *session;
    AGENT_SESSION_STATE session_state;
    LONG next;

    relay_port = atoi(getenv("TCC_RELAY_PORT"));
    address_events = 0;
    client_open(&c);
    next = event_count;
    agent_with_session(&c, &agent, &session);
    next = wait_for_event(next, ASE_NEW_SESSION);
    relay_mode("reset");
    wait_for_address_events(2);                     /* out of service, back */
    assert_int_equal(AS_OUTOFSERVICE, address_states[0]);
    assert_int_equal(AS_INSERVICE, address_states[1]);
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_READY, session_state);
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_SESSION_ENDED));
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    client_close(&c);
    printf("asterisk com: reset path: reconnected, back in service, the session answers\n");

    /* A crawling, splitting path: login, a call with its events, its statistics. */
    relay_mode("delay=200 split");
    client_open(&c);
    next = event_count;
    agent_with_session(&c, &agent, &session);
    next = wait_for_event(next, ASE_NEW_SESSION);
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    driver = driver_open();
    next = first_call(driver, session, next);
    assert_int_equal(0, counters_of(c.handler).losses);
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_SESSION_ENDED));
    printf("asterisk com: 200 ms late, 1-byte writes: login, a call with busy, wrap-up and ready, no loss\n");
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    client_close(&c);
    ami_client_stop(driver);
    relay_mode("pass");
    relay_port = 0;
}

struct waiting_request
{
    ITAgentSession *session;
    HRESULT hr;
    ULONGLONG took;
};

static DWORD WINAPI request_on_dead_path(void *argument)
{
    struct waiting_request *request = argument;
    ULONGLONG started = GetTickCount64();

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    request->hr = ITAgentSession_put_State(request->session, ASST_NOT_READY);
    request->took = GetTickCount64() - started;
    CoUninitialize();
    return 0;
}

/* Shutdown while another thread's request waits on a path that has just died
 * (before any Ping could tell: keepalive 10 s, timeout 5 s): the request gives up
 * and Shutdown returns within a second, not after the timeout. */
static void test_shutdown_with_a_request_waiting(void **state)
{
    char value[MAX_PATH + 160];
    struct client c;
    struct waiting_request request = { NULL, S_OK, 0 };
    struct ami_client *driver;
    ITAgent *agent;
    ULONGLONG started, took;
    HANDLE thread;

    snprintf(value, sizeof(value), "asterisk:port=%s;user=tapi3cc;secretfile=%s;keepalive=10;timeout=5000",
             getenv("TCC_RELAY_PORT"), secret_file);
    SetEnvironmentVariableA("TAPI3CC_PROVIDERS", value);
    client_open_as_set(&c);
    agent_with_session(&c, &agent, &request.session);
    assert_hr(S_OK, ITAgentSession_put_State(request.session, ASST_READY));
    relay_mode("cut");
    assert_non_null(thread = CreateThread(NULL, 0, request_on_dead_path, &request, 0, NULL));
    Sleep(300);
    ITAgent_Release(agent);
    client_let_go(&c);
    started = GetTickCount64();
    assert_hr(S_OK, ITTAPI2_Shutdown(c.tapi));
    took = GetTickCount64() - started;
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(thread, 5000));
    CloseHandle(thread);
    printf("asterisk com: Shutdown with a request waiting on a dead path returned in %.3f s; the request gave up "
           "after %.3f s (its timeout: 5 s)\n", took / 1000.0, request.took / 1000.0);
    assert_true(took < 1000);
    assert_hr(TCC_LINEERR_OPERATIONFAILED, request.hr);
    assert_true(request.took < 1500);
    ITAgentSession_Release(request.session);
    ITTAPI2_Release(c.tapi);
    relay_mode("pass");
    driver = driver_open();
    driver_request(driver, "QueueRemove", "Queue: sales\r\nInterface: Local/2001@agents\r\n");
    ami_client_stop(driver);
}

/* The first address of a handler. */
static ITAddress *first_address(ITAgentHandler *handler)
{
    IEnumAddress *addresses;
    ITAddress *address;

    assert_hr(S_OK, ITAgentHandler_EnumerateUsableAddresses(handler, &addresses));
    assert_hr(S_OK, IEnumAddress_Next(addresses, 1, &address, NULL));
    IEnumAddress_Release(addresses);
    return address;
}

static LONG session_count(ITAgent *agent)
{
    IEnumAgentSession *sessions;
    ITAgentSession *session;
    LONG count = 0;

    assert_hr(S_OK, ITAgent_EnumerateAgentSessions(agent, &sessions));
    while (IEnumAgentSession_Next(sessions, 1, &session, NULL) == S_OK)
    {
        count++;
        ITAgentSession_Release(session);
    }
    IEnumAgentSession_Release(sessions);
    return count;
}

/* Two Asterisk servers, two agent handlers in one process (the first through the
 * fault relay): each has its own sessions, and one server's outage touches only its
 * handler. */
static void test_two_call_centers(void **state)
{
    char value[2 * MAX_PATH + 512], second_secret[64], second_file[MAX_PATH + 8];
    struct tcc_test_sink sink;
    struct ami_client *driver, *second_driver;
    IConnectionPoint *point;
    ITTAPI2 *tapi;
    ITTAPICallCenter *center;
    IEnumAgentHandler *enumerator;
    ITAgentHandler *handlers[2];
    ITAddress *addresses[2];
    ITACDGroup *groups[2];
    ITAgent *agents[2];
    ITAgentSession *sessions[2];
    ADDRESS_STATE states[2];
    BSTR names[2], id = SysAllocString(L"1001"), pin = SysAllocString(L"1234");
    DWORD cookie;
    ULONG fetched = 0;
    FILE *file;

    snprintf(second_file, sizeof(second_file), "Z:%s", getenv("TCC_AMI_SECRETFILE2"));
    assert_non_null(file = fopen(second_file, "r"));
    assert_non_null(fgets(second_secret, sizeof(second_secret), file));
    fclose(file);
    second_secret[strcspn(second_secret, "\r\n")] = 0;
    driver = driver_open();
    put_records(driver);
    second_driver = driver_open_at(atoi(getenv("TCC_AMI_PORT2")), second_secret);
    put_records(second_driver);

    snprintf(value, sizeof(value), "asterisk:port=%s;user=tapi3cc;secretfile=%s;keepalive=1;timeout=1000|"
             "asterisk:port=%s;user=tapi3cc;secretfile=%s", getenv("TCC_RELAY_PORT"), secret_file,
             getenv("TCC_AMI_PORT2"), second_file);
    SetEnvironmentVariableA("TAPI3CC_PROVIDERS", value);
    address_events = 0;
    tcc_test_sink_init(&sink, keep_event);
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_hr(S_OK, ITTAPI2_put_EventFilter(tapi, TE_AGENTSESSION | TE_ADDRESS));
    point = tcc_test_advise(tapi, &sink, &cookie);
    assert_hr(S_OK, ITTAPI2_Initialize(tapi));
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_ITTAPICallCenter, (void **)&center));
    assert_hr(S_OK, ITTAPICallCenter_EnumerateAgentHandlers(center, &enumerator));
    assert_hr(S_OK, IEnumAgentHandler_Next(enumerator, 2, handlers, &fetched));
    assert_int_equal(2, fetched);
    IEnumAgentHandler_Release(enumerator);
    ITTAPICallCenter_Release(center);
    for (int i = 0; i < 2; i++)
    {
        assert_hr(S_OK, ITAgentHandler_get_Name(handlers[i], &names[i]));
        addresses[i] = first_address(handlers[i]);
        groups[i] = group_named(handlers[i], L"sales");
        assert_hr(S_OK, ITAgentHandler_CreateAgentWithID(handlers[i], id, pin, &agents[i]));
    }
    assert_true(wcscmp(names[0], names[1]) != 0);        /* "Asterisk 127.0.0.1:PORT" each */
    assert_true(groups[0] != groups[1]);

    /* A session on the first center is none of the second's. */
    assert_hr(S_OK, ITAgent_CreateSessionWithPIN(agents[0], groups[0], addresses[0], pin, &sessions[0]));
    assert_hr(S_OK, ITAgentSession_put_State(sessions[0], ASST_READY));
    assert_int_equal(1, session_count(agents[0]));
    assert_int_equal(0, session_count(agents[1]));

    /* The first server's path is cut: its addresses go out of service, the second's
     * stay in service and its requests work. */
    relay_mode("cut");
    wait_for_address_events(1);
    assert_hr(S_OK, ITAddress_get_State(addresses[0], &states[0]));
    assert_hr(S_OK, ITAddress_get_State(addresses[1], &states[1]));
    assert_int_equal(AS_OUTOFSERVICE, states[0]);
    assert_int_equal(AS_INSERVICE, states[1]);
    assert_hr(TCC_LINEERR_OPERATIONFAILED, ITAgentSession_put_State(sessions[0], ASST_NOT_READY));
    assert_hr(S_OK, ITAgent_CreateSessionWithPIN(agents[1], groups[1], addresses[1], pin, &sessions[1]));
    assert_hr(S_OK, ITAgentSession_put_State(sessions[1], ASST_READY));
    assert_int_equal(1, session_count(agents[1]));
    relay_mode("pass");
    wait_for_address_events(2);
    assert_hr(S_OK, ITAddress_get_State(addresses[0], &states[0]));
    assert_int_equal(AS_INSERVICE, states[0]);
    printf("asterisk com: two servers, two handlers (%ls | %ls): the first one's outage left the second in "
           "service\n", names[0], names[1]);

    for (int i = 0; i < 2; i++)
    {
        assert_hr(S_OK, ITAgentSession_put_State(sessions[i], ASST_SESSION_ENDED));
        ITAgentSession_Release(sessions[i]);
        ITAgent_Release(agents[i]);
        ITACDGroup_Release(groups[i]);
        ITAddress_Release(addresses[i]);
        ITAgentHandler_Release(handlers[i]);
        SysFreeString(names[i]);
    }
    SysFreeString(id);
    SysFreeString(pin);
    tcc_test_unadvise(point, cookie);
    assert_hr(S_OK, ITTAPI2_Shutdown(tapi));
    ITTAPI2_Release(tapi);
    ami_client_stop(second_driver);
    ami_client_stop(driver);
}

/* FreePBX: the phone's caller ID runs a feature code, as a desk phone does. */
static void phone_dials(struct ami_client *driver, const char *extension, const char *code)
{
    char fields[256];

    snprintf(fields, sizeof(fields), "Channel: Local/%s@phones\r\nContext: from-internal\r\nExten: %s\r\n"
             "Priority: 1\r\nCallerID: <%s>\r\n", extension, code, extension);
    driver_request(driver, "Originate", fields);
}

/* The agent's session in `group`, or NULL. */
static ITAgentSession *session_in(ITAgent *agent, ITACDGroup *group)
{
    IEnumAgentSession *sessions;
    ITAgentSession *session, *found = NULL;
    ITACDGroup *its_group;

    assert_hr(S_OK, ITAgent_EnumerateAgentSessions(agent, &sessions));
    while (!found && IEnumAgentSession_Next(sessions, 1, &session, NULL) == S_OK)
    {
        assert_hr(S_OK, ITAgentSession_get_ACDGroup(session, &its_group));
        if (its_group == group)
            found = session;
        else
            ITAgentSession_Release(session);
        ITACDGroup_Release(its_group);
    }
    IEnumAgentSession_Release(sessions);
    return found;
}

/* A FreePBX-made center (conf-freepbx) through COM: a login from Bob's phone (*45400)
 * reaches a client holding agent 2002 as a new session, *46400 pauses it, *45400
 * ends it; Alice's static member refuses a logout, saying why; and a run of calls
 * leaves the wallboard's queue figures equal to QueueStatus. */
static void test_freepbx_through_com(void **state)
{
    struct client c;
    struct ami_client *driver = driver_open();
    ITAgent *alice, *bob;
    ITAgentSession *session;
    ITAddress *address;
    AGENT_SESSION_STATE session_state;
    LONG next;
    BSTR id, pin = SysAllocString(L"1234"), text;

    driver_request(driver, "DBPut", "Family: AMPUSER\r\nKey: 2001/cidname\r\nVal: Alice\r\n");
    driver_request(driver, "DBPut", "Family: AMPUSER\r\nKey: 2002/cidname\r\nVal: Bob\r\n");
    put_agent(driver, "2001");
    put_agent(driver, "2002");
    client_open(&c);
    id = SysAllocString(L"2002");
    assert_hr(S_OK, ITAgentHandler_CreateAgentWithID(c.handler, id, pin, &bob));
    SysFreeString(id);

    next = event_count;
    phone_dials(driver, "2002", "*45400");
    next = wait_for_event(next, ASE_NEW_SESSION);
    assert_non_null(session = session_in(bob, c.sales));
    assert_hr(S_OK, ITAgentSession_get_Address(session, &address));
    assert_hr(S_OK, ITAddress_get_DialableAddress(address, &text));
    assert_int_equal(0, wcscmp(text, L"2002"));
    SysFreeString(text);
    ITAddress_Release(address);
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_READY, session_state);
    phone_dials(driver, "2002", "*46400");
    next = wait_for_event(next, ASE_NOT_READY);
    phone_dials(driver, "2002", "*45400");
    next = wait_for_event(next, ASE_END);
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_SESSION_ENDED, session_state);
    ITAgentSession_Release(session);
    printf("asterisk com: FreePBX: *45400 from 2002's phone reached the client as a new session in 'Sales', "
           "*46400 paused it, *45400 ended it\n");

    /* Alice's static member: a session from the start; no logout over AMI. */
    id = SysAllocString(L"2001");
    assert_hr(S_OK, ITAgentHandler_CreateAgentWithID(c.handler, id, pin, &alice));
    SysFreeString(id);
    assert_non_null(session = session_in(alice, c.sales));
    assert_hr(TCC_LINEERR_INVALAGENTSESSIONSTATE, ITAgentSession_put_State(session, ASST_SESSION_ENDED));
    text = tcc_test_error_description();
    assert_non_null(text);
    if (!wcsstr(text, L"static member of queue 400"))
        fail_msg("unexpected message: %ls", text);
    printf("asterisk com: FreePBX: %ls\n", text);
    SysFreeString(text);

    /* Calls to 400, answered by Alice's phone: the wallboard's figures are Asterisk's. */
    for (int call = 0; call < 3; call++)
    {
        driver_request(driver, "Originate", "Channel: Local/s@caller\r\nApplication: Wait\r\nData: 20\r\n"
                       "Variable: QUEUE=400\r\nVariable: TALK=1\r\nAsync: true\r\n");
        next = wait_for_event(next, ASE_BUSY);
        next = wait_for_event(next, ASE_READY);
    }
    assert_queue_matches(driver, c.sales, "400");
    printf("asterisk com: FreePBX: 3 calls to queue 400, the wallboard's figures equal QueueStatus\n");
    ITAgentSession_Release(session);
    ITAgent_Release(alice);
    ITAgent_Release(bob);
    SysFreeString(pin);
    client_close(&c);
    ami_client_stop(driver);
}

static void test_wrong_secret_is_refused(void **state)
{
    char wrong[MAX_PATH + 16];
    ITTAPI2 *tapi;
    BSTR text;
    FILE *file;

    snprintf(wrong, sizeof(wrong), "%s.wrong", secret_file);
    assert_non_null(file = fopen(wrong, "w"));
    fputs("not-the-secret-at-all\n", file);
    fclose(file);
    set_providers(wrong);
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_true(FAILED(ITTAPI2_Initialize(tapi)));
    text = tcc_test_error_description();
    assert_non_null(text);
    if (!wcsstr(text, L"refused the login of user 'tapi3cc'") || wcsstr(text, L"not-the-secret"))
        fail_msg("unexpected message: %ls", text);
    SysFreeString(text);
    ITTAPI2_Release(tapi);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_asterisk_through_com),
        cmocka_unit_test(test_reconnect_under_wine),
        cmocka_unit_test(test_silent_path_under_wine),
        cmocka_unit_test(test_reset_and_crawling_paths_under_wine),
        cmocka_unit_test(test_two_call_centers),
        cmocka_unit_test(test_shutdown_with_a_request_waiting),
        cmocka_unit_test(test_wrong_secret_is_refused),
        cmocka_unit_test(test_no_server_is_refused),
    };
    const char *unix_file = getenv("TCC_AMI_SECRETFILE");
    FILE *file;

    if (!getenv("TCC_AMI_PORT") || !unix_file)
    {
        fprintf(stderr, "test_asterisk: run me through with_asterisk\n");
        return 2;
    }
    port = atoi(getenv("TCC_AMI_PORT"));
    /* A Unix path, seen from Wine through drive Z:. */
    snprintf(secret_file, sizeof(secret_file), "%s%s", unix_file[0] == '/' ? "Z:" : "", unix_file);
    if (!(file = fopen(secret_file, "r")) || !fgets(secret, sizeof(secret), file))
        return 2;
    fclose(file);
    secret[strcspn(secret, "\r\n")] = 0;
    snprintf(trace_file, sizeof(trace_file), "Z:%s/second-process.trace", getenv("TCC_AMI_DIR"));
    if (argc > 1 && !strcmp(argv[1], "--second"))
        return second_process();
    if (argc > 1 && !strcmp(argv[1], "--freepbx"))
    {
        const struct CMUnitTest freepbx[] = { cmocka_unit_test(test_freepbx_through_com) };

        more_settings = ";profile=freepbx;name.400=Sales";
        first_group = L"Sales";
        return cmocka_run_group_tests_name("asterisk_freepbx_com", freepbx, tcc_test_setup_com,
                                           tcc_test_teardown_com);
    }
    return cmocka_run_group_tests_name("asterisk_com", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
