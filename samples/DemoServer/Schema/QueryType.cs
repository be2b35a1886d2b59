using AioGraphQL.DemoServer.Execution;
using GraphQL;
using GraphQL.Types;

namespace AioGraphQL.DemoServer.Schema;

/// <summary>The GraphQL <c>Query</c> root type.</summary>
internal sealed class QueryType : ObjectGraphType
{
    /// <summary>The longest <c>slow</c> may be asked to wait, in milliseconds.</summary>
    public const int MaxSlowMilliseconds = 600_000;

    /// <summary>The largest string <c>big</c> may be asked for, in kilobytes.</summary>
    public const int MaxBigKilobytes = 16_384;

    private readonly TimeProvider _timeProvider;

    /// <summary>Declares the root query fields.</summary>
    /// <param name="timeProvider">The clock <c>slow</c> waits on.</param>
    public QueryType(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        Name = "Query";

        Field<NonNullGraphType<ViewerType>>("viewer")
            .Description("Who is calling and which credential matched.")
            .Resolve(context => DemoUserContext.Of(context).Viewer);

        Field<UserType>("me")
            .Description("The signed-in user; an UNAUTHENTICATED error for anonymous callers.")
            .Resolve(ResolveMe);

        Field<NonNullGraphType<StringGraphType>>("hello")
            .Argument<StringGraphType>("name", argument => argument.DefaultValue = "world")
            .Resolve(context => $"Hello, {context.GetArgument<string?>("name") ?? "world"}!");

        Field<StringGraphType>("echoHeader")
            .Description("The named request header as received, or null when absent.")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Resolve(context =>
                DemoUserContext.Of(context).Headers.Get(context.GetArgument<string>("name")));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HeaderType>>>>("headers")
            .Description("Every request header as received.")
            .Resolve(context => DemoUserContext.Of(context).Headers.All);

        Field<StringGraphType>("boom")
            .Description("Always fails with a field error that has a code, detail and type.")
            .Resolve(_ => throw DemoErrors.Boom());

        Field<NonNullGraphType<StringGraphType>>("slow")
            .Description("Waits the given milliseconds, or until the request is aborted.")
            .Argument<NonNullGraphType<IntGraphType>>("ms")
            .ResolveAsync(ResolveSlowAsync);

        Field<NonNullGraphType<StringGraphType>>("big")
            .Description("A string of about the given number of kilobytes.")
            .Argument<NonNullGraphType<IntGraphType>>("kb")
            .Resolve(ResolveBig);
    }

    private static DemoUser ResolveMe(IResolveFieldContext context)
    {
        var viewer = DemoUserContext.Of(context).Viewer;
        if (viewer.IsAnonymous)
        {
            throw DemoErrors.Unauthenticated("me");
        }

        return new DemoUser("1", viewer.Login);
    }

    private async Task<object?> ResolveSlowAsync(IResolveFieldContext context)
    {
        var milliseconds = context.GetArgument<int>("ms");
        if (milliseconds is < 0 or > MaxSlowMilliseconds)
        {
            throw DemoErrors.OutOfRange("ms", 0, MaxSlowMilliseconds);
        }

        await Task.Delay(
            TimeSpan.FromMilliseconds(milliseconds),
            _timeProvider,
            context.CancellationToken);
        return "done";
    }

    private static string ResolveBig(IResolveFieldContext context)
    {
        var kilobytes = context.GetArgument<int>("kb");
        if (kilobytes is < 0 or > MaxBigKilobytes)
        {
            throw DemoErrors.OutOfRange("kb", 0, MaxBigKilobytes);
        }

        return new string('x', kilobytes * 1024);
    }
}
