/*
 * tapi3cc's portable TAPI 2 structures (include/tapi3cc/tapi2.h) against MinGW's
 * <tapi.h>: every size and every field offset equal (asserted at compile time
 * and reported at run time), and every constant equal.  Spec §9.1 gives the sizes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <windows.h>
#include <tapi.h>

#include "tapi3cc/tapi2.h"

#define LIST_FIELDS(S) F(S, dwTotalSize) F(S, dwNeededSize) F(S, dwUsedSize) F(S, dwNumEntries) \
    F(S, dwListSize) F(S, dwListOffset)

/* STRUCTURE(name, spec size) FIELDS */
#define LAYOUT \
    S(LINEAGENTSESSIONINFO, 76, F(LINEAGENTSESSIONINFO, dwTotalSize) F(LINEAGENTSESSIONINFO, dwNeededSize) \
      F(LINEAGENTSESSIONINFO, dwUsedSize) F(LINEAGENTSESSIONINFO, dwAgentSessionState) \
      F(LINEAGENTSESSIONINFO, dwNextAgentSessionState) F(LINEAGENTSESSIONINFO, dateSessionStartTime) \
      F(LINEAGENTSESSIONINFO, dwSessionDuration) F(LINEAGENTSESSIONINFO, dwNumberOfCalls) \
      F(LINEAGENTSESSIONINFO, dwTotalTalkTime) F(LINEAGENTSESSIONINFO, dwAverageTalkTime) \
      F(LINEAGENTSESSIONINFO, dwTotalCallTime) F(LINEAGENTSESSIONINFO, dwAverageCallTime) \
      F(LINEAGENTSESSIONINFO, dwTotalWrapUpTime) F(LINEAGENTSESSIONINFO, dwAverageWrapUpTime) \
      F(LINEAGENTSESSIONINFO, cyACDCallRate) F(LINEAGENTSESSIONINFO, dwLongestTimeToAnswer) \
      F(LINEAGENTSESSIONINFO, dwAverageTimeToAnswer)) \
    S(LINEAGENTSESSIONENTRY, 28, F(LINEAGENTSESSIONENTRY, hAgentSession) F(LINEAGENTSESSIONENTRY, hAgent) \
      F(LINEAGENTSESSIONENTRY, GroupID) F(LINEAGENTSESSIONENTRY, dwWorkingAddressID)) \
    S(LINEAGENTSESSIONLIST, 24, LIST_FIELDS(LINEAGENTSESSIONLIST)) \
    S(LINEAGENTINFO, 56, F(LINEAGENTINFO, dwTotalSize) F(LINEAGENTINFO, dwNeededSize) F(LINEAGENTINFO, dwUsedSize) \
      F(LINEAGENTINFO, dwAgentState) F(LINEAGENTINFO, dwNextAgentState) F(LINEAGENTINFO, dwMeasurementPeriod) \
      F(LINEAGENTINFO, cyOverallCallRate) F(LINEAGENTINFO, dwNumberOfACDCalls) \
      F(LINEAGENTINFO, dwNumberOfIncomingCalls) F(LINEAGENTINFO, dwNumberOfOutgoingCalls) \
      F(LINEAGENTINFO, dwTotalACDTalkTime) F(LINEAGENTINFO, dwTotalACDCallTime) \
      F(LINEAGENTINFO, dwTotalACDWrapUpTime)) \
    S(LINEAGENTENTRY, 28, F(LINEAGENTENTRY, hAgent) F(LINEAGENTENTRY, dwNameSize) F(LINEAGENTENTRY, dwNameOffset) \
      F(LINEAGENTENTRY, dwIDSize) F(LINEAGENTENTRY, dwIDOffset) F(LINEAGENTENTRY, dwPINSize) \
      F(LINEAGENTENTRY, dwPINOffset)) \
    S(LINEAGENTLIST, 24, LIST_FIELDS(LINEAGENTLIST)) \
    S(LINEAGENTGROUPENTRY, 24, F(LINEAGENTGROUPENTRY, GroupID.dwGroupID1) F(LINEAGENTGROUPENTRY, GroupID.dwGroupID2) \
      F(LINEAGENTGROUPENTRY, GroupID.dwGroupID3) F(LINEAGENTGROUPENTRY, GroupID.dwGroupID4) \
      F(LINEAGENTGROUPENTRY, dwNameSize) F(LINEAGENTGROUPENTRY, dwNameOffset)) \
    S(LINEAGENTGROUPLIST, 24, LIST_FIELDS(LINEAGENTGROUPLIST)) \
    S(LINEQUEUEENTRY, 12, F(LINEQUEUEENTRY, dwQueueID) F(LINEQUEUEENTRY, dwNameSize) F(LINEQUEUEENTRY, dwNameOffset)) \
    S(LINEQUEUELIST, 24, LIST_FIELDS(LINEQUEUELIST)) \
    S(LINEQUEUEINFO, 52, F(LINEQUEUEINFO, dwTotalSize) F(LINEQUEUEINFO, dwNeededSize) F(LINEQUEUEINFO, dwUsedSize) \
      F(LINEQUEUEINFO, dwMeasurementPeriod) F(LINEQUEUEINFO, dwTotalCallsQueued) \
      F(LINEQUEUEINFO, dwCurrentCallsQueued) F(LINEQUEUEINFO, dwTotalCallsAbandoned) \
      F(LINEQUEUEINFO, dwTotalCallsFlowedIn) F(LINEQUEUEINFO, dwTotalCallsFlowedOut) \
      F(LINEQUEUEINFO, dwLongestEverWaitTime) F(LINEQUEUEINFO, dwCurrentLongestWaitTime) \
      F(LINEQUEUEINFO, dwAverageWaitTime) F(LINEQUEUEINFO, dwFinalDisposition)) \
    S(LINEAGENTCAPS, 72, F(LINEAGENTCAPS, dwTotalSize) F(LINEAGENTCAPS, dwNeededSize) F(LINEAGENTCAPS, dwUsedSize) \
      F(LINEAGENTCAPS, dwAgentHandlerInfoSize) F(LINEAGENTCAPS, dwAgentHandlerInfoOffset) \
      F(LINEAGENTCAPS, dwCapsVersion) F(LINEAGENTCAPS, dwFeatures) F(LINEAGENTCAPS, dwStates) \
      F(LINEAGENTCAPS, dwNextStates) F(LINEAGENTCAPS, dwMaxNumGroupEntries) \
      F(LINEAGENTCAPS, dwAgentStatusMessages) F(LINEAGENTCAPS, dwNumAgentExtensionIDs) \
      F(LINEAGENTCAPS, dwAgentExtensionIDListSize) F(LINEAGENTCAPS, dwAgentExtensionIDListOffset) \
      F(LINEAGENTCAPS, ProxyGUID)) \
    S(LINEAGENTSTATUS, 56, F(LINEAGENTSTATUS, dwTotalSize) F(LINEAGENTSTATUS, dwNeededSize) \
      F(LINEAGENTSTATUS, dwUsedSize) F(LINEAGENTSTATUS, dwNumEntries) F(LINEAGENTSTATUS, dwGroupListSize) \
      F(LINEAGENTSTATUS, dwGroupListOffset) F(LINEAGENTSTATUS, dwState) F(LINEAGENTSTATUS, dwNextState) \
      F(LINEAGENTSTATUS, dwActivityID) F(LINEAGENTSTATUS, dwActivitySize) F(LINEAGENTSTATUS, dwActivityOffset) \
      F(LINEAGENTSTATUS, dwAgentFeatures) F(LINEAGENTSTATUS, dwValidStates) F(LINEAGENTSTATUS, dwValidNextStates))

