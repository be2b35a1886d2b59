using BenchmarkDotNet.Attributes;

namespace AioGraphQL.Client.Benchmarks;

/// <summary>One query at a time: the client against a plain HttpClient and JsonDocument.</summary>
[MemoryDiagnoser]
public class HttpQueryBenchmarks
{
    private QueryFixture? _fixture;

    [Params(ResponseSize.Small, ResponseSize.OneMegabyte)]
    public ResponseSize Response { get; set; }

    [GlobalSetup]
    public async Task SetupAsync() => _fixture = await QueryFixture.StartAsync(Response);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_fixture is not null)
        {
            await _fixture.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient + JsonDocument")]
    public Task RawAsync() => Fixture.RawQueryAsync();

    [Benchmark(Description = "GraphQLClient.QueryAsync")]
    public Task ClientAsync() => Fixture.ClientQueryAsync();

    // GlobalSetup has always run before a benchmark method is called.
    private QueryFixture Fixture => _fixture!;
}
