' Events in a script: WScript.ConnectObject on the TAPI object (its default
' source interface, ITTAPIDispatchEventNotification), delivered while the script
' sleeps in WScript.Sleep.  The emulator runs ten simulated minutes a second, so
' calls reach the logged-in agents.  Ends with the summary line.
Option Explicit

Const TE_AGENT = &H200
Const TE_AGENTSESSION = &H400
Const TE_AGENTHANDLER = &H1000
Const ASE_NEW_SESSION = 0
Const ASE_READY = 2
Const ASE_BUSY = 3

Dim passed, failed, handlerEvents, sessionEvents, agentEvents, busyEvents, newSession, wrongObject, session
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

Sub tapi_Event(eventType, eventObject)
    Select Case eventType
    Case TE_AGENTHANDLER
        handlerEvents = handlerEvents + 1
        If TypeName(eventObject.AgentHandler) <> "ITAgentHandler" Then wrongObject = wrongObject + 1
    Case TE_AGENTSESSION
        sessionEvents = sessionEvents + 1
        If Not IsEmpty(session) Then
            If Not eventObject.Session Is session Then wrongObject = wrongObject + 1
        End If
        If eventObject.Event = ASE_NEW_SESSION Then newSession = newSession + 1
        If eventObject.Event = ASE_BUSY Then busyEvents = busyEvents + 1
    Case TE_AGENT
        agentEvents = agentEvents + 1
    End Select
End Sub

Dim tapi, handler, agent, waited
Set tapi = CreateObject("Tapi3cc.TAPI")
WScript.ConnectObject tapi, "tapi_"
tapi.EventFilter = TE_AGENT Or TE_AGENTSESSION Or TE_AGENTHANDLER
tapi.Initialize

For Each handler In tapi.AgentHandlers
    Set agent = handler.CreateAgentWithID("1002", "2345")
    Set session = agent.CreateSessionWithPIN(handler.ACDGroups.Item(1), handler.UsableAddresses.Item(1), "2345")
    session.State = 1
Next

' Up to 20 s for a call to make the session busy (at 600x, Sales gets one every few
' simulated minutes).
waited = 0
Do While busyEvents = 0 And waited < 20000
    WScript.Sleep 200
    waited = waited + 200
Loop

Check handlerEvents = 1, "one TE_AGENTHANDLER event (" & handlerEvents & ")"
Check newSession = 1, "one ASE_NEW_SESSION (" & newSession & ")"
Check busyEvents >= 1, "a call made the session busy"
Check agentEvents >= 2, "agent events followed (" & agentEvents & ")"
Check wrongObject = 0, "every event carried the objects the script holds"

WScript.DisconnectObject tapi
session.State = 4
tapi.Shutdown
WScript.Echo "script events.vbs: " & passed & " passed, " & failed & " failed"
If failed > 0 Then WScript.Quit 1
