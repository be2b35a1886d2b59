namespace AioGraphQL.Client;

/// <summary>
/// Runs one call under the caller's token and the client's time limit, and tells the two
/// apart afterwards: the caller's cancellation stays an <see cref="OperationCanceledException"/>
/// carrying the caller's token, the limit becomes a <see cref="GraphQLTimeoutException"/>.
/// </summary>
internal static class CallTimeout
{
    public static async Task<T> RunAsync<T>(
        Func<CancellationToken, Task<T>> call,
        TimeSpan timeout,
        TimeProvider timeProvider,
        string what,
        CancellationToken cancellationToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await MapAsync(call, timeoutSource: null, timeout, what, cancellationToken)
                .ConfigureAwait(false);
        }

        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var link = cancellationToken.UnsafeRegister(
            static state => ((CancellationTokenSource)state!).Cancel(),
            timeoutSource);
        return await MapAsync(call, timeoutSource, timeout, what, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<T> MapAsync<T>(
        Func<CancellationToken, Task<T>> call,
        CancellationTokenSource? timeoutSource,
        TimeSpan timeout,
        string what,
        CancellationToken callerToken)
    {
        try
        {
            return await call(timeoutSource?.Token ?? callerToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (callerToken.IsCancellationRequested)
        {
            if (ex.CancellationToken == callerToken)
            {
                throw;
            }

            throw new OperationCanceledException(ex.Message, ex, callerToken);
        }
        catch (OperationCanceledException ex) when (timeoutSource?.IsCancellationRequested == true)
        {
            throw new GraphQLTimeoutException(
                timeout,
                $"The {what} did not finish within {timeout.TotalSeconds:0.###} s.",
                ex);
        }
        catch (OperationCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            // An injected HttpClient's own Timeout ran out before ours.
            throw new GraphQLTimeoutException(
                timeout,
                $"The {what} ran past the HttpClient's own timeout.",
                ex);
        }
    }
}
