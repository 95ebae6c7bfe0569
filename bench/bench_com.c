/*
 * tapi3cc's COM benchmarks (run under Wine or on Windows).  Every figure is printed
 * beside a baseline measured in the same run, and the ratio is what to read: the
 * machine's speed cancels out.  Results go to stdout as a table and to a JSON file.
 *
 *   bench_com [--json FILE] [--quick] [--scripts DIR] [--only getters|sessions|events|script|asterisk]
 *   bench_com --profile row|enumerate|made
 *
 * --profile runs one loop alone for PROFILE_SECONDS after its set-up, between the
 * lines "profiling" and "profiled", for a profiler to attach (bench/profile does).
 *
 * The DLL is loaded from the program's directory (no registration needed), except
 * for the VBScript loop, which runs tcchost with bench/loop.vbs and needs
 * Tapi3cc.TAPI registered (bench/run does that).
 */
#include "bench_com.h"

#include <psapi.h>

#include "ami_client.h"
#include "ami_crypto.h"

/* --only NAME runs one group: getters, sessions, events, script or asterisk. */
static const char *only;
/* --profile LOOP: that loop alone, and nothing else. */
static const char *profile;
#define PROFILE_SECONDS 6

/* Under --profile LOOP, runs `fn` for PROFILE_SECONDS and returns TRUE. */
static BOOL profiled(const char *loop, bench_fn fn, void *context)
{
    double start;
    LONG rounds = 0;

    if (!profile || strcmp(profile, loop))
        return FALSE;
    printf("profiling %s\n", loop);
    fflush(stdout);
    start = now_ns();
    /* The clock is read every 256 rounds: a wallboard row is shorter than a read of it. */
    do
    {
        fn(context, 256);
        rounds += 256;
    }
    while (now_ns() - start < PROFILE_SECONDS * 1e9);
    printf("profiled %s: %ld rounds\n", loop, (long)rounds);
    fflush(stdout);
    return TRUE;
}

/* The baseline object: one method that returns a constant, nothing else. */
typedef struct trivial trivial;
typedef struct
{
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(trivial *, REFIID, void **);
    ULONG (STDMETHODCALLTYPE *AddRef)(trivial *);
    ULONG (STDMETHODCALLTYPE *Release)(trivial *);
    HRESULT (STDMETHODCALLTYPE *Get)(trivial *, LONG *);
} trivial_vtbl;
struct trivial
{
    const trivial_vtbl *lpVtbl;
};

static HRESULT STDMETHODCALLTYPE trivial_QueryInterface(trivial *This, REFIID riid, void **out)
{
    *out = This;
    return S_OK;
}

static ULONG STDMETHODCALLTYPE trivial_AddRef(trivial *This)
{
    return 2;
}

static ULONG STDMETHODCALLTYPE trivial_Release(trivial *This)
{
    return 1;
}

static HRESULT STDMETHODCALLTYPE __attribute__((noinline)) trivial_Get(trivial *This, LONG *value)
{
    *value = 42;
    return S_OK;
}

static const trivial_vtbl trivial_functions = { trivial_QueryInterface, trivial_AddRef, trivial_Release, trivial_Get };
static trivial trivial_object = { &trivial_functions };
static trivial *volatile trivial_pointer = &trivial_object;

static void bench_trivial(void *context, LONG n)
{
    LONG value;

    for (LONG i = 0; i < n; i++)
        trivial_pointer->lpVtbl->Get(trivial_pointer, &value);
}

/* The parts a getter could spend its time on (the profile of BENCHMARKS.md). */
static void bench_slim_lock(void *context, LONG n)
{
    static SRWLOCK lock = SRWLOCK_INIT;

    for (LONG i = 0; i < n; i++)
    {
        AcquireSRWLockShared(&lock);
        ReleaseSRWLockShared(&lock);
    }
}

static volatile ULONGLONG tick_sink;

