/*
 * The provider interface and the acd provider's structure filling: TAPI's
 * variable-size rules (too small, fixed part only, exactly fitting), every offset
 * and size of strings and list entries, UTF-16 strings, and the registry.
 */
#include "acd_fixture.h"

#include <stdlib.h>
#include <unistd.h>

#include "acd_provider.h"
#include "fill.h"

static const struct tcc_provider *acd;

/* An open acd provider on the demo topology, manual clock at T0, no traffic. */
static void *open_acd(void)
{
    char error[256];
    void *context;

    acd = &tcc_acd_provider;
    assert_int_equal(0, acd->open("clock=manual;start=1767254400;simulate=no", &context, error, sizeof(error)));
    return context;
}

static uint32_t u32_at(const void *base, size_t offset)
{
    uint32_t value;
    memcpy(&value, (const uint8_t *)base + offset, sizeof(value));
    return value;
}

/* The UTF-16 string of a (size, offset) pair, as UTF-8. */
static const char *string_at(const void *base, size_t size_field, char *out, size_t out_size)
{
    uint32_t size = u32_at(base, size_field), offset = u32_at(base, size_field + 4);
    tcc_wchar buffer[128];

    assert_true(size >= 2 && size % 2 == 0 && size <= sizeof(buffer));
    memcpy(buffer, (const uint8_t *)base + offset, size);
    assert_int_equal(0, buffer[size / 2 - 1]);   /* NUL-terminated, counted in the size */
    assert_int_equal(0, tcc__utf8_from_utf16(buffer, out, out_size));
    return out;
}

static void *sized(uint32_t total)
{
    uint8_t *buffer = malloc(total < 16 ? 16 : total);

    memset(buffer, 0xCC, total < 16 ? 16 : total);
    memcpy(buffer, &total, sizeof(total));
    return buffer;
}

static void test_registry(void **state)
{
    static const struct tcc_provider other = { TCC_PROVIDER_VERSION_1, "other" };
    static const struct tcc_provider unversioned = { 0, "old" };

    /* The registry knows only what its host registered. */
    assert_null(tcc_provider_find("acd"));
    assert_int_equal(0, tcc_provider_register(&tcc_acd_provider));
    assert_ptr_equal(&tcc_acd_provider, tcc_provider_find("acd"));
    assert_null(tcc_provider_find("tapi32"));
    assert_null(tcc_provider_find(NULL));
    assert_int_equal(-1, tcc_provider_register(&tcc_acd_provider));   /* name taken */
    assert_int_equal(-1, tcc_provider_register(&unversioned));
    assert_int_equal(0, tcc_provider_register(&other));
    assert_ptr_equal(&other, tcc_provider_find("other"));
}

static void test_open_settings(void **state)
{
    const struct tcc_provider *provider = &tcc_acd_provider;
    char error[256];
    void *context;

    assert_int_equal(TCC_LINEERR_INVALPARAM, provider->open("colour=blue", &context, error, sizeof(error)));
    assert_non_null(strstr(error, "unknown setting 'colour'"));
    assert_null(context);
    assert_int_equal(TCC_LINEERR_INVALPARAM, provider->open("seed", &context, error, sizeof(error)));
    assert_non_null(strstr(error, "has no '='"));
    assert_int_equal(TCC_LINEERR_INVALPARAM, provider->open("seed=x", &context, error, sizeof(error)));
    assert_int_equal(TCC_LINEERR_OPERATIONFAILED,
                     provider->open("file=/nonexistent/acd.ini", &context, error, sizeof(error)));
    assert_non_null(strstr(error, "/nonexistent/acd.ini: cannot open"));
    assert_int_equal(0, provider->open("", &context, error, sizeof(error)));   /* the demo topology */
    provider->close(context);
    assert_int_equal(0, provider->open(NULL, &context, error, sizeof(error)));
    provider->close(context);
}

