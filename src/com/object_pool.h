/*
 * A pool of fixed-size object memory (object_pool.c).  A pool is a static of the
 * object family that uses it: TCC_POOL(name, type) defines it, already initialised.
 * HeapAlloc's blocks are 16-byte aligned, as the list's entries must be on x64.
 */
#ifndef TAPI3CC_COM_OBJECT_POOL_H
#define TAPI3CC_COM_OBJECT_POOL_H

#include <windows.h>

#define TCC_POOL_KEEP 16384

struct tcc_pool
{
    SLIST_HEADER free;
    size_t size;
};
#define TCC_POOL(name, type) \
    C_ASSERT(sizeof(type) >= sizeof(SLIST_ENTRY)); \
    static struct tcc_pool name = { .size = sizeof(type) }

/* Zeroed memory for one object, or NULL. */
void *tcc__pool_alloc(struct tcc_pool *pool);
void tcc__pool_free(struct tcc_pool *pool, void *block);
/* Gives every kept block back to the heap (DLL unload). */
void tcc__pool_empty(struct tcc_pool *pool);

#endif