static void bench_tick_count(void *context, LONG n)
{
    for (LONG i = 0; i < n; i++)
        tick_sink = GetTickCount64();
}

static void bench_interlocked(void *context, LONG n)
{
    static volatile LONG count;

    for (LONG i = 0; i < n; i++)
        InterlockedIncrement(&count);
}

static void bench_talk_time(void *context, LONG n)
{
    ITAgentSession *session = context;
    LONG value;

    for (LONG i = 0; i < n; i++)
        ITAgentSession_get_TotalTalkTime(session, &value);
}

struct invoke_context
{
    IDispatch *dispatch;
    DISPID id;
    LPOLESTR name;
};

static void bench_invoke(void *context, LONG n)
{
    struct invoke_context *c = context;
    DISPPARAMS none = { NULL, NULL, 0, 0 };
    VARIANT result;

    for (LONG i = 0; i < n; i++)
    {
        VariantInit(&result);
        IDispatch_Invoke(c->dispatch, c->id, &IID_NULL, 0, DISPATCH_PROPERTYGET, &none, &result, NULL, NULL);
        VariantClear(&result);
    }
}

static void bench_names(void *context, LONG n)
{
    struct invoke_context *c = context;
    DISPID id;

    for (LONG i = 0; i < n; i++)
        IDispatch_GetIDsOfNames(c->dispatch, &IID_NULL, &c->name, 1, 0, &id);
}

static void getters_and_dispatch(void)
{
    struct center c;
    ITAgent *agent;
    ITAgentSession *session;
    IDispatch *dictionary;
    struct invoke_context ours, theirs;
    CLSID clsid;
    double baseline, value;

    printf("getters and IDispatch\n");
    open_center(&c, L"acd:clock=manual;start=1767254400;simulate=no");
    session = busy_session(&c, &agent);

    if (profiled("row", bench_full_row, session))
        goto done;
    baseline = measure(bench_trivial, NULL);
    value = measure(bench_talk_time, session);
    bench_record("ITAgentSession::get_TotalTalkTime, early-bound", value, "ns/call", "empty vtable call", baseline);
    value = measure(bench_full_row, session);
    bench_record("ITAgentSession: State + 12 statistics (a wallboard row)", value, "ns/row", "13 empty vtable calls",
                 13 * baseline);
    /* What a getter could cost beside the call: the profile the fast path follows. */
    bench_record("part: a slim lock taken shared and released", measure(bench_slim_lock, NULL), "ns",
                 "empty vtable call", baseline);
    bench_record("part: an interlocked increment", measure(bench_interlocked, NULL), "ns", "empty vtable call", baseline);
    bench_record("part: GetTickCount64", measure(bench_tick_count, NULL), "ns", "empty vtable call", baseline);

    CLSIDFromProgID(L"Scripting.Dictionary", &clsid);
    if (FAILED(CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IDispatch, (void **)&dictionary)))
    {
        fprintf(stderr, "bench_com: Scripting.Dictionary is not available\n");
        exit(1);
    }
    theirs.dispatch = dictionary;
    theirs.name = (LPOLESTR)L"Count";
    IDispatch_GetIDsOfNames(dictionary, &IID_NULL, &theirs.name, 1, 0, &theirs.id);
    ours.dispatch = (IDispatch *)session;
    ours.name = (LPOLESTR)L"TotalTalkTime";
    IDispatch_GetIDsOfNames(ours.dispatch, &IID_NULL, &ours.name, 1, 0, &ours.id);
    baseline = measure(bench_invoke, &theirs);
    value = measure(bench_invoke, &ours);
    bench_record("IDispatch::Invoke(TotalTalkTime) by DISPID", value, "ns/call", "Scripting.Dictionary Count", baseline);
    baseline = measure(bench_names, &theirs);
    value = measure(bench_names, &ours);
    bench_record("IDispatch::GetIDsOfNames(\"TotalTalkTime\")", value, "ns/call", "Scripting.Dictionary \"Count\"",
                 baseline);
    IDispatch_Release(dictionary);
