' The asterisk provider from VBScript (tcchost), against the real Asterisk that
' with_asterisk started, with tapi3cc.dll and tapi3cc_asterisk.dll registered by
' regsvr32 and agent 1001 (PIN 1234) and address 2001 put in AstDB by the admin tool,
' which also makes a caller into sales once the file "asterisk-call.flag" appears in
' the working folder (the script writes it).  TAPI3CC_PROVIDERS names the provider.
' Ends with "script asterisk.vbs: N passed, M failed".
Option Explicit

Const TE_AGENTSESSION = &H400
Const ASE_NEW_SESSION = 0
Const ASE_NOT_READY = 1
Const ASE_READY = 2
Const ASE_BUSY = 3
Const ASE_WRAPUP = 4
Const ASE_END = 5
Const ASST_NOT_READY = 0
Const ASST_READY = 1
Const ASST_SESSION_ENDED = 4
Const TAPI_E_CALLCENTER_INVALPASSWORD = &H8004004A

Dim passed, failed, events, tapi, handler, group, sales, address, agent, session
passed = 0
failed = 0
events = ""

Sub Check(condition, what)
    If condition Then
        passed = passed + 1
    Else
        failed = failed + 1
        WScript.Echo "FAILED: " & what
    End If
End Sub

Sub tapi_Event(eventType, eventObject)
    If eventType = TE_AGENTSESSION Then events = events & eventObject.Event & ";"
End Sub

Sub WaitFor(text)
    Dim waited
    For waited = 1 To 100
        If InStr(events, text) > 0 Then Exit Sub
        WScript.Sleep 100
    Next
End Sub

Set tapi = CreateObject("Tapi3cc.TAPI")
tapi.EventFilter = TE_AGENTSESSION
WScript.ConnectObject tapi, "tapi_"
tapi.Initialize
Set handler = tapi.AgentHandlers.Item(1)
Check InStr(handler.Name, "Asterisk 127.0.0.1:") = 1, "handler.Name is " & handler.Name
For Each group In handler.ACDGroups
    If group.Name = "sales" Then Set sales = group
Next
Check Not IsEmpty(sales), "a group named sales"
Check handler.ACDGroups.Count = 2, "two groups: " & handler.ACDGroups.Count
Set address = handler.UsableAddresses.Item(1)
Check address.DialableAddress = "2001", "address 2001: " & address.DialableAddress

On Error Resume Next
Set agent = handler.CreateAgentWithID("1001", "9999")
Check Err.Number = TAPI_E_CALLCENTER_INVALPASSWORD, "a wrong PIN: Err.Number &H" & Hex(Err.Number)
Check InStr(Err.Description, "PIN") > 0, "a wrong PIN: " & Err.Description
Err.Clear
On Error GoTo 0

Set agent = handler.CreateAgentWithID("1001", "1234")
Set session = agent.CreateSessionWithPIN(sales, address, "1234")
Check session.State = ASST_NOT_READY, "a new session is not ready: " & session.State
session.State = ASST_READY
Check session.State = ASST_READY, "ready: " & session.State

' A caller (the admin tool, told by a file), answered: busy, wrap-up, ready.
Dim fso, queue
Set fso = CreateObject("Scripting.FileSystemObject")
fso.CreateTextFile("asterisk-call.flag", True).Close
WaitFor ASE_WRAPUP & ";" & ASE_READY & ";"
Check InStr(events, ASE_BUSY & ";" & ASE_WRAPUP & ";" & ASE_READY & ";") > 0, "a call's events in order: " & events
Check session.NumberOfCalls = 1, "one call: " & session.NumberOfCalls
Check session.TotalTalkTime >= 2, "its talk time: " & session.TotalTalkTime
For Each queue In sales.Queues
    Check queue.TotalCallsQueued = 1, "sales queued one call: " & queue.TotalCallsQueued
Next

session.State = ASST_NOT_READY
Check session.State = ASST_NOT_READY, "not ready again: " & session.State
session.State = ASST_SESSION_ENDED
Check session.State = ASST_SESSION_ENDED, "ended: " & session.State
WaitFor ASE_END & ";"
Check events = ASE_NEW_SESSION & ";" & ASE_READY & ";" & ASE_BUSY & ";" & ASE_WRAPUP & ";" & ASE_READY & ";" & _
      ASE_NOT_READY & ";" & ASE_END & ";", "events in order: " & events

WScript.DisconnectObject tapi
tapi.Shutdown
Set session = Nothing
Set queue = Nothing
Set agent = Nothing
Set address = Nothing
Set sales = Nothing
Set group = Nothing
Set handler = Nothing
Set tapi = Nothing
WScript.Echo "script asterisk.vbs: " & passed & " passed, " & failed & " failed"
If failed > 0 Then WScript.Quit 1
