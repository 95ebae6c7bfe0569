// Events in JScript: WScript.ConnectObject on the TAPI object, delivered to the
// function tapi_Event while the script sleeps.  Ends with the summary line.
var TE_AGENT = 0x200, TE_AGENTSESSION = 0x400, ASE_NEW_SESSION = 0, ASE_READY = 2;
var passed = 0, failed = 0, agentEvents = 0, newSessions = 0, readies = 0, wrongObject = 0, session = null;

function check(condition, what) {
    if (condition)
        passed++;
    else {
        failed++;
        WScript.Echo("FAILED: " + what);
    }
}

function tapi_Event(type, event) {
    if (type == TE_AGENT)
        agentEvents++;
    if (type == TE_AGENTSESSION) {
        if (session != null && event.Session.Agent.ID != "1002")
            wrongObject++;
        if (event.Event == ASE_NEW_SESSION)
            newSessions++;
        if (event.Event == ASE_READY)
            readies++;
    }
}

var tapi = WScript.CreateObject("Tapi3cc.TAPI");
WScript.ConnectObject(tapi, "tapi_");
tapi.EventFilter = TE_AGENT | TE_AGENTSESSION;
tapi.Initialize();
var handler = new Enumerator(tapi.AgentHandlers).item();
var agent = handler.CreateAgentWithID("1002", "2345");
session = agent.CreateSessionWithPIN(handler.ACDGroups.Item(1), handler.UsableAddresses.Item(1), "2345");
session.State = 1;
for (var waited = 0; (readies == 0 || agentEvents == 0) && waited < 10000; waited += 100)
    WScript.Sleep(100);

check(newSessions == 1, "one ASE_NEW_SESSION (" + newSessions + ")");
check(readies >= 1, "ASE_READY arrived");
check(agentEvents >= 1, "an agent event arrived");
check(wrongObject == 0, "the events carried the session of agent 1002");

WScript.DisconnectObject(tapi);
session.State = 4;
tapi.Shutdown();
WScript.Echo("script events.js: " + passed + " passed, " + failed + " failed");
if (failed)
    WScript.Quit(1);
