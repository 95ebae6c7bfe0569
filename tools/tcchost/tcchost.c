/*
 * tcchost: a small Windows Script Host for VBScript and JScript files, on the
 * Active Scripting interfaces (IActiveScript, IActiveScriptParse,
 * IActiveScriptSite).  It exists because Wine's cscript prints nothing and exits 0
 * when a script fails, and has neither WScript.Sleep nor WScript.ConnectObject;
 * it runs the same on Windows.
 *
 *   tcchost [//nologo] script.vbs|script.js [arguments...]
 *
 * The script sees a WScript object with Echo, Quit, Sleep, Arguments (Item, Count,
 * Length), CreateObject(ProgID[, prefix]), ConnectObject(object, prefix),
 * DisconnectObject(object), ScriptName, ScriptFullName and StdOut (Write,
 * WriteLine).  ConnectObject works as in WSH: the object's default source
 * interface (IProvideClassInfo) is connected, and each event calls the script's
 * procedure named prefix + event name.  Sleep pumps messages, so events for sinks
 * of this (single-threaded) apartment are delivered while the script sleeps.
 *
 * A script error is printed with file, line, column, description and number; the
 * exit code is then 1.  WScript.Quit(n) exits with n; otherwise the exit code is 0.
 */
#define COBJMACROS
#include <windows.h>
#include <ole2.h>
#include <initguid.h>   /* the Active Scripting IIDs are not all in libuuid */
#include <activscp.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#define MAX_CONNECTIONS 32

static IActiveScript *script;
static const WCHAR *script_path;
static WCHAR script_full_path[MAX_PATH];
static int script_argc;
static WCHAR **script_argv;
static BOOL script_failed;

/* Output, in the console's code page or UTF-8 when redirected. */
static void write_text(const WCHAR *text)
{
    DWORD written;
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    int size;
    char *bytes;

    if (GetConsoleMode(out, &written))
    {
        WriteConsoleW(out, text, (DWORD)wcslen(text), &written, NULL);
        return;
    }
    size = WideCharToMultiByte(CP_UTF8, 0, text, -1, NULL, 0, NULL, NULL);
    if (size <= 1 || !(bytes = malloc(size)))
        return;
    WideCharToMultiByte(CP_UTF8, 0, text, -1, bytes, size, NULL, NULL);
    WriteFile(out, bytes, size - 1, &written, NULL);
    free(bytes);
}

/* A VARIANT as script text: strings as they are, Null as "null", objects by their
 * default value. */
static void write_variant(const VARIANT *value)
{
    VARIANT text;

    VariantInit(&text);
    if (V_VT(value) == VT_NULL)
        write_text(L"null");
    else if (SUCCEEDED(VariantChangeType(&text, (VARIANT *)value, VARIANT_ALPHABOOL, VT_BSTR)) && V_BSTR(&text))
        write_text(V_BSTR(&text));
    VariantClear(&text);
}

/* A plain IDispatch built from a table of names; each object below supplies its
 * Invoke.  (No type information: scripts call it by name.) */
struct named_dispatch
{
    IDispatch IDispatch_iface;
    LONG ref;
    const WCHAR *const *names;      /* DISPID = index + 1 */
    HRESULT (*invoke)(struct named_dispatch *object, DISPID id, WORD flags, DISPPARAMS *params, VARIANT *result);
    void (*destroy)(struct named_dispatch *object);
    const IID *extra_iid;           /* an IID it also answers to (an event sink's dispinterface) */
};

static inline struct named_dispatch *impl_from_IDispatch(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct named_dispatch, IDispatch_iface);
}

static HRESULT WINAPI named_QueryInterface(IDispatch *iface, REFIID riid, void **out)
{
    struct named_dispatch *object = impl_from_IDispatch(iface);

    *out = NULL;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) ||
        (object->extra_iid && IsEqualIID(riid, object->extra_iid)))
    {
        *out = iface;
        IDispatch_AddRef(iface);
        return S_OK;
    }
    return E_NOINTERFACE;
}

static ULONG WINAPI named_AddRef(IDispatch *iface)
{
    return InterlockedIncrement(&impl_from_IDispatch(iface)->ref);
}

static ULONG WINAPI named_Release(IDispatch *iface)
{
    struct named_dispatch *object = impl_from_IDispatch(iface);
    ULONG ref = InterlockedDecrement(&object->ref);

    if (!ref && object->destroy)
        object->destroy(object);
    return ref;
}