done:
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    close_center(&c);
}

/* Enumerating 10,000 sessions of one agent, per element. */
struct many
{
    ITAgent *agent;
};

static void bench_enumerate(void *context, LONG n)
{
    struct many *m = context;

    for (LONG i = 0; i < n; i++)
    {
        IEnumAgentSession *sessions;
        ITAgentSession *batch[100];
        ULONG fetched;

        ITAgent_EnumerateAgentSessions(m->agent, &sessions);
        while (SUCCEEDED(IEnumAgentSession_Next(sessions, 100, batch, &fetched)) && fetched)
            for (ULONG k = 0; k < fetched; k++)
                ITAgentSession_Release(batch[k]);
        IEnumAgentSession_Release(sessions);
    }
}

static void bench_collection(void *context, LONG n)
{
    struct many *m = context;

    for (LONG i = 0; i < n; i++)
    {
        VARIANT sessions, batch[100];
        IUnknown *unknown;
        IEnumVARIANT *enumerator;
        ULONG fetched;

        ITAgent_get_AgentSessions(m->agent, &sessions);
        ITCollection_get__NewEnum((ITCollection *)V_DISPATCH(&sessions), &unknown);
        IUnknown_QueryInterface(unknown, &IID_IEnumVARIANT, (void **)&enumerator);
        IUnknown_Release(unknown);
        while (SUCCEEDED(IEnumVARIANT_Next(enumerator, 100, batch, &fetched)) && fetched)
            for (ULONG k = 0; k < fetched; k++)
                VariantClear(&batch[k]);
        IEnumVARIANT_Release(enumerator);
        VariantClear(&sessions);
    }
}

static SIZE_T private_bytes(void)
{
    PROCESS_MEMORY_COUNTERS_EX counters = { sizeof(counters) };

    GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&counters, sizeof(counters));
    /* PrivateUsage is the private commit; Wine reports it as PagefileUsage only. */
    return counters.PrivateUsage ? counters.PrivateUsage : counters.PagefileUsage;
}

#define ENUMERATED 10000

static void many_sessions(void)
{
    const LONG total = quick ? 20000 : 100000;
    struct center c;
    struct many m;
    ITAgent *other;
    ITAgentSession **held;
    IDispatch **dictionaries;
    SIZE_T before, after;
    double baseline = 0, value, per_session, per_dictionary;
    CLSID clsid;

    printf("%d sessions enumerated among %ld\n", ENUMERATED, total);
    open_center(&c, L"acd:clock=manual;start=1767254400;simulate=no");
    ITAgentHandler_CreateAgent(c.handler, &m.agent);
    ITAgentHandler_CreateAgent(c.handler, &other);
    held = calloc(total, sizeof(*held));
    before = private_bytes();
    for (LONG i = 0; i < total; i++)
        ITAgent_CreateSession(i < ENUMERATED ? m.agent : other, c.sales, c.line, &held[i]);
    after = private_bytes();
    per_session = (double)(after - before) / total;

    if (profile)
        goto profile_only;     /* the memory figure and its baseline take half a minute */
    CLSIDFromProgID(L"Scripting.Dictionary", &clsid);
    dictionaries = calloc(total, sizeof(*dictionaries));
    before = private_bytes();
    for (LONG i = 0; i < total; i++)
        CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IDispatch, (void **)&dictionaries[i]);
    after = private_bytes();
    per_dictionary = (double)(after - before) / total;
    bench_record("memory per agent session (engine + COM object, all held)", per_session, "bytes",
                 "an empty Scripting.Dictionary", per_dictionary);
    for (LONG i = 0; i < total; i++)
        IDispatch_Release(dictionaries[i]);
    free(dictionaries);

