using AioGraphQL.Client;

namespace AioGraphQL.AuthTour;

/// <summary>Reads who the server says is calling, and checks it.</summary>
internal static class Viewer
{
    public const string Query = "{ viewer { login authMethod } }";

    public static string Expect(GraphQLResponse response, string method)
    {
        response.ThrowIfErrors();
        var viewer = response.Data.GetProperty("viewer");
        var login = viewer.GetProperty("login").GetString();
        var actual = viewer.GetProperty("authMethod").GetString();
        if (actual != method)
        {
            throw new TourCheckException($"Expected {method}, the server saw {actual}.");
        }

        return $"server saw {login} via {actual}";
    }
}