static HRESULT WINAPI named_GetTypeInfoCount(IDispatch *iface, UINT *count)
{
    *count = 0;
    return S_OK;
}

static HRESULT WINAPI named_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **info)
{
    *info = NULL;
    return DISP_E_BADINDEX;
}

static HRESULT WINAPI named_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                          DISPID *ids)
{
    struct named_dispatch *object = impl_from_IDispatch(iface);
    HRESULT hr = S_OK;

    for (UINT i = 0; i < count; i++)
        ids[i] = DISPID_UNKNOWN;
    for (int n = 0; object->names && object->names[n]; n++)
        if (!_wcsicmp(object->names[n], names[0]))
            ids[0] = n + 1;
    if (ids[0] == DISPID_UNKNOWN)
        hr = DISP_E_UNKNOWNNAME;
    return count > 1 ? DISP_E_UNKNOWNNAME : hr;
}

static HRESULT WINAPI named_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                   DISPPARAMS *params, VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_error)
{
    struct named_dispatch *object = impl_from_IDispatch(iface);
    VARIANT ignored;

    VariantInit(&ignored);
    return object->invoke(object, id, flags, params, result ? result : &ignored);
}

static const IDispatchVtbl named_vtbl =
{
    named_QueryInterface, named_AddRef, named_Release, named_GetTypeInfoCount, named_GetTypeInfo,
    named_GetIDsOfNames, named_Invoke,
};

/* Argument i (from the first), as Automation passes them last to first; VT_BYREF
 * resolved. */
static const VARIANT *argument(DISPPARAMS *params, UINT i)
{
    const VARIANT *value;

    if (i >= params->cArgs)
        return NULL;
    value = &params->rgvarg[params->cArgs - 1 - i];
    if (V_VT(value) == (VT_VARIANT | VT_BYREF))
        value = V_VARIANTREF(value);
    return value;
}

static HRESULT argument_as(DISPPARAMS *params, UINT i, VARTYPE type, VARIANT *out)
{
    const VARIANT *value = argument(params, i);

    VariantInit(out);
    if (!value)
        return DISP_E_PARAMNOTOPTIONAL;
    return VariantChangeType(out, (VARIANT *)value, 0, type);
}

/* WScript.Arguments */

enum { ARG_ITEM = 1, ARG_COUNT, ARG_LENGTH };
static const WCHAR *const arguments_names[] = { L"Item", L"Count", L"Length", NULL };

static HRESULT arguments_invoke(struct named_dispatch *object, DISPID id, WORD flags, DISPPARAMS *params,
                                VARIANT *result)
{
    VARIANT index;
    HRESULT hr;

    if (id == DISPID_VALUE)
        id = ARG_ITEM;
    switch (id)
    {
    case ARG_ITEM:
        if (FAILED(hr = argument_as(params, 0, VT_I4, &index)))
            return hr;
        if (V_I4(&index) < 0 || V_I4(&index) >= script_argc)
            return DISP_E_BADINDEX;
        V_VT(result) = VT_BSTR;
        V_BSTR(result) = SysAllocString(script_argv[V_I4(&index)]);
        return S_OK;
    case ARG_COUNT:
    case ARG_LENGTH:
        V_VT(result) = VT_I4;
        V_I4(result) = script_argc;
        return S_OK;
    }
    return DISP_E_MEMBERNOTFOUND;
}

static struct named_dispatch arguments_object = { { &named_vtbl }, 1, arguments_names, arguments_invoke };

/* WScript.StdOut */

enum { OUT_WRITE = 1, OUT_WRITELINE };
static const WCHAR *const stdout_names[] = { L"Write", L"WriteLine", NULL };

static HRESULT stdout_invoke(struct named_dispatch *object, DISPID id, WORD flags, DISPPARAMS *params,
                             VARIANT *result)
{
    const VARIANT *text = argument(params, 0);

    if (id != OUT_WRITE && id != OUT_WRITELINE)
        return DISP_E_MEMBERNOTFOUND;
    if (text)
        write_variant(text);
    if (id == OUT_WRITELINE)
        write_text(L"\n");
    return S_OK;
}

static struct named_dispatch stdout_object = { { &named_vtbl }, 1, stdout_names, stdout_invoke };

/* Event sinks made by ConnectObject: each event calls the script's prefix + name. */