/* speed=N: simulated time runs N times faster than the real clock. */
static void test_speed(void **state)
{
    const struct tcc_provider *acd = &tcc_acd_provider;
    static const tcc_wchar user[] = { 'x', 0 };
    TCC_LINEAGENTSESSIONINFO info = { .dwTotalSize = sizeof(info) };
    tcc_hagentsession session;
    tcc_hagent agent;
    TCC_GUID sales;
    char error[256];
    void *context;

    assert_int_equal(TCC_LINEERR_INVALPARAM, acd->open("speed=0", &context, error, sizeof(error)));
    assert_non_null(strstr(error, "speed '0' must be a whole number from 1 to 100000"));
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd->open("speed=100001", &context, error, sizeof(error)));
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd->open("speed=60;clock=manual", &context, error, sizeof(error)));
    assert_non_null(strstr(error, "exclude each other"));

    assert_int_equal(0, acd->open("speed=36000;simulate=no;start=1767254400", &context, error, sizeof(error)));
    acd_parse_guid("{1B2C3D4E-0001-4A5B-8C9D-0E1F2A3B4C01}", &sales);
    assert_int_equal(0, acd->create_agent(context, NULL, NULL, user, &agent));
    assert_int_equal(0, acd->create_agent_session(context, agent, NULL, 0, 0, &sales, &session));
    usleep(200000);     /* at least 0.2 s of real time: at least 7200 s simulated */
    assert_int_equal(0, acd->get_agent_session_info(context, session, &info));
    if (info.dwSessionDuration < 7200)
        fail_msg("%u simulated seconds after 0.2 s at speed 36000", (unsigned)info.dwSessionDuration);
    acd->close(context);
}

/* poll brings the simulator up to now and delivers what it raised, unasked. */
static void test_poll(void **state)
{
    const struct tcc_provider *acd = &tcc_acd_provider;
    static const tcc_wchar user[] = { 'x', 0 };
    struct recorder *recorder = calloc(1, sizeof(*recorder));
    tcc_hagentsession session;
    tcc_hagent agent;
    TCC_GUID sales;
    char error[256];
    void *context;
    size_t before;

    assert_non_null(acd->poll);
    assert_int_equal(0, acd->open("clock=manual;start=1767254400;simulate=yes;seed=5", &context, error,
                                  sizeof(error)));
    acd->set_event_callback(context, record, recorder);
    acd_parse_guid("{1B2C3D4E-0001-4A5B-8C9D-0E1F2A3B4C01}", &sales);
    assert_int_equal(0, acd->create_agent(context, NULL, NULL, user, &agent));
    assert_int_equal(0, acd->create_agent_session(context, agent, NULL, 0, 0, &sales, &session));
    assert_int_equal(0, acd->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_READY, 0));
    before = recorder->count;
    acd->poll(context);
    assert_int_equal(before, recorder->count);      /* the clock has not moved */
    tcc_acd_control_set_time(acd, context, T0 + 3600);
    assert_int_equal(before, recorder->count);      /* moving it alone delivers nothing */
    acd->poll(context);
    assert_true(recorder->count > before);          /* an hour of Sales traffic */
    acd->close(context);
    free(recorder);
}

/* Version 3's control: the emulator's operations, and the refusals of a wrong size, an
 * unknown operation and a clock that is not manual. */
static void test_control(void **state)
{
    const struct tcc_provider *acd = &tcc_acd_provider;
    struct recorder *recorder = calloc(1, sizeof(*recorder));
    struct tcc_acd_raise_status status = { TCC_LINE_QUEUESTATUS, 7, TCC_LINEQUEUESTATUS_NEWQUEUE, 0 };
    struct tcc_acd_inject_call call = { 99, 10, 5, 0 };
    struct tcc_acd_set_time set_time = { T0 };
    char error[256];
    void *context;

    assert_int_equal(TCC_PROVIDER_VERSION_4, acd->version);
    assert_null(acd->open_ex);
    assert_int_equal(0, acd->open("simulate=no", &context, error, sizeof(error)));
    assert_int_equal(TCC_LINEERR_OPERATIONUNAVAIL, acd->control(context, TCC_ACD_CONTROL_SET_TIME, &set_time,
                                                                sizeof(set_time)));
    acd->close(context);

    assert_int_equal(0, acd->open("clock=manual;simulate=no", &context, error, sizeof(error)));
    acd->set_event_callback(context, record, recorder);
    assert_int_equal(0, acd->control(context, TCC_ACD_CONTROL_SET_TIME, &set_time, sizeof(set_time)));
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd->control(context, TCC_ACD_CONTROL_SET_TIME, &set_time, 4));
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd->control(context, TCC_ACD_CONTROL_INJECT_CALL, &call, sizeof(call)));
    assert_int_equal(TCC_LINEERR_OPERATIONUNAVAIL, acd->control(context, 0x41434499u, NULL, 0));
    assert_int_equal(0, recorder->count);
    assert_int_equal(0, acd->control(context, TCC_ACD_CONTROL_RAISE_STATUS, &status, sizeof(status)));
    assert_int_equal(1, recorder->count);
    assert_int_equal(TCC_LINE_QUEUESTATUS, recorder->items[0].message);
    assert_int_equal(7, recorder->items[0].param1);
    assert_int_equal(TCC_LINEQUEUESTATUS_NEWQUEUE, recorder->items[0].param2);
    acd->close(context);
    free(recorder);
}

