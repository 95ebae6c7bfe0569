' The VBScript half of the benchmark (bench_com runs it through tcchost): the same
' loop of property reads over a tapi3cc session and over Scripting.Dictionary's
' Count, each timed in this run; prints nanoseconds per read.
Option Explicit
Dim n, tapi, handler, agent, session, dictionary, i, value, started, elapsed
n = 100000
If WScript.Arguments.Count > 0 Then n = CLng(WScript.Arguments(0))

Set tapi = CreateObject("Tapi3cc.TAPI")
tapi.Initialize
For Each handler In tapi.AgentHandlers
    Exit For
Next
Set agent = handler.CreateAgent()
Set session = agent.CreateSession(handler.ACDGroups.Item(1), handler.UsableAddresses.Item(1))
Set dictionary = CreateObject("Scripting.Dictionary")

started = Timer
For i = 1 To n
    value = session.TotalTalkTime
Next
elapsed = Timer - started
WScript.Echo "session.TotalTalkTime: " & CStr(CLng(elapsed * 1e9 / n))

started = Timer
For i = 1 To n
    value = dictionary.Count
Next
elapsed = Timer - started
WScript.Echo "dictionary.Count: " & CStr(CLng(elapsed * 1e9 / n))

tapi.Shutdown
