' The call-center object model late-bound from VBScript, as the TAPI 3
' documentation reads: run by tcchost with tapi3cc registered (also drop-in).
' Ends with "script object_model.vbs: N passed, M failed".
Option Explicit

Dim passed, failed
passed = 0
failed = 0

Sub Check(condition, what)
    If condition Then
        passed = passed + 1
    Else
        failed = failed + 1
        WScript.Echo "FAILED: " & what
    End If
End Sub

Sub CheckError(number, text, what)
    Check Err.Number = number, what & ": Err.Number is &H" & Hex(Err.Number) & ", expected &H" & Hex(number)
    Check InStr(Err.Description, text) > 0, what & ": Err.Description """ & Err.Description & _
          """ does not mention """ & text & """"
    Err.Clear
End Sub

Const TAPI_E_NOTSUPPORTED = &H80040003
Const TAPI_E_CALLCENTER_INVALPASSWORD = &H8004004A
Const TAPI_E_CALLCENTER_NO_AGENT_ID = &H80040047
Const E_INVALIDARG = &H80070057
Const DISP_E_BADINDEX = &H8002000B
Const ASST_READY = 1
Const ASST_SESSION_ENDED = 4
Const AS_READY = 1

Dim progId
For Each progId In Array("Tapi3cc.TAPI", "TAPI.TAPI")
    Dim tapi, handler, group, queue, address, agent, session, s, count, name, coll
    Set tapi = CreateObject(progId)
    Check TypeName(tapi) = "ITTAPI2", progId & ": TypeName of the TAPI object is " & TypeName(tapi)

    ' Before Initialize: the documented E_INVALIDARG, with a message.
    On Error Resume Next
    Set coll = tapi.AgentHandlers
    CheckError E_INVALIDARG, "not been initialized", progId & ": AgentHandlers before Initialize"
    On Error GoTo 0

    tapi.Initialize
    count = 0
    For Each handler In tapi.AgentHandlers
        count = count + 1
        Check TypeName(handler) = "ITAgentHandler", "TypeName(handler) is " & TypeName(handler)
        Check handler.Name = "tapi3cc ACD emulator", "handler.Name is " & handler.Name

        name = ""
        For Each group In handler.ACDGroups
            Check TypeName(group) = "ITACDGroup", "TypeName(group)"
            name = name & group.Name & ";"
            For Each queue In group.Queues
                Check TypeName(queue) = "ITQueue", "TypeName(queue)"
                Check queue.MeasurementPeriod = 3600, "queue.MeasurementPeriod"
                Check queue.TotalCallsQueued >= 0 And queue.CurrentCallsQueued >= 0 And _
                      queue.TotalCallsAbandoned >= 0 And queue.TotalCallsFlowedIn >= 0 And _
                      queue.TotalCallsFlowedOut >= 0 And queue.LongestEverWaitTime >= 0 And _
                      queue.CurrentLongestWaitTime >= 0 And queue.AverageWaitTime >= 0 And _
                      queue.FinalDisposition >= 0, "queue statistics of " & queue.Name
            Next
        Next
        Check name = "Sales;Support;", "groups are " & name
        Check handler.ACDGroups.Count = 2, "ACDGroups.Count"
        Check handler.ACDGroups.Item(2).Name = "Support", "ACDGroups.Item(2)"

        count = 0
        For Each address In handler.UsableAddresses
            count = count + 1
            Check TypeName(address) = "ITAddress", "TypeName(address)"
            Check address.DialableAddress = CStr(2000 + count), "DialableAddress " & address.DialableAddress
        Next
        Check count = 3, "3 usable addresses"

        Set agent = handler.CreateAgentWithID("1001", "1234")
        Check TypeName(agent) = "ITAgent", "TypeName(agent)"
        Check agent.ID = "1001", "agent.ID"
        Check Len(agent.User) > 0, "agent.User"
        Set session = agent.CreateSessionWithPIN(handler.ACDGroups.Item(1), handler.UsableAddresses.Item(1), "1234")
        Check TypeName(session) = "ITAgentSession", "TypeName(session)"
        session.State = ASST_READY
        Check session.State = ASST_READY, "session.State = 1"
        Check agent.State = AS_READY, "agent.State follows its session"
        Check session.Agent Is agent, "session.Agent is the agent"
        Check session.ACDGroup.Name = "Sales", "session.ACDGroup"
        Check session.Address.AddressName = "Agent line 1", "session.Address"
        Check TypeName(session.SessionStartTime) = "Date", "SessionStartTime is a Date"
        Check TypeName(session.ACDCallRate) = "Currency", "ACDCallRate is a Currency"
        Check session.SessionDuration >= 0 And session.NumberOfCalls = 0 And session.TotalTalkTime = 0 And _
              session.AverageTalkTime = 0 And session.TotalCallTime = 0 And session.AverageCallTime = 0 And _
              session.TotalWrapUpTime = 0 And session.AverageWrapUpTime = 0 And _
              session.LongestTimeToAnswer = 0 And session.AverageTimeToAnswer = 0, "session statistics"
        Check agent.MeasurementPeriod = 3600 And TypeName(agent.OverallCallRate) = "Currency" And _
              agent.NumberOfACDCalls = 0 And agent.NumberOfIncomingCalls = 0 And _
              agent.NumberOfOutgoingCalls = 0 And agent.TotalACDTalkTime = 0 And agent.TotalACDCallTime = 0 And _
              agent.TotalWrapUpTime = 0, "agent statistics"
        agent.MeasurementPeriod = 900
        Check agent.MeasurementPeriod = 900, "agent.MeasurementPeriod = 900"

        count = 0
        For Each s In agent.AgentSessions
            count = count + 1
            Check s Is session, "AgentSessions holds the session object"
        Next
        Check count = 1, "one session"
        Check agent.AgentSessions.Count = 1, "AgentSessions.Count"

        ' Errors a script can act on: the documented HRESULT and our message.
        On Error Resume Next
        Set s = handler.CreateAgentWithID("1001", "0000")
        CheckError TAPI_E_CALLCENTER_INVALPASSWORD, "PIN is wrong", "wrong PIN"
        Set s = handler.CreateAgent().CreateSessionWithPIN(handler.ACDGroups.Item(1), _
                                                           handler.UsableAddresses.Item(1), "1")
        CheckError TAPI_E_CALLCENTER_NO_AGENT_ID, "no agent ID", "CreateSessionWithPIN without an ID"
        session.State = 9
        CheckError E_INVALIDARG, "not a valid session state", "session.State = 9"
        agent.MeasurementPeriod = 0
        CheckError E_INVALIDARG, "period is 0", "MeasurementPeriod = 0"
        Set s = agent.AgentSessions.Item(5)
        CheckError DISP_E_BADINDEX, "", "Item(5)"
        Set coll = tapi.CallHubs
        CheckError TAPI_E_NOTSUPPORTED, "call-center objects only", "tapi.CallHubs"
        On Error GoTo 0

        session.State = ASST_SESSION_ENDED
    Next

    ' The DispatchMapper route to the call-center interface.
    Dim mapper, center
    Set mapper = CreateObject("DispatchMapper.DispatchMapper.1")
    Set center = mapper.QueryDispatchInterface("{5AFC3154-4BCC-11D1-BF80-00805FC147D3}", tapi)
    Check center.AgentHandlers.Count = 1, "DispatchMapper to ITTAPICallCenter"

    tapi.Shutdown
    Set center = Nothing
    Set mapper = Nothing
    Set session = Nothing
    Set agent = Nothing
    Set tapi = Nothing
Next

WScript.Echo "script object_model.vbs: " & passed & " passed, " & failed & " failed"
If failed > 0 Then WScript.Quit 1