static void test_too_small(void **state)
{
    void *context = open_acd();
    TCC_LINEAGENTSESSIONINFO *info;
    uint8_t *tiny;
    tcc_hagent agent;
    tcc_hagentsession session;
    static const tcc_wchar user[] = { 'x', 0 };
    TCC_GUID sales;

    acd_parse_guid("{1B2C3D4E-0001-4A5B-8C9D-0E1F2A3B4C01}", &sales);
    assert_int_equal(0, acd->create_agent(context, NULL, NULL, user, &agent));
    assert_int_equal(0, acd->create_agent_session(context, agent, NULL, 0, 0, &sales, &session));

    /* Under the fixed part: STRUCTURETOOSMALL, only dwNeededSize written. */
    info = sized(40);
    assert_int_equal(TCC_LINEERR_STRUCTURETOOSMALL, acd->get_agent_session_info(context, session, info));
    assert_int_equal(sizeof(TCC_LINEAGENTSESSIONINFO), u32_at(info, 4));
    assert_int_equal(0xCCCCCCCC, u32_at(info, 8));    /* dwUsedSize untouched */
    assert_int_equal(0xCCCCCCCC, u32_at(info, 12));
    free(info);
    /* Not even room for dwNeededSize: nothing written at all. */
    tiny = sized(8);
    assert_int_equal(TCC_LINEERR_STRUCTURETOOSMALL, acd->get_group_list(context, (void *)tiny));
    assert_int_equal(0xCCCCCCCC, u32_at(tiny, 8));
    free(tiny);
    /* Exactly the fixed part. */
    info = sized(sizeof(*info));
    assert_int_equal(0, acd->get_agent_session_info(context, session, info));
    assert_int_equal(sizeof(*info), info->dwNeededSize);
    assert_int_equal(sizeof(*info), info->dwUsedSize);
    assert_int_equal(TCC_LINEAGENTSESSIONSTATE_NOTREADY, info->dwAgentSessionState);
    free(info);
    assert_int_equal(TCC_LINEERR_INVALPOINTER, acd->get_agent_session_info(context, session, NULL));
    acd->close(context);
}