struct connection
{
    struct named_dispatch sink;
    IDispatch *object;              /* the connected object */
    IConnectionPoint *point;
    DWORD cookie;
    ITypeInfo *source;              /* the source dispinterface: event names by DISPID */
    IID source_iid;
    WCHAR prefix[64];
};

static struct connection *connections[MAX_CONNECTIONS];

static HRESULT sink_invoke(struct named_dispatch *object, DISPID id, WORD flags, DISPPARAMS *params,
                           VARIANT *result)
{
    struct connection *connection = CONTAINING_RECORD(object, struct connection, sink);
    IDispatch *script_dispatch;
    WCHAR name[256];
    LPOLESTR names[1] = { name };
    BSTR event_name = NULL;
    UINT found = 0;
    DISPID target;
    EXCEPINFO error = { 0 };
    HRESULT hr;

    if (FAILED(ITypeInfo_GetNames(connection->source, id, &event_name, 1, &found)) || !found)
        return DISP_E_MEMBERNOTFOUND;
    swprintf(name, ARRAYSIZE(name), L"%ls%ls", connection->prefix, event_name);
    SysFreeString(event_name);
    if (FAILED(IActiveScript_GetScriptDispatch(script, NULL, &script_dispatch)))
        return E_UNEXPECTED;
    /* A script need not handle every event. */
    if (SUCCEEDED(hr = IDispatch_GetIDsOfNames(script_dispatch, &IID_NULL, names, 1, LOCALE_USER_DEFAULT, &target)))
        hr = IDispatch_Invoke(script_dispatch, target, &IID_NULL, LOCALE_USER_DEFAULT, DISPATCH_METHOD, params,
                              result, &error, NULL);
    else
        hr = S_OK;
    SysFreeString(error.bstrSource);
    SysFreeString(error.bstrDescription);
    SysFreeString(error.bstrHelpFile);
    IDispatch_Release(script_dispatch);
    return hr;
}

static void sink_destroy(struct named_dispatch *object)
{
    struct connection *connection = CONTAINING_RECORD(object, struct connection, sink);

    if (connection->source)
        ITypeInfo_Release(connection->source);
    free(connection);
}

/* The default source dispinterface of an object's class, as WSH finds it. */
static HRESULT find_source(IDispatch *object, ITypeInfo **source, IID *iid)
{
    IProvideClassInfo *class_info;
    ITypeInfo *coclass = NULL;
    TYPEATTR *attr;
    HRESULT hr;

    *source = NULL;
    if (FAILED(hr = IDispatch_QueryInterface(object, &IID_IProvideClassInfo, (void **)&class_info)))
        return hr;
    hr = IProvideClassInfo_GetClassInfo(class_info, &coclass);
    IProvideClassInfo_Release(class_info);
    if (FAILED(hr) || FAILED(hr = ITypeInfo_GetTypeAttr(coclass, &attr)))
        goto done;
    hr = E_NOINTERFACE;
    for (UINT i = 0; i < attr->cImplTypes && !*source; i++)
    {
        HREFTYPE reference;
        INT flags;

        if (SUCCEEDED(ITypeInfo_GetImplTypeFlags(coclass, i, &flags)) &&
            (flags & (IMPLTYPEFLAG_FDEFAULT | IMPLTYPEFLAG_FSOURCE)) == (IMPLTYPEFLAG_FDEFAULT | IMPLTYPEFLAG_FSOURCE) &&
            SUCCEEDED(ITypeInfo_GetRefTypeOfImplType(coclass, i, &reference)) &&
            SUCCEEDED(hr = ITypeInfo_GetRefTypeInfo(coclass, reference, source)))
        {
            TYPEATTR *source_attr;

            if (SUCCEEDED(hr = ITypeInfo_GetTypeAttr(*source, &source_attr)))
            {
                *iid = source_attr->guid;
                ITypeInfo_ReleaseTypeAttr(*source, source_attr);
            }
        }
    }
    ITypeInfo_ReleaseTypeAttr(coclass, attr);
done:
    if (coclass)
        ITypeInfo_Release(coclass);
    return hr;
}

