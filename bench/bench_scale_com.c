/*
 * bench/asterisk_scale's COM half (under Wine or on Windows), against the call center
 * bench_scale set up (bench_scale_layout.h), callers made at the rate bench_scale
 * found sustained:
 *
 *   bench_scale_com --rate CALLS_PER_SECOND [--quick] [--json FILE]
 *   bench_scale_com --rate CALLS_PER_SECOND --profile initialize|events
 *                                      (TCC_AMI_PORT and TCC_AMI_SECRETFILE from with_asterisk)
 *
 * --profile runs one part alone for PROFILE_SECONDS, between the lines "profiling"
 * and "profiled", for bench/profile to sample: `initialize` Initialize and Shutdown
 * over and over, `events` the COM client listening while callers come.
 *
 * Every figure beside a baseline measured in the same run:
 *   - ITTAPI::Initialize through COM (connect, login, resync of every member and
 *     address record) against a bare AMI client that sends the same login and resync
 *     actions and reads every answer (framing only);
 *   - the lag from the read of an AMI event off the socket to the C sink's Event
 *     (the asterisk provider's lag probe marks the read), p50 and p99, while callers
 *     come at the sustained rate, against one cross-thread wake-up;
 *   - the client's CPU per 1,000 AMI events (provider + COM, the sink doing nothing)
 *     against the bare client reading and framing the same stream;
 *   - a refresh of a wallboard of 500 sessions (State + 12 statistics each) against
 *     500 times one row on the acd provider.
 * CPU time is the process's threads' (Linux's per-thread schedstat, read through
 * Wine's Z: drive: nanoseconds, where Windows' process times come in 10 ms ticks),
 * less what the caller-making connection spends alone in the same time.
 */
#include "bench_com.h"

#include "ami_client.h"
#include "ami_crypto.h"
#include "ami_frame.h"
#include "ami_socket.h"
#include "bench_scale_layout.h"

static int agents = SCALE_AGENTS;
static const char *profile;
#define PROFILE_SECONDS 6
static double rate;
static char port[16], secret_path[MAX_PATH + 8], secret[128];

static void die(const char *what)
{
    fprintf(stderr, "bench_scale_com: %s\n", what);
    exit(1);
}

/* The CPU time of every thread of this process so far, in ns, from Linux's
 * schedstat.  Under Wine a path is opened by the wineserver, for which /proc/self is
 * itself: the process is named by its Linux PID, which bench/asterisk_scale passes
 * in TCC_BENCH_UNIX_PID (it execs Wine from a shell whose PID that is).  -1 without. */
static double process_cpu_ns(void)
{
    const char *pid = getenv("TCC_BENCH_UNIX_PID");
    char pattern[MAX_PATH];
    WIN32_FIND_DATAA found;
    HANDLE search;
    double total = 0;

    if (!pid)
        return -1;
    snprintf(pattern, sizeof(pattern), "Z:\\proc\\%s\\task\\*", pid);
    if ((search = FindFirstFileA(pattern, &found)) == INVALID_HANDLE_VALUE)
        return -1;
    do
    {
        char path[MAX_PATH], text[128];
        FILE *file;

        if (found.cFileName[0] == '.')
            continue;
        snprintf(path, sizeof(path), "Z:\\proc\\%s\\task\\%s\\schedstat", pid, found.cFileName);
        if ((file = fopen(path, "r")))
        {
            if (fgets(text, sizeof(text), file))
                total += (double)strtoull(text, NULL, 10);
            fclose(file);
        }
    } while (FindNextFileA(search, &found));
    FindClose(search);
    return total;
}

/* The bare client: connect, Challenge, Login (MD5, Events: agent, as the provider),
 * then reads and frames.  Each step blocks until its answer, within 10 s. */
struct bare
{
    ami_socket socket;
    struct ami_framer framer;
    uint64_t messages;
};

static void bare_next(struct bare *bare, struct ami_message *message)
{
    char bytes[16384];
    long got;

    while (ami_framer_next(&bare->framer, message) != 1)
    {
        if (ami_socket_wait(bare->socket, 10000) != 1 || (got = ami_socket_recv(bare->socket, bytes, sizeof(bytes))) <= 0)
            die("the bare AMI client lost its connection");
        ami_framer_feed(&bare->framer, bytes, (size_t)got);
    }
    bare->messages++;
}

