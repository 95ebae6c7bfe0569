/*
 * What the COM benchmark programs share (bench_com.c, bench_scale_com.c): the clock,
 * the measuring loop, tapi3cc.dll loaded from the program's folder, a call center
 * opened on a provider string, a wallboard row, a C sink in the MTA, and the
 * cross-thread wake-up that event delivery is measured against.  Header-only, one
 * program each: its static state is the including program's.
 */
#ifndef TAPI3CC_BENCH_COM_H
#define TAPI3CC_BENCH_COM_H

#define COBJMACROS
#include <windows.h>
#include <ole2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcc_tapi3.h"
#include "tcc_control.h"
#include "tapi3cc/acd_control.h"

#include "asterisk_provider.h"
#include "bench_results.h"

static BOOL quick;
static HMODULE dll;

/* tapi3cc.dll from the program's own folder (no registration needed): FALSE when it
 * cannot be loaded. */
static BOOL load_tapi3cc(void)
{
    WCHAR path[MAX_PATH], *slash;

    GetModuleFileNameW(NULL, path, ARRAYSIZE(path));
    if ((slash = wcsrchr(path, L'\\')))
        wcscpy(slash + 1, L"tapi3cc.dll");
    return (dll = LoadLibraryW(path)) != NULL;
}

static double now_ns(void)
{
    static LARGE_INTEGER frequency;
    LARGE_INTEGER counter;

    if (!frequency.QuadPart)
        QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&counter);
    return (double)counter.QuadPart * 1e9 / (double)frequency.QuadPart;
}

/* ns per operation: iterations grown until a run takes 50 ms, then the median of
 * five runs. */
typedef void (*bench_fn)(void *context, LONG iterations);

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The value `percent` of the way up `values` (sorted here): 50 is the median. */
static double percentile(double *values, int count, int percent)
{
    qsort(values, (size_t)count, sizeof(*values), compare_doubles);
    return values[(count * percent + 99) / 100 - 1];
}

static double measure(bench_fn fn, void *context)
{
    LONG iterations = 1;
    double runs[5], start;

    for (;;)
    {
        start = now_ns();
        fn(context, iterations);
        if (now_ns() - start > (quick ? 5e6 : 5e7) || iterations > (1 << 28))
            break;
        iterations *= 2;
    }
    for (int i = 0; i < 5; i++)
    {
        start = now_ns();
        fn(context, iterations);
        runs[i] = (now_ns() - start) / iterations;
    }
    return percentile(runs, 5, 50);
}

static HRESULT create(REFCLSID clsid, REFIID riid, void **out)
{
    HRESULT (WINAPI *get_class_object)(REFCLSID, REFIID, void **) =
        (void *)GetProcAddress(dll, "DllGetClassObject");
    IClassFactory *factory;
    HRESULT hr;

    if (FAILED(hr = get_class_object(clsid, &IID_IClassFactory, (void **)&factory)))
        return hr;
    hr = IClassFactory_CreateInstance(factory, NULL, riid, out);
    IClassFactory_Release(factory);
    return hr;
}

struct center
{
    ITTAPI2 *tapi;
    ITAgentHandler *handler;
    ITACDGroup *sales;
    ITAddress *line;
};

static void open_center(struct center *c, const WCHAR *providers)
{
    ITTAPICallCenter *center;
    IEnumAgentHandler *handlers;
    IEnumACDGroup *groups;
    IEnumAddress *addresses;

    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", providers);
    if (FAILED(create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&c->tapi)) || FAILED(ITTAPI2_Initialize(c->tapi)))
    {
        fprintf(stderr, "bench_com: cannot create and initialize the TAPI object\n");
        exit(1);
    }
    ITTAPI2_QueryInterface(c->tapi, &IID_ITTAPICallCenter, (void **)&center);
    ITTAPICallCenter_EnumerateAgentHandlers(center, &handlers);
    IEnumAgentHandler_Next(handlers, 1, &c->handler, NULL);
    IEnumAgentHandler_Release(handlers);
    ITTAPICallCenter_Release(center);
    ITAgentHandler_EnumerateACDGroups(c->handler, &groups);
    IEnumACDGroup_Next(groups, 1, &c->sales, NULL);
    IEnumACDGroup_Release(groups);
    ITAgentHandler_EnumerateUsableAddresses(c->handler, &addresses);
    IEnumAddress_Next(addresses, 1, &c->line, NULL);
    IEnumAddress_Release(addresses);
}

static void close_center(struct center *c)
{
    ITAddress_Release(c->line);
    ITACDGroup_Release(c->sales);
    ITAgentHandler_Release(c->handler);
    ITTAPI2_Shutdown(c->tapi);
    ITTAPI2_Release(c->tapi);
}