static HRESULT connect_object(IDispatch *object, const WCHAR *prefix)
{
    IConnectionPointContainer *container;
    struct connection *connection;
    int slot = 0;
    HRESULT hr;

    while (slot < MAX_CONNECTIONS && connections[slot])
        slot++;
    if (slot == MAX_CONNECTIONS || !(connection = calloc(1, sizeof(*connection))))
        return E_OUTOFMEMORY;
    connection->sink = (struct named_dispatch){ { &named_vtbl }, 1, NULL, sink_invoke, sink_destroy,
                                                &connection->source_iid };
    lstrcpynW(connection->prefix, prefix, ARRAYSIZE(connection->prefix));
    if (FAILED(hr = find_source(object, &connection->source, &connection->source_iid)))
    {
        IDispatch_Release(&connection->sink.IDispatch_iface);
        return hr;
    }
    if (SUCCEEDED(hr = IDispatch_QueryInterface(object, &IID_IConnectionPointContainer, (void **)&container)))
    {
        hr = IConnectionPointContainer_FindConnectionPoint(container, &connection->source_iid, &connection->point);
        IConnectionPointContainer_Release(container);
    }
    if (SUCCEEDED(hr) && FAILED(hr = IConnectionPoint_Advise(connection->point,
                                                            (IUnknown *)&connection->sink.IDispatch_iface,
                                                            &connection->cookie)))
    {
        IConnectionPoint_Release(connection->point);
        connection->point = NULL;
    }
    if (FAILED(hr))
    {
        IDispatch_Release(&connection->sink.IDispatch_iface);
        return hr;
    }
    connection->object = object;
    IDispatch_AddRef(object);
    connections[slot] = connection;
    return S_OK;
}

static void disconnect(int slot)
{
    struct connection *connection = connections[slot];

    connections[slot] = NULL;
    IConnectionPoint_Unadvise(connection->point, connection->cookie);
    IConnectionPoint_Release(connection->point);
    IDispatch_Release(connection->object);
    IDispatch_Release(&connection->sink.IDispatch_iface);
}

static HRESULT disconnect_object(IDispatch *object)
{
    IUnknown *identity, *other;
    HRESULT hr = S_OK;

    if (FAILED(IDispatch_QueryInterface(object, &IID_IUnknown, (void **)&identity)))
        return E_INVALIDARG;
    for (int slot = 0; slot < MAX_CONNECTIONS; slot++)
    {
        if (!connections[slot] ||
            FAILED(IDispatch_QueryInterface(connections[slot]->object, &IID_IUnknown, (void **)&other)))
            continue;
        if (other == identity)
            disconnect(slot);
        IUnknown_Release(other);
    }
    IUnknown_Release(identity);
    return hr;
}

/* Waits `milliseconds` while dispatching this thread's messages (event sinks of a
 * single-threaded apartment are called from here). */
static void pump(DWORD milliseconds)
{
    DWORD start = GetTickCount(), elapsed;
    MSG message;

    for (;;)
    {
        while (PeekMessageW(&message, NULL, 0, 0, PM_REMOVE))
        {
            TranslateMessage(&message);
            DispatchMessageW(&message);
        }
        elapsed = GetTickCount() - start;
        if (elapsed >= milliseconds)
            break;
        MsgWaitForMultipleObjects(0, NULL, FALSE, milliseconds - elapsed, QS_ALLINPUT);
    }
}

/* WScript */

enum
{
    WS_ECHO = 1, WS_QUIT, WS_SLEEP, WS_ARGUMENTS, WS_CREATEOBJECT, WS_CONNECTOBJECT, WS_DISCONNECTOBJECT,
    WS_SCRIPTNAME, WS_SCRIPTFULLNAME, WS_STDOUT, WS_NAME, WS_VERSION,
};
static const WCHAR *const wscript_names[] =
{
    L"Echo", L"Quit", L"Sleep", L"Arguments", L"CreateObject", L"ConnectObject", L"DisconnectObject",
    L"ScriptName", L"ScriptFullName", L"StdOut", L"Name", L"Version", NULL,
};

static void finish(void);

