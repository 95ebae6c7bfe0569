/*
 * AMI ingestion, natively: a realistic event stream (members of 5 queues, then calls:
 * QueueCallerJoin, AgentCalled, QueueCallerLeave, AgentConnect, AgentComplete,
 * QueueMemberStatus) framed, parsed and applied to the asterisk provider's model, fed
 * in 16 KiB reads as a socket gives them.  Baseline: memchr finding every line end of
 * the same bytes (the least any framer does).  Prints events per second and the
 * ratio of times; writes JSON with --json FILE.
 *
 *   bench_ami [--json FILE] [--quick]
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ami_frame.h"
#include "bench_results.h"
#include "ami_model.h"

#define QUEUES 5
#define MEMBERS 50
#define CHUNK 16384

static int64_t fake_now = 1767254400;

static int64_t fake_clock(void *user)
{
    return fake_now;
}

struct buffer
{
    char *data;
    size_t length, capacity;
    size_t events;
};

static void append(struct buffer *buffer, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void append(struct buffer *buffer, const char *format, ...)
{
    va_list args;
    int length;

    for (;;)
    {
        va_start(args, format);
        length = vsnprintf(buffer->data + buffer->length, buffer->capacity - buffer->length, format, args);
        va_end(args);
        if ((size_t)length < buffer->capacity - buffer->length)
            break;
        buffer->capacity = buffer->capacity * 2 + (size_t)length;
        if (!(buffer->data = realloc(buffer->data, buffer->capacity)))
            exit(1);
    }
    buffer->length += (size_t)length;
    buffer->events++;
}

#define CHANNEL "Channel: Local/s@caller-00000001;2\r\nChannelState: 6\r\nChannelStateDesc: Up\r\n" \
                "CallerIDNum: <unknown>\r\nCallerIDName: <unknown>\r\nConnectedLineNum: <unknown>\r\n" \
                "Language: en\r\nAccountCode: \r\nContext: caller\r\nExten: s\r\nPriority: 2\r\n"

static void make_stream(struct buffer *buffer, int calls)
{
    append(buffer, "Asterisk Call Manager/11.0.0\r\n");
    for (int m = 0; m < MEMBERS; m++)
        append(buffer, "Event: QueueMemberAdded\r\nPrivilege: agent,all\r\nQueue: q%d\r\nMemberName: %d\r\n"
                       "Interface: Local/%d@agents\r\nStateInterface: Local/%d@agents\r\nMembership: dynamic\r\n"
                       "Penalty: 0\r\nCallsTaken: 0\r\nLastCall: 0\r\nLastPause: 0\r\nLoginTime: 1767254400\r\n"
                       "InCall: 0\r\nStatus: 1\r\nPaused: 0\r\nPausedReason: \r\nRingingUse: 0\r\n"
                       "Wrapuptime: 0\r\n\r\n", m % QUEUES, 1000 + m, 2000 + m, 2000 + m);
    for (int c = 0; c < calls; c++)
    {
        int member = c % MEMBERS, queue = member % QUEUES;

        append(buffer, "Event: QueueCallerJoin\r\nPrivilege: agent,all\r\n" CHANNEL "Uniqueid: 1767.%d\r\n"
                       "Linkedid: 1767.%d\r\nQueue: q%d\r\nPosition: 1\r\nCount: 1\r\n\r\n", c, c, queue);
        append(buffer, "Event: AgentCalled\r\nPrivilege: agent,all\r\n" CHANNEL "Uniqueid: 1767.%d\r\n"
                       "Queue: q%d\r\nInterface: Local/%d@agents\r\nMemberName: %d\r\n\r\n", c, queue, 2000 + member,
               1000 + member);
        append(buffer, "Event: QueueCallerLeave\r\nPrivilege: agent,all\r\n" CHANNEL "Uniqueid: 1767.%d\r\n"
                       "Queue: q%d\r\nPosition: 1\r\nCount: 0\r\n\r\n", c, queue);
        append(buffer, "Event: AgentConnect\r\nPrivilege: agent,all\r\n" CHANNEL "Uniqueid: 1767.%d\r\n"
                       "Queue: q%d\r\nInterface: Local/%d@agents\r\nMemberName: %d\r\nHoldTime: %d\r\n"
                       "RingTime: 0\r\n\r\n", c, queue, 2000 + member, 1000 + member, c % 7);
        append(buffer, "Event: AgentComplete\r\nPrivilege: agent,all\r\n" CHANNEL "Uniqueid: 1767.%d\r\n"
                       "Queue: q%d\r\nInterface: Local/%d@agents\r\nMemberName: %d\r\nHoldTime: %d\r\n"
                       "TalkTime: %d\r\nReason: agent\r\n\r\n", c, queue, 2000 + member, 1000 + member, c % 7,
               30 + c % 90);
        append(buffer, "Event: QueueMemberStatus\r\nPrivilege: agent,all\r\nQueue: q%d\r\nMemberName: %d\r\n"
                       "Interface: Local/%d@agents\r\nCallsTaken: %d\r\nInCall: 0\r\nStatus: 1\r\nPaused: 0\r\n\r\n",
               queue, 1000 + member, 2000 + member, c / MEMBERS + 1);
    }
}

/* Frames, parses and (with a model) applies the stream; the messages seen. */
static size_t ingest(const struct buffer *buffer, struct ami_model *model)
{
    struct ami_framer framer;
    struct ami_message message;
    struct ami_status statuses[256];
    size_t messages = 0;

    ami_framer_init(&framer, 0);
    for (size_t at = 0; at < buffer->length; at += CHUNK)
    {
        size_t size = buffer->length - at < CHUNK ? buffer->length - at : CHUNK;

        ami_framer_feed(&framer, buffer->data + at, size);
        while (ami_framer_next(&framer, &message) == 1)
        {
            messages++;
            if (model)
            {
                ami_model_apply(model, &message);
                while (ami_model_take(model, statuses, 256) == 256)
                    ;
            }
        }
    }
    ami_framer_free(&framer);
    return messages;
}

