/*
 * DllMain and DllCanUnloadNow: the DLL shell over the COM layer's lifetime
 * (src/com/lifetime.c).
 */
#include "../com/module.h"

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        DisableThreadLibraryCalls(instance);
        break;
    case DLL_PROCESS_DETACH:
        /* At process exit (reserved != NULL) other DLLs may already be gone:
         * only an explicit FreeLibrary releases what the COM layer cached. */
        if (!reserved)
            tcc__com_unload();
        break;
    }
    return TRUE;
}

/* Honest: S_OK only when no object of ours and no IClassFactory::LockServer lock
 * is alive (class factories themselves are static and not counted). */
HRESULT WINAPI DllCanUnloadNow(void)
{
    return tcc__can_unload() ? S_OK : S_FALSE;
}
