' A script client: creates the TAPI object through its ProgID, late-bound, as a
' VBScript or HTA agent desktop does.  Run with cscript (Wine's or Windows').
'   cscript //nologo create_tapi.vbs [ProgID]
Option Explicit

Const TE_AGENT = &H200
Const TE_AGENTSESSION = &H400
Const TE_QUEUE = &H4000

Dim progId, tapi
progId = "Tapi3cc.TAPI"
If WScript.Arguments.Count > 0 Then progId = WScript.Arguments(0)

WScript.Echo "VBScript client"
Set tapi = CreateObject(progId)
WScript.Echo "  CreateObject(""" & progId & """): " & TypeName(tapi)
tapi.Initialize
tapi.EventFilter = TE_AGENT Or TE_AGENTSESSION Or TE_QUEUE
WScript.Echo "  EventFilter = &H" & Hex(tapi.EventFilter)

' Call control is not part of tapi3cc: the error says so.
On Error Resume Next
Dim hubs
hubs = tapi.CallHubs
WScript.Echo "  tapi.CallHubs -> Err &H" & Hex(Err.Number) & ": " & Err.Description
Err.Clear
On Error GoTo 0

' A collection, as every collection getter returns them: 1-based, For Each works.
Dim coll, item, text
Set coll = tapi.CreateEmptyCollectionObject
coll.Add 1, "Sales"
coll.Add 2, "Support"
coll.Add 1, "Billing"
text = ""
For Each item In coll
    text = text & item & " "
Next
WScript.Echo "  collection: Count = " & coll.Count & ", Item(1) = " & coll.Item(1) & ", For Each: " & text

' The call-center objects, as the TAPI 3 documentation walks them.
Dim handler, group, queue, address, agent, session
For Each handler In tapi.AgentHandlers
    WScript.Echo "  agent handler: " & handler.Name
    For Each group In handler.ACDGroups
        For Each queue In group.Queues
            WScript.Echo "    group " & group.Name & ", queue " & queue.Name & _
                         ": measured over " & queue.MeasurementPeriod & " s"
        Next
    Next
    For Each address In handler.UsableAddresses
        WScript.Echo "    address " & address.AddressName & " (" & address.DialableAddress & ")"
    Next
    Set agent = handler.CreateAgentWithID("1001", "1234")
    Set session = agent.CreateSessionWithPIN(handler.ACDGroups.Item(1), handler.UsableAddresses.Item(1), "1234")
    session.State = 1   ' ASST_READY
    WScript.Echo "    agent " & agent.ID & " logged into " & session.ACDGroup.Name & " on " & _
                 session.Address.AddressName & ": session state " & session.State & ", agent state " & agent.State
    session.State = 4   ' ASST_SESSION_ENDED
    On Error Resume Next
    Set agent = handler.CreateAgentWithID("1001", "0000")
    WScript.Echo "    wrong PIN -> Err &H" & Hex(Err.Number) & ": " & Err.Description
    Err.Clear
    On Error GoTo 0
Next

tapi.Shutdown
Set tapi = Nothing
WScript.Echo "  done"
