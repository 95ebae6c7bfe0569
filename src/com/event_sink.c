/*
 * Delivery to one connected sink.
 *
 * Every sink has its own queue, so that a sink that fails or blocks holds up no
 * other.  Where the sink was connected decides where it is called:
 *   - from a single-threaded apartment (a script host, a VB form): on that thread,
 *     through a message-only window, whenever the thread pumps messages — so the
 *     sink is never called from a thread it does not know;
 *   - otherwise (the multithreaded apartment): on a thread of the DLL's own, one
 *     per sink, started when the first event comes.
 * Events keep their order per sink.  Unadvise during delivery (even from inside
 * the sink's Event) stops further calls at once; pending events are released.
 */
#include "events.h"
#include "trace.h"

#define WM_TCC_DELIVER (WM_APP + 1)
#define WM_TCC_CLOSE (WM_APP + 2)
#define STOP_WAIT_MS 2000

static const WCHAR window_class[] = L"tapi3cc event sink";
static LONG class_registered;

struct pending_event
{
    TAPI_EVENT type;
    IDispatch *event;
};

struct tcc_sink
{
    LONG ref;
    IUnknown *iface;            /* the connection point's interface on the sink */
    BOOL dispinterface;         /* ITTAPIDispatchEventNotification: call Invoke(1) */
    DWORD cookie;

    CRITICAL_SECTION lock;      /* guards the fields below */
    struct pending_event *queue;
    size_t count, capacity;
    LONG generation;            /* moves on at every flush: older batches are dropped */
    BOOL closed;

    HWND window;                /* single-threaded apartment: its message window */
    DWORD window_thread;
    HANDLE thread;              /* otherwise: the delivery thread, when running, */
    CONDITION_VARIABLE ready;   /* which sleeps on this while the queue is empty */
};

/* A delivery thread serves one generation of its sink: a flush ends it. */
struct delivery_run
{
    struct tcc_sink *sink;
    LONG generation;
};

void tcc__sink_addref(struct tcc_sink *sink)
{
    InterlockedIncrement(&sink->ref);
}

void tcc__sink_release(struct tcc_sink *sink)
{
    if (InterlockedDecrement(&sink->ref))
        return;
    for (size_t i = 0; i < sink->count; i++)
        IDispatch_Release(sink->queue[i].event);
    HeapFree(GetProcessHeap(), 0, sink->queue);
    DeleteCriticalSection(&sink->lock);
    IUnknown_Release(sink->iface);
    HeapFree(GetProcessHeap(), 0, sink);
}

IUnknown *tcc__sink_iface(struct tcc_sink *sink)
{
    return sink->iface;
}

DWORD tcc__sink_cookie(struct tcc_sink *sink)
{
    return sink->cookie;
}

static const char *event_type_name(TAPI_EVENT type)
{
    switch (type)
    {
    case TE_AGENT: return "TE_AGENT";
    case TE_AGENTSESSION: return "TE_AGENTSESSION";
    case TE_AGENTHANDLER: return "TE_AGENTHANDLER";
    case TE_ACDGROUP: return "TE_ACDGROUP";
    case TE_QUEUE: return "TE_QUEUE";
    default: return "TE_?";
    }
}

static void call_sink(struct tcc_sink *sink, TAPI_EVENT type, IDispatch *event)
{
    HRESULT hr;

    if (sink->dispinterface)
    {
        /* Event(TapiEvent, pEvent), DISPID 1: arguments go last to first. */
        VARIANT args[2];
        DISPPARAMS params = { args, NULL, 2, 0 };

        V_VT(&args[0]) = VT_DISPATCH;
        V_DISPATCH(&args[0]) = event;
        V_VT(&args[1]) = VT_I4;
        V_I4(&args[1]) = type;
        hr = IDispatch_Invoke((IDispatch *)sink->iface, 1, &IID_NULL, LOCALE_USER_DEFAULT, DISPATCH_METHOD, &params,
                              NULL, NULL, NULL);
    }
    else
        hr = ITTAPIEventNotification_Event((ITTAPIEventNotification *)sink->iface, type, event);
    if (tcc__trace_on())
        tcc__trace("event %s (0x%X) handed to sink %lu%s: 0x%08lX", event_type_name(type), type,
                   (unsigned long)sink->cookie, sink->dispinterface ? " through IDispatch" : "", (unsigned long)hr);
}

/* Under the lock: takes what is queued; the caller delivers it with deliver_batch. */
static struct pending_event *take_batch_locked(struct tcc_sink *sink, size_t *count, LONG *generation)
{
    struct pending_event *batch = sink->queue;

