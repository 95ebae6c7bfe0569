/*
 * Which providers ITTAPI::Initialize opens, and with which configuration strings:
 *
 *   1. the environment variable TAPI3CC_PROVIDERS, if set;
 *   2. else the string value "Providers" of HKEY_CURRENT_USER\Software\tapi3cc;
 *   3. else "acd": the embedded ACD emulator with its demo topology.
 *
 * The value lists providers separated by '|', each as NAME or NAME:CONFIG, e.g.
 *   acd:file=C:\acd\center.ini;seed=7|acd:simulate=no
 * (two emulated ACD systems, two agent handlers).  README: "Choosing providers".
 */
#include "objects.h"

#include <stdlib.h>
#include <string.h>

#define PROVIDERS_MAX 16

/* The configured value as UTF-8, in `text` (at most `size` bytes). */
static BOOL configured_value(char *text, DWORD size)
{
    WCHAR value[2048];
    DWORD bytes = sizeof(value) - sizeof(WCHAR);
    DWORD length;

    length = GetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", value, ARRAYSIZE(value));
    if (!length || length >= ARRAYSIZE(value))
    {
        memset(value, 0, sizeof(value));
        if (RegGetValueW(HKEY_CURRENT_USER, L"Software\\tapi3cc", L"Providers", RRF_RT_REG_SZ, NULL, value,
                         &bytes) != ERROR_SUCCESS)
            return FALSE;
    }
    return WideCharToMultiByte(CP_UTF8, 0, value, -1, text, (int)size, NULL, NULL) > 0;
}

static void trim(char *text)
{
    char *start = text, *end;

    while (*start == ' ' || *start == '\t')
        start++;
    memmove(text, start, strlen(start) + 1);
    end = text + strlen(text);
    while (end > text && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = 0;
}

HRESULT tcc__open_providers(ITTAPI2 *tapi, struct tcc_events *events, struct tcc_handler ***out, ULONG *out_count)
{
    static const WCHAR member[] = L"ITTAPI::Initialize";
    char value[4096] = "acd";
    struct tcc_handler **handlers;
    ULONG count = 0;
    char *entry, *next;
    HRESULT hr = S_OK;

    *out = NULL;
    *out_count = 0;
    configured_value(value, sizeof(value));
    if (!(handlers = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, PROVIDERS_MAX * sizeof(*handlers))))
        return tcc__error(E_OUTOFMEMORY, &IID_ITTAPI, L"%ls: out of memory.", member);

    for (entry = value; entry && SUCCEEDED(hr); entry = next)
    {
        const struct tcc_provider *provider;
        char *colon;
        WCHAR error[256] = L"";

        if ((next = strchr(entry, '|')))
            *next++ = 0;
        if ((colon = strchr(entry, ':')))
        {
            *colon++ = 0;
            trim(colon);
        }
        trim(entry);
        if (!*entry)
            continue;
        if (count == PROVIDERS_MAX)
            hr = tcc__error(E_INVALIDARG, &IID_ITTAPI, L"%ls: more than %d providers are configured.", member,
                            PROVIDERS_MAX);
        else if (!(provider = tcc_provider_find(entry)))
            hr = tcc__error(E_INVALIDARG, &IID_ITTAPI,
                            L"%ls: no provider is called '%hs' (TAPI3CC_PROVIDERS or HKCU\\Software\\tapi3cc "
                            L"Providers; built in: acd).", member, entry);
        else if (FAILED(hr = tcc__handler_open(tapi, provider, colon ? colon : "", events, &handlers[count], error,
                                               ARRAYSIZE(error))))
            hr = tcc__error(hr, &IID_ITTAPI, L"%ls: provider '%hs' did not open: %ls", member, entry,
                            *error ? error : L"it gave no reason.");
        else
            count++;
    }
    if (FAILED(hr))
    {
        for (ULONG i = 0; i < count; i++)
        {
            tcc__handler_close(handlers[i]);
            tcc__handler_release(handlers[i]);
        }
        HeapFree(GetProcessHeap(), 0, handlers);
        return hr;
    }
    *out = handlers;
    *out_count = count;
    return S_OK;
}