/* Compile time: a mismatch does not build. */
#define S(name, spec_size, fields) \
    _Static_assert(sizeof(name) == spec_size, #name ": MinGW's size differs from the spec's"); \
    _Static_assert(sizeof(TCC_##name) == spec_size, #name ": our size differs from the spec's"); \
    fields
#define F(name, field) \
    _Static_assert(offsetof(name, field) == offsetof(TCC_##name, field), #name "." #field ": offsets differ");
LAYOUT
#undef S
#undef F

/* Run time: the same comparisons, reported with their count. */
struct row { const char *name; size_t theirs, ours; };
#define S(name, spec_size, fields) { #name, sizeof(name), sizeof(TCC_##name) }, { #name " (spec)", spec_size, sizeof(TCC_##name) }, fields
#define F(name, field) { #name "." #field, offsetof(name, field), offsetof(TCC_##name, field) },
static const struct row rows[] = { LAYOUT };
#undef S
#undef F

#define CONSTANTS \
    C(LINEAGENTSTATEEX_NOTREADY) C(LINEAGENTSTATEEX_READY) C(LINEAGENTSTATEEX_BUSYACD) \
    C(LINEAGENTSTATEEX_BUSYINCOMING) C(LINEAGENTSTATEEX_BUSYOUTGOING) C(LINEAGENTSTATEEX_UNKNOWN) \
    C(LINEAGENTSTATEEX_RELEASED) C(LINEAGENTSESSIONSTATE_NOTREADY) C(LINEAGENTSESSIONSTATE_READY) \
    C(LINEAGENTSESSIONSTATE_BUSYONCALL) C(LINEAGENTSESSIONSTATE_BUSYWRAPUP) C(LINEAGENTSESSIONSTATE_ENDED) \
    C(LINEAGENTSESSIONSTATE_RELEASED) C(LINEAGENTSTATUSEX_NEWAGENT) C(LINEAGENTSTATUSEX_STATE) \
    C(LINEAGENTSTATUSEX_UPDATEINFO) C(LINEAGENTSESSIONSTATUS_NEWSESSION) C(LINEAGENTSESSIONSTATUS_STATE) \
    C(LINEAGENTSESSIONSTATUS_UPDATEINFO) C(LINEQUEUESTATUS_UPDATEINFO) C(LINEQUEUESTATUS_NEWQUEUE) \
    C(LINEQUEUESTATUS_QUEUEREMOVED) C(LINEGROUPSTATUS_NEWGROUP) C(LINEGROUPSTATUS_GROUPREMOVED) \
    C(LINEPROXYSTATUS_OPEN) C(LINEPROXYSTATUS_CLOSE) C(LINEPROXYSTATUS_ALLOPENFORACD) \
    C(LINEDEVSTATE_INSERVICE) C(LINEDEVSTATE_OUTOFSERVICE) \
    C(LINEAGENTFEATURE_SETAGENTGROUP) C(LINEAGENTFEATURE_SETAGENTSTATE) C(LINEAGENTFEATURE_SETAGENTACTIVITY) \
    C(LINEAGENTFEATURE_AGENTSPECIFIC) C(LINEAGENTFEATURE_GETAGENTACTIVITYLIST) C(LINEAGENTFEATURE_GETAGENTGROUP) \
    C(LINEPROXYREQUEST_SETAGENTGROUP) C(LINEPROXYREQUEST_SETAGENTSTATE) C(LINEPROXYREQUEST_SETAGENTACTIVITY) \
    C(LINEPROXYREQUEST_GETAGENTCAPS) C(LINEPROXYREQUEST_GETAGENTSTATUS) C(LINEPROXYREQUEST_AGENTSPECIFIC) \
    C(LINEPROXYREQUEST_GETAGENTACTIVITYLIST) C(LINEPROXYREQUEST_GETAGENTGROUPLIST) C(LINEPROXYREQUEST_CREATEAGENT) \
    C(LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD) C(LINEPROXYREQUEST_GETAGENTINFO) \
    C(LINEPROXYREQUEST_CREATEAGENTSESSION) C(LINEPROXYREQUEST_GETAGENTSESSIONLIST) \
    C(LINEPROXYREQUEST_SETAGENTSESSIONSTATE) C(LINEPROXYREQUEST_GETAGENTSESSIONINFO) \
    C(LINEPROXYREQUEST_GETQUEUELIST) C(LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD) \
    C(LINEPROXYREQUEST_GETQUEUEINFO) C(LINEPROXYREQUEST_GETGROUPLIST) C(LINEPROXYREQUEST_SETAGENTSTATEEX) \
    C(LINE_CLOSE) C(LINE_LINEDEVSTATE) C(LINE_REPLY) C(LINE_AGENTSPECIFIC) C(LINE_AGENTSTATUS) C(LINE_PROXYREQUEST) \
    C(LINE_AGENTSESSIONSTATUS) C(LINE_QUEUESTATUS) C(LINE_AGENTSTATUSEX) C(LINE_GROUPSTATUS) C(LINE_PROXYSTATUS) \
    C(LINEERR_ALLOCATED) C(LINEERR_BADDEVICEID) C(LINEERR_INCOMPATIBLEAPIVERSION) C(LINEERR_INVALADDRESSID) \
    C(LINEERR_INVALAPPHANDLE) C(LINEERR_INVALLINEHANDLE) C(LINEERR_INVALPARAM) C(LINEERR_INVALPOINTER) \
    C(LINEERR_NODEVICE) C(LINEERR_NODRIVER) C(LINEERR_NOMEM) C(LINEERR_OPERATIONFAILED) \
    C(LINEERR_OPERATIONUNAVAIL) C(LINEERR_RESOURCEUNAVAIL) C(LINEERR_STRUCTURETOOSMALL) \
    C(LINEERR_UNINITIALIZED) C(LINEERR_INVALAGENTID) C(LINEERR_INVALAGENTGROUP) C(LINEERR_INVALPASSWORD) \
    C(LINEERR_INVALAGENTSTATE) C(LINEERR_INVALAGENTACTIVITY) C(LINEERR_INVALAGENTSESSIONSTATE)

struct constant { const char *name; long long theirs, ours; };
#define C(name) { #name, (long long)(int32_t)(name), (long long)(int32_t)(TCC_##name) },
static const struct constant constants[] = { CONSTANTS };
#undef C

static void test_layouts(void **state)
{
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        if (rows[i].theirs != rows[i].ours)
            fail_msg("%s: %u in MinGW's tapi.h / the spec, %u in tapi3cc's", rows[i].name,
                     (unsigned)rows[i].theirs, (unsigned)rows[i].ours);
    printf("tapi2 layout: %u sizes and offsets equal to MinGW's tapi.h and the spec\n",
           (unsigned)(sizeof(rows) / sizeof(rows[0])));
}

static void test_constants(void **state)
{
    for (size_t i = 0; i < sizeof(constants) / sizeof(constants[0]); i++)
        if (constants[i].theirs != constants[i].ours)
            fail_msg("%s: 0x%llx in MinGW's tapi.h, 0x%llx in tapi3cc's", constants[i].name,
                     constants[i].theirs, constants[i].ours);
    printf("tapi2 constants: %u equal to MinGW's tapi.h\n", (unsigned)(sizeof(constants) / sizeof(constants[0])));
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_constants),
    };

    return cmocka_run_group_tests_name("tapi2 layout", tests, NULL, NULL);
}
