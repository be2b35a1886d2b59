using AioGraphQL.AuthTour;
using AioGraphQL.DemoServer;

// Walks every pattern of the authentication guide against the embedded demo server and exits
// non-zero if any of them is not confirmed by the server.
await using var server = await DemoServerHost.StartAsync();
Console.WriteLine($"Demo server at {server.Endpoint}");

var tour = new Tour(server);
var failed = await tour.RunAsync();

Console.WriteLine(failed == 0
    ? "All patterns confirmed."
    : $"{failed} pattern(s) failed.");
return failed == 0 ? 0 : 1;