/* Demo groups: "Sales" (12 bytes of UTF-16 with its NUL) and "Support" (16). */
static void test_group_list_layout(void **state)
{
    void *context = open_acd();
    const uint32_t fixed = sizeof(TCC_LINEAGENTGROUPLIST), entries = 2 * sizeof(TCC_LINEAGENTGROUPENTRY);
    const uint32_t needed = fixed + entries + 12 + 16;
    TCC_LINEAGENTGROUPLIST *list;
    char name[64];
    TCC_GUID guid;

    /* Fixed part only: counts say how much, nothing variable written. */
    list = sized(fixed);
    assert_int_equal(0, acd->get_group_list(context, list));
    assert_int_equal(needed, list->dwNeededSize);
    assert_int_equal(fixed, list->dwUsedSize);
    assert_int_equal(0, list->dwNumEntries);
    assert_int_equal(0, list->dwListOffset);
    free(list);

    /* Room for the entries but not every name: dense, and the rest left out. */
    list = sized(fixed + entries + 12);
    assert_int_equal(0, acd->get_group_list(context, list));
    assert_int_equal(needed, list->dwNeededSize);
    assert_int_equal(fixed + entries + 12, list->dwUsedSize);
    assert_int_equal(2, list->dwNumEntries);
    assert_string_equal("Sales", string_at(list, fixed + offsetof(TCC_LINEAGENTGROUPENTRY, dwNameSize), name, sizeof(name)));
    assert_int_equal(0, u32_at(list, fixed + sizeof(TCC_LINEAGENTGROUPENTRY) + offsetof(TCC_LINEAGENTGROUPENTRY, dwNameSize)));
    free(list);

    /* Exactly fitting. */
    list = sized(needed);
    assert_int_equal(0, acd->get_group_list(context, list));
    assert_int_equal(needed, list->dwNeededSize);
    assert_int_equal(needed, list->dwUsedSize);
    assert_int_equal(2, list->dwNumEntries);
    assert_int_equal(entries, list->dwListSize);
    assert_int_equal(fixed, list->dwListOffset);
    /* entry 0: GUID as four DWORDs, name at the first byte after the entries */
    acd_parse_guid("{1B2C3D4E-0001-4A5B-8C9D-0E1F2A3B4C01}", &guid);
    assert_memory_equal(&guid, (uint8_t *)list + fixed, sizeof(guid));
    assert_int_equal(12, u32_at(list, fixed + offsetof(TCC_LINEAGENTGROUPENTRY, dwNameSize)));
    assert_int_equal(fixed + entries, u32_at(list, fixed + offsetof(TCC_LINEAGENTGROUPENTRY, dwNameOffset)));
    assert_string_equal("Support", string_at(list, fixed + sizeof(TCC_LINEAGENTGROUPENTRY) +
                                             offsetof(TCC_LINEAGENTGROUPENTRY, dwNameSize), name, sizeof(name)));
    assert_int_equal(fixed + entries + 12,
                     u32_at(list, fixed + sizeof(TCC_LINEAGENTGROUPENTRY) + offsetof(TCC_LINEAGENTGROUPENTRY, dwNameOffset)));
    free(list);
    acd->close(context);
}

static void test_queue_and_address_lists(void **state)
{
    void *context = open_acd();
    TCC_LINEQUEUELIST *queues = sized(512);
    TCC_ADDRESSLIST *addresses = sized(512);
    TCC_GUID sales, unknown = { 1 };
    char text[64];
    size_t entry;

    acd_parse_guid("{1B2C3D4E-0001-4A5B-8C9D-0E1F2A3B4C01}", &sales);
    assert_int_equal(0, acd->get_queue_list(context, &sales, queues));
    assert_int_equal(queues->dwNeededSize, queues->dwUsedSize);
    assert_int_equal(2, queues->dwNumEntries);
    entry = queues->dwListOffset;
    assert_int_equal(2, u32_at(queues, entry + offsetof(TCC_LINEQUEUEENTRY, dwQueueID)));
    assert_string_equal("Sales Overflow", string_at(queues, entry + offsetof(TCC_LINEQUEUEENTRY, dwNameSize), text, sizeof(text)));
    entry += sizeof(TCC_LINEQUEUEENTRY);
    assert_int_equal(1, u32_at(queues, entry + offsetof(TCC_LINEQUEUEENTRY, dwQueueID)));
    assert_string_equal("Sales Inbound", string_at(queues, entry + offsetof(TCC_LINEQUEUEENTRY, dwNameSize), text, sizeof(text)));
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd->get_queue_list(context, &unknown, queues));

    assert_int_equal(0, acd->get_address_list(context, addresses));
    assert_int_equal(3, addresses->dwNumEntries);
    entry = addresses->dwListOffset + 2 * sizeof(TCC_ADDRESSENTRY);
    assert_int_equal(2, u32_at(addresses, entry + offsetof(TCC_ADDRESSENTRY, dwLineID)));
    assert_string_equal("Agent line 3", string_at(addresses, entry + offsetof(TCC_ADDRESSENTRY, dwNameSize), text, sizeof(text)));
    assert_string_equal("2003", string_at(addresses, entry + offsetof(TCC_ADDRESSENTRY, dwDialableAddressSize), text, sizeof(text)));
    free(queues);
    free(addresses);
    acd->close(context);
}

