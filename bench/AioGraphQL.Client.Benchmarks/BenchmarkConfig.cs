using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace AioGraphQL.Client.Benchmarks;

/// <summary>
/// The default configuration plus median, min and max, which show how noisy a shared machine
/// was during the run. The job and toolchain come from the command line (<c>--job short</c>,
/// <c>--inProcess</c>), because BenchmarkDotNet ignores <c>--job</c> when the configuration
/// names a job itself.
/// </summary>
internal sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
    }
}