static void bare_send(struct bare *bare, const char *text)
{
    if (ami_socket_send_all(bare->socket, text, strlen(text)))
        die("the bare AMI client could not send");
}

static void bare_open(struct bare *bare)
{
    struct ami_message message;
    char error[256], key[33], login[512];
    const char *challenge;

    ami_framer_init(&bare->framer, 0);
    bare->messages = 0;
    if (ami_socket_connect("127.0.0.1", (uint16_t)atoi(port), 10000, NULL, &bare->socket, error, sizeof(error)))
        die(error);
    bare_next(bare, &message);      /* the banner */
    bare_send(bare, "Action: Challenge\r\nActionID: c\r\nAuthType: MD5\r\n\r\n");
    bare_next(bare, &message);
    if (!(challenge = ami_get(&message, "Challenge")) || ami_login_key(challenge, secret, key))
        die("no challenge");
    snprintf(login, sizeof(login), "Action: Login\r\nActionID: l\r\nAuthType: MD5\r\nUsername: tapi3cc\r\nKey: %s\r\n"
             "Events: agent\r\n\r\n", key);
    bare_send(bare, login);
    do
        bare_next(bare, &message);
    while (!ami_kind(&message, "Response"));
}

static void bare_close(struct bare *bare)
{
    ami_socket_close(bare->socket);
    ami_framer_free(&bare->framer);
}

/* The provider's resync (asterisk_provider.c), sent at once, every answer read. */
static void bare_resync(struct bare *bare)
{
    struct ami_message message;
    int left = 3;

    bare_send(bare, "Action: CoreStatus\r\nActionID: r1\r\n\r\nAction: QueueStatus\r\nActionID: r2\r\n\r\n"
              "Action: DBGetTree\r\nFamily: tapi3cc/addresses\r\nActionID: r3\r\n\r\n");
    while (left)
    {
        const char *id, *list;

        bare_next(bare, &message);
        id = ami_get(&message, "ActionID");
        list = ami_get(&message, "EventList");
        if (id && !strcmp(id, "r1") && ami_kind(&message, "Response"))
            left--;
        else if (id && list && !strcmp(list, "Complete"))
            left--;
    }
}


static void initialize(const WCHAR *providers)
{
    int rounds = quick ? 3 : 9;
    double com[9], baseline[9];

    printf("ITTAPI::Initialize (%d agents' members and address records)\n", agents);
    for (int i = 0; i < rounds; i++)
    {
        struct bare bare;
        ITTAPI2 *tapi;
        double start = now_ns();

        bare_open(&bare);
        bare_resync(&bare);
        baseline[i] = (now_ns() - start) / 1e6;
        bare_close(&bare);
        SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", providers);
        start = now_ns();
        if (FAILED(create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi)) || FAILED(ITTAPI2_Initialize(tapi)))
            die("cannot create and initialize the TAPI object");
        com[i] = (now_ns() - start) / 1e6;
        ITTAPI2_Shutdown(tapi);
        ITTAPI2_Release(tapi);
    }
    bench_record("ITTAPI::Initialize through COM (connect, login, resync)", percentile(com, rounds, 50), "ms",
                 "a bare AMI client: the same login and resync, every answer read", percentile(baseline, rounds, 50));
}

/* Callers at `rate`, from the driver's own connection, while `calling` is set. */
static volatile LONG calling;
static struct ami_client *driver;

static DWORD WINAPI make_calls(void *unused)
{
    double start = now_ns();
    int made = 0, next_queue = 0;
    char fields[256], queue[16];

    while (calling)
    {
        double due = start + made * 1e9 / rate, now = now_ns();

        if (due > now)
        {
            Sleep((DWORD)((due - now) / 1e6));
            continue;
        }
        scale_queue_name(next_queue++ % (quick ? SCALE_QUICK_QUEUES : SCALE_QUEUES), queue, sizeof(queue));
        snprintf(fields, sizeof(fields), "Channel: Local/s@caller\r\nApplication: Wait\r\nData: 30\r\n"
                 "Variable: QUEUE=%s\r\nAsync: true\r\n", queue);
        ami_client_request(driver, "Originate", fields, NULL, NULL, NULL, 0, 10000);
        made++;
    }
    return 0;
}

