/*
 * The trace file: opened once, at the first question whether tracing is on, from
 * TAPI3CC_TRACE or HKCU\Software\tapi3cc "Trace"; lines are appended whole under a
 * lock, so that lines of different threads never mix.
 */
#include "trace.h"

#include <stdarg.h>
#include <stdio.h>

LONG tcc__tracing = -1;
static HANDLE trace_file = INVALID_HANDLE_VALUE;
static CRITICAL_SECTION trace_lock;
static INIT_ONCE trace_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK open_trace(INIT_ONCE *once, void *parameter, void **context)
{
    WCHAR path[MAX_PATH];
    DWORD length = GetEnvironmentVariableW(L"TAPI3CC_TRACE", path, ARRAYSIZE(path)), bytes = sizeof(path);

    InitializeCriticalSection(&trace_lock);
    if ((length && length < ARRAYSIZE(path)) ||
        (!length && RegGetValueW(HKEY_CURRENT_USER, L"Software\\tapi3cc", L"Trace", RRF_RT_REG_SZ, NULL, path,
                                 &bytes) == ERROR_SUCCESS && path[0]))
        trace_file = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS,
                                 FILE_ATTRIBUTE_NORMAL, NULL);
    InterlockedExchange(&tcc__tracing, trace_file != INVALID_HANDLE_VALUE);
    return TRUE;
}

BOOL tcc__trace_start(void)
{
    InitOnceExecuteOnce(&trace_once, open_trace, NULL, NULL);
    return tcc__tracing > 0;
}

void tcc__trace(const char *format, ...)
{
    char line[1024];
    SYSTEMTIME now;
    va_list args;
    int length;
    DWORD written;

    if (!tcc__trace_on())
        return;
    GetSystemTime(&now);
    length = snprintf(line, sizeof(line), "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ [%lu] ", now.wYear, now.wMonth,
                      now.wDay, now.wHour, now.wMinute, now.wSecond, now.wMilliseconds,
                      (unsigned long)GetCurrentThreadId());
    va_start(args, format);
    length += vsnprintf(line + length, sizeof(line) - length - 1, format, args);
    va_end(args);
    if (length > (int)sizeof(line) - 2)
        length = sizeof(line) - 2;
    line[length++] = '\n';
    EnterCriticalSection(&trace_lock);
    WriteFile(trace_file, line, length, &written, NULL);
    LeaveCriticalSection(&trace_lock);
}
