using Xunit;

namespace AioGraphQL.Client.IntegrationTests.Peers;

/// <summary>
/// Declares the xUnit collection whose test classes share one
/// <see cref="GraphQLWsPeerFixture"/> server and run
/// one after another; mark a class with
/// <c>[Collection(GraphQLWsPeerCollectionDefinition.Name)]</c>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GraphQLWsPeerCollectionDefinition
    : ICollectionFixture<GraphQLWsPeerFixture>
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "graphql-ws peer";
}
