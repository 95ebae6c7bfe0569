/*
 * The type library embedded in tapi3cc.dll (TYPELIB resource 1) and its type infos,
 * kept in an array indexed by type (enum tcc_tid).  Loaded from the DLL's own path
 * with REGKIND_NONE: IDispatch must work whether or not regsvr32 ever ran, and
 * loading must never register.
 */
#include "dispatch.h"

static const struct
{
    const GUID *guid;
    enum tcc_tid parent;
}
types[TCC_TID_COUNT] =
{
    [TCC_TID_ITTAPI] = { &IID_ITTAPI, TCC_TID_NONE },
    [TCC_TID_ITTAPI2] = { &IID_ITTAPI2, TCC_TID_ITTAPI },
    [TCC_TID_ITTAPICallCenter] = { &IID_ITTAPICallCenter, TCC_TID_NONE },
    [TCC_TID_ITAgentHandler] = { &IID_ITAgentHandler, TCC_TID_NONE },
    [TCC_TID_ITAgent] = { &IID_ITAgent, TCC_TID_NONE },
    [TCC_TID_ITAgentSession] = { &IID_ITAgentSession, TCC_TID_NONE },
    [TCC_TID_ITACDGroup] = { &IID_ITACDGroup, TCC_TID_NONE },
    [TCC_TID_ITQueue] = { &IID_ITQueue, TCC_TID_NONE },
    [TCC_TID_ITAddress] = { &IID_ITAddress, TCC_TID_NONE },
    [TCC_TID_ITAddressCapabilities] = { &IID_ITAddressCapabilities, TCC_TID_NONE },
    [TCC_TID_ITCollection] = { &IID_ITCollection, TCC_TID_NONE },
    [TCC_TID_ITCollection2] = { &IID_ITCollection2, TCC_TID_ITCollection },
    [TCC_TID_ITDispatchMapper] = { &IID_ITDispatchMapper, TCC_TID_NONE },
    [TCC_TID_ITAgentEvent] = { &IID_ITAgentEvent, TCC_TID_NONE },
    [TCC_TID_ITAgentSessionEvent] = { &IID_ITAgentSessionEvent, TCC_TID_NONE },
    [TCC_TID_ITACDGroupEvent] = { &IID_ITACDGroupEvent, TCC_TID_NONE },
    [TCC_TID_ITQueueEvent] = { &IID_ITQueueEvent, TCC_TID_NONE },
    [TCC_TID_ITAgentHandlerEvent] = { &IID_ITAgentHandlerEvent, TCC_TID_NONE },
    [TCC_TID_ITAddressEvent] = { &IID_ITAddressEvent, TCC_TID_NONE },
    [TCC_TID_Tapi3cc] = { &CLSID_Tapi3cc, TCC_TID_NONE },
    [TCC_TID_TAPI] = { &CLSID_TAPI, TCC_TID_NONE },
};

static SRWLOCK typelib_lock = SRWLOCK_INIT;
static ITypeLib *typelib;
static ITypeInfo *typeinfos[TCC_TID_COUNT];

const GUID *tcc__tid_guid(enum tcc_tid tid)
{
    return types[tid].guid;
}

enum tcc_tid tcc__tid_parent(enum tcc_tid tid)
{
    return types[tid].parent;
}

static HRESULT load_typelib(void)
{
    WCHAR path[MAX_PATH];
    DWORD length;
    HRESULT hr;

    if (typelib)
        return S_OK;
    length = GetModuleFileNameW(tcc__module(), path, ARRAYSIZE(path));
    if (!length || length >= ARRAYSIZE(path))
        return HRESULT_FROM_WIN32(GetLastError() ? GetLastError() : ERROR_FILENAME_EXCED_RANGE);
    hr = LoadTypeLibEx(path, REGKIND_NONE, &typelib);
    if (FAILED(hr))
        typelib = NULL;
    return hr;
}

HRESULT tcc__get_typeinfo(enum tcc_tid tid, ITypeInfo **out)
{
    ITypeInfo *typeinfo;
    HRESULT hr = S_OK;

    *out = NULL;
    /* The common case, every Invoke: loaded already, one read of a published pointer. */
    if ((typeinfo = __atomic_load_n(&typeinfos[tid], __ATOMIC_ACQUIRE)))
    {
        ITypeInfo_AddRef(typeinfo);
        *out = typeinfo;
        return S_OK;
    }
    AcquireSRWLockExclusive(&typelib_lock);
    if (!(typeinfo = typeinfos[tid]) && SUCCEEDED(hr = load_typelib()) &&
        SUCCEEDED(hr = ITypeLib_GetTypeInfoOfGuid(typelib, types[tid].guid, &typeinfo)))
        __atomic_store_n(&typeinfos[tid], typeinfo, __ATOMIC_RELEASE);
    if (typeinfo)
        ITypeInfo_AddRef(typeinfo);
    ReleaseSRWLockExclusive(&typelib_lock);
    *out = typeinfo;
    return typeinfo ? S_OK : hr;
}

void tcc__release_typelib(void)
{
    AcquireSRWLockExclusive(&typelib_lock);
    for (size_t i = 0; i < ARRAYSIZE(typeinfos); i++)
    {
        if (typeinfos[i])
            ITypeInfo_Release(typeinfos[i]);
        typeinfos[i] = NULL;
    }
    if (typelib)
        ITypeLib_Release(typelib);
    typelib = NULL;
    ReleaseSRWLockExclusive(&typelib_lock);
}