static void test_agent_caps(void **state)
{
    void *context = open_acd();
    TCC_LINEAGENTCAPS *caps = sized(256);
    TCC_GUID proxy;
    char text[64];

    assert_int_equal(0, acd->get_agent_caps(context, 0, caps));
    assert_string_equal("tapi3cc ACD emulator", string_at(caps, offsetof(TCC_LINEAGENTCAPS, dwAgentHandlerInfoSize), text, sizeof(text)));
    acd_parse_guid("{6C1D8D2A-3E57-4C58-9B2F-0A7E5D1C4B11}", &proxy);
    assert_memory_equal(&proxy, &caps->ProxyGUID, sizeof(proxy));
    assert_int_equal(2, caps->dwMaxNumGroupEntries);
    assert_int_equal(0x00020002, caps->dwCapsVersion);
    assert_int_equal(TCC_LINEERR_INVALADDRESSID, acd->get_agent_caps(context, 7, caps));
    free(caps);
    acd->close(context);
}

static const tcc_wchar id_1001[] = { '1', '0', '0', '1', 0 }, pin_1234[] = { '1', '2', '3', '4', 0 };
static const tcc_wchar pin_bad[] = { '1', '2', '3', 0 };

/* A whole request cycle with UTF-16 arguments and an injected call. */
static void test_agent_session_cycle(void **state)
{
    void *context = open_acd();
    TCC_LINEAGENTSESSIONINFO *info = sized(sizeof(*info));
    TCC_LINEAGENTINFO *agent_info = sized(sizeof(*agent_info));
    TCC_LINEAGENTSESSIONLIST *list = sized(256);
    TCC_LINEQUEUEINFO *queue = sized(sizeof(*queue));
    TCC_GUID sales, support;
    tcc_hagent agent;
    tcc_hagentsession s1, s2;
    struct recorder *recorder = calloc(1, sizeof(*recorder));

    acd->set_event_callback(context, record, recorder);
    acd_parse_guid("{1B2C3D4E-0001-4A5B-8C9D-0E1F2A3B4C01}", &sales);
    acd_parse_guid("{1B2C3D4E-0002-4A5B-8C9D-0E1F2A3B4C02}", &support);
    assert_int_equal(TCC_LINEERR_INVALPASSWORD, acd->create_agent(context, id_1001, pin_bad, NULL, &agent));
    assert_int_equal(0, acd->create_agent(context, id_1001, pin_1234, NULL, &agent));
    assert_int_equal(TCC_LINEERR_INVALPASSWORD, acd->create_agent_session(context, agent, NULL, 0, 0, &sales, &s1));
    assert_int_equal(0, acd->create_agent_session(context, agent, pin_1234, 0, 0, &sales, &s1));
    assert_int_equal(0, acd->create_agent_session(context, agent, pin_1234, 1, 0, &support, &s2));
    assert_int_equal(0, acd->set_agent_session_state(context, s1, TCC_LINEAGENTSESSIONSTATE_READY, 0));
    assert_true(recorder->count >= 4);
    assert_int_equal(TCC_LINE_AGENTSTATUSEX, recorder->items[0].message);

    tcc_acd_control_set_time(acd, context, T0 + 30);
    assert_int_equal(0, tcc_acd_control_inject_call(acd, context, 1, 120, 30, 0));
    tcc_acd_control_set_time(acd, context, T0 + 90);
    assert_int_equal(0, acd->get_agent_session_info(context, s1, info));
    assert_int_equal(TCC_LINEAGENTSESSIONSTATE_BUSYONCALL, info->dwAgentSessionState);
    assert_int_equal(1, info->dwNumberOfCalls);
    assert_int_equal(60, info->dwTotalTalkTime);
    assert_int_equal(90, info->dwSessionDuration);
    assert_int_equal(400000, info->cyACDCallRate);   /* 1 call in 90 s = 40.0000 per hour */
    /* 2026-01-01 08:00 UTC as an OLE date: 46023 days and 1/3 */
    assert_true(info->dateSessionStartTime > 46023.3333 && info->dateSessionStartTime < 46023.3334);

    assert_int_equal(0, acd->get_agent_info(context, agent, agent_info));
    assert_int_equal(TCC_LINEAGENTSTATEEX_BUSYACD, agent_info->dwAgentState);
    assert_int_equal(1, agent_info->dwNumberOfACDCalls);
    assert_int_equal(60, agent_info->dwTotalACDTalkTime);
    assert_int_equal(0, acd->set_agent_measurement_period(context, agent, 60));
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd->set_agent_measurement_period(context, agent, 0));
    assert_int_equal(0, acd->get_agent_info(context, agent, agent_info));
    assert_int_equal(60, agent_info->dwMeasurementPeriod);
    assert_int_equal(0, agent_info->dwNumberOfACDCalls);
    assert_int_equal(0, acd->set_agent_state_ex(context, agent, 0, TCC_LINEAGENTSTATEEX_READY));
    assert_int_equal(TCC_LINEERR_INVALAGENTSTATE, acd->set_agent_state_ex(context, agent, 0x80, 0));

    assert_int_equal(0, acd->get_agent_session_list(context, agent, list));
    assert_int_equal(2, list->dwNumEntries);
    {
        TCC_LINEAGENTSESSIONENTRY entries[2];

        memcpy(entries, (uint8_t *)list + list->dwListOffset, sizeof(entries));
        assert_int_equal(s1, entries[0].hAgentSession);
        assert_int_equal(agent, entries[0].hAgent);
        assert_memory_equal(&sales, &entries[0].GroupID, sizeof(sales));
        assert_int_equal(s2, entries[1].hAgentSession);
        assert_memory_equal(&support, &entries[1].GroupID, sizeof(support));
        assert_int_equal(0, entries[1].dwWorkingAddressID);
    }

    assert_int_equal(0, acd->get_queue_info(context, 1, queue));
    assert_int_equal(1, queue->dwTotalCallsQueued);
    assert_int_equal(3600, queue->dwMeasurementPeriod);
    assert_int_equal(0, acd->set_queue_measurement_period(context, 1, 120));
    assert_int_equal(0, acd->get_queue_info(context, 1, queue));
    assert_int_equal(0, queue->dwTotalCallsQueued);
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd->get_queue_info(context, 42, queue));

    free(info);
    free(agent_info);
    free(list);
    free(queue);
    acd->close(context);
    free(recorder);
}

