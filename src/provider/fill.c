/*
 * Filling TAPI's variable-size structures: see fill.h.
 */
#include "fill.h"

#include <string.h>

#define HEADER_SIZE 12   /* dwTotalSize, dwNeededSize, dwUsedSize */

void tcc__fill_start(struct tcc_fill *fill, void *structure, size_t fixed_size)
{
    fill->base = structure;
    memcpy(&fill->total, structure, sizeof(uint32_t));
    fill->needed = fill->used = (uint32_t)fixed_size;
    fill->fixed_fits = fill->total >= fixed_size;
    if (fill->fixed_fits)
        memset(fill->base + sizeof(uint32_t), 0, fixed_size - sizeof(uint32_t));
}

uint32_t tcc__fill_reserve(struct tcc_fill *fill, uint32_t size)
{
    /* Written densely, in order: once one piece does not fit, none after it is
     * written either, so dwUsedSize == dwNeededSize means "complete". */
    bool complete_so_far = fill->used == fill->needed;
    uint32_t offset;

    fill->needed += size;
    if (!fill->fixed_fits || !complete_so_far || size > fill->total - fill->used)
        return 0;
    offset = fill->used;
    memset(fill->base + offset, 0, size);
    fill->used += size;
    return offset;
}

void tcc__fill_u32(struct tcc_fill *fill, size_t offset, uint32_t value)
{
    memcpy(fill->base + offset, &value, sizeof(value));
}

void tcc__fill_string(struct tcc_fill *fill, size_t size_field, const char *utf8)
{
    size_t units = tcc__utf16_from_utf8(utf8, NULL) + 1;
    uint32_t bytes = (uint32_t)(units * sizeof(tcc_wchar));
    uint32_t offset = tcc__fill_reserve(fill, bytes);

    if (!offset)
        return;
    tcc__utf16_from_utf8(utf8, fill->base + offset);
    tcc__fill_u32(fill, size_field, bytes);
    tcc__fill_u32(fill, size_field + 4, offset);
}

uint32_t tcc__fill_list(struct tcc_fill *fill, size_t count, size_t entry_size)
{
    uint32_t size = (uint32_t)(count * entry_size), array = tcc__fill_reserve(fill, size);

    if (array)
    {
        /* Every list starts with TCC_LIST_HEADER: one list type's offsets serve all. */
        tcc__fill_u32(fill, offsetof(TCC_LINEAGENTGROUPLIST, dwNumEntries), (uint32_t)count);
        tcc__fill_u32(fill, offsetof(TCC_LINEAGENTGROUPLIST, dwListSize), size);
        tcc__fill_u32(fill, offsetof(TCC_LINEAGENTGROUPLIST, dwListOffset), array);
    }
    return array;
}

void tcc__fill_count_string(struct tcc_fill *fill, const char *utf8)
{
    tcc__fill_reserve(fill, (uint32_t)((tcc__utf16_from_utf8(utf8, NULL) + 1) * sizeof(tcc_wchar)));
}

int32_t tcc__fill_fixed(void *structure, const void *value, size_t size)
{
    struct tcc_fill fill;

    tcc__fill_start(&fill, structure, size);
    if (fill.fixed_fits)
        tcc__fill_bytes(&fill, HEADER_SIZE, (const uint8_t *)value + HEADER_SIZE, size - HEADER_SIZE);
    return tcc__fill_finish(&fill);
}

int32_t tcc__fill_finish(struct tcc_fill *fill)
{
    if (fill->total >= HEADER_SIZE)
        tcc__fill_u32(fill, 4, fill->needed);
    if (!fill->fixed_fits)
        return TCC_LINEERR_STRUCTURETOOSMALL;
    tcc__fill_u32(fill, 8, fill->used);
    return 0;
}

/* Code units are stored with memcpy: `out` may sit at any offset of a packed
 * structure. */
static void store_unit(void *out, size_t index, uint32_t unit)
{
    tcc_wchar value = (tcc_wchar)unit;
    memcpy((uint8_t *)out + index * sizeof(value), &value, sizeof(value));
}

size_t tcc__utf16_from_utf8(const char *utf8, void *out)
{
    const unsigned char *p = (const unsigned char *)utf8;
    size_t units = 0;

    while (*p)
    {
        uint32_t code = 0xFFFD;
        int extra = 0;

        if (*p < 0x80)
            code = *p, extra = 0;
        else if ((*p & 0xE0) == 0xC0)
            code = *p & 0x1F, extra = 1;
        else if ((*p & 0xF0) == 0xE0)
            code = *p & 0x0F, extra = 2;
        else if ((*p & 0xF8) == 0xF0)
            code = *p & 0x07, extra = 3;
        p++;
        for (int i = 0; i < extra; i++, p++)
        {
            if ((*p & 0xC0) != 0x80)
            {
                code = 0xFFFD;   /* truncated sequence: replace, resynchronise here */
                break;
            }
            code = (code << 6) | (*p & 0x3F);
        }
        if (code >= 0x10000 && code <= 0x10FFFF)
        {
            if (out)
            {
                store_unit(out, units, 0xD800 + ((code - 0x10000) >> 10));
                store_unit(out, units + 1, 0xDC00 + ((code - 0x10000) & 0x3FF));
            }
            units += 2;
        }
        else
        {
            if (out)
                store_unit(out, units, code > 0x10FFFF ? 0xFFFD : code);
            units++;
        }
    }
    if (out)
        store_unit(out, units, 0);
    return units;
}

int tcc__utf8_from_utf16(const tcc_wchar *utf16, char *out, size_t size)
{
    size_t length = 0;

    for (; *utf16; utf16++)
    {
        uint32_t code = *utf16;
        unsigned char bytes[4];
        size_t count;

        if (code >= 0xD800 && code <= 0xDBFF)
        {
            if (utf16[1] < 0xDC00 || utf16[1] > 0xDFFF)
                return -1;
            code = 0x10000 + ((code - 0xD800) << 10) + (utf16[1] - 0xDC00);
            utf16++;
        }
        else if (code >= 0xDC00 && code <= 0xDFFF)
            return -1;
        if (code < 0x80)
            bytes[0] = (unsigned char)code, count = 1;
        else if (code < 0x800)
            bytes[0] = (unsigned char)(0xC0 | (code >> 6)), bytes[1] = (unsigned char)(0x80 | (code & 0x3F)), count = 2;
        else if (code < 0x10000)
            bytes[0] = (unsigned char)(0xE0 | (code >> 12)), bytes[1] = (unsigned char)(0x80 | ((code >> 6) & 0x3F)),
            bytes[2] = (unsigned char)(0x80 | (code & 0x3F)), count = 3;
        else
            bytes[0] = (unsigned char)(0xF0 | (code >> 18)), bytes[1] = (unsigned char)(0x80 | ((code >> 12) & 0x3F)),
            bytes[2] = (unsigned char)(0x80 | ((code >> 6) & 0x3F)), bytes[3] = (unsigned char)(0x80 | (code & 0x3F)),
            count = 4;
        if (length + count >= size)
            return -1;
        memcpy(out + length, bytes, count);
        length += count;
    }
    if (length >= size)
        return -1;
    out[length] = 0;
    return 0;
}