    *count = sink->count;
    *generation = sink->generation;
    sink->queue = NULL;
    sink->count = sink->capacity = 0;
    return batch;
}

static struct pending_event *take_batch(struct tcc_sink *sink, size_t *count, LONG *generation)
{
    struct pending_event *batch;

    EnterCriticalSection(&sink->lock);
    batch = take_batch_locked(sink, count, generation);
    LeaveCriticalSection(&sink->lock);
    return batch;
}

/* Asked before every call, without the lock: both fields are aligned LONGs that
 * stop() changes under the lock, and a delivery that reads them after stop() has
 * left it sees the change. */
static BOOL still_wanted(struct tcc_sink *sink, LONG generation)
{
    return !*(volatile BOOL *)&sink->closed && *(volatile LONG *)&sink->generation == generation;
}

/* No lock is held while the sink runs: it may call back into any object. */
static void deliver_batch(struct tcc_sink *sink, struct pending_event *batch, size_t count, LONG generation)
{
    for (size_t i = 0; i < count; i++)
    {
        if (still_wanted(sink, generation))
            call_sink(sink, batch[i].type, batch[i].event);
        IDispatch_Release(batch[i].event);
    }
    HeapFree(GetProcessHeap(), 0, batch);
}

/*
 * Sleeps on a condition variable, not an event: under Wine a condition variable
 * wakes through a futex, an event through the wineserver, and this wake-up is one
 * of the two between put_State and the sink (the dispatcher's is the other).
 */
static DWORD WINAPI delivery_thread(void *arg)
{
    struct delivery_run *run = arg;
    struct tcc_sink *sink = run->sink;
    HMODULE module = NULL;

    /* Keeps the DLL loaded until this thread has left its code. */
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (const WCHAR *)delivery_thread, &module);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    EnterCriticalSection(&sink->lock);
    for (;;)
    {
        struct pending_event *batch;
        size_t count;
        LONG generation;

        /* A flush moves the generation on: this run is over (a newer thread may
         * serve the sink from then on). */
        while (sink->generation == run->generation && !sink->count)
            SleepConditionVariableCS(&sink->ready, &sink->lock, INFINITE);
        if (sink->generation != run->generation)
            break;
        batch = take_batch_locked(sink, &count, &generation);
        LeaveCriticalSection(&sink->lock);
        deliver_batch(sink, batch, count, generation);
        EnterCriticalSection(&sink->lock);
    }
    LeaveCriticalSection(&sink->lock);
    CoUninitialize();
    HeapFree(GetProcessHeap(), 0, run);
    tcc__sink_release(sink);
    FreeLibraryAndExitThread(module, 0);
}

static LRESULT CALLBACK window_proc(HWND window, UINT message, WPARAM wparam, LPARAM lparam)
{
    struct tcc_sink *sink = (struct tcc_sink *)GetWindowLongPtrW(window, GWLP_USERDATA);

    switch (message)
    {
    case WM_TCC_DELIVER:
        if (sink)
        {
            struct pending_event *batch;
            size_t count;
            LONG generation;

            batch = take_batch(sink, &count, &generation);
            deliver_batch(sink, batch, count, generation);
        }
        return 0;
    case WM_TCC_CLOSE:
        DestroyWindow(window);
        return 0;
    case WM_NCDESTROY:
        if (sink)
        {
            SetWindowLongPtrW(window, GWLP_USERDATA, 0);
            tcc__sink_release(sink);
            tcc__object_destroyed();
        }
        break;
    }
    return DefWindowProcW(window, message, wparam, lparam);
}

static BOOL register_window_class(void)
{
    WNDCLASSW info = { 0 };

    if (InterlockedCompareExchange(&class_registered, 0, 0))
        return TRUE;
    info.lpfnWndProc = window_proc;
    info.hInstance = tcc__module();
    info.lpszClassName = window_class;
    if (!RegisterClassW(&info) && GetLastError() != ERROR_CLASS_ALREADY_EXISTS)
        return FALSE;
    InterlockedExchange(&class_registered, 1);
    return TRUE;
}

void tcc__sink_unregister_class(void)
{
    if (InterlockedExchange(&class_registered, 0))
        UnregisterClassW(window_class, tcc__module());
}

static BOOL in_single_threaded_apartment(void)
{
    APTTYPEQUALIFIER qualifier;
    APTTYPE type;

    return SUCCEEDED(CoGetApartmentType(&type, &qualifier)) && (type == APTTYPE_STA || type == APTTYPE_MAINSTA);
}

