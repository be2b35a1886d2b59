using GraphQL.Types;

namespace AioGraphQL.DemoServer.Schema;

/// <summary>The GraphQL <c>Message</c> type.</summary>
internal sealed class MessageType : ObjectGraphType<DemoMessage>
{
    /// <summary>Declares the type's fields.</summary>
    public MessageType()
    {
        Name = "Message";

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("text").Resolve(context => context.Source.Text);
    }
}
