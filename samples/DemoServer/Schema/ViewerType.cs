using AioGraphQL.DemoServer.Auth;
using GraphQL.Types;

namespace AioGraphQL.DemoServer.Schema;

/// <summary>The GraphQL <c>Viewer</c> type: who is calling and how they proved it.</summary>
internal sealed class ViewerType : ObjectGraphType<Viewer>
{
    /// <summary>Declares the type's fields.</summary>
    public ViewerType()
    {
        Name = "Viewer";

        Field<NonNullGraphType<StringGraphType>>("login")
            .Description("The caller's login, or 'anonymous'.")
            .Resolve(context => context.Source.Login);

        Field<NonNullGraphType<StringGraphType>>("authMethod")
            .Description("Which credential matched: bearer, basic, apikey, cookie or none.")
            .Resolve(context => context.Source.AuthMethod);
    }
}
