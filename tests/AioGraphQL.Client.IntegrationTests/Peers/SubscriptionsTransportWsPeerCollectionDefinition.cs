using Xunit;

namespace AioGraphQL.Client.IntegrationTests.Peers;

/// <summary>
/// Declares the xUnit collection whose test classes share one
/// <see cref="SubscriptionsTransportWsPeerFixture"/> server and run
/// one after another; mark a class with
/// <c>[Collection(SubscriptionsTransportWsPeerCollectionDefinition.Name)]</c>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SubscriptionsTransportWsPeerCollectionDefinition
    : ICollectionFixture<SubscriptionsTransportWsPeerFixture>
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "subscriptions-transport-ws peer";
}