static HANDLE start_calls(void)
{
    calling = 1;
    return CreateThread(NULL, 0, make_calls, NULL, 0, NULL);
}

static void stop_calls(HANDLE thread)
{
    calling = 0;
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    Sleep(5000);        /* the calls in progress end */
}

/* The process's CPU during `seconds` of calls (after a warm-up), in ns. */
static double cpu_during_calls(double seconds)
{
    double cpu;

    Sleep(3000);
    cpu = process_cpu_ns();
    Sleep((DWORD)(seconds * 1000));
    return process_cpu_ns() - cpu;
}

/* The bare client reading the stream on a thread of its own. */
static volatile LONG bare_reading;

static DWORD WINAPI bare_reader(void *context)
{
    struct bare *bare = context;
    char bytes[16384];
    struct ami_message message;
    long got;

    while (bare_reading)
    {
        if (ami_socket_wait(bare->socket, 100) != 1)
            continue;
        if ((got = ami_socket_recv(bare->socket, bytes, sizeof(bytes))) <= 0)
            break;
        ami_framer_feed(&bare->framer, bytes, (size_t)got);
        while (ami_framer_next(&bare->framer, &message) == 1)
            bare->messages++;
    }
    return 0;
}

/* The sink: notes when the marker session's events arrive, and nothing else. */
static ITAgentSession *marker;
static volatile double marker_arrival;
static HANDLE marker_seen;

static HRESULT WINAPI scale_sink_Event(ITTAPIEventNotification *iface, TAPI_EVENT type, IDispatch *event)
{
    double arrival = now_ns();
    ITAgentSessionEvent *session_event;
    ITAgentSession *session;

    if (type != TE_AGENTSESSION || !marker ||
        FAILED(IDispatch_QueryInterface(event, &IID_ITAgentSessionEvent, (void **)&session_event)))
        return S_OK;
    if (SUCCEEDED(ITAgentSessionEvent_get_Session(session_event, &session)))
    {
        if (session == marker)
        {
            marker_arrival = arrival;
            SetEvent(marker_seen);
        }
        ITAgentSession_Release(session);
    }
    ITAgentSessionEvent_Release(session_event);
    return S_OK;
}

static const ITTAPIEventNotificationVtbl scale_sink_vtbl = { sink_QueryInterface, sink_AddRef, sink_Release,
                                                             scale_sink_Event };
static ITTAPIEventNotification scale_sink = { &scale_sink_vtbl };

/* The sink advised, every call-center event asked for: a desktop listening. */
static IConnectionPoint *listen_to_all(struct center *c, DWORD *cookie)
{
    IConnectionPointContainer *container;
    IConnectionPoint *point;

    ITTAPI2_put_EventFilter(c->tapi, TE_AGENT | TE_AGENTSESSION | TE_ACDGROUP | TE_QUEUE | TE_AGENTHANDLER);
    ITTAPI2_QueryInterface(c->tapi, &IID_IConnectionPointContainer, (void **)&container);
    IConnectionPointContainer_FindConnectionPoint(container, &IID_ITTAPIEventNotification, &point);
    IConnectionPointContainer_Release(container);
    IConnectionPoint_Advise(point, (IUnknown *)&scale_sink, cookie);
    return point;
}

static ITAgentSession *first_session(struct center *c, int id, ITAgent **agent)
{
    WCHAR id_text[16];
    BSTR id_string, pin;
    IEnumAgentSession *sessions;
    ITAgentSession *session = NULL;

    swprintf(id_text, ARRAYSIZE(id_text), L"%d", id);
    id_string = SysAllocString(id_text);
    pin = SysAllocString(L"" SCALE_PIN);
    if (FAILED(ITAgentHandler_CreateAgentWithID(c->handler, id_string, pin, agent)) ||
        FAILED(ITAgent_EnumerateAgentSessions(*agent, &sessions)))
        die("an agent of the generated center could not log in");
    IEnumAgentSession_Next(sessions, 1, &session, NULL);
    IEnumAgentSession_Release(sessions);
    SysFreeString(id_string);
    SysFreeString(pin);
    if (!session)
        die("an agent of the generated center has no session");
    return session;
}

