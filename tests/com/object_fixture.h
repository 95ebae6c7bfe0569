/*
 * An initialized TAPI object over the emulator's demo topology on a manual clock
 * (no simulated traffic), and the objects every object-model test starts from.
 *   groups: Sales, Support; queues: 2 "Sales Overflow", 1 "Sales Inbound" (Sales),
 *   3 "Support Line" (Support); addresses "Agent line 1..3" (lines 0..2, address 0);
 *   agents alice 1001/1234 (Sales, Support), bob 1002/2345 (Sales), carol 1003.
 */
#ifndef TAPI3CC_OBJECT_FIXTURE_H
#define TAPI3CC_OBJECT_FIXTURE_H

#include "harness.h"

#include <string.h>
#include <wchar.h>

struct fixture
{
    ITTAPI2 *tapi;
    ITTAPICallCenter *center;
    ITAgentHandler *handler;
    ITACDGroup *sales, *support;
    ITAddress *line1, *line2;
};

/* Initializes `tapi` (made and prepared by the caller: an event filter, a sink) and
 * finds the objects every test starts from. */
static inline void fixture_initialize(struct fixture *f, ITTAPI2 *tapi)
{
    IEnumAgentHandler *handlers;
    IEnumACDGroup *groups;
    IEnumAddress *addresses;

    memset(f, 0, sizeof(*f));
    f->tapi = tapi;
    assert_hr(S_OK, ITTAPI2_Initialize(f->tapi));
    assert_hr(S_OK, ITTAPI2_QueryInterface(f->tapi, &IID_ITTAPICallCenter, (void **)&f->center));
    assert_hr(S_OK, ITTAPICallCenter_EnumerateAgentHandlers(f->center, &handlers));
    assert_hr(S_OK, IEnumAgentHandler_Next(handlers, 1, &f->handler, NULL));
    IEnumAgentHandler_Release(handlers);
    assert_hr(S_OK, ITAgentHandler_EnumerateACDGroups(f->handler, &groups));
    assert_hr(S_OK, IEnumACDGroup_Next(groups, 1, &f->sales, NULL));
    assert_hr(S_OK, IEnumACDGroup_Next(groups, 1, &f->support, NULL));
    IEnumACDGroup_Release(groups);
    assert_hr(S_OK, ITAgentHandler_EnumerateUsableAddresses(f->handler, &addresses));
    assert_hr(S_OK, IEnumAddress_Next(addresses, 1, &f->line1, NULL));
    assert_hr(S_OK, IEnumAddress_Next(addresses, 1, &f->line2, NULL));
    IEnumAddress_Release(addresses);
}

/* A new TAPI object on the manual emulator without traffic, initialized. */
static inline void fixture_open(struct fixture *f)
{
    ITTAPI2 *tapi;

    tcc_test_use_manual_emulator();
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    fixture_initialize(f, tapi);
}

static inline void fixture_close(struct fixture *f)
{
    ITAddress_Release(f->line1);
    ITAddress_Release(f->line2);
    ITACDGroup_Release(f->sales);
    ITACDGroup_Release(f->support);
    ITAgentHandler_Release(f->handler);
    ITTAPICallCenter_Release(f->center);
    assert_hr(S_OK, ITTAPI2_Shutdown(f->tapi));
    ITTAPI2_Release(f->tapi);
}

static inline ITAgent *fixture_agent(struct fixture *f, const WCHAR *id, const WCHAR *pin)
{
    BSTR id_text = SysAllocString(id), pin_text = SysAllocString(pin);
    ITAgent *agent = NULL;

    assert_hr(S_OK, ITAgentHandler_CreateAgentWithID(f->handler, id_text, pin_text, &agent));
    SysFreeString(id_text);
    SysFreeString(pin_text);
    return agent;
}

static inline ITAgentSession *fixture_session(struct fixture *f, ITAgent *agent, ITACDGroup *group,
                                              ITAddress *address, const WCHAR *pin)
{
    BSTR pin_text = SysAllocString(pin);
    ITAgentSession *session = NULL;

    assert_hr(S_OK, ITAgent_CreateSessionWithPIN(agent, group, address, pin_text, &session));
    SysFreeString(pin_text);
    return session;
}

static inline void assert_bstr(const WCHAR *expected, BSTR actual)
{
    if (!actual || wcscmp(expected, actual))
        fail_msg("expected \"%ls\", got \"%ls\"", expected, actual ? actual : L"(null)");
    SysFreeString(actual);
}

#endif
