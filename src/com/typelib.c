/*
 * The type library embedded in tapi3cc.dll (TYPELIB resource 1) and a cache of
 * its type infos.  Loaded from the DLL's own path with REGKIND_NONE: IDispatch
 * must work whether or not regsvr32 ever ran, and loading must never register.
 */
#include "objects.h"

#define TYPEINFO_CACHE_SIZE 48

static SRWLOCK typelib_lock = SRWLOCK_INIT;
static ITypeLib *typelib;
static struct
{
    GUID guid;
    ITypeInfo *typeinfo;
}
typeinfo_cache[TYPEINFO_CACHE_SIZE];
static size_t typeinfo_count;

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

HRESULT tcc__get_typeinfo(REFGUID guid, ITypeInfo **out)
{
    ITypeInfo *typeinfo = NULL;
    HRESULT hr = S_OK;
    size_t i;

    *out = NULL;

    /* The common case, every Invoke: already cached, shared lock only. */
    AcquireSRWLockShared(&typelib_lock);
    for (i = 0; i < typeinfo_count; i++)
        if (IsEqualGUID(&typeinfo_cache[i].guid, guid))
        {
            typeinfo = typeinfo_cache[i].typeinfo;
            ITypeInfo_AddRef(typeinfo);
            break;
        }
    ReleaseSRWLockShared(&typelib_lock);
    if (typeinfo)
    {
        *out = typeinfo;
        return S_OK;
    }

    AcquireSRWLockExclusive(&typelib_lock);
    for (i = 0; i < typeinfo_count; i++)
        if (IsEqualGUID(&typeinfo_cache[i].guid, guid))
            typeinfo = typeinfo_cache[i].typeinfo;
    if (!typeinfo)
    {
        hr = load_typelib();
        if (SUCCEEDED(hr))
            hr = ITypeLib_GetTypeInfoOfGuid(typelib, guid, &typeinfo);
        if (SUCCEEDED(hr) && typeinfo_count < TYPEINFO_CACHE_SIZE)
        {
            typeinfo_cache[typeinfo_count].guid = *guid;
            typeinfo_cache[typeinfo_count].typeinfo = typeinfo;
            typeinfo_count++;
        }
        else if (SUCCEEDED(hr))
        {
            /* More types than the cache holds: hand this one over uncached. */
            *out = typeinfo;
            ReleaseSRWLockExclusive(&typelib_lock);
            return S_OK;
        }
    }
    if (typeinfo)
        ITypeInfo_AddRef(typeinfo);
    ReleaseSRWLockExclusive(&typelib_lock);

    *out = typeinfo;
    return typeinfo ? S_OK : hr;
}

void tcc__release_typelib(void)
{
    size_t i;

    AcquireSRWLockExclusive(&typelib_lock);
    for (i = 0; i < typeinfo_count; i++)
        ITypeInfo_Release(typeinfo_cache[i].typeinfo);
    typeinfo_count = 0;
    if (typelib)
        ITypeLib_Release(typelib);
    typelib = NULL;
    ReleaseSRWLockExclusive(&typelib_lock);
}
