using System.Runtime.CompilerServices;
using AioGraphQL.DemoServer.Execution;
using GraphQL;
using GraphQL.Types;

namespace AioGraphQL.DemoServer.Schema;

/// <summary>The GraphQL <c>Subscription</c> root type.</summary>
internal sealed class SubscriptionType : ObjectGraphType
{
    /// <summary>The most events <c>counter</c> and <c>failAfter</c> may be asked for.</summary>
    public const int MaxEvents = 10_000;

    /// <summary>The longest pause <c>counter</c> may be asked for, in milliseconds.</summary>
    public const int MaxDelayMilliseconds = 60_000;

    private readonly TimeProvider _timeProvider;

    /// <summary>Declares the root subscription fields.</summary>
    /// <param name="state">Holds the message bus <c>messages</c> listens to.</param>
    /// <param name="timeProvider">The clock <c>counter</c> waits on between events.</param>
    public SubscriptionType(DemoState state, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        Name = "Subscription";

        Field<NonNullGraphType<IntGraphType>>("counter")
            .Description("Emits 1 to 'to', pausing 'delayMs' before each, then completes.")
            .Argument<IntGraphType>("to", argument => argument.DefaultValue = 3)
            .Argument<IntGraphType>("delayMs", argument => argument.DefaultValue = 0)
            .Resolve(context => context.Source)
            .ResolveStream(SubscribeCounter);

        Field<NonNullGraphType<ViewerType>>("whoami")
            .Description("Emits the connection's viewer once, then completes.")
            .Resolve(context => context.Source)
            .ResolveStream(context =>
                new AsyncEnumerableObservable(_ => Once(DemoUserContext.Of(context).Viewer)));

        Field<NonNullGraphType<MessageType>>("messages")
            .Description("Emits every message added by any client, until unsubscribed.")
            .Resolve(context => context.Source)
            .ResolveStream(_ => state.Messages);

        Field<NonNullGraphType<IntGraphType>>("failAfter")
            .Description("Emits 1 to 'count', then fails the operation with an error.")
            .Argument<IntGraphType>("count", argument => argument.DefaultValue = 1)
            .Resolve(context => context.Source)
            .ResolveStream(SubscribeFailAfter);
    }

    private AsyncEnumerableObservable SubscribeCounter(IResolveFieldContext context)
    {
        var to = ReadBoundedArgument(context, "to", 3, MaxEvents);
        var delay = ReadBoundedArgument(context, "delayMs", 0, MaxDelayMilliseconds);
        return new AsyncEnumerableObservable(
            token => CountAsync(to, TimeSpan.FromMilliseconds(delay), token));
    }

    private AsyncEnumerableObservable SubscribeFailAfter(IResolveFieldContext context)
    {
        var count = ReadBoundedArgument(context, "count", 1, MaxEvents);
        return new AsyncEnumerableObservable(token => FailAfterAsync(count, token));
    }

    private async IAsyncEnumerable<object?> CountAsync(
        int to,
        TimeSpan delay,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var value = 1; value <= to; value++)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _timeProvider, cancellationToken);
            }

            yield return value;
        }
    }

    private static async IAsyncEnumerable<object?> FailAfterAsync(
        int count,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var value = 1; value <= count; value++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return value;
        }

        await Task.Yield();
        throw DemoErrors.StreamFailed(count);
    }

    private static async IAsyncEnumerable<object?> Once(object value)
    {
        await Task.Yield();
        yield return value;
    }

    private static int ReadBoundedArgument(
        IResolveFieldContext context,
        string name,
        int defaultValue,
        int maximum)
    {
        var value = context.GetArgument<int?>(name) ?? defaultValue;
        if (value < 0 || value > maximum)
        {
            throw DemoErrors.OutOfRange(name, 0, maximum);
        }

        return value;
    }
}
