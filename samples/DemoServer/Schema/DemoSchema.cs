namespace AioGraphQL.DemoServer.Schema;

/// <summary>The demo server's whole GraphQL schema.</summary>
internal sealed class DemoSchema : GraphQL.Types.Schema
{
    /// <summary>Builds the schema over one host's state and clock.</summary>
    public DemoSchema(DemoState state, TimeProvider timeProvider)
    {
        Query = new QueryType(timeProvider);
        Mutation = new MutationType(state);
        Subscription = new SubscriptionType(state, timeProvider);
    }
}