/* A session with calls behind it, so that every statistic has a value. */
static ITAgentSession *busy_session(struct center *c, ITAgent **agent)
{
    ITapi3ccProviderControl *control;
    ITAgentSession *session;

    ITAgentHandler_CreateAgent(c->handler, agent);
    ITAgent_CreateSession(*agent, c->sales, c->line, &session);
    ITAgentSession_put_State(session, ASST_READY);
    ITAgentHandler_QueryInterface(c->handler, &IID_ITapi3ccProviderControl, (void **)&control);
    for (int i = 0; i < 20; i++)
    {
        struct tcc_acd_inject_call call = { 1, 60, 10, 0 };
        struct tcc_acd_set_time set_time = { 1767254400LL + (i + 1) * 100 };

        ITapi3ccProviderControl_Control(control, TCC_ACD_CONTROL_INJECT_CALL, &call, sizeof(call));
        ITapi3ccProviderControl_Control(control, TCC_ACD_CONTROL_SET_TIME, &set_time, sizeof(set_time));
    }
    ITapi3ccProviderControl_Release(control);
    return session;
}

/* One wallboard row: the session's state and its twelve statistics. */
static void bench_full_row(void *context, LONG n)
{
    ITAgentSession *session = context;
    AGENT_SESSION_STATE state;
    DATE start;
    CY rate;
    LONG value;

    for (LONG i = 0; i < n; i++)
    {
        ITAgentSession_get_State(session, &state);
        ITAgentSession_get_SessionStartTime(session, &start);
        ITAgentSession_get_SessionDuration(session, &value);
        ITAgentSession_get_NumberOfCalls(session, &value);
        ITAgentSession_get_TotalTalkTime(session, &value);
        ITAgentSession_get_AverageTalkTime(session, &value);
        ITAgentSession_get_TotalCallTime(session, &value);
        ITAgentSession_get_AverageCallTime(session, &value);
        ITAgentSession_get_TotalWrapUpTime(session, &value);
        ITAgentSession_get_AverageWrapUpTime(session, &value);
        ITAgentSession_get_ACDCallRate(session, &rate);
        ITAgentSession_get_LongestTimeToAnswer(session, &value);
        ITAgentSession_get_AverageTimeToAnswer(session, &value);
    }
}

/* Events: a C sink in the MTA counts them and notes when each arrived. */
struct counting_sink
{
    ITTAPIEventNotification ITTAPIEventNotification_iface;
    volatile LONG count;
    LONG wanted;
    HANDLE done;
    double last_arrival;
};

static HRESULT WINAPI sink_QueryInterface(ITTAPIEventNotification *iface, REFIID riid, void **out)
{
    *out = NULL;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_ITTAPIEventNotification))
    {
        *out = iface;
        return S_OK;
    }
    return E_NOINTERFACE;
}

static ULONG WINAPI sink_AddRef(ITTAPIEventNotification *iface)
{
    return 2;
}

static ULONG WINAPI sink_Release(ITTAPIEventNotification *iface)
{
    return 1;
}

static HRESULT WINAPI sink_Event(ITTAPIEventNotification *iface, TAPI_EVENT type, IDispatch *event)
{
    struct counting_sink *sink = CONTAINING_RECORD(iface, struct counting_sink, ITTAPIEventNotification_iface);

    sink->last_arrival = now_ns();
    if (InterlockedIncrement(&sink->count) == sink->wanted)
        SetEvent(sink->done);
    return S_OK;
}

static const ITTAPIEventNotificationVtbl sink_vtbl = { sink_QueryInterface, sink_AddRef, sink_Release, sink_Event };

/* The baseline of event delivery: a thread handing a wake-up to another, as the
 * event path must.  Measures n of them: returns the mean latency in us, the median
 * and the 99th percentile in *median_us and *p99_us (may be NULL) and the wake-ups a
 * second in *per_second. */
static HANDLE ping, pong;
static volatile double pinged_at;
static double *wakeup_latencies;

static DWORD WINAPI ponger(void *arg)
{
    LONG n = (LONG)(INT_PTR)arg;

    for (LONG i = 0; i < n; i++)
    {
        WaitForSingleObject(ping, INFINITE);
        wakeup_latencies[i] = now_ns() - pinged_at;
        SetEvent(pong);
    }
    return 0;
}

static double measure_wakeups(LONG n, double *median_us, double *p99_us, double *per_second)
{
    HANDLE thread;
    double start, sum = 0;

    wakeup_latencies = calloc((size_t)n, sizeof(*wakeup_latencies));
    ping = CreateEventW(NULL, FALSE, FALSE, NULL);
    pong = CreateEventW(NULL, FALSE, FALSE, NULL);
    thread = CreateThread(NULL, 0, ponger, (void *)(INT_PTR)n, 0, NULL);
    start = now_ns();
    for (LONG i = 0; i < n; i++)
    {
        pinged_at = now_ns();
        SetEvent(ping);
        WaitForSingleObject(pong, INFINITE);
    }
    *per_second = n / ((now_ns() - start) / 1e9);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    CloseHandle(ping);
    CloseHandle(pong);
    for (LONG i = 0; i < n; i++)
        sum += wakeup_latencies[i];
    if (median_us)
        *median_us = percentile(wakeup_latencies, (int)n, 50) / 1000.0;
    if (p99_us)
        *p99_us = percentile(wakeup_latencies, (int)n, 99) / 1000.0;
    free(wakeup_latencies);
    return sum / n / 1000.0;
}

#endif
