/*
 * Filling TAPI's variable-size structures (see include/tapi3cc/provider.h for the
 * rules), and the UTF-8 <-> UTF-16 conversions they need.  Fields are addressed by
 * their byte offset from the start of the structure: the structures are packed,
 * and taking the address of a packed member is not portable.
 */
#ifndef TAPI3CC_FILL_H
#define TAPI3CC_FILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tapi3cc/provider.h"

struct tcc_fill
{
    uint8_t *base;
    uint32_t total;        /* dwTotalSize, as the caller set it */
    uint32_t used;
    uint32_t needed;
    bool fixed_fits;
};

/* Starts filling `structure`, whose fixed part is `fixed_size` bytes: zeroes the
 * fixed part (except dwTotalSize) when it fits. */
void tcc__fill_start(struct tcc_fill *fill, void *structure, size_t fixed_size);
/* Room for `size` bytes after what is written: its offset, or 0 when it does not
 * fit (dwNeededSize still counts it). */
uint32_t tcc__fill_reserve(struct tcc_fill *fill, uint32_t size);
void tcc__fill_u32(struct tcc_fill *fill, size_t offset, uint32_t value);
static inline void tcc__fill_bytes(struct tcc_fill *fill, size_t offset, const void *data, size_t size)
{
    /* Inline: a list writes one entry of a known size per element. */
    memcpy(fill->base + offset, data, size);
}
/* A UTF-16 copy of `utf8` into the (dwXxxSize, dwXxxOffset) pair at `size_field`;
 * both stay 0 when it does not fit. */
void tcc__fill_string(struct tcc_fill *fill, size_t size_field, const char *utf8);
/* Room for a list's `count` entries after its fixed part, and the list header
 * (dwNumEntries, dwListSize, dwListOffset) when they fit: the array's offset, or 0. */
uint32_t tcc__fill_list(struct tcc_fill *fill, size_t count, size_t entry_size);
/* Counts a string that is not written (its entry did not fit) in dwNeededSize. */
void tcc__fill_count_string(struct tcc_fill *fill, const char *utf8);
/* A fixed-size structure (no variable part) filled whole from `value`, a copy of it
 * whose first 12 bytes (dwTotalSize, dwNeededSize, dwUsedSize) are ignored: returns
 * what tcc__fill_finish returns. */
int32_t tcc__fill_fixed(void *structure, const void *value, size_t size);
/* Writes dwNeededSize and dwUsedSize; returns 0 or TCC_LINEERR_STRUCTURETOOSMALL
 * (the fixed part did not fit). */
int32_t tcc__fill_finish(struct tcc_fill *fill);

/* UTF-8 to UTF-16: the number of code units, not counting the NUL; writes them
 * (and a NUL) when `out` is not NULL. */
size_t tcc__utf16_from_utf8(const char *utf8, void *out);
/* UTF-16 to UTF-8 into out[size]: 0, or -1 if it does not fit or is not valid. */
int tcc__utf8_from_utf16(const tcc_wchar *utf16, char *out, size_t size);

#endif
