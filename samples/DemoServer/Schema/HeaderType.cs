using GraphQL.Types;

namespace AioGraphQL.DemoServer.Schema;

/// <summary>The GraphQL <c>Header</c> type: one request header as the server received it.</summary>
internal sealed class HeaderType : ObjectGraphType<KeyValuePair<string, string>>
{
    /// <summary>Declares the type's fields.</summary>
    public HeaderType()
    {
        Name = "Header";

        Field<NonNullGraphType<StringGraphType>>("name").Resolve(context => context.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("value").Resolve(context => context.Source.Value);
    }
}
