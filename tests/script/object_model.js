// The call-center object model late-bound from JScript: Enumerator walks,
// try/catch error numbers.  Ends with "script object_model.js: N passed, M failed".
var passed = 0, failed = 0;

function check(condition, what) {
    if (condition)
        passed++;
    else {
        failed++;
        WScript.Echo("FAILED: " + what);
    }
}

function hex(number) {
    return (number >>> 0).toString(16).toUpperCase();
}

function checkError(f, number, text, what) {
    try {
        f();
        check(false, what + ": no error");
    } catch (e) {
        check(hex(e.number) == hex(number), what + ": number " + hex(e.number) + ", expected " + hex(number));
        check(e.description.indexOf(text) >= 0, what + ": description \"" + e.description + "\"");
    }
}

var tapi = WScript.CreateObject("Tapi3cc.TAPI");
tapi.Initialize();

var handlers = 0, handler = null;
for (var e = new Enumerator(tapi.AgentHandlers); !e.atEnd(); e.moveNext()) {
    handlers++;
    handler = e.item();
}
check(handlers == 1, "one agent handler");
check(handler.Name == "tapi3cc ACD emulator", "handler.Name");

var names = [];
for (var g = new Enumerator(handler.ACDGroups); !g.atEnd(); g.moveNext()) {
    var queues = [];
    for (var q = new Enumerator(g.item().Queues); !q.atEnd(); q.moveNext())
        queues.push(q.item().Name);
    names.push(g.item().Name + ":" + queues.join(","));
}
check(names.join(";") == "Sales:Sales Overflow,Sales Inbound;Support:Support Line", "groups and queues: " + names.join(";"));
check(handler.UsableAddresses.Count == 3, "UsableAddresses.Count");
check(handler.UsableAddresses.Item(3).DialableAddress == "2003", "UsableAddresses.Item(3)");

var agent = handler.CreateAgentWithID("1002", "2345");
var session = agent.CreateSessionWithPIN(handler.ACDGroups.Item(1), handler.UsableAddresses.Item(2), "2345");
session.State = 1;
check(session.State == 1, "session.State = 1");
check(session.ACDGroup.Name == "Sales", "session.ACDGroup.Name");
check(session.NumberOfCalls == 0 && session.TotalTalkTime == 0, "session statistics");
var sessions = 0;
for (var s = new Enumerator(agent.AgentSessions); !s.atEnd(); s.moveNext())
    sessions++;
check(sessions == 1, "one session through new Enumerator");

checkError(function () { handler.CreateAgentWithID("1002", "1"); }, 0x8004004A, "PIN is wrong", "wrong PIN");
checkError(function () { agent.CreateSessionWithPIN(handler.ACDGroups.Item(2), handler.UsableAddresses.Item(1), "2345"); },
           0x80040049, "may not log into", "bob in Support");
checkError(function () { return tapi.CallHubs; }, 0x80040003, "call-center objects only", "tapi.CallHubs");

session.State = 4;
tapi.Shutdown();
WScript.Echo("script object_model.js: " + passed + " passed, " + failed + " failed");
if (failed)
    WScript.Quit(1);
