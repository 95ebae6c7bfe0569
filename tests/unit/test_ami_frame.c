/*
 * The AMI framer and message parser (src/providers/asterisk/ami_frame.c): the banner
 * that is not followed by an empty line, messages split or packed arbitrarily,
 * malformed lines, messages over the limit, and the getters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ami_frame.h"

static const char transcript[] =
    "Asterisk Call Manager/11.0.0\r\n"
    "Response: Success\r\nActionID: 1\r\nChallenge: 840245136\r\n\r\n"
    "Response: Success\r\nActionID: 2\r\nMessage: Authentication accepted\r\n\r\n"
    "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 5\r\nStatus: Fully Booted\r\n\r\n"
    "Event: QueueMemberAdded\r\nPrivilege: agent,all\r\nQueue: sales\r\nMemberName: 1001\r\n"
    "Interface: Local/1001@agents\r\nPaused: 1\r\nCallsTaken: 0\r\n\r\n"
    "Event: AgentComplete\r\nQueue: sales\r\nHoldTime: 0\r\nTalkTime: 4\r\nReason: agent\r\n\r\n";

/* What the transcript holds, message by message: the first field of each. */
static const char *const expected_first[] = { NULL, "Success", "Success", "FullyBooted", "QueueMemberAdded",
                                              "AgentComplete" };

/* Feeds `text` in pieces of the sizes `split` gives and collects the messages' first
 * values ("" for the banner). */
static size_t run(struct ami_framer *framer, const char *text, size_t length, size_t (*split)(size_t at),
                  char seen[][32], size_t max)
{
    struct ami_message message;
    size_t count = 0, at = 0;

    while (at < length)
    {
        size_t piece = split(at);

        if (piece > length - at)
            piece = length - at;
        assert_int_equal(0, ami_framer_feed(framer, text + at, piece));
        at += piece;
        while (ami_framer_next(framer, &message) == 1)
        {
            assert_true(count < max);
            snprintf(seen[count++], 32, "%s", message.banner ? "" : message.fields[0].value);
        }
    }
    return count;
}

/* Feeds a string literal whole. */
#define FEED(framer, literal) assert_int_equal(0, ami_framer_feed((framer), (literal), sizeof(literal) - 1))

static size_t whole(size_t at) { return SIZE_MAX; }
static size_t bytewise(size_t at) { return 1; }
static unsigned random_state = 12345;
static size_t randomly(size_t at)
{
    random_state = random_state * 1103515245u + 12345u;
    return 1 + (random_state >> 16) % 97;
}

static void test_split_and_packed_alike(void **state)
{
    size_t (*splits[])(size_t) = { whole, bytewise, randomly };
    char seen[16][32];

    for (size_t s = 0; s < sizeof(splits) / sizeof(*splits); s++)
        for (int round = 0; round < (splits[s] == randomly ? 50 : 1); round++)
        {
            struct ami_framer framer;
            size_t count;

            ami_framer_init(&framer, 0);
            count = run(&framer, transcript, strlen(transcript), splits[s], seen, 16);
            assert_int_equal(6, count);
            assert_string_equal("", seen[0]);
            for (size_t i = 1; i < count; i++)
                assert_string_equal(expected_first[i], seen[i]);
            assert_int_equal(0, framer.malformed);
            assert_int_equal(0, framer.dropped);
            ami_framer_free(&framer);
        }
}

static void test_banner_and_fields(void **state)
{
    struct ami_framer framer;
    struct ami_message message;

    ami_framer_init(&framer, 0);
    assert_int_equal(0, ami_framer_next(&framer, &message));           /* nothing fed yet */
    FEED(&framer, "Asterisk Call Man");
    assert_int_equal(0, ami_framer_next(&framer, &message));           /* the banner's line is not whole */
    FEED(&framer, "ager/11.0.0\r\nResponse: Error\r\nMessage: Authentication failed\r\n\r\n");
    assert_int_equal(1, ami_framer_next(&framer, &message));
    assert_true(message.banner);
    assert_string_equal("11.0.0", message.banner_version);
    assert_int_equal(1, ami_framer_next(&framer, &message));
    assert_false(message.banner);
    assert_string_equal("Error", ami_kind(&message, "response"));
    assert_null(ami_kind(&message, "Event"));
    assert_string_equal("Authentication failed", ami_get(&message, "MESSAGE"));
    assert_null(ami_get(&message, "Missing"));
    assert_int_equal(0, ami_framer_next(&framer, &message));
    ami_framer_free(&framer);
}

