using BenchmarkDotNet.Attributes;

namespace AioGraphQL.Client.Benchmarks;

/// <summary>
/// Many queries in flight at once. Each invocation starts <see cref="InFlight"/> queries and
/// awaits them all; results are per query.
/// </summary>
[MemoryDiagnoser]
public class ConcurrentHttpQueryBenchmarks
{
    public const int InFlight = 64;

    private readonly Task[] _calls = new Task[InFlight];

    private QueryFixture? _fixture;

    [Params(ResponseSize.Small)]
    public ResponseSize Response { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _fixture = await QueryFixture.StartAsync(Response);

        // Open the connections up front so no case pays for the pool filling up.
        await RawAsync();
        await ClientAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_fixture is not null)
        {
            await _fixture.DisposeAsync();
        }
    }

    [Benchmark(
        Baseline = true,
        OperationsPerInvoke = InFlight,
        Description = "Raw HttpClient + JsonDocument, 64 in flight")]
    public Task RawAsync()
    {
        // GlobalSetup has always run before a benchmark method is called.
        var fixture = _fixture!;
        for (var i = 0; i < InFlight; i++)
        {
            _calls[i] = fixture.RawQueryAsync();
        }

        return Task.WhenAll(_calls);
    }

    [Benchmark(
        OperationsPerInvoke = InFlight,
        Description = "GraphQLClient.QueryAsync, 64 in flight")]
    public Task ClientAsync()
    {
        // GlobalSetup has always run before a benchmark method is called.
        var fixture = _fixture!;
        for (var i = 0; i < InFlight; i++)
        {
            _calls[i] = fixture.ClientQueryAsync();
        }

        return Task.WhenAll(_calls);
    }
}