static HRESULT wscript_invoke(struct named_dispatch *object, DISPID id, WORD flags, DISPPARAMS *params,
                              VARIANT *result)
{
    VARIANT value, prefix;
    const VARIANT *target;
    CLSID clsid;
    HRESULT hr;

    switch (id)
    {
    case WS_ECHO:
        for (UINT i = 0; i < params->cArgs; i++)
        {
            if (i)
                write_text(L" ");
            write_variant(argument(params, i));
        }
        write_text(L"\n");
        return S_OK;
    case WS_QUIT:
        fflush(stdout);
        finish();
        ExitProcess(params->cArgs && SUCCEEDED(argument_as(params, 0, VT_I4, &value)) ? (UINT)V_I4(&value) : 0);
    case WS_SLEEP:
        if (FAILED(hr = argument_as(params, 0, VT_I4, &value)))
            return hr;
        pump(V_I4(&value) > 0 ? (DWORD)V_I4(&value) : 0);
        return S_OK;
    case WS_ARGUMENTS:
        if (params->cArgs)      /* WScript.Arguments(i) */
            return arguments_invoke(&arguments_object, ARG_ITEM, flags, params, result);
        V_VT(result) = VT_DISPATCH;
        V_DISPATCH(result) = &arguments_object.IDispatch_iface;
        IDispatch_AddRef(V_DISPATCH(result));
        return S_OK;
    case WS_STDOUT:
        V_VT(result) = VT_DISPATCH;
        V_DISPATCH(result) = &stdout_object.IDispatch_iface;
        IDispatch_AddRef(V_DISPATCH(result));
        return S_OK;
    case WS_CREATEOBJECT:
        if (FAILED(hr = argument_as(params, 0, VT_BSTR, &value)))
            return hr;
        if (SUCCEEDED(hr = CLSIDFromProgID(V_BSTR(&value), &clsid)) ||
            SUCCEEDED(hr = CLSIDFromString(V_BSTR(&value), &clsid)))
            hr = CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER | CLSCTX_LOCAL_SERVER, &IID_IDispatch,
                                  (void **)&V_DISPATCH(result));
        VariantClear(&value);
        if (FAILED(hr))
            return hr;
        V_VT(result) = VT_DISPATCH;
        if (params->cArgs > 1 && SUCCEEDED(argument_as(params, 1, VT_BSTR, &prefix)))
        {
            hr = connect_object(V_DISPATCH(result), V_BSTR(&prefix));
            VariantClear(&prefix);
            if (FAILED(hr))
                VariantClear(result);
        }
        return hr;
    case WS_CONNECTOBJECT:
        target = argument(params, 0);
        if (!target || V_VT(target) != VT_DISPATCH || !V_DISPATCH(target))
            return DISP_E_TYPEMISMATCH;
        if (FAILED(hr = argument_as(params, 1, VT_BSTR, &prefix)))
            return hr;
        hr = connect_object(V_DISPATCH(target), V_BSTR(&prefix));
        VariantClear(&prefix);
        return hr;
    case WS_DISCONNECTOBJECT:
        target = argument(params, 0);
        if (!target || V_VT(target) != VT_DISPATCH || !V_DISPATCH(target))
            return DISP_E_TYPEMISMATCH;
        return disconnect_object(V_DISPATCH(target));
    case WS_SCRIPTNAME:
    case WS_SCRIPTFULLNAME:
    {
        const WCHAR *name = script_full_path, *slash;

        if (id == WS_SCRIPTNAME && ((slash = wcsrchr(name, L'\\')) || (slash = wcsrchr(name, L'/'))))
            name = slash + 1;
        V_VT(result) = VT_BSTR;
        V_BSTR(result) = SysAllocString(name);
        return S_OK;
    }
    case WS_NAME:
        V_VT(result) = VT_BSTR;
        V_BSTR(result) = SysAllocString(L"tcchost");
        return S_OK;
    case WS_VERSION:
        V_VT(result) = VT_BSTR;
        V_BSTR(result) = SysAllocString(L"5.8");
        return S_OK;
    }
    return DISP_E_MEMBERNOTFOUND;
}

static struct named_dispatch wscript_object = { { &named_vtbl }, 1, wscript_names, wscript_invoke };

/* IActiveScriptSite */

static HRESULT WINAPI site_QueryInterface(IActiveScriptSite *iface, REFIID riid, void **out)
{
    *out = NULL;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IActiveScriptSite))
    {
        *out = iface;
        return S_OK;
    }
    return E_NOINTERFACE;
}

static ULONG WINAPI site_AddRef(IActiveScriptSite *iface)
{
    return 2;
}

static ULONG WINAPI site_Release(IActiveScriptSite *iface)
{
    return 1;
}

static HRESULT WINAPI site_GetLCID(IActiveScriptSite *iface, LCID *lcid)
{
    *lcid = LOCALE_USER_DEFAULT;
    return S_OK;
}