static void test_utf16(void **state)
{
    tcc_wchar buffer[16];
    char back[32];

    /* "é€𝄞": 2-, 3- and 4-byte UTF-8; the last one is a surrogate pair. */
    assert_int_equal(4, tcc__utf16_from_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E", buffer));
    assert_int_equal(0x00E9, buffer[0]);
    assert_int_equal(0x20AC, buffer[1]);
    assert_int_equal(0xD834, buffer[2]);
    assert_int_equal(0xDD1E, buffer[3]);
    assert_int_equal(0, buffer[4]);
    assert_int_equal(0, tcc__utf8_from_utf16(buffer, back, sizeof(back)));
    assert_string_equal("\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E", back);
    assert_int_equal(-1, tcc__utf8_from_utf16(buffer, back, 4));   /* does not fit */
    buffer[0] = 0xDC00;                                             /* lone low surrogate */
    assert_int_equal(-1, tcc__utf8_from_utf16(buffer, back, sizeof(back)));
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_open_settings),
        cmocka_unit_test(test_speed),
        cmocka_unit_test(test_poll),
        cmocka_unit_test(test_control),
        cmocka_unit_test(test_too_small),
        cmocka_unit_test(test_group_list_layout),
        cmocka_unit_test(test_queue_and_address_lists),
        cmocka_unit_test(test_agent_caps),
        cmocka_unit_test(test_agent_session_cycle),
        cmocka_unit_test(test_utf16),
    };

    return cmocka_run_group_tests_name("provider", tests, NULL, NULL);
}