HRESULT tcc__sink_create(IUnknown *iface, BOOL dispinterface, DWORD cookie, struct tcc_sink **out)
{
    struct tcc_sink *sink;

    *out = NULL;
    if (!(sink = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*sink))))
        return E_OUTOFMEMORY;
    sink->ref = 1;
    sink->iface = iface;
    IUnknown_AddRef(iface);
    sink->dispinterface = dispinterface;
    sink->cookie = cookie;
    InitializeCriticalSection(&sink->lock);
    InitializeConditionVariable(&sink->ready);
    if (in_single_threaded_apartment())
    {
        if (!register_window_class() ||
            !(sink->window = CreateWindowExW(0, window_class, NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL,
                                             tcc__module(), NULL)))
        {
            tcc__sink_release(sink);
            return HRESULT_FROM_WIN32(GetLastError());
        }
        /* The window holds the sink; it counts as a live object until destroyed. */
        sink->window_thread = GetCurrentThreadId();
        tcc__sink_addref(sink);
        tcc__object_created();
        SetWindowLongPtrW(sink->window, GWLP_USERDATA, (LONG_PTR)sink);
    }
    *out = sink;
    return S_OK;
}

void tcc__sink_post(struct tcc_sink *sink, TAPI_EVENT type, IDispatch *event)
{
    BOOL wake = FALSE;

    EnterCriticalSection(&sink->lock);
    if (sink->closed)
    {
        LeaveCriticalSection(&sink->lock);
        return;
    }
    if (!tcc__array_reserve((void **)&sink->queue, &sink->capacity, sink->count + 1, sizeof(*sink->queue), 16))
    {
        /* Out of memory: this sink misses the event; the others do not. */
        LeaveCriticalSection(&sink->lock);
        return;
    }
    sink->queue[sink->count].type = type;
    sink->queue[sink->count].event = event;
    IDispatch_AddRef(event);
    wake = sink->count++ == 0;
    if (sink->window)
    {
        if (wake)
            PostMessageW(sink->window, WM_TCC_DELIVER, 0, 0);
    }
    else
    {
        struct delivery_run *run;

        if (!sink->thread && (run = HeapAlloc(GetProcessHeap(), 0, sizeof(*run))))
        {
            run->sink = sink;
            run->generation = sink->generation;
            tcc__sink_addref(sink);
            if (!(sink->thread = CreateThread(NULL, 0, delivery_thread, run, 0, NULL)))
            {
                HeapFree(GetProcessHeap(), 0, run);
                tcc__sink_release(sink);
            }
        }
        /* The delivery thread takes everything queued at each wake-up: it is woken
         * only for the first of a batch.  All sleepers: an ending run may sleep
         * beside the current one. */
        if (wake)
            WakeAllConditionVariable(&sink->ready);
    }
    LeaveCriticalSection(&sink->lock);
}

/* Drops what is queued and stops the delivery thread; with `close`, for good. */
static void stop(struct tcc_sink *sink, BOOL close)
{
    struct pending_event *dropped;
    size_t count;
    HANDLE thread;

    EnterCriticalSection(&sink->lock);
    sink->closed |= close;
    sink->generation++;
    dropped = sink->queue;
    count = sink->count;
    sink->queue = NULL;
    sink->count = sink->capacity = 0;
    thread = sink->thread;
    sink->thread = NULL;
    WakeAllConditionVariable(&sink->ready);
    LeaveCriticalSection(&sink->lock);

    for (size_t i = 0; i < count; i++)
        IDispatch_Release(dropped[i].event);
    HeapFree(GetProcessHeap(), 0, dropped);
    if (thread)
    {
        /* The thread ends when the sink's current call returns.  It is waited for
         * (so that a clean Shutdown leaves nothing behind), but not from inside the
         * sink itself, and not for long: a sink blocked on the caller of Unadvise or
         * Shutdown must not hang it.  The thread keeps the DLL loaded until it ends. */
        if (GetThreadId(thread) != GetCurrentThreadId())
            WaitForSingleObject(thread, STOP_WAIT_MS);
        CloseHandle(thread);
    }
    if (close && sink->window)
    {
        if (sink->window_thread == GetCurrentThreadId())
            DestroyWindow(sink->window);
        else
            PostMessageW(sink->window, WM_TCC_CLOSE, 0, 0);
    }
}

void tcc__sink_flush(struct tcc_sink *sink)
{
    stop(sink, FALSE);
}

void tcc__sink_close(struct tcc_sink *sink)
{
    stop(sink, TRUE);
    tcc__sink_release(sink);
}
