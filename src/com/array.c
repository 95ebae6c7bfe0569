/*
 * Growing arrays: the queues of status messages, held messages and sink events
 * double as they fill.
 */
#include "module.h"

BOOL tcc__array_reserve(void **array, size_t *capacity, size_t needed, size_t element_size, size_t first)
{
    size_t grown_capacity = *capacity ? *capacity : first;
    void *grown;

    if (needed <= *capacity)
        return TRUE;
    while (grown_capacity < needed)
        grown_capacity *= 2;
    grown = *array ? HeapReAlloc(GetProcessHeap(), 0, *array, grown_capacity * element_size)
                   : HeapAlloc(GetProcessHeap(), 0, grown_capacity * element_size);
    if (!grown)
        return FALSE;
    *array = grown;
    *capacity = grown_capacity;
    return TRUE;
}
