/*
 * AMI framing and message parsing (see ami_frame.h for the wire format and the
 * robustness rules).
 */
#include "ami_frame.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_LIMIT (64 * 1024)

void ami_framer_init(struct ami_framer *framer, size_t limit)
{
    memset(framer, 0, sizeof(*framer));
    framer->limit = limit ? limit : DEFAULT_LIMIT;
}

void ami_framer_free(struct ami_framer *framer)
{
    free(framer->buffer);
    free(framer->text);
    free(framer->fields);
    memset(framer, 0, sizeof(*framer));
}

void ami_framer_reset(struct ami_framer *framer)
{
    framer->length = framer->start = 0;
    framer->banner_seen = false;
    framer->discarding = framer->mid_line = false;
}

bool ami_grow(void **array, size_t *capacity, size_t needed, size_t element)
{
    size_t wanted = *capacity ? *capacity : 8;
    void *grown;

    if (needed <= *capacity)
        return true;
    while (wanted < needed)
        wanted *= 2;
    if (!(grown = realloc(*array, wanted * element)))
        return false;
    *array = grown;
    *capacity = wanted;
    return true;
}

int ami_framer_feed(struct ami_framer *framer, const char *data, size_t size)
{
    if (framer->start)
    {
        /* What was handed out is gone: move the rest to the front. */
        memmove(framer->buffer, framer->buffer + framer->start, framer->length - framer->start);
        framer->length -= framer->start;
        framer->start = 0;
    }
    if (!ami_grow((void **)&framer->buffer, &framer->capacity, framer->length + size, 1))
    {
        ami_framer_reset(framer);
        return -1;
    }
    memcpy(framer->buffer + framer->length, data, size);
    framer->length += size;
    return 0;
}

/* The end of the line that starts at `from` (the index after its '\n'), or 0. */
static size_t line_end(const struct ami_framer *framer, size_t from)
{
    const char *newline;

    if (from >= framer->length)
        return 0;   /* nothing there (the buffer may not even exist yet) */
    newline = memchr(framer->buffer + from, '\n', framer->length - from);
    return newline ? (size_t)(newline - framer->buffer) + 1 : 0;
}

/* A line is empty when it holds nothing but its end ("\n" or "\r\n"). */
static bool line_is_empty(const struct ami_framer *framer, size_t from, size_t end)
{
    return end - from == 1 || (end - from == 2 && framer->buffer[from] == '\r');
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool same_key(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (ascii_lower(*a) != ascii_lower(*b))
            return false;
    return !*a && !*b;
}

static char *trim(char *text)
{
    char *end = text + strlen(text);

    while (*text == ' ' || *text == '\t')
        text++;
    while (end > text && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
        *--end = 0;
    return text;
}

/* Parses the message buffer[from, to) into the framer's text and fields. */
static int parse(struct ami_framer *framer, size_t from, size_t to, struct ami_message *message)
{
    size_t size = to - from, count = 0;
    char *line, *next;

    if (!ami_grow((void **)&framer->text, &framer->text_capacity, size + 1, 1))
        return -1;
    memcpy(framer->text, framer->buffer + from, size);
    framer->text[size] = 0;
    for (line = framer->text; line && *line; line = next)
    {
        char *colon, *key;

        if ((next = strchr(line, '\n')))
            *next++ = 0;
        if (!*trim(line))
            continue;
        if (!(colon = strchr(line, ':')) || colon == line)
        {
            framer->malformed++;
            continue;
        }
        *colon = 0;
        key = trim(line);
        if (!*key)
        {
            framer->malformed++;
            continue;
        }
        if (!ami_grow((void **)&framer->fields, &framer->field_capacity, count + 1, sizeof(*framer->fields)))
            return -1;
        framer->fields[count].key = key;
        framer->fields[count].value = trim(colon + 1);
        count++;
    }
    message->banner = false;
    message->banner_version = NULL;
    message->fields = framer->fields;
    message->field_count = count;
    framer->messages++;
    return 1;
}

#define NEED_MORE 2

/* Before the first message: the banner line, if the peer sends one.  1: taken; 0:
 * there is none; NEED_MORE: its line is not whole yet; -1: out of memory. */
static int take_banner(struct ami_framer *framer, struct ami_message *message)
{
    static const char prefix[] = AMI_BANNER_PREFIX;
    size_t available = framer->length - framer->start;
    size_t compare = available < sizeof(prefix) - 1 ? available : sizeof(prefix) - 1;
    size_t end = line_end(framer, framer->start);

    if (memcmp(framer->buffer + framer->start, prefix, compare) || (!end && available > framer->limit))
    {
        framer->banner_seen = true;     /* no banner (or none worth waiting for) */
        return 0;
    }
    if (!end)
        return NEED_MORE;
    if (!ami_grow((void **)&framer->text, &framer->text_capacity, end - framer->start + 1, 1))
        return -1;
    memcpy(framer->text, framer->buffer + framer->start, end - framer->start);
    framer->text[end - framer->start] = 0;
    framer->start = end;
    framer->banner_seen = true;
    *message = (struct ami_message){ .banner = true, .banner_version = trim(framer->text + sizeof(prefix) - 1) };
    framer->messages++;
    return 1;
}

int ami_framer_next(struct ami_framer *framer, struct ami_message *message)
{
    if (!framer->banner_seen && framer->start < framer->length)
    {
        int banner = take_banner(framer, message);

        if (banner == NEED_MORE)
            return 0;
        if (banner)
            return banner;
    }
    for (;;)
    {
        size_t from = framer->start, end;

        /* The current message's lines, up to the empty line that ends it.  While
         * discarding, each whole line goes at once, so nothing piles up. */
        while ((end = line_end(framer, from)))
        {
            if (framer->mid_line)
                framer->mid_line = false;   /* the rest of a line cut while discarding */
            else if (line_is_empty(framer, from, end))
                break;
            from = end;
            if (framer->discarding)
                framer->start = end;
        }
        if (!end)
        {
            if (framer->length - framer->start > framer->limit)
            {
                /* Longer than any message kept: skip to its end. */
                framer->discarding = true;
                framer->mid_line = from < framer->length;
                framer->start = framer->length;
            }
            return 0;
        }
        if (from == framer->start)
        {
            /* An empty line with nothing before it: between messages, or the end
             * of one being discarded. */
            framer->start = end;
            if (framer->discarding)
            {
                framer->discarding = false;
                framer->dropped++;
            }
            continue;
        }
        if (from - framer->start > framer->limit)
        {
            framer->start = end;
            framer->dropped++;
            continue;
        }
        {
            size_t message_start = framer->start;

            framer->start = end;
            return parse(framer, message_start, from, message);
        }
    }
}

const char *ami_get(const struct ami_message *message, const char *key)
{
    for (size_t i = 0; i < message->field_count; i++)
        if (same_key(message->fields[i].key, key))
            return message->fields[i].value;
    return NULL;
}

uint64_t ami_get_u64(const struct ami_message *message, const char *key, uint64_t fallback)
{
    const char *value = ami_get(message, key);
    uint64_t number = 0;

    if (!value || !*value)
        return fallback;
    for (; *value; value++)
    {
        if (*value < '0' || *value > '9' || number > (UINT64_MAX - 9) / 10)
            return fallback;
        number = number * 10 + (uint64_t)(*value - '0');
    }
    return number;
}

const char *ami_kind(const struct ami_message *message, const char *kind)
{
    return message->field_count && same_key(message->fields[0].key, kind) ? message->fields[0].value : NULL;
}