static void test_no_banner_bare_newlines_and_malformed_lines(void **state)
{
    static const char text[] = "\r\n\nEvent: Odd\ngarbage line\n: no key\nKey:v\nText: a: b: c\nKey: second\n"
                               "Number: 42\nBig: 18446744073709551616\nWord: 12x\n\nEvent: Next\r\n\r\n";
    struct ami_framer framer;
    struct ami_message message;

    ami_framer_init(&framer, 0);
    assert_int_equal(0, ami_framer_feed(&framer, text, strlen(text)));
    assert_int_equal(1, ami_framer_next(&framer, &message));
    assert_false(message.banner);
    assert_string_equal("Odd", ami_kind(&message, "Event"));
    assert_string_equal("v", ami_get(&message, "key"));                /* the first of a repeated key */
    assert_string_equal("a: b: c", ami_get(&message, "Text"));
    assert_int_equal(42, ami_get_u64(&message, "Number", 7));
    assert_int_equal(7, ami_get_u64(&message, "Big", 7));              /* overflow */
    assert_int_equal(7, ami_get_u64(&message, "Word", 7));
    assert_int_equal(7, ami_get_u64(&message, "Absent", 7));
    assert_int_equal(2, framer.malformed);
    assert_int_equal(1, ami_framer_next(&framer, &message));
    assert_string_equal("Next", ami_kind(&message, "Event"));
    ami_framer_free(&framer);
}

/* Over the limit: dropped to its end, whether it came whole, in pieces, or as one
 * endless line; the framer stays small and the next message arrives intact. */
static void test_over_the_limit(void **state)
{
    char *huge = malloc(10000);
    struct ami_framer framer;
    struct ami_message message;

    memset(huge, 'x', 10000);
    memcpy(huge, "Event: Huge\r\nData: ", 19);
    for (int mode = 0; mode < 3; mode++)
    {
        ami_framer_init(&framer, 1024);
        if (mode == 0)
        {
            assert_int_equal(0, ami_framer_feed(&framer, huge, 10000));
            FEED(&framer, "\r\n\r\n");
        }
        else
            for (int i = 0; i < 100; i++)
            {
                assert_int_equal(0, ami_framer_feed(&framer, huge + i * 100, 100));
                assert_int_equal(0, ami_framer_next(&framer, &message));
                if (mode == 2 && i % 10 == 9)
                    FEED(&framer, "\r\nMore: yyy");       /* many lines */
            }
        if (mode)
            FEED(&framer, "\r\n\r\n");
        FEED(&framer, "Event: After\r\n\r\n");
        assert_int_equal(1, ami_framer_next(&framer, &message));
        assert_string_equal("After", ami_kind(&message, "Event"));
        assert_int_equal(1, framer.dropped);
        if (mode)
            assert_true(framer.capacity <= 4096);
        ami_framer_free(&framer);
    }
    free(huge);
}

static void test_reset(void **state)
{
    struct ami_framer framer;
    struct ami_message message;

    ami_framer_init(&framer, 0);
    FEED(&framer, "Asterisk Call Manager/11.0.0\r\nEvent: Cut");
    assert_int_equal(1, ami_framer_next(&framer, &message));
    ami_framer_reset(&framer);          /* a new connection: its own banner comes first */
    FEED(&framer, "Asterisk Call Manager/11.0.0\r\nEvent: Whole\r\n\r\n");
    assert_int_equal(1, ami_framer_next(&framer, &message));
    assert_true(message.banner);
    assert_int_equal(1, ami_framer_next(&framer, &message));
    assert_string_equal("Whole", ami_kind(&message, "Event"));
    ami_framer_free(&framer);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_split_and_packed_alike),
        cmocka_unit_test(test_banner_and_fields),
        cmocka_unit_test(test_no_banner_bare_newlines_and_malformed_lines),
        cmocka_unit_test(test_over_the_limit),
        cmocka_unit_test(test_reset),
    };

    return cmocka_run_group_tests_name("ami_frame", tests, NULL, NULL);
}
