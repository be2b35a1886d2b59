using GraphQL;
using GraphQL.Types;

namespace AioGraphQL.DemoServer.Schema;

/// <summary>The GraphQL <c>Mutation</c> root type.</summary>
internal sealed class MutationType : ObjectGraphType
{
    /// <summary>Declares the root mutation fields.</summary>
    /// <param name="state">The state the mutations change.</param>
    public MutationType(DemoState state)
    {
        Name = "Mutation";

        Field<NonNullGraphType<StringGraphType>>("setGreeting")
            .Description("Stores a greeting and returns it.")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Resolve(context => state.Greeting = context.GetArgument<string>("text"));

        Field<NonNullGraphType<MessageType>>("addMessage")
            .Description("Adds a message and delivers it to every 'messages' subscriber.")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Resolve(context => state.Messages.Add(context.GetArgument<string>("text")));
    }
}
