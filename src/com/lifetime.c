/*
 * The COM layer's lifetime: the count of live objects and server locks behind
 * DllCanUnloadNow, the module the objects live in, and the release of what the
 * layer caches for the whole process.  The DLL shell (src/dll) asks; nothing here
 * calls up into it.
 */
#include "events.h"


static LONG live_objects;
static LONG server_locks;

/* The module holding this code, found from one of its own addresses: the DLL shell
 * need not hand it down, and it is the same handle DllMain was given. */
HMODULE tcc__module(void)
{
    static HMODULE module;

    if (!module)
        GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           (const WCHAR *)tcc__module, &module);
    return module;
}

void tcc__object_created(void)
{
    InterlockedIncrement(&live_objects);
}

void tcc__object_destroyed(void)
{
    InterlockedDecrement(&live_objects);
}

void tcc__lock_server(BOOL lock)
{
    if (lock)
        InterlockedIncrement(&server_locks);
    else
        InterlockedDecrement(&server_locks);
}

BOOL tcc__can_unload(void)
{
    return !InterlockedCompareExchange(&live_objects, 0, 0) && !InterlockedCompareExchange(&server_locks, 0, 0);
}

void tcc__com_unload(void)
{
    tcc__release_dispatch_tables();
    tcc__release_typelib();
    tcc__sink_unregister_class();
    tcc__session_pool_empty();
}