static HRESULT WINAPI site_GetItemInfo(IActiveScriptSite *iface, LPCOLESTR name, DWORD mask, IUnknown **item,
                                       ITypeInfo **info)
{
    if (mask & SCRIPTINFO_ITYPEINFO)
        *info = NULL;
    if (_wcsicmp(name, L"WScript") && _wcsicmp(name, L"WSH"))
        return TYPE_E_ELEMENTNOTFOUND;
    if (mask & SCRIPTINFO_IUNKNOWN)
    {
        *item = (IUnknown *)&wscript_object.IDispatch_iface;
        IUnknown_AddRef(*item);
    }
    return S_OK;
}

static HRESULT WINAPI site_GetDocVersionString(IActiveScriptSite *iface, BSTR *version)
{
    *version = NULL;
    return E_NOTIMPL;
}

static HRESULT WINAPI site_OnScriptTerminate(IActiveScriptSite *iface, const VARIANT *result, const EXCEPINFO *error)
{
    return S_OK;
}

static HRESULT WINAPI site_OnStateChange(IActiveScriptSite *iface, SCRIPTSTATE state)
{
    return S_OK;
}

/* file(line, column) error: description (number) — as cscript prints it, to stderr. */
static HRESULT WINAPI site_OnScriptError(IActiveScriptSite *iface, IActiveScriptError *error)
{
    EXCEPINFO info = { 0 };
    DWORD context = 0;
    ULONG line = 0;
    LONG column = 0;
    HRESULT number;

    script_failed = TRUE;
    IActiveScriptError_GetExceptionInfo(error, &info);
    IActiveScriptError_GetSourcePosition(error, &context, &line, &column);
    if (info.pfnDeferredFillIn)
        info.pfnDeferredFillIn(&info);
    number = info.scode ? info.scode : (HRESULT)(0x800A0000 | info.wCode);
    if (!info.bstrDescription || !*info.bstrDescription)
    {
        /* Some engines leave the text to the system's message table. */
        WCHAR text[512] = L"";

        SysFreeString(info.bstrDescription);
        FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, number, 0, text,
                       ARRAYSIZE(text), NULL);
        for (size_t n = wcslen(text); n && (text[n - 1] == L'\n' || text[n - 1] == L'\r'); n--)
            text[n - 1] = 0;
        info.bstrDescription = SysAllocString(*text ? text : L"(no description)");
    }
    fflush(stdout);
    fwprintf(stderr, L"%ls(%lu, %ld) %ls: %ls (0x%08lX)\n", script_full_path, line + 1, column + 1,
             info.bstrSource && *info.bstrSource ? info.bstrSource : L"script error", info.bstrDescription,
             (unsigned long)number);
    fflush(stderr);
    SysFreeString(info.bstrSource);
    SysFreeString(info.bstrDescription);
    SysFreeString(info.bstrHelpFile);
    return S_OK;
}

static HRESULT WINAPI site_OnEnterScript(IActiveScriptSite *iface)
{
    return S_OK;
}

static HRESULT WINAPI site_OnLeaveScript(IActiveScriptSite *iface)
{
    return S_OK;
}

static const IActiveScriptSiteVtbl site_vtbl =
{
    site_QueryInterface, site_AddRef, site_Release, site_GetLCID, site_GetItemInfo, site_GetDocVersionString,
    site_OnScriptTerminate, site_OnStateChange, site_OnScriptError, site_OnEnterScript, site_OnLeaveScript,
};

static IActiveScriptSite site = { &site_vtbl };

/* The script file as text: UTF-16 with a BOM, or UTF-8 (with or without BOM), or
 * the ANSI code page when it is not valid UTF-8. */
static WCHAR *read_script(const WCHAR *path)
{
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    DWORD size, got;
    char *bytes;
    WCHAR *text = NULL;
    int length;

    if (file == INVALID_HANDLE_VALUE)
        return NULL;
    size = GetFileSize(file, NULL);
    if (!(bytes = malloc(size + 2)) || !ReadFile(file, bytes, size, &got, NULL))
    {
        CloseHandle(file);
        free(bytes);
        return NULL;
    }
    CloseHandle(file);
    bytes[got] = bytes[got + 1] = 0;
    if (got >= 2 && (unsigned char)bytes[0] == 0xFF && (unsigned char)bytes[1] == 0xFE)
    {
        text = malloc(got + 2);
        memcpy(text, bytes + 2, got);
        text[(got - 2) / 2] = 0;
    }
    else
    {
        const char *start = bytes;
        UINT code_page = CP_UTF8;

        if (got >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))
            start += 3;
        if (!(length = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, start, -1, NULL, 0)))
        {
            code_page = CP_ACP;
            length = MultiByteToWideChar(CP_ACP, 0, start, -1, NULL, 0);
        }
        if ((text = malloc(length * sizeof(WCHAR))))
            MultiByteToWideChar(code_page, 0, start, -1, text, length);
    }
    free(bytes);
    return text;
}

