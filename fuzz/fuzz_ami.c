/*
 * The AMI framer and parser under arbitrary bytes, split arbitrarily: no crash, no
 * read or write out of bounds (ASan), every field has a key, and the buffer stays
 * bounded by the limit plus what one feed brings.  The input's first byte chooses
 * the piece sizes.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ami_frame.h"

#define LIMIT 2048

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ami_framer framer;
    struct ami_message message;
    size_t piece, at = 1;

    if (!size)
        return 0;
    piece = 1 + data[0] % 64;
    ami_framer_init(&framer, LIMIT);
    while (at < size)
    {
        size_t length = size - at < piece ? size - at : piece;

        if (ami_framer_feed(&framer, (const char *)data + at, length))
            break;
        at += length;
        while (ami_framer_next(&framer, &message) == 1)
        {
            if (message.banner)
                assert(message.banner_version && !message.field_count);
            for (size_t i = 0; i < message.field_count; i++)
            {
                assert(message.fields[i].key[0]);
                (void)strlen(message.fields[i].value);
                (void)ami_get(&message, message.fields[i].key);
            }
            (void)ami_get_u64(&message, "CallsTaken", 0);
        }
        assert(framer.length - framer.start <= LIMIT + piece);
    }
    ami_framer_free(&framer);
    return 0;
}
