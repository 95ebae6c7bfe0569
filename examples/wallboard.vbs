' A live wallboard in VBScript: it logs the demo agents in, connects to the TAPI
' object's events (WScript.ConnectObject) and redraws its table whenever an agent
' or a session changes state — no polling.  Run it with tcchost (which delivers
' events while the script sleeps):
'     tcchost wallboard.vbs [seconds]           (default 6)
' With TAPI3CC_PROVIDERS=acd:speed=600 each real second is ten simulated minutes.
' When the ACD's link goes down (the addresses go out of service: an AE_STATE
' address event) it says "ACD link down" above the last figures it knows, until
' the link is back.
Option Explicit

Const TE_ADDRESS = &H2
Const TE_AGENT = &H200
Const TE_AGENTSESSION = &H400
Const AS_OUTOFSERVICE = 1
Const ASST_READY = 1
Const ASST_SESSION_ENDED = 4

Dim tapi, handler, sessionCount, changes, lastDrawn, seconds, elapsed, linkDown, linkNews
Dim sessions(3)      ' one per login below
Dim stateNames
stateNames = Array("not ready", "ready", "on call", "wrap-up", "ended")

Function Pad(text, width)
    Pad = Left(CStr(text) & Space(width), width)
End Function

Function PadLeft(text, width)
    PadLeft = Right(Space(width) & CStr(text), width)
End Function

Sub Draw(reason)
    Dim i, s, queue, group
    WScript.Echo ""
    If linkNews <> "" Then reason = reason & "; " & linkNews
    linkNews = ""
    WScript.Echo "-- wallboard after " & changes & " state changes (" & reason & ")"
    If linkDown Then WScript.Echo "!! ACD link down: the figures below are the last ones known"
    WScript.Echo Pad("agent", 7) & Pad("group", 9) & Pad("state", 10) & PadLeft("calls", 6) & PadLeft("talk", 7) & _
                 PadLeft("wrap-up", 8) & PadLeft("avg ans", 8)
    For i = 0 To sessionCount - 1
        Set s = sessions(i)
        WScript.Echo Pad(s.Agent.ID, 7) & Pad(s.ACDGroup.Name, 9) & Pad(stateNames(s.State), 10) & _
                     PadLeft(s.NumberOfCalls, 6) & PadLeft(s.TotalTalkTime, 7) & PadLeft(s.TotalWrapUpTime, 8) & _
                     PadLeft(s.AverageTimeToAnswer, 8)
    Next
    For Each group In handler.ACDGroups
        For Each queue In group.Queues
            WScript.Echo "  queue " & Pad(queue.Name, 15) & " waiting " & queue.CurrentCallsQueued & _
                         ", queued " & queue.TotalCallsQueued & ", abandoned " & queue.TotalCallsAbandoned & _
                         ", average wait " & queue.AverageWaitTime & " s"
        Next
    Next
    lastDrawn = changes
End Sub

' ITTAPIDispatchEventNotification::Event, by the prefix given to ConnectObject.
Sub tapi_Event(eventType, eventObject)
    If eventType = TE_AGENTSESSION Or eventType = TE_AGENT Then changes = changes + 1
    If eventType = TE_ADDRESS Then
        ' One event per address; the link is all of them.
        If (eventObject.Address.State = AS_OUTOFSERVICE) <> linkDown Then
            linkDown = Not linkDown
            If linkDown Then linkNews = "ACD link down" Else linkNews = "ACD link back"
            changes = changes + 1
        End If
    End If
End Sub

changes = 0
lastDrawn = 0
linkDown = False
linkNews = ""
seconds = 6
If WScript.Arguments.Count > 0 Then seconds = CInt(WScript.Arguments(0))

Set tapi = CreateObject("Tapi3cc.TAPI")
WScript.ConnectObject tapi, "tapi_"
tapi.EventFilter = TE_AGENT Or TE_AGENTSESSION Or TE_ADDRESS
tapi.Initialize
For Each handler In tapi.AgentHandlers
    Exit For
Next
WScript.Echo "agent handler: " & handler.Name

' alice in Sales and Support, bob in Sales, carol in Support.
Dim logins, login, agents, agent, group, address
Set agents = CreateObject("Scripting.Dictionary")
logins = Array(Array("1001", "1234", 1, 1), Array("1001", "1234", 2, 1), Array("1002", "2345", 1, 2), _
               Array("1003", "", 2, 3))
sessionCount = 0
For Each login In logins
    If Not agents.Exists(login(0)) Then agents.Add login(0), handler.CreateAgentWithID(login(0), login(1))
    Set agent = agents(login(0))
    Set sessions(sessionCount) = agent.CreateSessionWithPIN(handler.ACDGroups.Item(login(2)), _
                                                            handler.UsableAddresses.Item(login(3)), login(1))
    sessions(sessionCount).State = ASST_READY
    sessionCount = sessionCount + 1
Next
Draw "logged in"

' Redraw when events say something changed, at most twice a second.
elapsed = 0
Do While elapsed < seconds * 1000
    WScript.Sleep 500
    elapsed = elapsed + 500
    If changes > lastDrawn Then Draw elapsed / 1000 & " s"
Loop

Dim i
If linkDown Then WScript.Echo "the ACD link is down: the sessions stay logged in"
On Error Resume Next     ' a logout fails while the link is down
For i = 0 To sessionCount - 1
    sessions(i).State = ASST_SESSION_ENDED
Next
On Error GoTo 0
WScript.DisconnectObject tapi
tapi.Shutdown
WScript.Echo ""
WScript.Echo "done: " & changes & " agent and session state changes arrived as events"
