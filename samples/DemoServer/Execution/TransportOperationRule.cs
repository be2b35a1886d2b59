using GraphQL.Validation;
using GraphQLParser.AST;

namespace AioGraphQL.DemoServer.Execution;

/// <summary>
/// Rejects, during validation and so before anything runs, the operation types a transport
/// cannot carry: subscriptions over HTTP, and mutations over HTTP GET.
/// </summary>
internal sealed class TransportOperationRule : ValidationRuleBase
{
    /// <summary>The error code of a mutation sent with GET, which HTTP answers with 405.</summary>
    public const string MutationOverGetCode = "MUTATION_OVER_GET";

    /// <summary>The error code of a subscription sent over HTTP.</summary>
    public const string SubscriptionOverHttpCode = "SUBSCRIPTION_OVER_HTTP";

    private readonly bool _allowMutations;

    private TransportOperationRule(bool allowMutations)
    {
        _allowMutations = allowMutations;
    }

    /// <summary>The rule for HTTP GET: queries only.</summary>
    public static TransportOperationRule HttpGet { get; } = new(allowMutations: false);

    /// <summary>The rule for HTTP POST: queries and mutations.</summary>
    public static TransportOperationRule HttpPost { get; } = new(allowMutations: true);

    /// <inheritdoc/>
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operationType = context.Operation.Operation;
        if (operationType == OperationType.Subscription)
        {
            context.ReportError(new ValidationError(
                "Subscriptions are served over WebSocket only; connect with ws:// to this path.")
            {
                Code = SubscriptionOverHttpCode,
            });
        }
        else if (operationType == OperationType.Mutation && !_allowMutations)
        {
            context.ReportError(new ValidationError("Mutations cannot be sent with GET; use POST.")
            {
                Code = MutationOverGetCode,
            });
        }

        return default;
    }
}
