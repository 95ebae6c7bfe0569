' The file_agent example provider from a script: the agent's desk state lives in a
' text file that another program writes; here the script is that program too.
'
'   regsvr32 tapi3cc.dll
'   regsvr32 tapi3cc_file_agent.dll
'   set TAPI3CC_PROVIDERS=file_agent:file=C:\desk\state.txt;id=100;pin=4711
'   cscript file_agent.vbs C:\desk\state.txt
'
' Logs agent 100 in (the file then says "notready"), writes "ready", "busy",
' "wrapup" and "ready" as a phone system would, and shows the session follow each
' word, with an event for each.  Ends with "script file_agent.vbs: N passed, M failed".
Option Explicit

Const TE_AGENTSESSION = &H400
Const ASE_READY = 2
Const ASE_BUSY = 3
Const ASE_WRAPUP = 4
Const ASE_END = 5
Const ASST_NOT_READY = 0
Const ASST_READY = 1
Const ASST_BUSY_ON_CALL = 2
Const ASST_BUSY_WRAPUP = 3
Const ASST_SESSION_ENDED = 4

Dim statePath, fso, tapi, handler, agent, session, events, passed, failed
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

Sub WriteState(word)
    Dim file
    Set file = fso.CreateTextFile(statePath, True)
    file.WriteLine word
    file.Close
End Sub

Function ReadState()
    Dim file
    Set file = fso.OpenTextFile(statePath)
    ReadState = Trim(file.ReadLine)
    file.Close
End Function

' Another program writes `word`; the session follows within a poll (0.2 s).
Sub Expect(word, state)
    WriteState word
    WScript.Sleep 600
    Check session.State = state, word & ": session.State is " & session.State & ", expected " & state
End Sub

statePath = WScript.Arguments(0)
Set fso = CreateObject("Scripting.FileSystemObject")
WriteState "loggedout"

Set tapi = CreateObject("Tapi3cc.TAPI")
tapi.EventFilter = TE_AGENTSESSION
WScript.ConnectObject tapi, "tapi_"
tapi.Initialize
Set handler = tapi.AgentHandlers.Item(1)
WScript.Echo "handler: " & handler.Name
Check InStr(handler.Name, "File agent") = 1, "the handler is the file_agent provider: " & handler.Name

' A wrong PIN is refused with the documented error.
On Error Resume Next
Set agent = handler.CreateAgentWithID("100", "0000")
Check Err.Number <> 0 And InStr(Err.Description, "PIN") > 0, "a wrong PIN is refused: " & Err.Description
On Error GoTo 0

Set agent = handler.CreateAgentWithID("100", "4711")
Set session = agent.CreateSessionWithPIN(handler.ACDGroups.Item(1), handler.UsableAddresses.Item(1), "4711")
Check ReadState() = "notready", "logging in writes notready to the file: " & ReadState()
Check session.State = ASST_NOT_READY, "a new session is not ready"

Expect "ready", ASST_READY
Expect "busy", ASST_BUSY_ON_CALL
Expect "wrapup", ASST_BUSY_WRAPUP
Expect "ready", ASST_READY
Check session.NumberOfCalls = 1, "one call: " & session.NumberOfCalls
WScript.Echo "session: " & session.NumberOfCalls & " call, " & session.TotalTalkTime & " s talk, " & _
             session.TotalWrapUpTime & " s wrap-up"

' The client's own change goes to the file.
session.State = ASST_NOT_READY
Check ReadState() = "notready", "put_State(NOT_READY) writes notready: " & ReadState()

Expect "loggedout", ASST_SESSION_ENDED
WScript.Sleep 300
WScript.Echo "events: " & events
Check InStr(events, ASE_READY & ";" & ASE_BUSY & ";" & ASE_WRAPUP & ";" & ASE_READY & ";") > 0, _
      "ready, busy, wrap-up, ready arrive as events in order: " & events
Check Right(events, 2) = ASE_END & ";", "the session's end is the last event: " & events

WScript.DisconnectObject tapi
tapi.Shutdown
Set session = Nothing
Set agent = Nothing
Set handler = Nothing
Set tapi = Nothing

WScript.Echo "script file_agent.vbs: " & passed & " passed, " & failed & " failed"
If failed > 0 Then WScript.Quit 1