profile_only:
    if (profiled("enumerate", bench_enumerate, &m))
        goto done;
    if (!profile)
    {
        baseline = measure(bench_trivial, NULL);
        value = measure(bench_enumerate, &m) / ENUMERATED;
        bench_record("EnumerateAgentSessions + Next, per session (objects alive)", value, "ns/elem",
                     "empty vtable call", baseline);
        value = measure(bench_collection, &m) / ENUMERATED;
        bench_record("AgentSessions + _NewEnum + Next, per session (objects alive)", value, "ns/elem",
                     "empty vtable call", baseline);
    }
    for (LONG i = 0; i < total; i++)
        ITAgentSession_Release(held[i]);
    free(held);
    held = NULL;
    if (profiled("made", bench_enumerate, &m))
        goto done;
    value = measure(bench_enumerate, &m) / ENUMERATED;
    bench_record("EnumerateAgentSessions + Next, per session (objects made)", value, "ns/elem", "empty vtable call",
                 baseline);
done:
    for (LONG i = 0; held && i < total; i++)
        ITAgentSession_Release(held[i]);
    free(held);
    ITAgent_Release(other);
    ITAgent_Release(m.agent);
    close_center(&c);
}

static DWORD WINAPI events(void *unused)
{
    const LONG n = quick ? 2000 : 20000;
    struct counting_sink sink = { { &sink_vtbl }, 0, 0, NULL, 0 };
    IConnectionPointContainer *container;
    IConnectionPoint *point;
    struct center c;
    ITAgent *agent;
    ITAgentSession *session;
    DWORD cookie;
    double start, handoffs, latency_sum = 0, baseline_latency;

    /* A C sink in the multithreaded apartment, called on a delivery thread. */
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    printf("events\n");
    /* Baseline: n wake-ups from one thread to another and back. */
    baseline_latency = measure_wakeups(n, NULL, NULL, &handoffs);

    open_center(&c, L"acd:clock=manual;start=1767254400;simulate=no");
    ITTAPI2_put_EventFilter(c.tapi, TE_AGENTSESSION);
    ITTAPI2_QueryInterface(c.tapi, &IID_IConnectionPointContainer, (void **)&container);
    IConnectionPointContainer_FindConnectionPoint(container, &IID_ITTAPIEventNotification, &point);
    IConnectionPointContainer_Release(container);
    IConnectionPoint_Advise(point, (IUnknown *)&sink.ITTAPIEventNotification_iface, &cookie);
    ITAgentHandler_CreateAgent(c.handler, &agent);
    ITAgent_CreateSession(agent, c.sales, c.line, &session);
    Sleep(100);

    /* Throughput: n state changes as fast as they can be made, until all arrived. */
    sink.done = CreateEventW(NULL, TRUE, FALSE, NULL);
    sink.count = 0;
    sink.wanted = n;
    start = now_ns();
    for (LONG i = 0; i < n; i++)
        ITAgentSession_put_State(session, i & 1 ? ASST_NOT_READY : ASST_READY);
    WaitForSingleObject(sink.done, 60000);
    bench_record("events delivered to a C sink (MTA)", sink.count / ((now_ns() - start) / 1e9), "events/s",
                 "thread-to-thread wake-ups", handoffs);

    /* Latency: one change at a time, from put_State to the sink. */
    for (LONG i = 0; i < 200; i++)
    {
        double changed;

        ResetEvent(sink.done);
        sink.count = 0;
        sink.wanted = 1;
        changed = now_ns();
        ITAgentSession_put_State(session, i & 1 ? ASST_NOT_READY : ASST_READY);
        WaitForSingleObject(sink.done, 5000);
        latency_sum += sink.last_arrival - changed;
    }
    bench_record("latency from put_State to the sink's Event", latency_sum / 200 / 1000.0, "us",
                 "one cross-thread wake-up", baseline_latency);
    IConnectionPoint_Unadvise(point, cookie);
    IConnectionPoint_Release(point);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    close_center(&c);
    CloseHandle(sink.done);
    CoUninitialize();
    return 0;
}