static void finish(void)
{
    for (int slot = 0; slot < MAX_CONNECTIONS; slot++)
        if (connections[slot])
            disconnect(slot);
    if (script)
    {
        IActiveScript_Close(script);
        IActiveScript_Release(script);
        script = NULL;
    }
    CoUninitialize();
}

int wmain(int argc, WCHAR **argv)
{
    IActiveScriptParse *parse;
    const WCHAR *extension, *engine;
    EXCEPINFO error = { 0 };
    WCHAR *code;
    CLSID clsid;
    HRESULT hr;
    int first = 1;

    while (first < argc && argv[first][0] == L'/' && argv[first][1] == L'/')
        first++;                            /* //nologo and friends: accepted, as cscript does */
    if (first >= argc)
    {
        fwprintf(stderr, L"usage: tcchost [//nologo] script.vbs|script.js [arguments...]\n");
        return 2;
    }
    script_path = argv[first];
    script_argc = argc - first - 1;
    script_argv = argv + first + 1;
    if (!GetFullPathNameW(script_path, ARRAYSIZE(script_full_path), script_full_path, NULL))
        lstrcpynW(script_full_path, script_path, ARRAYSIZE(script_full_path));
    extension = wcsrchr(script_path, L'.');
    if (extension && !_wcsicmp(extension, L".vbs"))
        engine = L"VBScript";
    else if (extension && !_wcsicmp(extension, L".js"))
        engine = L"JScript";
    else
    {
        fwprintf(stderr, L"tcchost: %ls: the file name must end in .vbs or .js\n", script_path);
        return 2;
    }
    if (!(code = read_script(script_path)))
    {
        fwprintf(stderr, L"tcchost: cannot read %ls (error %lu)\n", script_path, GetLastError());
        return 2;
    }

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    if (FAILED(hr = CLSIDFromProgID(engine, &clsid)) ||
        FAILED(hr = CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IActiveScript, (void **)&script)))
    {
        fwprintf(stderr, L"tcchost: the %ls engine is not available (0x%08lX)\n", engine, (unsigned long)hr);
        CoUninitialize();
        return 2;
    }
    if (FAILED(hr = IActiveScript_QueryInterface(script, &IID_IActiveScriptParse, (void **)&parse)) ||
        FAILED(hr = IActiveScript_SetScriptSite(script, &site)) ||
        FAILED(hr = parse->lpVtbl->InitNew(parse)) ||
        FAILED(hr = IActiveScript_AddNamedItem(script, L"WScript", SCRIPTITEM_ISVISIBLE)))
    {
        fwprintf(stderr, L"tcchost: the %ls engine did not start (0x%08lX)\n", engine, (unsigned long)hr);
        finish();
        return 2;
    }
    hr = parse->lpVtbl->ParseScriptText(parse, code, NULL, NULL, NULL, 0, 0, SCRIPTTEXT_ISVISIBLE, NULL, &error);
    if (SUCCEEDED(hr))
        hr = IActiveScript_SetScriptState(script, SCRIPTSTATE_CONNECTED);
    if (FAILED(hr) && !script_failed)
    {
        /* Failed without telling the site: say so anyway. */
        fwprintf(stderr, L"%ls: the script failed (0x%08lX)%ls%ls\n", script_full_path, (unsigned long)hr,
                 error.bstrDescription ? L": " : L"", error.bstrDescription ? error.bstrDescription : L"");
        script_failed = TRUE;
    }
    SysFreeString(error.bstrSource);
    SysFreeString(error.bstrDescription);
    SysFreeString(error.bstrHelpFile);
    parse->lpVtbl->Release(parse);
    free(code);
    fflush(stdout);
    finish();
    return script_failed ? 1 : 0;
}