struct wallboard
{
    ITAgentSession **sessions;
    int count;
};

static void bench_refresh(void *context, LONG n)
{
    struct wallboard *board = context;

    for (LONG i = 0; i < n; i++)
        for (int s = 0; s < board->count; s++)
            bench_full_row(board->sessions[s], 1);
}

static void wallboard(struct wallboard *board)
{
    struct center acd;
    ITAgent *acd_agent;
    ITAgentSession *acd_session;
    double one_row, refresh;

    printf("a wallboard of %d sessions\n", board->count);
    open_center(&acd, L"acd:clock=manual;start=1767254400;simulate=no");
    acd_session = busy_session(&acd, &acd_agent);
    one_row = measure(bench_full_row, acd_session);
    ITAgentSession_Release(acd_session);
    ITAgent_Release(acd_agent);
    close_center(&acd);
    refresh = measure(bench_refresh, board);
    bench_record("a wallboard refresh: State + 12 statistics of every session, asterisk provider", refresh / 1000.0,
                 "us", "that many times one row on the acd provider", one_row * board->count / 1000.0);
}

/* The marker member is paused and unpaused from the driver's connection, as a
 * supervisor or a phone would (nothing of this process waits for it); each time the
 * probe tells when the bytes behind the session's status were read and the sink
 * when its Event came. */
static void event_lag(struct center *c, double wakeup_median)
{
    double loaded_median, loaded_p99, per_second;
    int count = quick ? 40 : 300, got = 0;
    double *lags = calloc((size_t)count, sizeof(*lags));
    ITapi3ccProviderControl *control;
    struct tcc_asterisk_lag_probe probe = { SCALE_MARKER_QUEUE, "" };
    static char p50_name[128], p99_name[128];
    char pause_on[160], pause_off[160];

    scale_interface(SCALE_MARKER_AGENT, probe.member, sizeof(probe.member));
    snprintf(pause_on, sizeof(pause_on), "Queue: %s\r\nInterface: %s\r\nPaused: true\r\n", probe.queue, probe.member);
    snprintf(pause_off, sizeof(pause_off), "Queue: %s\r\nInterface: %s\r\nPaused: false\r\n", probe.queue,
             probe.member);
    ITAgentHandler_QueryInterface(c->handler, &IID_ITapi3ccProviderControl, (void **)&control);
    if (FAILED(ITapi3ccProviderControl_Control(control, TCC_ASTERISK_CONTROL_LAG_PROBE, &probe, sizeof(probe))))
        die("the lag probe found no marker member");
    for (int i = 0; i < count; i++)
    {
        double probed;

        ResetEvent(marker_seen);
        ami_client_request(driver, "QueuePause", i & 1 ? pause_off : pause_on, NULL, NULL, NULL, 0, 10000);
        if (WaitForSingleObject(marker_seen, 5000) != WAIT_OBJECT_0)
            continue;
        Sleep(1);   /* any second status of the marker's comes before the probe is read */
        ITapi3ccProviderControl_Control(control, TCC_ASTERISK_CONTROL_LAG_PROBE, &probe, sizeof(probe));
        probed = now_ns();
        if (probe.age_ns >= 0)
            lags[got++] = ((double)probe.age_ns - (probed - marker_arrival)) / 1000.0;
        Sleep(10 + rand() % 40);
    }
    ITapi3ccProviderControl_Release(control);
    if (got < count / 2)
        die("the marker's events did not arrive");
    /* The same wake-up measured under the same load: what a machine this busy does
     * to any hand-off between two threads. */
    measure_wakeups(quick ? 500 : 3000, &loaded_median, &loaded_p99, &per_second);
    printf("  one cross-thread wake-up while the callers come: median %.1f us, p99 %.1f us\n", loaded_median,
           loaded_p99);
    snprintf(p50_name, sizeof(p50_name), "lag, AMI event read -> C sink's Event, p50 (%.0f calls/s)", rate);
    snprintf(p99_name, sizeof(p99_name), "lag, AMI event read -> C sink's Event, p99 (%.0f calls/s)", rate);
    bench_record(p50_name, percentile(lags, got, 50), "us", "one cross-thread wake-up (median, idle)", wakeup_median);
    bench_record(p99_name, percentile(lags, got, 99), "us", "one cross-thread wake-up (median, idle)", wakeup_median);
    bench_record("lag, AMI event read -> C sink's Event, p99, against the same load's wake-up",
                 percentile(lags, got, 99), "us", "one cross-thread wake-up (p99, same load)", loaded_p99);
    free(lags);
}

