namespace AioGraphQL.AuthTour;

/// <summary>The server's answer did not confirm what a pattern promises.</summary>
internal sealed class TourCheckException(string message) : Exception(message);
