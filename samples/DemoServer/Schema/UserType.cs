using GraphQL.Types;

namespace AioGraphQL.DemoServer.Schema;

/// <summary>The GraphQL <c>User</c> type.</summary>
internal sealed class UserType : ObjectGraphType<DemoUser>
{
    /// <summary>Declares the type's fields.</summary>
    public UserType()
    {
        Name = "User";

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("login").Resolve(context => context.Source.Login);
    }
}