/* The VBScript loop, through tcchost: loop.vbs times both loops in one run. */
static void script_loop(const char *bench_dir)
{
    char command[MAX_PATH * 2], line[256];
    FILE *pipe;
    double ours = 0, theirs = 0;

    printf("VBScript\n");
    snprintf(command, sizeof(command), "tcchost.exe \"%s\\loop.vbs\" %d", bench_dir, quick ? 20000 : 200000);
    if (!(pipe = _popen(command, "r")))
        return;
    while (fgets(line, sizeof(line), pipe))
    {
        sscanf(line, "session.TotalTalkTime: %lf", &ours);
        sscanf(line, "dictionary.Count: %lf", &theirs);
    }
    if (_pclose(pipe) || !ours || !theirs)
    {
        printf("  (the VBScript loop did not run: is Tapi3cc.TAPI registered?)\n");
        return;
    }
    bench_record("VBScript: session.TotalTalkTime in a loop (tcchost)", ours, "ns/read", "dictionary.Count, same loop",
                 theirs);
}

/* The wallboard row with the asterisk provider against a real Asterisk (bench/run
 * starts it through with_asterisk; TCC_AMI_PORT and TCC_AMI_SECRETFILE say where),
 * beside the same row with the acd provider; and the AMI actions the reads sent. */
static void asterisk_row(void)
{
    static const uint8_t salt[4] = { 9, 8, 7, 6 };
    const char *port = getenv("TCC_AMI_PORT"), *secret_path = getenv("TCC_AMI_SECRETFILE");
    struct ami_client_settings settings = { "127.0.0.1", 0, "driver", NULL, "off", NULL, 0, 10000 };
    struct ami_client_callbacks callbacks = { 0 };
    struct tcc_asterisk_counters before = { 0 }, after = { 0 };
    ITapi3ccProviderControl *control;
    struct ami_client *driver;
    char secret[64] = "", fields[256], path[MAX_PATH + 8], error[256];
    WCHAR providers[MAX_PATH + 128];
    uint8_t hash[32];
    struct center c;
    ITAgent *agent;
    ITAgentSession *session;
    BSTR id, pin;
    double acd_row, asterisk_value;
    FILE *file;
    int length;

    printf("a wallboard row with the asterisk provider\n");
    if (!port || !secret_path)
    {
        printf("  asterisk: SKIPPED: no Asterisk (bench/run starts one through with_asterisk when it can)\n");
        return;
    }
    snprintf(path, sizeof(path), "Z:%s", secret_path);
    if (!(file = fopen(path, "r")) || !fgets(secret, sizeof(secret), file))
    {
        printf("  asterisk: SKIPPED: cannot read %s\n", path);
        return;
    }
    fclose(file);
    secret[strcspn(secret, "\r\n")] = 0;
    settings.port = (uint16_t)atoi(port);
    settings.secret = secret;
    if (ami_client_start(&settings, &callbacks, &driver, error, sizeof(error)))
    {
        printf("  asterisk: SKIPPED: %s\n", error);
        return;
    }
    ami_pbkdf2_sha256("1234", 4, salt, sizeof(salt), 1000, hash, sizeof(hash));
    length = snprintf(fields, sizeof(fields), "Family: tapi3cc/agents\r\nKey: 1001\r\nVal: pbkdf2-sha256$1000$09080706$");
    for (size_t i = 0; i < sizeof(hash); i++)
        length += snprintf(fields + length, sizeof(fields) - length, "%02x", hash[i]);
    snprintf(fields + length, sizeof(fields) - length, "\r\n");
    ami_client_request(driver, "DBPut", fields, NULL, NULL, NULL, 0, 5000);
    ami_client_request(driver, "DBPut", "Family: tapi3cc/addresses\r\nKey: 2001\r\nVal: Local/2001@agents\r\n", NULL,
                       NULL, NULL, 0, 5000);
    ami_client_stop(driver);

    open_center(&c, L"acd:clock=manual;start=1767254400;simulate=no");
    session = busy_session(&c, &agent);
    acd_row = measure(bench_full_row, session);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    close_center(&c);

    swprintf(providers, ARRAYSIZE(providers), L"asterisk:port=%hs;user=tapi3cc;secretfile=%hs", port, path);
    open_center(&c, providers);
    id = SysAllocString(L"1001");
    pin = SysAllocString(L"1234");
    if (FAILED(ITAgentHandler_CreateAgentWithID(c.handler, id, pin, &agent)) ||
        FAILED(ITAgent_CreateSessionWithPIN(agent, c.sales, c.line, pin, &session)))
    {
        printf("  asterisk: the agent could not log in\n");
        exit(1);
    }
    SysFreeString(id);
    SysFreeString(pin);
    ITAgentSession_put_State(session, ASST_READY);
    ITAgentHandler_QueryInterface(c.handler, &IID_ITapi3ccProviderControl, (void **)&control);
    ITapi3ccProviderControl_Control(control, TCC_ASTERISK_CONTROL_COUNTERS, &before, sizeof(before));
    asterisk_value = measure(bench_full_row, session);
    ITapi3ccProviderControl_Control(control, TCC_ASTERISK_CONTROL_COUNTERS, &after, sizeof(after));
    bench_record("a wallboard row (State + 12 statistics), asterisk provider", asterisk_value, "ns/row",
                 "the same row, acd provider", acd_row);
    bench_record("AMI actions sent while the rows above were read", (double)(after.actions_sent - before.actions_sent),
                 "actions", "none expected", 0);
    ITAgentSession_put_State(session, ASST_SESSION_ENDED);
    ITapi3ccProviderControl_Release(control);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    close_center(&c);
}


