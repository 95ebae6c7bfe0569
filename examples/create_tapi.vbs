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

tapi.Shutdown
Set tapi = Nothing
WScript.Echo "  done"
