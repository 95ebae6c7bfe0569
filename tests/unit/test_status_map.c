/*
 * The mapping from provider status messages to TAPI 3 events (status_map.h), entry
 * by entry, with the enum values of spec §4.1 written out.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "status_map.h"
#include "tapi3cc/tapi2.h"

static void expect(uint32_t message, uint32_t bits, uint32_t state, int count, uint32_t te, uint32_t value)
{
    struct tcc_status_event events[2] = { { 0, 0 }, { 0, 0 } };

    assert_int_equal(count, tcc_status_to_events(message, bits, state, events));
    if (count)
    {
        assert_int_equal(te, events[0].tapi_event);
        assert_int_equal(value, events[0].value);
    }
}

static void test_agent(void **state)
{
    /* AE_NOT_READY 0, AE_READY 1, AE_BUSY_ACD 2, AE_BUSY_INCOMING 3, AE_BUSY_OUTGOING 4, AE_UNKNOWN 5 */
    expect(TCC_LINE_AGENTSTATUSEX, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_NOTREADY, 1, 0x200, 0);
    expect(TCC_LINE_AGENTSTATUSEX, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_READY, 1, 0x200, 1);
    expect(TCC_LINE_AGENTSTATUSEX, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_BUSYACD, 1, 0x200, 2);
    expect(TCC_LINE_AGENTSTATUSEX, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_BUSYINCOMING, 1, 0x200, 3);
    expect(TCC_LINE_AGENTSTATUSEX, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_BUSYOUTGOING, 1, 0x200, 4);
    expect(TCC_LINE_AGENTSTATUSEX, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_UNKNOWN, 1, 0x200, 5);
    expect(TCC_LINE_AGENTSTATUSEX, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_RELEASED, 1, 0x200, 5);
    expect(TCC_LINE_AGENTSTATUSEX, TCC_LINEAGENTSTATUSEX_STATE, 3, 1, 0x200, 5);
    expect(TCC_LINE_AGENTSTATUSEX, TCC_LINEAGENTSTATUSEX_STATE | TCC_LINEAGENTSTATUSEX_NEWAGENT,
           TCC_LINEAGENTSTATEEX_NOTREADY, 0, 0, 0);
    expect(TCC_LINE_AGENTSTATUSEX, TCC_LINEAGENTSTATUSEX_UPDATEINFO, 0, 0, 0, 0);
}

static void test_session(void **state)
{
    /* ASE_NEW_SESSION 0, ASE_NOT_READY 1, ASE_READY 2, ASE_BUSY 3, ASE_WRAPUP 4, ASE_END 5 */
    expect(TCC_LINE_AGENTSESSIONSTATUS, TCC_LINEAGENTSESSIONSTATUS_NEWSESSION | TCC_LINEAGENTSESSIONSTATUS_STATE,
           TCC_LINEAGENTSESSIONSTATE_NOTREADY, 1, 0x400, 0);
    expect(TCC_LINE_AGENTSESSIONSTATUS, TCC_LINEAGENTSESSIONSTATUS_STATE, TCC_LINEAGENTSESSIONSTATE_NOTREADY, 1,
           0x400, 1);
    expect(TCC_LINE_AGENTSESSIONSTATUS, TCC_LINEAGENTSESSIONSTATUS_STATE, TCC_LINEAGENTSESSIONSTATE_READY, 1,
           0x400, 2);
    expect(TCC_LINE_AGENTSESSIONSTATUS, TCC_LINEAGENTSESSIONSTATUS_STATE, TCC_LINEAGENTSESSIONSTATE_BUSYONCALL, 1,
           0x400, 3);
    expect(TCC_LINE_AGENTSESSIONSTATUS, TCC_LINEAGENTSESSIONSTATUS_STATE, TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP, 1,
           0x400, 4);
    expect(TCC_LINE_AGENTSESSIONSTATUS, TCC_LINEAGENTSESSIONSTATUS_STATE, TCC_LINEAGENTSESSIONSTATE_ENDED, 1,
           0x400, 5);
    expect(TCC_LINE_AGENTSESSIONSTATUS, TCC_LINEAGENTSESSIONSTATUS_STATE, TCC_LINEAGENTSESSIONSTATE_RELEASED, 1,
           0x400, 5);
    expect(TCC_LINE_AGENTSESSIONSTATUS, TCC_LINEAGENTSESSIONSTATUS_UPDATEINFO, 0, 0, 0, 0);
}

static void test_queue_group_handler(void **state)
{
    struct tcc_status_event events[2];

    expect(TCC_LINE_QUEUESTATUS, TCC_LINEQUEUESTATUS_NEWQUEUE, 0, 1, 0x4000, 0);
    expect(TCC_LINE_QUEUESTATUS, TCC_LINEQUEUESTATUS_QUEUEREMOVED, 0, 1, 0x4000, 1);
    expect(TCC_LINE_QUEUESTATUS, TCC_LINEQUEUESTATUS_UPDATEINFO, 0, 0, 0, 0);
    expect(TCC_LINE_GROUPSTATUS, TCC_LINEGROUPSTATUS_NEWGROUP, 0, 1, 0x2000, 0);
    expect(TCC_LINE_GROUPSTATUS, TCC_LINEGROUPSTATUS_GROUPREMOVED, 0, 1, 0x2000, 1);
    expect(TCC_LINE_PROXYSTATUS, TCC_LINEPROXYSTATUS_OPEN, 0, 1, 0x1000, 0);
    expect(TCC_LINE_PROXYSTATUS, TCC_LINEPROXYSTATUS_CLOSE, 0, 1, 0x1000, 1);
    expect(TCC_LINE_PROXYSTATUS, TCC_LINEPROXYSTATUS_ALLOPENFORACD, 0, 0, 0, 0);
    /* The provider's link: AE_STATE (0) for TE_ADDRESS (0x2), either way. */
    expect(TCC_LINE_LINEDEVSTATE, TCC_LINEDEVSTATE_OUTOFSERVICE, 0, 1, 0x2, 0);
    expect(TCC_LINE_LINEDEVSTATE, TCC_LINEDEVSTATE_INSERVICE, 0, 1, 0x2, 0);
    expect(TCC_LINE_LINEDEVSTATE, 0x00000001 /* LINEDEVSTATE_OTHER */, 0, 0, 0, 0);
    expect(TCC_LINE_AGENTSTATUS, 1, 0, 0, 0, 0);    /* TAPI 2.1's message: not ours */
    assert_int_equal(2, tcc_status_to_events(TCC_LINE_QUEUESTATUS, TCC_LINEQUEUESTATUS_NEWQUEUE |
                                             TCC_LINEQUEUESTATUS_QUEUEREMOVED, 0, events));
    assert_int_equal(1, events[1].value);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_agent),
        cmocka_unit_test(test_session),
        cmocka_unit_test(test_queue_group_handler),
    };

    return cmocka_run_group_tests_name("status_map", tests, NULL, NULL);
}