/* --profile PART: that part alone. */
static void profile_part(const WCHAR *providers)
{
    double start;
    long rounds = 0;

    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", providers);
    printf("profiling %s\n", profile);
    fflush(stdout);
    start = now_ns();
    if (!strcmp(profile, "initialize"))
        while (now_ns() - start < PROFILE_SECONDS * 1e9)
        {
            ITTAPI2 *tapi;

            if (FAILED(create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi)) || FAILED(ITTAPI2_Initialize(tapi)))
                die("cannot create and initialize the TAPI object");
            ITTAPI2_Shutdown(tapi);
            ITTAPI2_Release(tapi);
            rounds++;
        }
    else
    {
        IConnectionPoint *point;
        struct center c;
        HANDLE calls;
        DWORD cookie;

        open_center(&c, providers);
        point = listen_to_all(&c, &cookie);
        calls = start_calls();
        Sleep(PROFILE_SECONDS * 1000);
        rounds = 1;
        stop_calls(calls);
        IConnectionPoint_Unadvise(point, cookie);
        IConnectionPoint_Release(point);
        close_center(&c);
    }
    printf("profiled %s: %ld rounds\n", profile, rounds);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    struct ami_client_settings settings = { "127.0.0.1", 0, "driver", NULL, "off", NULL, 0, 10000, 10000, 0 };
    struct ami_client_callbacks no_callbacks = { 0 };
    const char *json = NULL, *env_port = getenv("TCC_AMI_PORT"), *env_secret = getenv("TCC_AMI_SECRETFILE");
    WCHAR providers[MAX_PATH + 128];
    double wakeup_mean, wakeup_median, per_second, driver_cpu, bare_cpu, com_cpu, seconds;
    struct tcc_asterisk_counters before = { 0 }, after = { 0 };
    ITapi3ccProviderControl *control;
    IConnectionPoint *point;
    struct wallboard board;
    ITAgent **agent_list, *marker_agent;
    struct center c;
    struct bare bare;
    HANDLE calls, reader;
    char error[256];
    DWORD cookie;
    FILE *file;

    for (int i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "--json") && i + 1 < argc)
            json = argv[++i];
        else if (!strcmp(argv[i], "--quick"))
            quick = TRUE;
        else if (!strcmp(argv[i], "--rate") && i + 1 < argc)
            rate = atof(argv[++i]);
        else if (!strcmp(argv[i], "--profile") && i + 1 < argc)
            profile = argv[++i];
    }
    if (quick)
        agents = SCALE_QUICK_AGENTS;
    if (rate <= 0 || !env_port || !env_secret)
        die("usage: bench_scale_com --rate CALLS_PER_SECOND [--quick] [--json FILE], under with_asterisk");
    seconds = quick ? 4 : 10;
    snprintf(port, sizeof(port), "%s", env_port);
    snprintf(secret_path, sizeof(secret_path), "Z:%s", env_secret);
    if (!(file = fopen(secret_path, "r")) || !fgets(secret, sizeof(secret), file))
        die("cannot read the AMI secret");
    fclose(file);
    secret[strcspn(secret, "\r\n")] = 0;
    if (!load_tapi3cc())
        die("cannot load tapi3cc.dll from the program's folder");
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    printf("tapi3cc through COM at scale on a real Asterisk%s, callers at %.0f calls/s\n", quick ? " (quick)" : "",
           rate);
    swprintf(providers, ARRAYSIZE(providers), L"asterisk:port=%hs;user=tapi3cc;secretfile=%hs", port, secret_path);
    settings.port = (uint16_t)atoi(port);
    settings.secret = secret;
    if (ami_client_start(&settings, &no_callbacks, &driver, error, sizeof(error)))
        die(error);
    if (profile)
    {
        profile_part(providers);
        ami_client_stop(driver);
        CoUninitialize();
        return 0;
    }
    wakeup_mean = measure_wakeups(quick ? 2000 : 20000, &wakeup_median, NULL, &per_second);
    printf("  one cross-thread wake-up: mean %.1f us, median %.1f us\n", wakeup_mean, wakeup_median);

    initialize(providers);

    /* CPU: the caller-making connection alone, then with the bare client, then with
     * the COM client (the sink counting nothing); the first is taken off the others. */
    printf("client CPU per 1,000 AMI events (%.0f s of callers at %.0f calls/s each)\n", seconds, rate);
    if (process_cpu_ns() < 0)
        die("cannot read this process's CPU time: set TCC_BENCH_UNIX_PID to its Linux PID (bench/asterisk_scale does)");
    calls = start_calls();
    driver_cpu = cpu_during_calls(seconds);
    bare_open(&bare);
    bare_reading = 1;
    reader = CreateThread(NULL, 0, bare_reader, &bare, 0, NULL);
    Sleep(3000);
    {
        uint64_t messages = bare.messages;

        bare_cpu = process_cpu_ns();
        Sleep((DWORD)(seconds * 1000));
        bare_cpu = process_cpu_ns() - bare_cpu;
        messages = bare.messages - messages;
        printf("  CPU in %.0f s: the caller-making connection alone %.1f ms; with the bare client %.1f ms, %llu messages\n",
               seconds, driver_cpu / 1e6, bare_cpu / 1e6, (unsigned long long)messages);
        bare_cpu = (bare_cpu - driver_cpu) / (double)messages * 1000.0;
    }
    bare_reading = 0;
    WaitForSingleObject(reader, INFINITE);
    CloseHandle(reader);
    bare_close(&bare);

    marker_seen = CreateEventW(NULL, TRUE, FALSE, NULL);
    open_center(&c, providers);
    point = listen_to_all(&c, &cookie);
    ITAgentHandler_QueryInterface(c.handler, &IID_ITapi3ccProviderControl, (void **)&control);
    ITapi3ccProviderControl_Control(control, TCC_ASTERISK_CONTROL_COUNTERS, &before, sizeof(before));
    com_cpu = cpu_during_calls(seconds);
    ITapi3ccProviderControl_Control(control, TCC_ASTERISK_CONTROL_COUNTERS, &after, sizeof(after));
    ITapi3ccProviderControl_Release(control);
    printf("  CPU in %.0f s with the COM client: %.1f ms, %llu messages\n", seconds, com_cpu / 1e6,
           (unsigned long long)(after.messages - before.messages));
    com_cpu = (com_cpu - driver_cpu) / (double)(after.messages - before.messages) * 1000.0;
    bench_record("client CPU per 1,000 AMI events: provider + COM, the sink doing nothing", com_cpu / 1e3, "us",
                 "reading and framing the same stream only", bare_cpu / 1e3);

    /* The desktops' objects: every agent and its first session; the marker's. */
    agent_list = calloc((size_t)agents, sizeof(*agent_list));
    board.sessions = calloc((size_t)agents, sizeof(*board.sessions));
    board.count = agents;
    for (int i = 0; i < agents; i++)
        board.sessions[i] = first_session(&c, SCALE_FIRST_AGENT + i, &agent_list[i]);
    marker = first_session(&c, SCALE_MARKER_AGENT, &marker_agent);
    printf("event lag while callers come\n");
    event_lag(&c, wakeup_median);
    stop_calls(calls);
    wallboard(&board);

    IConnectionPoint_Unadvise(point, cookie);
    IConnectionPoint_Release(point);
    for (int i = 0; i < agents; i++)
    {
        ITAgentSession_Release(board.sessions[i]);
        ITAgent_Release(agent_list[i]);
    }
    ITAgentSession_Release(marker);
    marker = NULL;
    ITAgent_Release(marker_agent);
    close_center(&c);
    free(board.sessions);
    free(agent_list);
    ami_client_stop(driver);
    CloseHandle(marker_seen);
    CoUninitialize();
    if (json)
    {
        char extra[128];

        snprintf(extra, sizeof(extra), "\"calls_per_second\": %.0f", rate);
        if (bench_write_json(json, quick, extra))
            die("cannot write the JSON file");
    }
    return 0;
}