static BOOL wanted(const char *group)
{
    return !only || !strcmp(only, group);
}

int main(int argc, char **argv)
{
    const char *json = NULL, *bench_dir = ".";

    for (int i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "--json") && i + 1 < argc)
            json = argv[++i];
        else if (!strcmp(argv[i], "--quick"))
            quick = TRUE;
        else if (!strcmp(argv[i], "--scripts") && i + 1 < argc)
            bench_dir = argv[++i];
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else if (!strcmp(argv[i], "--profile") && i + 1 < argc)
        {
            profile = argv[++i];
            only = !strcmp(profile, "row") ? "getters" : "sessions";
        }
    }
    if (!load_tapi3cc())
    {
        fprintf(stderr, "bench_com: cannot load tapi3cc.dll from the program's folder\n");
        return 1;
    }
    /* A single-threaded apartment, as scripts and VB clients run in: the
     * platform's Scripting.Dictionary is apartment-threaded, so this is where it is
     * called directly, like ours. */
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    printf("tapi3cc COM benchmarks%s: value, unit, baseline measured in the same run, ratio\n",
           quick ? " (quick)" : "");
    if (wanted("getters"))
        getters_and_dispatch();
    if (wanted("sessions"))
        many_sessions();
    if (wanted("events"))
    {
        HANDLE thread = CreateThread(NULL, 0, events, NULL, 0, NULL);

        WaitForSingleObject(thread, INFINITE);
        CloseHandle(thread);
    }
    if (wanted("script"))
        script_loop(bench_dir);
    if (wanted("asterisk"))
        asterisk_row();
    CoUninitialize();
    if (json)
    {
        SYSTEMTIME time;
        char date[64];

        GetSystemTime(&time);
        snprintf(date, sizeof(date), "\"date\": \"%04d-%02d-%02dT%02d:%02d:%02dZ\"", time.wYear, time.wMonth,
                 time.wDay, time.wHour, time.wMinute, time.wSecond);
        if (bench_write_json(json, quick, date))
        {
            fprintf(stderr, "bench_com: cannot write %s\n", json);
            return 1;
        }
    }
    return 0;
}
