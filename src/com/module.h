/*
 * The COM layer as the DLL shell (src/dll) sees it: the Windows and COM headers every
 * file of the layer starts from, the objects' lifetime behind DllCanUnloadNow, and
 * the constructors of the creatable classes.  Nothing in src/com calls up into
 * src/dll.
 */
#ifndef TAPI3CC_COM_MODULE_H
#define TAPI3CC_COM_MODULE_H

#define COBJMACROS
#include <windows.h>
#include <ole2.h>
#include <objsafe.h>
#include <olectl.h>

#include <tapi3err.h>

#include "tcc_tapi3.h"
#include "tcc_control.h"

/* Every object counts itself when made and when destroyed (lifetime.c). */
void tcc__object_created(void);
void tcc__object_destroyed(void);
/* IClassFactory::LockServer. */
void tcc__lock_server(BOOL lock);
/* No live object and no server lock: DllCanUnloadNow may answer S_OK. */
BOOL tcc__can_unload(void);
/* Releases what the layer caches for the process (an explicit FreeLibrary). */
void tcc__com_unload(void);
/* Makes room for `needed` elements in a heap array of `*capacity`, doubling from
 * `first` (array.c); FALSE when memory runs out (the array is left as it was). */
BOOL tcc__array_reserve(void **array, size_t *capacity, size_t needed, size_t element_size, size_t first);

/* The module this code lives in (for the type library and window classes). */
HMODULE tcc__module(void);

/* Constructors of the creatable classes: each returns a new object with one
 * reference on `riid`. */
HRESULT tcc__tapi_create(const CLSID *clsid, IUnknown *outer, REFIID riid, void **out);
HRESULT tcc__dispatch_mapper_create(IUnknown *outer, REFIID riid, void **out);

#endif
