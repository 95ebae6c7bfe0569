/*
 * Asterisk Manager Interface (AMI) framing and messages: portable C, no sockets, no
 * Windows, no COM.  The transport feeds whatever bytes a read returned; the framer
 * hands back whole messages, however the bytes were split or packed.
 *
 * The wire format (Asterisk 22, protocol "Asterisk Call Manager/11.0.0"):
 *   - on connect, one banner line, "Asterisk Call Manager/VERSION\r\n", NOT followed
 *     by an empty line (a framer that splits only on empty lines glues it to the first
 *     response);
 *   - then messages: lines "Key: Value\r\n", ended by an empty line ("\r\n").  A bare
 *     "\n" is taken as a line end too.  A message is a response (first key
 *     "Response") or an event ("Event").
 *
 * Robustness: a line without ':' is skipped (counted in `malformed`), a key may repeat
 * (ami_get finds the first), keys compare without case, a message longer than the
 * framer's limit is dropped up to its end (counted in `dropped`), so a bad peer never
 * desynchronises the stream, never makes the framer grow without bound, and never
 * crashes it.
 */
#ifndef TAPI3CC_AMI_FRAME_H
#define TAPI3CC_AMI_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AMI_BANNER_PREFIX "Asterisk Call Manager/"

/* One field of a message: NUL-terminated views into the message's own storage. */
struct ami_field
{
    const char *key;
    const char *value;
};

/* A whole message, owned by the framer until the next ami_framer_next or feed. */
struct ami_message
{
    bool banner;                /* the connect banner; `banner_version` holds "11.0.0" */
    const char *banner_version;
    struct ami_field *fields;
    size_t field_count;
};

struct ami_framer
{
    char *buffer;               /* bytes fed and not yet handed out */
    size_t length, capacity, start;
    size_t limit;               /* longest message kept */
    bool banner_seen;
    bool discarding;            /* inside a message over the limit: skip to its end */
    bool mid_line;              /* ... and inside a line of it that was cut */
    /* The message handed out last: its text with NULs, and its fields. */
    char *text;
    size_t text_capacity;
    struct ami_field *fields;
    size_t field_capacity;
    /* Counters, for tests and the trace. */
    uint64_t messages, malformed, dropped;
};

/* `limit`: the longest message to keep, in bytes (0: 64 KiB). */
void ami_framer_init(struct ami_framer *framer, size_t limit);
void ami_framer_free(struct ami_framer *framer);
/* Forgets everything buffered (a new connection); the counters stay. */
void ami_framer_reset(struct ami_framer *framer);
/* Appends bytes; 0, or -1 when memory runs out (the bytes are lost: reset). */
int ami_framer_feed(struct ami_framer *framer, const char *data, size_t size);
/* The next whole message: 1 and `*message` (valid until the next call or feed), or
 * 0 when more bytes are needed, or -1 when memory runs out. */
int ami_framer_next(struct ami_framer *framer, struct ami_message *message);

/* Makes room for `needed` elements of `element` bytes in a heap array, doubling
 * (the asterisk provider's arrays share it): false when memory runs out (the array
 * is left as it was). */
bool ami_grow(void **array, size_t *capacity, size_t needed, size_t element);

/* The first value of `key` (any case), or NULL. */
const char *ami_get(const struct ami_message *message, const char *key);
/* `key`'s value as an unsigned number (decimal), or `fallback` when absent or not
 * a number. */
uint64_t ami_get_u64(const struct ami_message *message, const char *key, uint64_t fallback);
/* "Response" or "Event" ... : the value of the message's first field when its key is
 * `kind` (any case), else NULL. */
const char *ami_kind(const struct ami_message *message, const char *kind);

#endif