static size_t line_ends(const struct buffer *buffer)
{
    size_t count = 0;

    for (const char *p = buffer->data, *end = buffer->data + buffer->length;
         (p = memchr(p, '\n', (size_t)(end - p))); p++)
        count++;
    return count;
}

/* The best of `rounds` runs of `run`, in seconds. */
#define BEST_OF(rounds, expression, out) \
    do \
    { \
        (out) = 1e30; \
        for (int r_ = 0; r_ < (rounds); r_++) \
        { \
            double t_ = bench_seconds(); \
            expression; \
            t_ = bench_seconds() - t_; \
            if (t_ < (out)) \
                (out) = t_; \
        } \
    } while (0)

int main(int argc, char **argv)
{
    const char *json = NULL;
    struct buffer stream = { 0 };
    int calls = 20000, rounds = 5, quick = 0;
    volatile size_t sink = 0;
    double memchr_time, frame_time, apply_time;
    size_t events;

    for (int i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "--json") && i + 1 < argc)
            json = argv[++i];
        else if (!strcmp(argv[i], "--quick"))
        {
            calls = 2000;
            rounds = 2;
            quick = 1;
        }
    }
    make_stream(&stream, calls);
    events = stream.events;
    BEST_OF(rounds, sink += line_ends(&stream), memchr_time);
    BEST_OF(rounds, sink += ingest(&stream, NULL), frame_time);
    BEST_OF(rounds, {
        struct ami_model *model = ami_model_create(fake_clock, NULL);
        sink += ingest(&stream, model);
        ami_model_destroy(model);
    }, apply_time);

    printf("AMI ingestion: %zu events, %.1f MB\n", events, (double)stream.length / 1e6);
    /* Rates beside the baseline's rate: the ratio is the fraction of memchr's speed
     * (its inverse, how many times memchr's time a stage takes, is printed too). */
    bench_record("memchr over every line end", events / memchr_time, "events/s", "itself", events / memchr_time);
    bench_record("framed and parsed", events / frame_time, "events/s", "memchr over every line end",
                 events / memchr_time);
    bench_record("framed, parsed and applied to the model", events / apply_time, "events/s",
                 "memchr over every line end", events / memchr_time);
    printf("  time ÷ memchr's: framed and parsed %.1f, applied to the model %.1f\n", frame_time / memchr_time,
           apply_time / memchr_time);
    if (json)
    {
        char extra[96];

        snprintf(extra, sizeof(extra), "\"events\": %zu, \"bytes\": %zu", events, stream.length);
        if (bench_write_json(json, quick, extra))
        {
            fprintf(stderr, "bench_ami: cannot write %s\n", json);
            return 1;
        }
    }
    free(stream.data);
    return sink ? 0 : 1;
}
